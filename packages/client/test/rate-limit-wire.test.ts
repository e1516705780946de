/**
 * Issues 12.8 and 13: Tempo's client limits measured where Tempo sees them, on the wire. A real HTTP server on
 * 127.0.0.1 (node:http in front of @tempo-sdk/msw's mock) records when each request arrives and when its answer is
 * written; the client sends through Node's own fetch (real sockets, new connections first, then kept alive).
 * No 1 s window may hold more than 5 arrivals and no more than 3 requests may be open at the server at once, with
 * 20, 100 and 400 parallel calls. The calls beyond the first 30 departures are aborted (all 400 take 80 s at 5 per
 * second); what is measured is that a long queue releases no burst, which the first seconds show.
 *
 * The throttle counts departures, so arrivals keep its spacing as long as the way to the server takes about as long
 * for every request; the test also reports how far apart departure-to-arrival delays spread on loopback.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempoClient, TempoAbortError } from '../src/index.js';
import { maxInWindow } from './support/windows.js';

const ANSWER_MS = 300;
let server: ChildProcess;
let origin: string;

/** What the server saw since the last call: arrival times (epoch ms) by request offset, most open at once. */
async function serverLog(): Promise<{ arrivals: Map<number, number>; maxOpen: number }> {
  const log = (await (await fetch(`${origin}/__arrivals`)).json()) as { arrivals: [number, number][]; maxOpen: number };
  return { arrivals: new Map(log.arrivals), maxOpen: log.maxOpen };
}

/** Each call asks for its own offset: it identifies the request at both ends. */
const offsetOf = (url: string) => Number(new URL(url).searchParams.get('offset'));

beforeAll(async () => {
  // Each answer 300 ms after its request: both limits are in play (3 in flight answer 10 per second, above 5).
  const script = new URL('./fixtures/arrival-server.mjs', import.meta.url).pathname;
  server = spawn(process.execPath, [script, String(ANSWER_MS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout?.once('data', (chunk) => resolve((JSON.parse(String(chunk)) as { port: number }).port));
    server.once('exit', (code) => reject(new Error(`arrival server exited with ${code}`)));
  });
  origin = `http://127.0.0.1:${port}`;
  // The mock builds its data on its first request: done here, so that it does not hold up the arrivals measured.
  await fetch(`${origin}/4/worklogs?limit=1`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } });
  await serverLog();
});

afterAll(async () => {
  server.stdin?.end();
  await new Promise((resolve) => server.once('exit', resolve));
});

describe("Tempo's client limits on the wire", () => {
  it.each([20, 100, 400])(
    '%i parallel calls: at most 5 arrivals in any 1 s and at most 3 open at the server',
    {
      timeout: 30_000,
    },
    async (calls) => {
      const departures = new Map<number, number>();
      const controller = new AbortController();
      // Called by the transport right after it stamps the throttle's permit: the departure time.
      const stamped = ((input: RequestInfo | URL, init?: RequestInit) => {
        departures.set(offsetOf(String(input)), performance.timeOrigin + performance.now());
        const sending = globalThis.fetch(input, init);
        if (departures.size === 30) controller.abort();
        return sending;
      }) as typeof fetch;
      const tempo = createTempoClient({ token: MOCK_API_TOKEN, baseUrl: `${origin}/4`, fetch: stamped });
      const results = await Promise.allSettled(
        Array.from({ length: calls }, (_, i) =>
          tempo.worklogs.getWorklogs({ query: { limit: 1, offset: i }, signal: controller.signal }),
        ),
      );
      const done = results.filter((r) => r.status === 'fulfilled').length;
      const aborted = results.filter((r) => r.status === 'rejected' && r.reason instanceof TempoAbortError).length;
      expect(done + aborted).toBe(calls);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the server log the last arrivals
      const log = await serverLog();
      const sent = Math.min(calls, 30);
      const arrivals = [...log.arrivals.values()];
      expect(arrivals.length).toBeGreaterThanOrEqual(sent - 1); // the 30th may be aborted before it arrives
      expect(departures.size).toBe(sent);
      expect(maxInWindow([...departures.values()], 1000)).toBe(5); // the limit was used, not avoided by a slow run
      expect(maxInWindow(arrivals, 1000)).toBeLessThanOrEqual(5);
      expect(log.maxOpen).toBeLessThanOrEqual(3);
      const lags = [...log.arrivals].map(([offset, at]) => at - (departures.get(offset) as number));
      // The tightest spacing of 6 arrivals in a row: at least 1,000 ms when no second holds more than 5.
      const sorted = arrivals.sort((a, b) => a - b);
      const sixGapMs = Math.min(...sorted.slice(5).map((at, i) => at - (sorted[i] as number)));
      console.info(
        `${calls} parallel calls: ${departures.size} departures, ${arrivals.length} arrivals; most in 1 s: ` +
          `${maxInWindow(arrivals, 1000)} arrivals; most open at the server: ${log.maxOpen}; ` +
          `departure → arrival ${Math.min(...lags).toFixed(2)}–${Math.max(...lags).toFixed(2)} ms; ` +
          `6 arrivals in a row span at least ${sixGapMs.toFixed(1)} ms`,
      );
    },
  );
});
