/**
 * (e) Pagination at Tempo's speed limit: `paginate` over `pages` pages of `pageSize` worklogs from the local server,
 * each answer delayed by `latencyMs`, with the client's default rate limiter (5 per second, 3 in flight), read
 * one page at a time (`sequential`, `prefetchPages: 0`) or with read-ahead (`prefetch`, the default).
 * `node bench/pagination.mjs <pages> <pageSize> <latencyMs> <sequential|prefetch>` prints one JSON line.
 * Peak RSS is the process's maximum resident set (getrusage), next to the RSS before iterating.
 */
import { createTempoClient } from '../dist/index.js';
import { spawnBenchServer } from './spawn-server.mjs';

const [pages, pageSize, latencyMs] = process.argv.slice(2, 5).map(Number);
const mode = process.argv[5] ?? 'prefetch';
const server = await spawnBenchServer();
try {
  const token = 'bench-token-0123456789';
  // Warm up with a client of its own, so its requests do not count against the measured client's limiter.
  const warm = createTempoClient({ token, baseUrl: server.baseUrl });
  for await (const _ of warm.paginate('getWorklogs', { query: { total: 4 } }, { pageSize: 2 }));
  const sample = await fetch(`${server.baseUrl}/worklogs?total=${pageSize}&limit=${pageSize}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const pageMB = (await sample.arrayBuffer()).byteLength / 2 ** 20;
  globalThis.gc?.();
  const baselineRss = process.memoryUsage().rss;

  const tempo = createTempoClient({ token, baseUrl: server.baseUrl });
  const total = pages * pageSize;
  const options = { pageSize, ...(mode === 'sequential' ? { prefetchPages: 0 } : {}) };
  const started = performance.now();
  let items = 0;
  let checksum = 0;
  const iterable = tempo.paginate('getWorklogs', { query: { total, latency: latencyMs } }, options);
  for await (const w of iterable) {
    items++;
    checksum += w.tempoWorklogId;
  }
  const seconds = (performance.now() - started) / 1000;
  if (items !== total || checksum !== (total * (total + 1)) / 2)
    throw new Error(`read ${items} items, checksum ${checksum}`);
  // Tempo's limit: 5 requests per second and 3 in flight, whichever is slower.
  const limitSeconds = Math.max(pages / 5, (pages * latencyMs) / 1000 / 3);
  process.stdout.write(
    JSON.stringify({
      pages,
      pageSize,
      latencyMs,
      mode,
      pagesFetched: iterable.pagesFetched,
      seconds: Number(seconds.toFixed(2)),
      itemsPerSecond: Math.round(items / seconds),
      limitSeconds: Number(limitSeconds.toFixed(2)),
      ofLimit: Number((limitSeconds / seconds).toFixed(2)),
      pageMB: Number(pageMB.toFixed(1)),
      baselineRssMB: Number((baselineRss / 2 ** 20).toFixed(1)),
      peakRssMB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    }),
  );
} finally {
  await server.close();
}
