/**
 * The retry policy: which outcomes are retried, and how long to pause before each retry.
 * Defaults follow Tempo's guidance: after a 429 wait at least a second (longer if Retry-After says so); after a 5xx
 * or a lost connection retry up to 3 times, pausing 5, 10 and 15 seconds.
 */
import { TempoUsageError } from './errors.js';

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

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new TempoUsageError(`retry.${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/** The policy with defaults filled in and values checked; `false` means no retries at all. */
export function resolveRetryPolicy(policy: RetryPolicy | false | undefined): ResolvedRetryPolicy {
  if (policy === false) return { ...DEFAULT_RETRY_POLICY, maxRetries: 0 };
  // Field by field: `{ maxRetries: undefined }` means the default, as it does for `rateLimit`.
  const merged = { ...DEFAULT_RETRY_POLICY };
  for (const key of Object.keys(merged) as (keyof RetryPolicy)[]) {
    if (policy?.[key] !== undefined) (merged as Record<string, unknown>)[key] = policy[key];
  }
  if (!Number.isInteger(merged.maxRetries) || merged.maxRetries < 0) {
    throw new TempoUsageError(`retry.maxRetries must be an integer >= 0, got ${String(merged.maxRetries)}`);
  }
  if (!Array.isArray(merged.delays) || merged.delays.length === 0) {
    throw new TempoUsageError('retry.delays must be a non-empty array of milliseconds');
  }
  merged.delays.forEach((d, i) => nonNegative(`delays[${i}]`, d));
  nonNegative('minRateLimitDelay', merged.minRateLimitDelay);
  nonNegative('maxDelay', merged.maxDelay);
  nonNegative('maxTotalDelay', merged.maxTotalDelay);
  nonNegative('jitter', merged.jitter);
  return merged;
}

/** 429 and server errors are worth retrying; 501 (not implemented) will not get better. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
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

/** What happened on the attempt that is about to be retried. */
export interface RetryCause {
  /** The response status, or `undefined` when there was no response (connection error or timeout). */
  status?: number | undefined;
  /** The parsed `Retry-After`, in milliseconds. */
  retryAfter?: number | undefined;
}

/**
 * The pause before retry number `retryIndex` (0-based), jitter included, or `undefined` when the wait the server
 * asks for is longer than `maxDelay` (then the caller should not retry).
 */
export function retryDelay(
  policy: ResolvedRetryPolicy,
  retryIndex: number,
  cause: RetryCause,
  random: () => number,
): number | undefined {
  const { delays } = policy;
  const backoff = delays[Math.min(retryIndex, delays.length - 1)] as number;
  const base =
    cause.status === 429
      ? Math.max(policy.minRateLimitDelay, cause.retryAfter ?? 0)
      : Math.max(backoff, cause.retryAfter ?? 0);
  if (base > policy.maxDelay) return undefined;
  return Math.round(base * (1 + policy.jitter * random()));
}
