/**
 * Client-side throttling to Tempo's published client limits: at most 5 requests per second and at most 3 in
 * flight. A sliding window (not a token bucket, which would allow a burst of 2× the rate across a window edge) plus
 * a semaphore, with one FIFO queue so that callers are served in order.
 *
 * What counts, and when:
 * - **The window counts departures.** A request is stamped when it leaves: the transport calls its permit's
 *   `sent()` immediately before `fetch`, after the in-flight slot is held and after every other wait (the token,
 *   the queue), with nothing awaited in between. It counts for `windowMs + marginMs` from that moment, so departures
 *   are at most `requestsPerSecond` in ANY sliding window of that length. A retry is a new departure with a new
 *   permit.
 * - **A permit granted but not sent yet counts as leaving now.** Grants happen only when the window has room for
 *   every such permit, so one that leaves a little late cannot share a place with a grant made meanwhile. (Stamping
 *   at the grant instead lets a request granted early leave late, while new grants are made on its old stamp.)
 * - **How long the answer takes does not matter to the window.** A slow answer holds an in-flight slot, not a
 *   place in the window; when the answer frees that slot, the next request may leave at once if the window allows.
 * - **In flight** is from the grant until the attempt ends (the answer read whole, or the attempt failed): at
 *   most `maxConcurrent`, so the server never sees more at once.
 *
 * - **A margin for the way there.** Tempo counts arrivals, and the way to Tempo takes longer for some requests than
 *   for others (a new connection, a busy event loop): an early request that is late on the way and a later one that
 *   is quick arrive closer together than they left. So departures are spaced over `windowMs + marginMs` (default
 *   50 ms; on loopback the spread measured up to 25 ms with new connections, under 5 ms once they are open). Raise
 *   `marginMs` when the network's delays spread more (a cold TLS handshake can take 100–300 ms).
 *
 * Time is the clock's monotonic time, so a wall clock stepped back cannot stall the window.
 *
 * @see {@link https://tempo-io.atlassian.net/wiki/spaces/KB/pages/2653650984 | Tempo's best practices for its REST
 *   API}, linked from the "Rate limiting" section of Tempo's API documents: the client limits (5 requests per second,
 *   3 in flight) this throttle keeps by default.
 */
import { abortReason, MAX_TIMER_MS, systemClock, type Clock } from './clock.js';
import { TempoUsageError } from './errors.js';
import { shownValue } from './shown-value.js';

/** Limits for the client's own throttle. Pass `rateLimit: false` to turn it off. */
export interface RateLimitPolicy {
  /** Most departures (requests leaving, retries included) in any sliding window of `windowMs`. Default `5`. */
  requestsPerSecond?: number;
  /**
   * The window `requestsPerSecond` counts over, in milliseconds, as Tempo counts it. Default `1000`; at most
   * 2^31 − 1 (about 24.8 days, the longest timer delay).
   */
  windowMs?: number;
  /**
   * Milliseconds added to the window for departures, so that requests which take different times to reach Tempo
   * still arrive within `requestsPerSecond` per `windowMs`. Default `50`; `0` spaces departures by `windowMs` alone.
   * At most 2^31 − 1.
   */
  marginMs?: number;
  /** Most requests in flight (granted and not yet answered in full, or failed) at once. Default `3`. */
  maxConcurrent?: number;
}

/** One request's permission to leave, from {@link RateLimiter.acquire}. */
export interface RateLimitPermit {
  /**
   * The request leaves now: call immediately before `fetch`, with nothing awaited in between. The window counts it
   * from this moment. Only the first call counts; after `release()` it does nothing.
   */
  sent(): void;
  /**
   * Frees the in-flight slot: call when the attempt ends (its answer read whole, or it failed, or it was aborted
   * before leaving). Only the first call counts.
   */
  release(): void;
}

/**
 * Grants permission to send a request. Share one between clients that use the same token so that together they
 * stay within Tempo's limits (`rateLimit: limiter`).
 */
export interface RateLimiter {
  /**
   * Resolves when a request may leave: an in-flight slot is taken and the window has a place for it. Rejects with
   * the signal's reason if `signal` aborts while waiting; nothing is taken then.
   */
  acquire(signal?: AbortSignal): Promise<RateLimitPermit>;
  /** Requests holding an in-flight slot (granted, not yet released). */
  readonly inFlight: number;
  /** Callers waiting for a permit. */
  readonly pending: number;
}

interface Waiter {
  resolve(permit: RateLimitPermit): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** `max`: time options set a timer, so at most {@link MAX_TIMER_MS} (a larger delay would fire after 1 ms). */
function integerAtLeast(min: number, name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TempoUsageError(`rateLimit.${name} must be an integer from ${min} to ${max}, got ${shownValue(value)}`);
  }
  return value;
}

/** The limiter's counts, shared by its permits. */
interface LimiterState {
  /** Permits holding an in-flight slot. */
  inFlight: number;
  /** Permits granted whose request has not left yet: each counts as leaving now. */
  unsent: number;
  /** Departure times (monotonic ms) of the last `perWindow` requests, oldest first. */
  readonly departures: number[];
}

/** See the module's comment: twice the spread of departure-to-arrival delays measured on loopback. */
const DEFAULT_MARGIN_MS = 50;

const GRANTED = 0;
const SENT = 1;
const RELEASED = 2;

/** A class rather than closures: one small object per request on the hot path. */
class Permit implements RateLimitPermit {
  private stage = GRANTED;

  constructor(
    private readonly state: LimiterState,
    private readonly limits: { readonly perWindow: number; readonly clock: Clock },
    private readonly wake: () => void,
  ) {}

  sent(): void {
    if (this.stage !== GRANTED) return;
    this.stage = SENT;
    const { state, limits } = this;
    state.unsent--;
    state.departures.push(limits.clock.monotonicNow());
    if (state.departures.length > limits.perWindow) state.departures.shift();
    // The window's wait may turn from "until a permit leaves" into a time: schedule it.
    this.wake();
  }

  release(): void {
    if (this.stage === RELEASED) return;
    if (this.stage === GRANTED) this.state.unsent--; // never left: it takes no place in the window
    this.stage = RELEASED;
    this.state.inFlight--;
    this.wake();
  }
}

/**
 * A {@link RateLimiter} with Tempo's defaults (5 per second, 3 in flight), driven by `clock`.
 *
 * @throws {TempoUsageError} when `policy` is not an object (`null` included), or a limit is not an integer ≥ 1
 *   (`marginMs`: ≥ 0), or `windowMs`/`marginMs` is above 2^31 − 1 ms (about 24.8 days, the longest timer delay).
 */
export function createRateLimiter(policy: RateLimitPolicy = {}, clock: Clock = systemClock): RateLimiter {
  if (typeof policy !== 'object' || policy === null) {
    throw new TempoUsageError(`rateLimit must be a RateLimitPolicy, got ${shownValue(policy)}`);
  }
  const perWindow = integerAtLeast(1, 'requestsPerSecond', policy.requestsPerSecond ?? 5);
  // Departures are spaced over the window plus the margin for the way there (see the module's comment).
  const spacingMs =
    integerAtLeast(1, 'windowMs', policy.windowMs ?? 1000, MAX_TIMER_MS) +
    integerAtLeast(0, 'marginMs', policy.marginMs ?? DEFAULT_MARGIN_MS, MAX_TIMER_MS);
  const maxConcurrent = integerAtLeast(1, 'maxConcurrent', policy.maxConcurrent ?? 3);
  const limits = { perWindow, clock };
  const state: LimiterState = { inFlight: 0, unsent: 0, departures: [] };
  const { departures } = state;
  const queue: Waiter[] = [];
  /** When the earliest scheduled wake-up is due (monotonic ms); `Infinity` when none is. */
  let wakeAt = Number.POSITIVE_INFINITY;

  /**
   * Milliseconds until the window has a place for one more departure; `Infinity` when permits not sent yet fill it
   * (their `sent()` or `release()` wakes the queue then).
   */
  const windowWait = (now: number): number => {
    const room = perWindow - state.unsent;
    if (room <= 0) return Number.POSITIVE_INFINITY;
    if (departures.length < room) return 0;
    // The departure that must leave the window before one more fits: a departure at t counts for [t, t + spacingMs).
    const blocking = departures[departures.length - room] as number;
    return Math.max(0, blocking + spacingMs - now);
  };

  const grant = (): RateLimitPermit => {
    state.inFlight++;
    state.unsent++;
    return new Permit(state, limits, pump);
  };

  /** Wakes the queue at `now + waitMs`, unless a wake-up is already due by then. */
  const scheduleWake = (now: number, waitMs: number): void => {
    const at = now + waitMs;
    if (at >= wakeAt) return;
    wakeAt = at;
    void clock.sleep(waitMs).then(() => {
      if (wakeAt === at) wakeAt = Number.POSITIVE_INFINITY;
      pump();
    });
  };

  function pump(): void {
    while (queue.length > 0 && state.inFlight < maxConcurrent) {
      const now = clock.monotonicNow();
      const wait = windowWait(now);
      if (wait > 0) {
        if (wait !== Number.POSITIVE_INFINITY) scheduleWake(now, wait);
        return;
      }
      const waiter = queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(grant());
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (queue.length === 0 && state.inFlight < maxConcurrent && windowWait(clock.monotonicNow()) === 0) {
        return Promise.resolve(grant());
      }
      return new Promise<RateLimitPermit>((resolve, reject) => {
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
    get inFlight() {
      return state.inFlight;
    },
    get pending() {
      return queue.length;
    },
  };
}
