// The README's "Testing against the Tempo mock" example, run as a test. The example's lines are copied below
// verbatim (only the package imports point at src/); the first test checks that the README still says exactly this.
import { readFileSync } from 'node:fs';
import { createTempoMock, MOCK_OAUTH_CLIENT } from '@tempo-sdk/msw';
import { setupServer } from 'msw/node';
import { describe, expect, it, vi } from 'vitest';
import { MemoryTokenStore, TokenManager, buildAuthorizeUrl, exchangeCode, verifyCallback } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const thisFile = readFileSync(new URL(import.meta.url), 'utf8');

describe('README: testing against the Tempo mock', () => {
  it('is the code this test runs, line for line', () => {
    const block = /```ts\n\/\/ example: mock-flow\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const lines = block
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('import '));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => !thisFile.includes(line))).toEqual([]);
  });

  it('runs, and its assertions hold', async () => {
    const failed: unknown[] = [];
    const assert = vi
      .spyOn(console, 'assert')
      .mockImplementation((condition, message) => void (condition || failed.push(message)));
    try {
      const mock = createTempoMock({ data: 'empty' });
      const server = setupServer(...mock.handlers);
      server.listen({ onUnhandledRequest: 'error' });
      try {
        const { clientId, clientSecret, redirectUri } = MOCK_OAUTH_CLIENT;
        const { url, state } = buildAuthorizeUrl({ clientId, redirectUri, jiraSite: 'acme' });
        // The mock's consent page redirects at once, as if the user had clicked "Accept".
        const consent = await fetch(url, { redirect: 'manual' });
        const code = verifyCallback(consent.headers.get('location') ?? '', { expectedState: state });
        const tokens = await exchangeCode({ clientId, clientSecret, redirectUri, code });

        const manager = new TokenManager({ clientId, clientSecret, store: new MemoryTokenStore(tokens) });
        const rotated = await manager.refresh();
        console.assert(rotated.refreshToken !== tokens.refreshToken, 'Tempo rotates the refresh token');
        console.assert((await manager.getAccessToken()) === rotated.accessToken, 'the manager hands out the new token');
        console.assert(mock.oauth.stats.refreshes === 1, 'one refresh at Tempo');
      } finally {
        server.close();
      }
      expect(assert).toHaveBeenCalledTimes(3);
    } finally {
      assert.mockRestore();
    }
    expect(failed).toEqual([]);
  });
});
