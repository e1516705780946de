// Memory held by the mock after N authorize requests (issue 12 item 13): run with `node --expose-gc`.
// `node --expose-gc bench/oauth-memory.mjs [N]` (turbo builds dist first via `pnpm bench`, or build by hand).
import { createTempoMock, MOCK_OAUTH_CLIENT } from '../dist/index.js';

const n = Number(process.argv[2] ?? 80_000);
const mock = createTempoMock({ today: '2026-03-18', data: 'empty' });
const url = `https://api.tempo.io/oauth/authorize/redirect?client_id=${MOCK_OAUTH_CLIENT.clientId}&redirect_uri=${encodeURIComponent(MOCK_OAUTH_CLIENT.redirectUri)}&state=s`;
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
// Warm up (compiled handlers, msw's matching) before the baseline.
for (let i = 0; i < 200; i++) await mock.fetch(url);
const before = heap();
for (let i = 0; i < n; i++) {
  const res = await mock.fetch(url);
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
}
const after = heap();
console.log(
  JSON.stringify({
    requests: n,
    heapGrowthMiB: +((after - before) / 2 ** 20).toFixed(1),
    authorizations: mock.oauth.stats.authorizations,
  }),
);
