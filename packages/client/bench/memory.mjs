/**
 * (d) Peak RSS growth while iterating 100 000 worklogs with `paginate` from the local server.
 * Run with --expose-gc: the baseline is taken after a full GC; RSS is sampled after every page and on a 5 ms timer.
 * `node --expose-gc bench/memory.mjs <pageSize> [client|bare]`: `bare` walks the same pages with plain fetch +
 * JSON, following `next` by hand: the floor that any fetch-based client shares.
 */
import { createTempoClient } from '../dist/index.js';
import { spawnBenchServer } from './spawn-server.mjs';

const TOTAL = 100_000;
const pageSize = Number(process.argv[2] ?? 1000);
const mode = process.argv[3] ?? 'client';
const server = await spawnBenchServer();
try {
  const tempo = createTempoClient({ token: 'bench-token-0123456789', baseUrl: server.baseUrl, rateLimit: false });
  // Warm up the client and fetch machinery so their one-off allocations are not counted as growth.
  for await (const _ of tempo.paginate('getWorklogs', { query: { total: 10 } }, { pageSize: 5 }));
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 50));
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  const baselineHeap = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 5);
  let items = 0;
  let checksum = 0;
  const started = performance.now();
  let pages = 0;
  if (mode === 'bare') {
    let next = `${server.baseUrl}/worklogs?total=${TOTAL}&limit=${pageSize}`;
    while (next) {
      const page = await (await fetch(next, { headers: { authorization: 'Bearer bench-token-0123456789' } })).json();
      pages++;
      for (const w of page.results) {
        items++;
        checksum += w.tempoWorklogId;
      }
      sample();
      next = page.metadata.next;
    }
  } else {
    const iterable = tempo.paginate('getWorklogs', { query: { total: TOTAL } }, { pageSize });
    for await (const w of iterable) {
      items++;
      checksum += w.tempoWorklogId;
      if (items % pageSize === 0) sample();
    }
    pages = iterable.pagesFetched;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  globalThis.gc?.();
  const retainedMB = Number(((process.memoryUsage().heapUsed - baselineHeap) / 2 ** 20).toFixed(1));
  if (items !== TOTAL || checksum !== (TOTAL * (TOTAL + 1)) / 2)
    throw new Error(`read ${items} items, checksum ${checksum}`);
  process.stdout.write(
    JSON.stringify({
      items,
      pageSize,
      mode,
      pages,
      seconds: Number(seconds.toFixed(2)),
      baselineMB: Number((baseline / 2 ** 20).toFixed(1)),
      peakGrowthMB: Number(((peak - baseline) / 2 ** 20).toFixed(1)),
      heapRetainedAfterGcMB: retainedMB,
    }),
  );
} finally {
  await server.close();
}
