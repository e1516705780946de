// @tempo-sdk/msw's README example of the test preset, run here (msw cannot depend on the client: the client's
// tests depend on msw). The lines between the markers must be the README's block, apart from the import paths;
// the last test checks that, so the README cannot drift from what runs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

// README:start
// retries.test.ts
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createTempoClient } from '../src/index.js';
import { testClientOptions } from '../src/testing/index.js';
import { createTempoMock, MOCK_API_TOKEN } from '@tempo-sdk/msw';

const mock = createTempoMock({ today: '2026-03-18' });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
});
afterAll(() => server.close());

it('gets the worklogs through two 503s', async () => {
  const test = testClientOptions(); // virtual clock, no throttle, 1 s timeouts
  const tempo = createTempoClient({ token: MOCK_API_TOKEN, ...test });
  mock.faults.add({ operationId: 'getWorklogs', status: 503, times: 2 });

  const page = await tempo.worklogs.getWorklogs({ query: { limit: 5 } });

  expect(page.results).toHaveLength(5);
  expect(test.clock.sleeps).toEqual([5000, 10000]); // Tempo's pauses, passed in virtual time
});
// README:end

describe('the README of @tempo-sdk/msw', () => {
  it('shows exactly the example above', () => {
    const own = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const example = own
      .slice(own.indexOf('// README:start\n') + '// README:start\n'.length, own.indexOf('// README:end'))
      .replace("'../src/testing/index.js'", "'@tempo-sdk/client/testing'")
      .replace("'../src/index.js'", "'@tempo-sdk/client'");
    const readme = readFileSync(fileURLToPath(new URL('../../msw/README.md', import.meta.url)), 'utf8');
    const marker = '<!-- example: client-test-preset -->\n```ts\n';
    const start = readme.indexOf(marker);
    expect(start).toBeGreaterThan(-1);
    const block = readme.slice(start + marker.length, readme.indexOf('```', start + marker.length));
    expect(block).toBe(example);
  });
});
