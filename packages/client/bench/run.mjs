#!/usr/bin/env node
/**
 * Runs every benchmark in its own child process (so one does not warm up or fragment the heap of the next),
 * prints the results, and rewrites the "Benchmarks" section of the package README between
 * `<!-- bench:start -->` and `<!-- bench:end -->`. Needs a build (`dist/`): `corepack pnpm bench` does it.
 * Tests never assert these numbers; the goals are written next to them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const readme = join(here, '..', 'README.md');

function run(script, args = [], nodeFlags = []) {
  const out = execFileSync(process.execPath, [...nodeFlags, join(here, script), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  });
  return JSON.parse(out);
}

const ratio = (a, b) => (a / b).toFixed(2);
const fmt = (n) => n.toLocaleString('en-US');
/** `--only pagination`: run (e) alone and rewrite only its part of the README. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

/** Writes `section` between `<!-- name:start -->` and `<!-- name:end -->` in the README. */
function writeSection(name, section) {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start === -1 || end === -1) throw new Error(`README.md has no ${name} markers`);
  writeFileSync(readme, `${text.slice(0, start)}<!-- ${name}:start -->\n${section}\n${text.slice(end)}`);
}

/** Runs a script in a child process without blocking, for benchmarks that mostly wait. */
function runAsync(script, args = []) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', join(here, script), ...args],
      { encoding: 'utf8', timeout: 300_000 },
      (error, out) => (error ? reject(error) : resolve(JSON.parse(out))),
    );
  });
}

/**
 * (e) Pagination at Tempo's limit. The cells mostly wait (latency, the 5-per-second limiter), so 3 run at once,
 * each in its own process with its own server, limiter and memory.
 */
async function paginationSection() {
  const cells = [];
  for (const pages of [20, 100]) {
    for (const pageSize of [1000, 5000]) {
      for (const latency of [0, 100, 300, 1000]) {
        // 100 pages at 1 s take 100 s sequentially: measured for pages of 1,000 only, to keep the run short.
        if (pages === 100 && latency === 1000 && pageSize === 5000) continue;
        for (const mode of ['sequential', 'prefetch']) cells.push([pages, pageSize, latency, mode]);
      }
    }
  }
  // Longest first, so the slow cells do not end up alone at the end.
  const cost = ([pages, , latency, mode]) => pages * Math.max(200, mode === 'sequential' ? latency : latency / 3);
  const queue = [...cells].sort((a, b) => cost(b) - cost(a));
  const results = new Map();
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let cell = queue.shift(); cell; cell = queue.shift()) {
        results.set(cell.join(' '), await runAsync('pagination.mjs', cell.map(String)));
      }
    }),
  );
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'CPU'}, shared machine; one run per cell, 3 cells at a time.`,
    '',
    "**(e) `paginate` at Tempo's speed limit** — worklog pages from the local server, each answered after the latency",
    "(building the page included), the client's default rate limiter (5 per second, 3 in flight). Tempo's limit is",
    'max(pages / 5 s, pages × latency / 3); "× limit" is limit ÷ time (1.00 = as fast as Tempo allows; above 1 the',
    'formula is pessimistic for short latencies). Sequential is `prefetchPages: 0`, prefetch the default (3).',
    'Goals: ≥ 0.85× of the limit at 300 ms and 1 s; at 0 ms no slower than sequential; at most 1 + 3 pages held.',
    '',
    '| pages | page size | latency | limit (s) | sequential: s | items/s | × limit | prefetch: s | items/s | × limit | speed-up | peak RSS seq / prefetch (MB) | one page (MB JSON) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const pages of [20, 100]) {
    for (const pageSize of [1000, 5000]) {
      for (const latency of [0, 100, 300, 1000]) {
        const seq = results.get(`${pages} ${pageSize} ${latency} sequential`);
        const pre = results.get(`${pages} ${pageSize} ${latency} prefetch`);
        if (!seq || !pre) continue;
        lines.push(
          `| ${pages} | ${fmt(pageSize)} | ${latency} ms | ${pre.limitSeconds} | ${seq.seconds} | ${fmt(seq.itemsPerSecond)} | ${seq.ofLimit.toFixed(2)} | ` +
            `${pre.seconds} | ${fmt(pre.itemsPerSecond)} | ${pre.ofLimit.toFixed(2)} | ${ratio(seq.seconds, pre.seconds)}× | ${seq.peakRssMB} / ${pre.peakRssMB} | ${pre.pageMB} |`,
        );
      }
    }
  }
  lines.push('', '100 pages × 1 s latency is measured for pages of 1,000 only (sequentially it alone takes 100 s).');
  return lines.join('\n');
}

if (only === 'pagination') {
  console.log('pagination at the limit…');
  const section = await paginationSection();
  console.log(`\n${section}\n`);
  writeSection('bench:pagination', section);
  console.log('README.md updated');
  process.exit(0);
}

console.log('throughput (stubbed fetch)…');
const throughput = run('throughput.mjs');
console.log('overhead and tempo-client (local HTTP server)…');
const overhead = run('overhead.mjs');
console.log('memory (100 000 worklogs)…');
const memory = [
  run('memory.mjs', ['1000', 'client'], ['--expose-gc']),
  run('memory.mjs', ['1000', 'bare'], ['--expose-gc']),
  run('memory.mjs', ['5000', 'client'], ['--expose-gc']),
  run('memory.mjs', ['5000', 'bare'], ['--expose-gc']),
  {
    ...run('memory.mjs', ['1000', 'client'], ['--expose-gc', '--max-semi-space-size=4']),
    flags: '--max-semi-space-size=4',
  },
  {
    ...run('memory.mjs', ['1000', 'bare'], ['--expose-gc', '--max-semi-space-size=4']),
    flags: '--max-semi-space-size=4',
  },
];

const bareOf = (table) => table['bare fetch'].meanUs;
const lines = [];
lines.push(
  `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'CPU'}, ` +
    'on a shared 2-core machine (other jobs running): expect ±10 % between runs. Medians of 7 interleaved rounds.',
  '',
  '**(a) Overhead of a typed call vs a bare `fetch`** — `GET /4/worklogs/{id}` against a local `node:http` server in a',
  'child process, rate limiter off, default 30 s timeout. Goal ≤ 1.05×.',
  '',
  '| client | sequential: µs/call | × bare | 8 in parallel: calls/s | × bare (time) |',
  '| --- | ---: | ---: | ---: | ---: |',
);
for (const name of Object.keys(overhead.sequential)) {
  const s = overhead.sequential[name];
  const p = overhead.parallel[name];
  lines.push(
    `| ${name} | ${s.meanUs} | ${ratio(s.meanUs, bareOf(overhead.sequential))} | ${fmt(p.opsPerSec)} | ${ratio(p.meanUs, bareOf(overhead.parallel))} |`,
  );
}
const legacy = overhead.sequential['tempo-client 4.2.0 (axios)'];
const ours = overhead.sequential['@tempo-sdk/client facade'];
const legacyPar = overhead.parallel['tempo-client 4.2.0 (axios)'];
const oursPar = overhead.parallel['@tempo-sdk/client facade'];
lines.push(
  '',
  `**(c) vs \`tempo-client\` 4.2.0** (same table): the facade is ${ratio(legacy.meanUs, ours.meanUs)}× as fast sequentially and ` +
    `${ratio(oursPar.opsPerSec, legacyPar.opsPerSec)}× in parallel (goal ≥ 1.5×). tempo-client targets \`/core/3\` by default; ` +
    'with `intermediatePath: "/4"` it calls the same v4 paths, so the server answers one set of routes.',
  '',
  '**(b) Throughput vs bare openapi-fetch with a stubbed fetch** (no network; what remains is client overhead). Goal ≥ 0.8×',
  'with the rate limiter off.',
  '',
  '| client | calls/s | × bare openapi-fetch |',
  '| --- | ---: | ---: |',
);
const bareOps = throughput['bare openapi-fetch GET'].opsPerSec;
for (const [name, r] of Object.entries(throughput))
  lines.push(`| ${name} | ${fmt(r.opsPerSec)} | ${ratio(r.opsPerSec, bareOps)} |`);
lines.push(
  '',
  '**(d) Peak RSS growth while iterating 100 000 worklogs with `paginate`** (local server, limiter off; baseline after a',
  'full GC; RSS sampled every page and every 5 ms). Goal < 50 MB. "bare" walks the same pages with `fetch` + `.json()`.',
  '',
  '| iteration | page size | node flags | pages | seconds | peak RSS growth (MB) | heap retained after GC (MB) |',
  '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
);
for (const m of memory) {
  lines.push(
    `| ${m.mode === 'bare' ? 'bare fetch loop' : 'tempo.paginate'} | ${m.pageSize} | ${m.flags ?? 'defaults'} | ${m.pages} | ${m.seconds} | ${m.peakGrowthMB} | ${m.heapRetainedAfterGcMB} |`,
  );
}
const section = lines.join('\n');
console.log(`\n${section}\n`);
console.log('pagination at the limit…');
const pagination = await paginationSection();
console.log(`\n${pagination}\n`);

const text = readFileSync(readme, 'utf8');
const start = text.indexOf('<!-- bench:start -->');
const end = text.indexOf('<!-- bench:end -->');
if (start === -1 || end === -1) throw new Error('README.md has no bench markers');
writeFileSync(readme, `${text.slice(0, start)}<!-- bench:start -->\n${section}\n${text.slice(end)}`);
writeSection('bench:pagination', pagination);
console.log('README.md updated');
