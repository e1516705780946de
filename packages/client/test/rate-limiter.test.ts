/**
 * The client's throttle: never more than 5 requests started in any one-second window, never more than 3 in flight,
 * measured on 50 concurrent calls in virtual time.
 */
import { describe, expect, it } from 'vitest';
import { createRateLimiter, createTempoClient, TempoAbortError, TempoUsageError, type Clock } from '../src/index.js';
import { json } from './support/scripted-fetch.js';
import { createVirtualClock } from './support/virtual-clock.js';
import { maxInWindow } from './support/windows.js';

/** A fetch that answers after `latencyMs` of virtual time and records start times and concurrency. */
function meteredFetch(clock: Clock, latencyMs: number) {
  const starts: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    starts.push(clock.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await clock.sleep(latencyMs);
      return json(200, { tempoWorklogId: Number(new URL(url).pathname.split('/').pop()) });
    } finally {
      inFlight--;
    }
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    starts,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

const fifty = Array.from({ length: 50 }, (_, i) => String(i + 1));

describe('default throttle (5 per second, 3 in flight)', () => {
  it.each([10, 300, 1500])('holds under 50 concurrent calls with %i ms responses', async (latency) => {
    const clock = createVirtualClock();
    const net = meteredFetch(clock, latency);
    const tempo = createTempoClient({ token: 'throttle-token-123', fetch: net.fetch, clock });
    const results = await Promise.all(fifty.map((id) => tempo.worklogs.getWorklogById({ path: { id } })));

    expect(results.map((r) => r.tempoWorklogId)).toEqual(fifty.map(Number));
    expect(net.starts).toHaveLength(50);
    expect(maxInWindow(net.starts, 1000)).toBeLessThanOrEqual(5);
    expect(net.maxInFlight).toBeLessThanOrEqual(3);
    // The limits were reached, not merely respected by a slow run.
    expect(maxInWindow(net.starts, 1000) === 5 || net.maxInFlight === 3).toBe(true);
    // 50 requests at 5 per second need at least 9 s.
    expect(clock.elapsed()).toBeGreaterThanOrEqual(9000);
  });

  it('applies custom limits', async () => {
    const clock = createVirtualClock();
    const net = meteredFetch(clock, 50);
    const tempo = createTempoClient({
      token: 'throttle-token-123',
      fetch: net.fetch,
      clock,
      rateLimit: { requestsPerSecond: 2, maxConcurrent: 1 },
    });
    await Promise.all(fifty.slice(0, 10).map((id) => tempo.worklogs.getWorklogById({ path: { id } })));
    expect(maxInWindow(net.starts, 1000)).toBe(2);
    expect(net.maxInFlight).toBe(1);
  });

  it('is off with rateLimit: false', async () => {
    const clock = createVirtualClock();
    const net = meteredFetch(clock, 100);
    const tempo = createTempoClient({ token: 'throttle-token-123', fetch: net.fetch, clock, rateLimit: false });
    await Promise.all(fifty.map((id) => tempo.worklogs.getWorklogById({ path: { id } })));
    expect(net.maxInFlight).toBe(50);
    expect(clock.elapsed()).toBe(100);
  });

  it('can be shared by two clients', async () => {
    const clock = createVirtualClock();
    const net = meteredFetch(clock, 10);
    const limiter = createRateLimiter({}, clock);
    const a = createTempoClient({ token: 'throttle-token-a1', fetch: net.fetch, clock, rateLimit: limiter });
    const b = createTempoClient({ token: 'throttle-token-b1', fetch: net.fetch, clock, rateLimit: limiter });
    await Promise.all(fifty.map((id, i) => (i % 2 ? a : b).worklogs.getWorklogById({ path: { id } })));
    expect(maxInWindow(net.starts, 1000)).toBe(5);
  });

  // Issue 13: the client stamps each attempt as it leaves (see test/rate-limit-rule.test.ts for the rule itself).
  it('at 300 ms per answer, 5 requests leave every 1,050 ms (the window and its margin set the pace)', async () => {
    const clock = createVirtualClock();
    const t0 = clock.now();
    const net = meteredFetch(clock, 300);
    const tempo = createTempoClient({ token: 'throttle-token-123', fetch: net.fetch, clock });
    await Promise.all(fifty.slice(0, 20).map((id) => tempo.worklogs.getWorklogById({ path: { id } })));
    // 3 at once, 2 more when the first answers arrive; the next 3 when the first departures leave the window.
    const perWindow = [0, 0, 0, 300, 300];
    const expected = [0, 1050, 2100, 3150].flatMap((s) => perWindow.map((t) => s + t));
    expect(net.starts.map((t) => t - t0)).toEqual(expected);
    expect(net.maxInFlight).toBe(3);
  });

  it('at 1 s per answer, 3 requests leave every second (the in-flight limit sets the pace)', async () => {
    const clock = createVirtualClock();
    const t0 = clock.now();
    const net = meteredFetch(clock, 1000);
    const rateLimit = { marginMs: 0 };
    const tempo = createTempoClient({ token: 'throttle-token-123', fetch: net.fetch, clock, rateLimit });
    await Promise.all(fifty.slice(0, 12).map((id) => tempo.worklogs.getWorklogById({ path: { id } })));
    expect(net.starts.map((t) => t - t0)).toEqual([0, 1000, 2000, 3000].flatMap((s) => [s, s, s]));
  });

  it('counts each retry attempt against the limits', async () => {
    const clock = createVirtualClock();
    const starts: number[] = [];
    const attempts = new Map<string, number>();
    const fetch = (async (input: RequestInfo | URL) => {
      starts.push(clock.now());
      const url = String(input);
      const n = (attempts.get(url) ?? 0) + 1;
      attempts.set(url, n);
      return n === 1 ? json(503, {}) : json(200, {}); // every call fails once, then succeeds
    }) as typeof globalThis.fetch;
    const tempo = createTempoClient({ token: 'throttle-token-123', fetch, clock, retry: { delays: [0] } });
    await Promise.all(fifty.slice(0, 20).map((id) => tempo.worklogs.getWorklogById({ path: { id } })));
    expect(starts).toHaveLength(40);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(5);
    // A retry is a new departure, counted when it leaves: 5 attempts per 1,050 ms, first attempts and retries alike.
    const t0 = starts[0] as number;
    expect(starts.map((t) => t - t0)).toEqual(Array.from({ length: 40 }, (_, i) => Math.floor(i / 5) * 1050));
  });
});

describe('createRateLimiter', () => {
  it('slides the window: the 6th departure waits until a second after the 1st', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ maxConcurrent: 10, marginMs: 0 }, clock);
    const t0 = clock.now();
    for (let i = 0; i < 5; i++) {
      const permit = await limiter.acquire();
      permit.sent();
      permit.release();
    }
    expect(clock.now()).toBe(t0);
    await limiter.acquire();
    expect(clock.now() - t0).toBe(1000);
    expect(limiter.inFlight).toBe(1);
  });

  it('serves waiters in order and frees a slot on release', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ maxConcurrent: 1, requestsPerSecond: 100 }, clock);
    let held = await limiter.acquire();
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) =>
      limiter.acquire().then((permit) => {
        order.push(n);
        held = permit;
      }),
    );
    expect(limiter.pending).toBe(3);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      held.release();
    }
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });

  it('an abort while queued rejects at once and takes nothing', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ maxConcurrent: 1 }, clock);
    const first = await limiter.acquire();
    const controller = new AbortController();
    const queued = limiter.acquire(controller.signal);
    const after = limiter.acquire();
    controller.abort(new Error('stop'));
    await expect(queued).rejects.toThrow('stop');
    expect(limiter.pending).toBe(1);
    first.release();
    await after;
    expect(limiter.inFlight).toBe(1);
  });

  it('a call aborted while queued in the client fails with TempoAbortError and sends nothing', async () => {
    const clock = createVirtualClock();
    const net = meteredFetch(clock, 500);
    const tempo = createTempoClient({
      token: 'throttle-token-123',
      fetch: net.fetch,
      clock,
      rateLimit: { maxConcurrent: 1 },
    });
    const controller = new AbortController();
    const first = tempo.worklogs.getWorklogById({ path: { id: '1' } });
    const second = tempo.worklogs.getWorklogById({ path: { id: '2' }, signal: controller.signal });
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(TempoAbortError);
    await first;
    expect(net.starts).toHaveLength(1);
  });

  it('rejects bad limits', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0 })).toThrow(TempoUsageError);
    expect(() => createRateLimiter({ maxConcurrent: 1.5 })).toThrow(TempoUsageError);
    expect(() => createRateLimiter({ marginMs: -1 })).toThrow(TempoUsageError);
    expect(createRateLimiter({ marginMs: 0 }).inFlight).toBe(0);
  });
});
