// Benchmark: resolving 1,000 distinct issue keys against the mock's Jira (the standalone server, real HTTP), with
// and without 100 ms of injected latency per request. Goals (issue #11): at most 10 Jira requests, under 2 s with
// the latency. Rewrites the section between the bench markers in README.md. Run by `pnpm bench` (after build).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startTempoMockServer } from '@tempo-sdk/msw/server';
import { createJiraClient, createJiraLookup } from '../dist/index.js';

const KEYS = 1000;
const server = await startTempoMockServer({ today: '2026-03-18', onInternalError: () => undefined });
const { mock } = server;
const project = mock.db.projects.create({ key: 'BENCH', name: 'Benchmark' });
const keys = Array.from(
  { length: KEYS },
  (_, i) => mock.db.issues.create({ key: `BENCH-${i + 1}`, projectId: project.id, summary: `Issue ${i + 1}` }).key,
);
const jira = () =>
  createJiraClient({
    baseUrl: server.jiraUrl,
    email: mock.jira.credentials.email,
    apiToken: mock.jira.credentials.apiToken,
  });

async function run(latencyMs) {
  mock.faults.clear();
  mock.jira.reset();
  if (latencyMs) mock.faults.add({ path: /\/rest\/api\/3\//, delayMs: latencyMs });
  const lookup = createJiraLookup(jira());
  const started = performance.now();
  const ids = await lookup.issueIds(keys);
  const coldMs = performance.now() - started;
  if (ids.size !== KEYS) throw new Error(`resolved ${ids.size} of ${KEYS}`);
  const requests = mock.jira.stats.requests;
  const warmStart = performance.now();
  await lookup.issueIds(keys);
  const warmMs = performance.now() - warmStart;
  return { latencyMs, requests, warmRequests: mock.jira.stats.requests - requests, coldMs, warmMs };
}

const rows = [];
for (const latency of [0, 100]) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await run(latency));
  runs.sort((a, b) => a.coldMs - b.coldMs);
  rows.push(runs[1]);
}
await server.close();

const fmt = (ms) => (ms >= 100 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const table = [
  '| injected latency per Jira request | Jira requests (goal ≤ 10) | time, cold cache (goal < 2 s at 100 ms) | requests / time, warm cache |',
  '| ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.latencyMs} ms | ${r.requests} | ${fmt(r.coldMs)} | ${r.warmRequests} / ${fmt(r.warmMs)} |`),
].join('\n');
const text = `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model.trim().split(' ').slice(0, 2).join(' ')} (a shared machine), median of 3 runs: ${KEYS} distinct keys, \`createJiraLookup\` defaults (batches of 100, 4 in flight), the standalone mock over loopback HTTP.\n\n${table}`;
console.log(text);
const readme = new URL('../README.md', import.meta.url);
const current = readFileSync(readme, 'utf8');
const next = current.replace(
  /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
  `<!-- bench:start -->\n${text}\n<!-- bench:end -->`,
);
if (next === current && !current.includes('<!-- bench:start -->')) throw new Error('README.md has no bench markers');
writeFileSync(readme, next);
