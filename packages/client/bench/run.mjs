#!/usr/bin/env node
/**
 * Runs every benchmark in its own child process (so one does not warm up or fragment the heap of the next),
 * prints the results, and rewrites the "Benchmarks" section of the package README between
 * `<!-- bench:start -->` and `<!-- bench:end -->`. Needs a build (`dist/`): `corepack pnpm bench` does it.
 * Tests never assert these numbers; the goals are written next to them.
 */
import { execFileSync } from 'node:child_process';
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
  { ...run('memory.mjs', ['1000', 'client'], ['--expose-gc', '--max-semi-space-size=4']), flags: '--max-semi-space-size=4' },
  { ...run('memory.mjs', ['1000', 'bare'], ['--expose-gc', '--max-semi-space-size=4']), flags: '--max-semi-space-size=4' },
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
for (const [name, r] of Object.entries(throughput)) lines.push(`| ${name} | ${fmt(r.opsPerSec)} | ${ratio(r.opsPerSec, bareOps)} |`);
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

const text = readFileSync(readme, 'utf8');
const start = text.indexOf('<!-- bench:start -->');
const end = text.indexOf('<!-- bench:end -->');
if (start === -1 || end === -1) throw new Error('README.md has no bench markers');
writeFileSync(readme, `${text.slice(0, start)}<!-- bench:start -->\n${section}\n${text.slice(end)}`);
console.log('README.md updated');
