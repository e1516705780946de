/**
 * No timer gets a delay above 2^31 − 1 ms (setTimeout fires those after 1 ms, a busy loop for a long wait): timer
 * options are usage errors above it, and the real sleep waits longer ones out in steps.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, realSleep } from '../src/clock.js';
import { postForm } from '../src/http.js';
import { MemoryTokenStore, OAuthUsageError, TokenManager } from '../src/index.js';
import { withFileLock } from '../src/node/file-lock.js';
import { loopbackLogin } from '../src/node/loopback.js';

const clientConfig = { clientId: 'timer-client-id', clientSecret: 'timer-client-secret' };

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('timer options above 2^31 − 1 ms are OAuthUsageErrors', () => {
  it('postForm timeoutMs', async () => {
    const fetch = vi.fn();
    const error = await postForm('https://api.tempo.io/oauth/token/', new URLSearchParams(), {
      timeoutMs: 3e9,
      fetch,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthUsageError);
    expect((error as Error).message).toContain('2147483647');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('TokenManager timeoutMs (each refresh request)', () => {
    expect(() => new TokenManager({ ...clientConfig, store: new MemoryTokenStore(), timeoutMs: 3e9 })).toThrow(
      /timeoutMs must be at most 2147483647/,
    );
  });

  it.each([['timeoutMs'], ['retryMs']])('withFileLock %s (the lock wait)', async (name) => {
    const fn = vi.fn();
    await expect(withFileLock('/tmp/never-taken.lock', fn, { [name]: 3e9 })).rejects.toThrow(OAuthUsageError);
    expect(fn).not.toHaveBeenCalled();
  });

  it.each([['timeoutMs'], ['requestTimeoutMs']])('loopbackLogin %s', async (name) => {
    await expect(
      loopbackLogin({ ...clientConfig, jiraSite: 'acme', openBrowser: () => undefined, [name]: 3e9 } as never),
    ).rejects.toThrow(new RegExp(`${name} must be at most 2147483647`));
  });

  it('the limit itself is accepted', () => {
    expect(
      () => new TokenManager({ ...clientConfig, store: new MemoryTokenStore(), timeoutMs: MAX_TIMER_MS }),
    ).not.toThrow();
  });

  it('a value that is not a number is quoted in the message', () => {
    expect(
      () => new TokenManager({ ...clientConfig, store: new MemoryTokenStore(), timeoutMs: '100' as never }),
    ).toThrow('got "100"');
  });
});

describe('realSleep', () => {
  it('waits out a sleep above the limit in steps, never handing setTimeout more than the limit', async () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    let done = false;
    void realSleep(3e9).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(3e9 - MAX_TIMER_MS);
    expect(done).toBe(true);
    const delays = setTimeoutSpy.mock.calls.map((call) => call[1] as number);
    expect(delays.length).toBeGreaterThanOrEqual(2);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('an abort during a later step still ends the sleep', async () => {
    vi.useFakeTimers();
    const stop = new AbortController();
    const sleeping = realSleep(3e9, stop.signal);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 10);
    stop.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
  });
});
