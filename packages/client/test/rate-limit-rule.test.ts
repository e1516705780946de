/**
 * Issue 13: what the throttle counts, and when. The window counts departures (stamped by `permit.sent()` just
 * before fetch), not grants and not answers; a permit granted but not sent yet counts as leaving now; in flight is
 * from the grant to the end of the attempt. Each test here fails against one of the wrong rules:
 * - stamping the window when the permit is granted (a request granted early leaves late on an old stamp);
 * - granting a window place before the in-flight slot (a request waiting for a slot holds a place it does not use);
 * - holding the window from the grant until the answer, plus a second (5 per latency + 1 s);
 * - not counting permits granted but not sent yet (two grants share one place).
 * All in virtual time: the departure times are exact. `marginMs: 0` leaves the margin for the way there out of the
 * rule's tests. (Through the client, with the default margin: test/rate-limiter.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiter, type RateLimitPermit } from '../src/index.js';
import type { VirtualClock } from '../src/testing/index.js';
import { createVirtualClock } from './support/virtual-clock.js';
import { maxInWindow } from './support/windows.js';

/** Requests through one limiter, each leaving as soon as it has its permit; departure times in ms from the start. */
function wire(limiter: RateLimiter, clock: VirtualClock) {
  const departures: number[] = [];
  /** One request answered `latencyMs` after it leaves. */
  const request = async (latencyMs: number): Promise<void> => {
    const permit = await limiter.acquire();
    permit.sent();
    departures.push(clock.elapsed());
    await clock.sleep(latencyMs);
    permit.release();
  };
  return { departures, request };
}

describe('the window counts departures', () => {
  it('spaces departures by the window plus the margin for the way there (default 50 ms)', async () => {
    const clock = createVirtualClock();
    const wide = wire(createRateLimiter({ maxConcurrent: 10 }, clock), clock);
    await Promise.all(Array.from({ length: 11 }, () => wide.request(0)));
    expect(wide.departures).toEqual([0, 0, 0, 0, 0, 1050, 1050, 1050, 1050, 1050, 2100]);
  });

  it('the 6th departure waits until 1 s after the 1st, however early the 1st was answered', async () => {
    const clock = createVirtualClock();
    const { departures, request } = wire(createRateLimiter({ maxConcurrent: 10, marginMs: 0 }, clock), clock);
    const first = request(100); // answered at 100 ms: the answer must not move its place in the window
    await clock.sleep(400);
    await Promise.all([first, ...Array.from({ length: 6 }, () => request(0))]);
    expect(departures).toEqual([0, 400, 400, 400, 400, 1000, 1400]);
  });

  it('a slow answer holds an in-flight slot, not a place in the window', async () => {
    const clock = createVirtualClock();
    const { departures, request } = wire(createRateLimiter({ maxConcurrent: 10, marginMs: 0 }, clock), clock);
    // Five answers take 5 s; the 6th request leaves 1 s after them, while they are all still in flight.
    await Promise.all(Array.from({ length: 6 }, () => request(5000)));
    expect(departures).toEqual([0, 0, 0, 0, 0, 1000]);
  });

  it('when an answer frees the in-flight slot, the next request leaves at once if the window allows', async () => {
    const clock = createVirtualClock();
    const { departures, request } = wire(createRateLimiter({ marginMs: 0 }, clock), clock);
    await Promise.all(Array.from({ length: 9 }, () => request(1000)));
    // 3 in flight, 1 s each: 3 per second, below 5 per second, so the in-flight limit alone sets the pace.
    expect(departures).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000]);
  });

  it('a request waiting for an in-flight slot takes no place in the window until it leaves', async () => {
    const clock = createVirtualClock();
    const { departures, request } = wire(createRateLimiter({ maxConcurrent: 1, marginMs: 0 }, clock), clock);
    // The first request is answered after 2 s; nine more wait for its slot, then are answered at once.
    await Promise.all([request(2000), ...Array.from({ length: 9 }, () => request(0))]);
    expect(departures).toEqual([0, 2000, 2000, 2000, 2000, 2000, 3000, 3000, 3000, 3000]);
    expect(maxInWindow(departures, 1000)).toBe(5);
  });

  it('a permit granted but not sent yet counts as leaving now, and is stamped when it leaves', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ maxConcurrent: 10, marginMs: 0 }, clock);
    const { departures, request } = wire(limiter, clock);
    const late: RateLimitPermit = await limiter.acquire(); // granted at 0, leaves at 500
    const early = Array.from({ length: 4 }, () => request(0));
    const after = Array.from({ length: 5 }, () => request(0));
    await clock.sleep(500);
    expect(departures).toEqual([0, 0, 0, 0]); // the 5th place is the late permit's: nobody else got it
    late.sent();
    departures.push(clock.elapsed());
    late.release();
    await Promise.all([...early, ...after]);
    // At 1 s the four from 0 leave the window: four more go. The fifth waits for the late one's place, 1 s after
    // it left (not 1 s after it was granted).
    expect(departures).toEqual([0, 0, 0, 0, 500, 1000, 1000, 1000, 1000, 1500]);
  });

  it('a permit released without leaving (aborted before fetch) takes no place in the window', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ maxConcurrent: 10, marginMs: 0 }, clock);
    const { departures, request } = wire(limiter, clock);
    const unsent = await Promise.all([limiter.acquire(), limiter.acquire()]);
    for (const permit of unsent) permit.release();
    await Promise.all(Array.from({ length: 5 }, () => request(0)));
    expect(departures).toEqual([0, 0, 0, 0, 0]);
    expect(limiter.inFlight).toBe(0);
  });

  it('counts a permit once, however often it is stamped or released', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ maxConcurrent: 2, marginMs: 0 }, clock);
    const { departures, request } = wire(limiter, clock);
    const permit = await limiter.acquire();
    permit.sent();
    permit.sent();
    permit.release();
    permit.release();
    permit.sent(); // after release: nothing
    expect(limiter.inFlight).toBe(0);
    await Promise.all(Array.from({ length: 5 }, () => request(0)));
    // One place used by the permit, four by the next requests at 0; the fifth waits for the window.
    expect(departures).toEqual([0, 0, 0, 0, 1000]);
  });
});
