#!/usr/bin/env node
/**
 * How long "the two-503 test" takes (issue 15 §2): a client meets two 503s from @tempo-sdk/msw on `getWorklogs`
 * and then gets its page — with `testClientOptions()` from `@tempo-sdk/client/testing`, and once with the
 * production defaults for comparison. Wall time per run, from creating the client to the page; the mock and msw are
 * set up once. Needs a build (`dist/`). Prints JSON; the figures are written down in the README by hand.
 *
 *   node bench/test-preset.mjs [runs=50] [--with-defaults]
 */
import { performance } from 'node:perf_hooks';
import { createTempoMock, MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { setupServer } from 'msw/node';
import { createTempoClient } from '../dist/index.js';
import { testClientOptions } from '../dist/testing/index.js';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 50);
const withDefaults = process.argv.includes('--with-defaults');

const mock = createTempoMock({ today: '2026-03-18' });
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: 'error' });

async function twoFailures(options) {
  mock.faults.clear();
  mock.faults.add({ operationId: 'getWorklogs', status: 503, times: 2 });
  const started = performance.now();
  const tempo = createTempoClient({ token: MOCK_API_TOKEN, ...options() });
  const page = await tempo.worklogs.getWorklogs({ query: { limit: 5 } });
  if (page.results.length !== 5) throw new Error('unexpected page');
  return performance.now() - started;
}

await twoFailures(() => testClientOptions()); // warm-up: module loading, msw's first request, the validators
const times = [];
for (let i = 0; i < runs; i++) times.push(await twoFailures(() => testClientOptions()));
times.sort((a, b) => a - b);
const result = {
  node: process.version,
  runs,
  presetMs: {
    median: round(times[Math.floor(runs / 2)]),
    p95: round(times[Math.floor(runs * 0.95)]),
    max: round(times.at(-1)),
  },
};
if (withDefaults) result.defaultsMs = round(await twoFailures(() => ({})));
server.close();
console.log(JSON.stringify(result, null, 2));

function round(ms) {
  return Math.round(ms * 10) / 10;
}
