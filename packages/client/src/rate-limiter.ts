/**
 * Client-side throttling to Tempo's guidance: at most 5 requests started in any one-second window and at most 3 in
 * flight. A sliding window (not a token bucket, which would allow a burst of 2× the rate across a window edge) plus
 * a semaphore, with one FIFO queue so that callers are served in order.
 *
 * The window is measured where Tempo measures it, on the wire: a request occupies the window from the moment its
 * slot is granted until its answer (the response headers, or the end of a failed attempt) arrives, and counts for
 * `windowMs` after that. Tempo sees a request arrive somewhere between the two, so however long the network takes
 * (a cold connection, a proxy), no window on the server holds more than `requestsPerSecond` requests. Time is the
 * clock's monotonic time, so a wall clock stepped back cannot stall the window.
 */
import { abortReason, systemClock, type Clock } from './clock.js';
import { TempoUsageError } from './errors.js';

/** Limits for the client's own throttle. Pass `rateLimit: false` to turn it off. */
export interface RateLimitPolicy {
  /** Most requests started in any window of `windowMs`. Default `5`. */
  requestsPerSecond?: number;
  /** The window `requestsPerSecond` counts over, in milliseconds. Default `1000`. */
  windowMs?: number;
  /** Most requests in flight (sent, response headers not yet received) at once. Default `3`. */
  maxConcurrent?: number;
}

/**
 * Grants permission to send a request. Share one between clients that use the same token so that together they
 * stay within Tempo's limits (`rateLimit: limiter`).
 */
export interface RateLimiter {
  /**
   * Resolves when a request may start (a concurrency slot is taken and the start is counted in the window).
   * Rejects with the signal's reason if `signal` aborts while waiting; nothing is taken then.
   */
  acquire(signal?: AbortSignal): Promise<void>;
  /**
   * Gives back the slot taken by `acquire`, when the request's answer has arrived (or the attempt ended without
   * one); the window counts the request from this moment. Call exactly once per successful `acquire`.
   */
  release(): void;
  /** Requests currently holding a slot. */
  readonly inFlight: number;
  /** Callers waiting for a slot. */
  readonly pending: number;
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TempoUsageError(`rateLimit.${name} must be an integer >= 1, got ${String(value)}`);
  }
  return value;
}

/** A {@link RateLimiter} with Tempo's defaults (5 per second, 3 in flight), driven by `clock`. */
export function createRateLimiter(policy: RateLimitPolicy = {}, clock: Clock = systemClock): RateLimiter {
  const perWindow = positiveInteger('requestsPerSecond', policy.requestsPerSecond ?? 5);
  const windowMs = positiveInteger('windowMs', policy.windowMs ?? 1000);
  const maxConcurrent = positiveInteger('maxConcurrent', policy.maxConcurrent ?? 3);

  /** When the last requests were answered (monotonic), oldest first; at most `perWindow`. */
  const starts: number[] = [];
  const queue: Waiter[] = [];
  let inFlight = 0;
  let wakeScheduled = false;

  /**
   * Milliseconds until the window has room for one more start; `Infinity` when requests still in flight fill it
   * (then `release()` wakes the queue). A request in flight may reach the server at any moment: it counts as now.
   */
  const windowWait = (): number => {
    const room = perWindow - inFlight;
    if (room <= 0) return Infinity;
    if (starts.length < room) return 0;
    // The start that must leave the window before one more fits.
    const blocking = starts[starts.length - room] as number;
    return Math.max(0, blocking + windowMs - clock.monotonicNow());
  };

  const take = (): void => {
    inFlight++;
  };

  const pump = (): void => {
    while (queue.length > 0 && inFlight < maxConcurrent) {
      const wait = windowWait();
      if (wait > 0) {
        if (!wakeScheduled && wait !== Infinity) {
          wakeScheduled = true;
          void clock.sleep(wait).then(() => {
            wakeScheduled = false;
            pump();
          });
        }
        return;
      }
      const waiter = queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      take();
      waiter.resolve();
    }
  };

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (queue.length === 0 && inFlight < maxConcurrent && windowWait() === 0) {
        take();
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
        if (signal) {
          waiter.onAbort = () => {
            const index = queue.indexOf(waiter);
            if (index !== -1) queue.splice(index, 1);
            reject(abortReason(signal));
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        queue.push(waiter);
        pump();
      });
    },
    release() {
      if (inFlight === 0) return;
      inFlight--;
      starts.push(clock.monotonicNow());
      if (starts.length > perWindow) starts.shift();
      pump();
    },
    get inFlight() {
      return inFlight;
    },
    get pending() {
      return queue.length;
    },
  };
}
