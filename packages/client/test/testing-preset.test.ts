/**
 * `@tempo-sdk/client/testing` (issue 15 §2): the preset keeps the retry logic and takes out the waiting.
 * How long a test takes is measured by `bench/test-preset.mjs`, not asserted here; what is asserted is that every
 * wait went through the virtual clock and none through a real timer.
 */
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter, createTempoClient, TempoServerError } from '../src/index.js';
import { createVirtualClock, TEST_TIMEOUT_MS, testClientOptions } from '../src/testing/index.js';
import { useTempoMock } from './support/tempo-mock.js';

const { mock } = useTempoMock();
afterEach(() => vi.restoreAllMocks());

/** Real timers the code under test sets for a second or more: a real wait, which the preset must never cause. */
function spyOnLongTimers(): () => number[] {
  const spy = vi.spyOn(globalThis, 'setTimeout');
  return () => spy.mock.calls.map(([, ms]) => Number(ms ?? 0)).filter((ms) => ms >= 1000);
}

describe('testClientOptions()', () => {
  it('the two-503 test: both retries happen, their 5 s and 10 s pauses pass on the virtual clock, no real timer waits', async () => {
    const longTimers = spyOnLongTimers();
    const fault = mock.faults.add({ operationId: 'getWorklogs', status: 503, times: 2 });
    const test = testClientOptions();
    const tempo = createTempoClient({ token: MOCK_API_TOKEN, ...test });

    const page = await tempo.worklogs.getWorklogs({ query: { limit: 5 } });

    expect(page.results).toHaveLength(5);
    expect(fault.hits).toBe(2); // the retry logic ran: two failures, then the answer
    expect(test.clock.sleeps).toEqual([5000, 10000]); // Tempo's pauses, no jitter
    expect(test.clock.elapsed()).toBe(15000); // 15 s passed for the client…
    expect(longTimers()).toEqual([]); // …and none of it on a real timer
  });

  it('keeps every retry decision: the limit of 3 retries, Retry-After, no retry of a create', async () => {
    const test = testClientOptions();
    const tempo = createTempoClient({ token: MOCK_API_TOKEN, ...test });

    const always = mock.faults.add({ operationId: 'getWorklogs', status: 500 });
    await expect(tempo.worklogs.getWorklogs()).rejects.toBeInstanceOf(TempoServerError);
    expect(always.hits).toBe(4);
    always.remove();

    mock.faults.add({ operationId: 'getAccounts', status: 429, retryAfter: 7, times: 1 });
    await tempo.accounts.getAccounts();

    const create = mock.faults.add({ operationId: 'createWorklog', status: 503, times: 1 });
    const issueId = mock.db.issues.all()[0]!.id;
    const authorAccountId = mock.db.users.all()[0]!.accountId;
    await expect(
      tempo.worklogs.createWorklog({
        body: { issueId, authorAccountId, startDate: '2026-03-18', timeSpentSeconds: 60 },
      }),
    ).rejects.toBeInstanceOf(TempoServerError);
    expect(create.hits).toBe(1);

    expect(test.clock.sleeps).toEqual([5000, 10000, 15000, 7000]);
  });

  it('switches the throttle off: twelve pages without a single wait', async () => {
    const test = testClientOptions();
    const tempo = createTempoClient({ token: MOCK_API_TOKEN, ...test });
    let pages = 0;
    for await (const _ of tempo.pages('getWorklogs', {}, { pageSize: 10 })) if (++pages === 12) break;
    expect(pages).toBe(12);
    expect(test.clock.sleeps).toEqual([]);
  });

  it('a throttle of your own runs on the virtual clock too', async () => {
    const longTimers = spyOnLongTimers();
    const test = testClientOptions();
    const tempo = createTempoClient({
      token: MOCK_API_TOKEN,
      ...test,
      rateLimit: createRateLimiter(undefined, test.clock),
    });
    let pages = 0;
    for await (const _ of tempo.pages('getWorklogs', {}, { pageSize: 10 })) if (++pages === 12) break;
    expect(test.clock.elapsed()).toBeGreaterThanOrEqual(2000); // 12 requests at 5 per second, in virtual time
    expect(longTimers()).toEqual([]);
  });

  it('shortens the per-attempt timeout (a stalled answer is retried after 1 s, not 30 s)', async () => {
    expect(testClientOptions().timeoutMs).toBe(TEST_TIMEOUT_MS);
    expect(testClientOptions({ timeoutMs: 250 }).timeoutMs).toBe(250);
    mock.faults.add({ operationId: 'getWorklogs', delayMs: 60_000, times: 1 });
    const test = testClientOptions({ timeoutMs: 200 });
    const tempo = createTempoClient({ token: MOCK_API_TOKEN, ...test });
    const page = await tempo.worklogs.getWorklogs({ query: { limit: 1 } });
    expect(page.results).toHaveLength(1);
    expect(test.clock.sleeps).toEqual([5000]); // the timed-out attempt was retried, after a virtual pause
  });
});

describe('createVirtualClock()', () => {
  it('wakes sleepers in time order and moves now() and monotonicNow() by exactly the time slept', async () => {
    const clock = createVirtualClock({ startMs: Date.UTC(2026, 0, 1) });
    const woke: string[] = [];
    await Promise.all([
      clock.sleep(300).then(() => woke.push(`b@${clock.monotonicNow()}`)),
      clock.sleep(100).then(() => woke.push(`a@${clock.monotonicNow()}`)),
    ]);
    expect(woke).toEqual(['a@100', 'b@300']);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 300);
    expect(clock.sleeps).toEqual([300, 100]);
  });

  it('an abort ends a sleep at once with the signal’s reason, and time does not move for it', async () => {
    const clock = createVirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(clock.sleep(1, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
    expect(clock.elapsed()).toBe(0);
  });

  it('sets random() for jitter, and refuses values outside [0, 1)', () => {
    const clock = createVirtualClock({ random: 0.5 });
    expect(clock.random()).toBe(0.5);
    clock.setRandom(0);
    expect(clock.random()).toBe(0);
    expect(() => clock.setRandom(1)).toThrow(RangeError);
    expect(() => createVirtualClock({ random: -0.1 })).toThrow(RangeError);
  });
});
