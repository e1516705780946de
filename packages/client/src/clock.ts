/**
 * Time, as the client sees it. Retries, Retry-After and the rate limiter read the time and wait only through a
 * {@link Clock}, so tests can swap in a virtual clock and run minutes of back-off in milliseconds.
 * (Per-attempt timeouts use the real `setTimeout` and `performance.now()`: they measure the network, not the
 * client's own pauses.)
 */

/** The source of time and randomness used for waiting. Pass one as the `clock` option, mostly in tests. */
export interface Clock {
  /** Milliseconds since the Unix epoch (wall-clock time: HTTP-date `Retry-After` values are compared with it). */
  now(): number;
  /**
   * Milliseconds from an arbitrary origin that never steps back (`performance.now()`): what elapsed time (the rate
   * limiter's window, log timings) is measured with, so a wall clock stepped back cannot stall anything.
   */
  monotonicNow(): number;
  /**
   * Resolves after `ms` milliseconds. When `signal` aborts first, rejects at once with the signal's reason and
   * stops waiting.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1): the jitter added to retry pauses. */
  random(): number;
}

/** The reason an aborted signal gives, or a standard `AbortError` when it gave none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * The longest delay `setTimeout` takes as given: 2^31 − 1 ms (about 24.8 days). A larger one fires after 1 ms (with
 * a TimeoutOverflowWarning), which would turn a long wait into a busy loop. Options that set a timer are checked
 * against it; {@link systemClock}'s `sleep` waits longer ones out in steps of at most this.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** The real clock: `Date.now`, `performance.now`, `setTimeout`, `Math.random`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonicNow: () => performance.now(),
  random: () => Math.random(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      // Never a delay above MAX_TIMER_MS: a longer wait (a server's Retry-After, say) is set again for the rest.
      let remainingMs = Math.max(0, ms);
      const arm = (): void => {
        const stepMs = Math.min(remainingMs, MAX_TIMER_MS);
        remainingMs -= stepMs;
        timer = setTimeout(() => {
          if (remainingMs > 0) return arm();
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, stepMs);
      };
      arm();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
