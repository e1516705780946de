/**
 * Options that could hang the client or set a timer it cannot keep: a limiter that resolves no permit, a `rateLimit`
 * that is not one, delays above 2^31 − 1 ms (setTimeout fires those after 1 ms), and how values are shown.
 */
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, systemClock } from '../src/clock.js';
import { createRateLimiter, createTempoClient, TempoRateLimitError, TempoUsageError } from '../src/index.js';
import { useTempoMock } from './support/tempo-mock.js';

const { server, requests, client } = useTempoMock();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a custom limiter must resolve a permit', () => {
  it('a limiter for the old interface (acquire() resolves nothing) fails each call instead of hanging', async () => {
    const oldLimiter = { acquire: async () => undefined, release() {}, inFlight: 0, pending: 0 };
    const { tempo } = client({ rateLimit: oldLimiter as never });
    for (let call = 0; call < 3; call++) {
      const error = await tempo.accounts.getAccounts().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TempoUsageError);
      expect((error as Error).message).toMatch(/acquire\(\) must resolve a RateLimitPermit.*README/);
    }
    expect(requests).toHaveLength(0);
  });

  it.each([['fast'], [5], [true], [null], [[]], [{ acquire: 'soon' }]])(
    'rateLimit: %j is a TempoUsageError',
    (value) => {
      expect(() => createTempoClient({ token: 'option-token-123', rateLimit: value as never })).toThrow(
        TempoUsageError,
      );
    },
  );

  it('rateLimit: false, undefined and a policy are accepted', () => {
    for (const rateLimit of [false, undefined, { requestsPerSecond: 2 }] as const)
      expect(() => createTempoClient({ token: 'option-token-123', rateLimit })).not.toThrow();
  });

  it('createRateLimiter(null) is a TempoUsageError, not a TypeError', () => {
    expect(() => createRateLimiter(null as never)).toThrow(TempoUsageError);
  });
});

describe('no timer delay above 2^31 − 1 ms', () => {
  it.each([
    ['rateLimit.windowMs', { rateLimit: { requestsPerSecond: 1, windowMs: 3e9 } }],
    ['rateLimit.marginMs', { rateLimit: { marginMs: MAX_TIMER_MS + 1 } }],
    ['timeoutMs', { timeoutMs: 3e9 }],
    ['retry.delays[0]', { retry: { delays: [3e9] } }],
    ['retry.minRateLimitDelay', { retry: { minRateLimitDelay: 3e9 } }],
    ['retry.maxDelay', { retry: { maxDelay: 3e9 } }],
  ])('%s above the limit is a TempoUsageError', (name, options) => {
    expect(() => createTempoClient({ token: 'option-token-123', ...options })).toThrow(
      new RegExp(`${name.replace(/[.[\]]/g, '\\$&')}.*2147483647`),
    );
  });

  it('the limits themselves, and timeoutMs: Infinity, are accepted', () => {
    expect(() =>
      createTempoClient({
        token: 'option-token-123',
        timeoutMs: MAX_TIMER_MS,
        rateLimit: { windowMs: MAX_TIMER_MS, marginMs: MAX_TIMER_MS },
        retry: { delays: [MAX_TIMER_MS], maxDelay: MAX_TIMER_MS },
      }),
    ).not.toThrow();
    expect(() => createTempoClient({ token: 'option-token-123', timeoutMs: Number.POSITIVE_INFINITY })).not.toThrow();
  });

  it('the system clock waits out a longer sleep in steps, never handing setTimeout more than the limit', async () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    let done = false;
    void systemClock.sleep(3e9).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(3e9 - MAX_TIMER_MS);
    expect(done).toBe(true);
    const delays = setTimeoutSpy.mock.calls.map((call) => call[1] as number);
    expect(delays.length).toBeGreaterThanOrEqual(2);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('a server asking for Retry-After: 999999999 gets its 429 back, with no wait', async () => {
    server.use(
      http.get('*/accounts', () =>
        HttpResponse.json(
          { errors: [{ message: 'slow down' }] },
          { status: 429, headers: { 'retry-after': '999999999' } },
        ),
      ),
    );
    const { tempo, clock } = client();
    await expect(tempo.accounts.getAccounts()).rejects.toBeInstanceOf(TempoRateLimitError);
    expect(clock.sleeps.filter((ms) => ms >= 1000)).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});

describe('usage errors quote values that are not numbers', () => {
  it.each([
    [{ rateLimit: { marginMs: '100' } }, 'got "100"'],
    [{ rateLimit: { requestsPerSecond: '5' } }, 'got "5"'],
    [{ retry: { maxRetries: '2' } }, 'got "2"'],
    [{ retry: { maxDelay: '10' } }, 'got "10"'],
    [{ timeoutMs: '30' }, 'got "30"'],
    [{ rateLimit: { marginMs: 1.5 } }, 'got 1.5'],
  ])('%j says %s', (options, shown) => {
    expect(() => createTempoClient({ token: 'option-token-123', ...(options as object) })).toThrow(shown);
  });
});
