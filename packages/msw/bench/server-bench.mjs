// Load test of the standalone mock server: GET /4/worklogs?limit=50 over loopback keep-alive connections for a
// fixed time, from a separate process so client and server do not share an event loop.
// Run `npm run build` first (the bench uses dist/). Usage: node bench/server-bench.mjs [seconds] [concurrency]
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const seconds = Number(process.argv[2] ?? 10);
const concurrency = Number(process.argv[3] ?? 16);
const bin = fileURLToPath(new URL('../bin/tempo-mock.js', import.meta.url));

/** Starts a server script in a child process and resolves with the base URL it prints. */
async function startChild(script, args) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /base URL:\s+(\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, baseUrl };
}

/** Drives `url` with `concurrency` keep-alive loops for `seconds`; returns counts and sorted latencies. */
async function drive(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let bytes = 0;
  const once = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.get(url, { agent, headers: { authorization: 'Bearer tempo-mock-token' } }, (res) => {
        res.on('data', (chunk) => (bytes += chunk.length));
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
  for (let i = 0; i < 200; i++) await once(); // warm-up: compile validators, JIT the hot path
  latencies.length = 0;
  ok = failed = bytes = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(2));
  return {
    requests: ok + failed,
    failed,
    requestsPerSecond: Math.round((ok + failed) / elapsed),
    bytesPerAnswer: Math.round(bytes / Math.max(1, ok + failed)),
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99) },
  };
}

const mockServer = await startChild(bin, ['--port', '0', '--seed', '1', '--today', '2026-03-18']);
const mock = await drive(new URL(`${mockServer.baseUrl}${process.env.BENCH_PATH ?? '/worklogs?limit=50'}`));
mockServer.child.kill('SIGTERM');

// The same client against a bare node:http server sending a body of the same size: the ceiling on this machine
// right now (other processes share the cores), so the mock's number can be read relative to it.
const baselineServer = await startChild(fileURLToPath(new URL('./baseline-server.mjs', import.meta.url)), [
  String(mock.bytesPerAnswer),
]);
const baseline = await drive(new URL(`${baselineServer.baseUrl}/x`));
baselineServer.child.kill('SIGTERM');

const { loadavg, cpus } = await import('node:os');
console.log(
  JSON.stringify(
    {
      endpoint: `GET /4${process.env.BENCH_PATH ?? '/worklogs?limit=50'}`,
      seconds,
      concurrency,
      mock,
      baseline: { requestsPerSecond: baseline.requestsPerSecond, latencyMs: baseline.latencyMs },
      mockVsBaseline: Number((mock.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)),
      machine: { cores: cpus().length, loadAverage1m: Number(loadavg()[0].toFixed(2)), node: process.version },
    },
    null,
    2,
  ),
);
