// Load test of the standalone mock server: GET /4/worklogs?limit=50 over loopback keep-alive connections for a
// fixed time, from a separate process so client and server do not share an event loop.
// Run `npm run build` first (the bench uses dist/). Usage: node bench/server-bench.mjs [seconds] [concurrency]
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const seconds = Number(process.argv[2] ?? 10);
const concurrency = Number(process.argv[3] ?? 16);
const bin = fileURLToPath(new URL('../bin/tempo-mock.js', import.meta.url));

const child = spawn(process.execPath, [bin, '--port', '0', '--seed', '1', '--today', '2026-03-18'], { stdio: ['ignore', 'pipe', 'inherit'] });
const baseUrl = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const match = /base URL:\s+(\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  child.once('exit', (code) => reject(new Error(`tempo-mock exited with ${code}`)));
});

const url = new URL(`${baseUrl}${process.env.BENCH_PATH ?? '/worklogs?limit=50'}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = [];
let ok = 0;
let failed = 0;

function once() {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get(url, { agent, headers: { authorization: 'Bearer tempo-mock-token' } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - started);
        if (res.statusCode === 200) ok++;
        else failed++;
        resolve();
      });
    });
    req.on('error', () => {
      failed++;
      resolve();
    });
  });
}

// Warm-up: compile validators, JIT the hot path.
for (let i = 0; i < 200; i++) await once();
latencies.length = 0;
ok = 0;
failed = 0;

const deadline = performance.now() + seconds * 1000;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) await once();
  }),
);
const elapsed = (performance.now() - started) / 1000;
agent.destroy();
child.kill('SIGTERM');

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(2);
const result = {
  endpoint: 'GET /4/worklogs?limit=50',
  seconds: Number(elapsed.toFixed(2)),
  concurrency,
  requests: ok + failed,
  failed,
  requestsPerSecond: Math.round((ok + failed) / elapsed),
  latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99) },
  node: process.version,
};
console.log(JSON.stringify(result, null, 2));
