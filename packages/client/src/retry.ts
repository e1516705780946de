/**
 * The retry policy: which outcomes are retried, and how long to pause before each retry.
 * Defaults follow Tempo's guidance: after a 429 wait at least a second (longer if Retry-After says so); after a 5xx
 * or a lost connection retry up to 3 times, pausing 5, 10 and 15 seconds.
 */
import { MAX_TIMER_MS } from './clock.js';
import { TempoUsageError } from './errors.js';
import { shownValue } from './shown-value.js';

/** How the client retries. Pass `retry: false` to turn retries off. */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `maxRetries + 1` requests per call). Default `3`. */
  maxRetries?: number;
  /**
   * Pauses in milliseconds before the 1st, 2nd, 3rd… retry after a 5xx, a timeout or a connection error; the last
   * one repeats. Default `[5000, 10000, 15000]`.
   */
  delays?: readonly number[];
  /** Shortest pause after a 429, used when `Retry-After` is missing or asks for less. Default `1000`. */
  minRateLimitDelay?: number;
  /**
   * Longest single pause. When `Retry-After` asks for more, the client does not wait: the 429 (or 5xx) is returned
   * as it is. Default `60000`.
   */
  maxDelay?: number;
  /** Budget for all pauses of one call together; a retry that would exceed it is not made. Default `90000`. */
  maxTotalDelay?: number;
  /**
   * Random extra added to each pause, as a fraction of it (`0.1` = up to 10 % longer), so that many clients do not
   * retry in step. Never shortens a pause. Default `0.1`.
   */
  jitter?: number;
  /**
   * Also retry requests that are not idempotent (a POST that creates, PATCH). Default `false`: when the response to
   * a create is lost, the create may still have happened, and a retry would duplicate it.
   */
  retryNonIdempotent?: boolean;
}

/** A {@link RetryPolicy} with every field filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** Tempo's guidance, as the default policy. */
export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = Object.freeze({
  maxRetries: 3,
  delays: Object.freeze([5000, 10000, 15000]),
  minRateLimitDelay: 1000,
  maxDelay: 60_000,
  maxTotalDelay: 90_000,
  jitter: 0.1,
  retryNonIdempotent: false,
});

function nonNegative(
  name: string,
  value: number,
  usage: (message: string) => Error,
  max = Number.POSITIVE_INFINITY,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    throw usage(
      `retry.${name} must be a finite number >= 0${max < Number.POSITIVE_INFINITY ? ` and <= ${max}` : ''}, got ${shownValue(value)}`,
    );
  }
  return value;
}

/** The policy with defaults filled in and values checked; `false` means no retries at all. */
export function resolveRetryPolicy(
  policy: RetryPolicy | false | undefined,
  usage: (message: string) => Error = (message) => new TempoUsageError(message),
): ResolvedRetryPolicy {
  if (policy === false) return { ...DEFAULT_RETRY_POLICY, maxRetries: 0 };
  // Field by field: `{ maxRetries: undefined }` means the default, as it does for `rateLimit`.
  const merged = { ...DEFAULT_RETRY_POLICY };
  for (const key of Object.keys(merged) as (keyof RetryPolicy)[]) {
    if (policy?.[key] !== undefined) (merged as Record<string, unknown>)[key] = policy[key];
  }
  if (!Number.isInteger(merged.maxRetries) || merged.maxRetries < 0) {
    throw usage(`retry.maxRetries must be an integer >= 0, got ${shownValue(merged.maxRetries)}`);
  }
  if (!Array.isArray(merged.delays) || merged.delays.length === 0) {
    throw usage('retry.delays must be a non-empty array of milliseconds');
  }
  // Pauses set a timer: none may exceed the longest delay a timer takes (a larger one would fire after 1 ms).
  for (const [i, d] of merged.delays.entries()) nonNegative(`delays[${i}]`, d, usage, MAX_TIMER_MS);
  nonNegative('minRateLimitDelay', merged.minRateLimitDelay, usage, MAX_TIMER_MS);
  nonNegative('maxDelay', merged.maxDelay, usage, MAX_TIMER_MS);
  nonNegative('maxTotalDelay', merged.maxTotalDelay, usage);
  nonNegative('jitter', merged.jitter, usage);
  return merged;
}

/**
 * `Retry-After` in milliseconds from now: either delay-seconds (`"120"`, `"1.5"`) or an HTTP date. `undefined` when
 * missing or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined; // an HTTP date names a day and month; "-3" is no date
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
