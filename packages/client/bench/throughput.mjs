/**
 * (b) Throughput vs bare openapi-fetch with a stubbed fetch (no network: what remains is client overhead).
 * The rate limiter is off for the comparison; "limiter on" figures are information only.
 */
import createClient from 'openapi-fetch';
import { createTempoClient } from '../dist/index.js';
import { worklog } from './server.mjs';
import { compare } from './measure.mjs';

const body = JSON.stringify(worklog(126));
const stubFetch = async () =>
  new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
  });
const baseUrl = 'https://api.tempo.io/4';
const params = { params: { path: { id: '126' } } };

const bare = createClient({ baseUrl, fetch: stubFetch, headers: { Authorization: 'Bearer bench-token-0123456789' } });
const off = createTempoClient({ token: 'bench-token-0123456789', fetch: stubFetch, rateLimit: false });
const high = createTempoClient({
  token: 'bench-token-0123456789',
  fetch: stubFetch,
  rateLimit: { requestsPerSecond: 1_000_000_000, maxConcurrent: 1_000_000 },
});
const byDefault = createTempoClient({ token: 'bench-token-0123456789', fetch: stubFetch });

const main = await compare(
  [
    { name: 'bare openapi-fetch GET', run: () => bare.GET('/worklogs/{id}', params) },
    { name: '@tempo-sdk/client GET (limiter off)', run: () => off.GET('/worklogs/{id}', params) },
    { name: '@tempo-sdk/client facade (limiter off)', run: () => off.worklogs.getWorklogById({ path: { id: '126' } }) },
    { name: '@tempo-sdk/client GET (limiter on, limits out of reach)', run: () => high.GET('/worklogs/{id}', params) },
  ],
  { concurrency: 1 },
);
const limited = await compare(
  [
    {
      name: '@tempo-sdk/client GET (default limiter: 5/s, 3 in flight)',
      run: () => byDefault.GET('/worklogs/{id}', params),
    },
  ],
  {
    rounds: 1,
    ms: 3000,
    warmupMs: 0,
    concurrency: 8,
  },
);
process.stdout.write(JSON.stringify({ ...main, ...limited }));
