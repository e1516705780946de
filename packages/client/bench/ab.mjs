/**
 * A/B of two builds of the client in one process: the build in ../dist ("new") against another build ("old"),
 * e.g. main before a change (`git worktree add /tmp/old <commit>`, install, build the client, then
 * `node bench/ab.mjs /tmp/old/packages/client/dist/index.js`). Same stubbed fetch as (b) in throughput.mjs; the
 * variants run in interleaved rounds, so load from other processes hits both alike. Each round times a fixed number
 * of calls by CPU time (`process.cpuUsage`, this process's threads: GC included), which a loaded machine disturbs far
 * less than wall time. Prints, per run, new ÷ old calls per CPU-second for low-level `GET` and the facade (the
 * median over rounds), then the median and range over the runs.
 *
 * Usage: node bench/ab.mjs <old dist/index.js> [runs = 5] [rounds per run = 7]
 */
import { pathToFileURL } from 'node:url';
import createClient from 'openapi-fetch';
import * as NEW from '../dist/index.js';
import { worklog } from './server.mjs';

const [oldEntry, runsArg = '5', roundsArg = '7'] = process.argv.slice(2);
if (!oldEntry) {
  process.stderr.write('usage: node bench/ab.mjs <old build dist/index.js> [runs] [rounds per run]\n');
  process.exit(2);
}
const OLD = await import(pathToFileURL(oldEntry).href);

const body = JSON.stringify(worklog(126));
const stubFetch = async () =>
  new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
  });
const token = 'bench-token-0123456789';
const params = { params: { path: { id: '126' } } };
const bare = createClient({ baseUrl: 'https://api.tempo.io/4', fetch: stubFetch });
const oldClient = OLD.createTempoClient({ token, fetch: stubFetch, rateLimit: false });
const newClient = NEW.createTempoClient({ token, fetch: stubFetch, rateLimit: false });
const variants = [
  { name: 'bare', run: () => bare.GET('/worklogs/{id}', params) },
  { name: 'old GET', run: () => oldClient.GET('/worklogs/{id}', params) },
  { name: 'new GET', run: () => newClient.GET('/worklogs/{id}', params) },
  { name: 'old facade', run: () => oldClient.worklogs.getWorklogById({ path: { id: '126' } }) },
  { name: 'new facade', run: () => newClient.worklogs.getWorklogById({ path: { id: '126' } }) },
];

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** CPU microseconds per call of `run`, over `calls` sequential calls. */
async function cpuPerCall(run, calls) {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

const CALLS = 2000;
for (const v of variants) await cpuPerCall(v.run, CALLS); // warm-up: let the JIT settle
const ratio = (a, b) => Math.round((100 * a) / b) / 100;
const rows = [];
for (let run = 1; run <= Number(runsArg); run++) {
  const samples = new Map(variants.map((v) => [v.name, []]));
  for (let round = 0; round < Number(roundsArg); round++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + round) % variants.length];
      samples.get(v.name).push(await cpuPerCall(v.run, CALLS));
    }
  }
  const us = Object.fromEntries([...samples].map(([name, values]) => [name, median(values)]));
  const row = {
    run,
    bareUsPerCall: Math.round(10 * us.bare) / 10,
    get: ratio(us['old GET'], us['new GET']),
    facade: ratio(us['old facade'], us['new facade']),
    oldGetVsBare: ratio(us.bare, us['old GET']),
    newGetVsBare: ratio(us.bare, us['new GET']),
  };
  rows.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
const summary = (key) => {
  const values = rows.map((row) => row[key]).sort((a, b) => a - b);
  return { median: values[values.length >> 1], min: values[0], max: values[values.length - 1] };
};
process.stdout.write(`${JSON.stringify({ get: summary('get'), facade: summary('facade') })}\n`);
