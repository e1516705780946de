/**
 * A small, fair comparison loop: variants run in interleaved rounds (order rotated each round) so that drift in
 * machine load hits them alike; each round counts the calls completed in a fixed time by `concurrency` workers.
 * The reported figure is the median over rounds.
 */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function runFor(run, ms, concurrency) {
  let count = 0;
  const deadline = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      await run();
      count++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (count * 1000) / (performance.now() - started);
}

/**
 * @param {{ name: string, run: () => Promise<unknown> }[]} variants
 * @returns {Promise<Record<string, { opsPerSec: number, meanUs: number }>>}
 */
export async function compare(variants, { rounds = 7, ms = 600, warmupMs = 400, concurrency = 1 } = {}) {
  for (const v of variants) await runFor(v.run, warmupMs, concurrency);
  const samples = new Map(variants.map((v) => [v.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length]);
    for (const v of order) samples.get(v.name).push(await runFor(v.run, ms, concurrency));
  }
  const out = {};
  for (const [name, values] of samples) {
    const opsPerSec = median(values);
    out[name] = { opsPerSec: Math.round(opsPerSec), meanUs: Math.round((1e6 * concurrency) / opsPerSec) };
  }
  return out;
}
