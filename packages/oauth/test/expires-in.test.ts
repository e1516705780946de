// A rotated answer with an out-of-range expires_in must never cost the rotated refresh token: the set is brought
// into range before it is built, so the store accepts it and the new refresh token is on disk.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_EXPIRES_IN_SECONDS, TokenManager, computeExpiresAt } from '../src/index.js';
import { FileTokenStore } from '../src/node/index.js';
import { client, useTempoMockServer } from './support/mock.js';

const { mock, server } = useTempoMockServer();
const dir = mkdtempSync(join(tmpdir(), 'tempo-oauth-expires-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('expires_in out of range', () => {
  it.each([1e306, Number.MAX_VALUE, 1e20, '1e306', '1e400', -1, -1e306, 'NaN', 'Infinity', null, '', {}])(
    'keeps the rotated tokens on disk when Tempo answers expires_in %j',
    async (expiresIn) => {
      const file = join(dir, `tokens-${String(expiresIn)}.json`);
      const issued = mock.oauth.issueTokens();
      const store = new FileTokenStore(file);
      await store.set({
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        expiresAt: Date.now() - 1,
        tokenType: 'Bearer',
      });
      // The mock's real rotation (the old refresh token is spent), answered with the odd expires_in.
      server.use(
        http.post('https://api.tempo.io/oauth/token/', async ({ request }) =>
          HttpResponse.json({
            ...mock.oauth.token(new URLSearchParams(await request.text()), null),
            expires_in: expiresIn,
          }),
        ),
      );
      const manager = new TokenManager({ ...client, store, logger: {} });
      const accessToken = await manager.getAccessToken();
      const rotatedRefresh = mock.oauth.stats.issuedRefreshTokens.at(-1);
      expect(accessToken).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
      const saved = JSON.parse(readFileSync(file, 'utf8')).tokens;
      expect(saved.refreshToken).toBe(rotatedRefresh);
      expect(Number.isFinite(saved.expiresAt)).toBe(true);
      expect(saved.expiresAt - saved.issuedAt).toBeLessThanOrEqual(MAX_EXPIRES_IN_SECONDS * 1000);
    },
  );

  it('computeExpiresAt always returns a finite time', () => {
    for (const seconds of [1e306, Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NaN, -5]) {
      expect(Number.isFinite(computeExpiresAt(seconds, 1_000))).toBe(true);
    }
    expect(computeExpiresAt(1e306, 1_000)).toBe(1_000 + MAX_EXPIRES_IN_SECONDS * 1000);
    expect(computeExpiresAt(-5, 1_000)).toBe(1_000);
  });
});
