#!/usr/bin/env node
// Benchmark: `timesheet export` keeps memory flat however many worklogs it streams.
// Runs the BUILT CLI (dist/cli.js) as a child process against the standalone mock seeded with N worklogs, for
// several N, and reports wall time, throughput and the child's peak RSS (process.resourceUsage().maxRSS).
// Usage: node bench/export-memory.mjs [N…]   (default 2000 20000 100000); build first.
// BENCH_NODE_OPTIONS="--max-old-space-size=24" runs the CLI with a capped heap: if the export held its records,
// it would run out of memory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { startTempoMockServer } from '@tempo-sdk/msw/server';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const counts = sizes.length ? sizes : [2000, 20000, 100000];
const FROM = '2025-01-01';
const DAYS = 365;
const PAGE_SIZE = 5000; // Tempo's maximum: fewest requests (the client keeps to Tempo's 5 requests/s)
// Prints the child's peak RSS on exit, without touching the app.
const reportRss = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxRSS='+process.resourceUsage().maxRSS+'\\n'))`;

function date(i) {
  const d = new Date(Date.UTC(2025, 0, 1) + (i % DAYS) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function runOnce(count, format) {
  const server = await startTempoMockServer({
    data: 'empty',
    today: '2025-12-31',
    onInternalError: (e) => console.error(e),
  });
  const { db } = server.mock;
  const user = db.users.create({ accountId: '712020:bench-user', displayName: 'Bench' });
  db.projects.create({ key: 'B', name: 'Bench' });
  const issue = db.issues.create({ key: 'B-1', projectId: db.projects.all()[0].id, summary: 'Benchmark' });
  for (let i = 0; i < count; i++) {
    db.worklogs.create({
      issueId: issue.id,
      authorAccountId: user.accountId,
      startDate: date(i),
      timeSpentSeconds: 1800,
      description: `Worklog ${i}, with "quotes", commas and a longer description to make rows realistic`,
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'timesheet-bench-'));
  const out = join(dir, `export.${format}`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_OPTIONS ? process.env.BENCH_NODE_OPTIONS.split(' ') : []),
      '--import',
      reportRss,
      cli,
      'export',
      '--from',
      FROM,
      '--to',
      '2025-12-31',
      '--format',
      format,
      '--page-size',
      String(PAGE_SIZE),
      '--out',
      out,
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        TEMPO_TIMESHEET_HOME: dir,
        TEMPO_BASE_URL: server.baseUrl,
        TEMPO_API_TOKEN: MOCK_API_TOKEN,
        TEMPO_ACCOUNT_ID: user.accountId,
      },
    },
  );
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  if (code !== 0) throw new Error(`export failed (${code}): ${stderr}`);
  const rssMiB = Number(/maxRSS=(\d+)/.exec(stderr)[1]) / 1024;
  const bytes = statSync(out).size;
  rmSync(dir, { recursive: true, force: true });
  return { count, format, seconds, rssMiB, fileMiB: bytes / 1024 / 1024 };
}

console.log(`| worklogs | format | pages of ${PAGE_SIZE} | wall time | worklogs/s | output | peak RSS of the CLI |`);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
for (const count of counts) {
  for (const format of ['csv', 'json']) {
    const r = await runOnce(count, format);
    console.log(
      `| ${r.count} | ${r.format} | ${Math.ceil(r.count / PAGE_SIZE)} | ${r.seconds.toFixed(1)} s | ${Math.round(r.count / r.seconds)} | ${r.fileMiB.toFixed(1)} MiB | ${r.rssMiB.toFixed(0)} MiB |`,
    );
  }
}
