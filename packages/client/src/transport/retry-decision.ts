/**
 * `shouldRetry`: whether to retry after an attempt, and after what pause. A pure function of the attempt's
 * summary, the call's retry state and the policy (tested as a table), so the request loop holds no retry rules.
 */
import type { ResolvedRetryPolicy } from '../retry.js';
import type { FailureKind } from './attempt.js';

/** What the decision needs to know about the attempt that just ended. */
export interface AttemptSummary {
  /** The response status, or `undefined` when there was no response. */
  status?: number | undefined;
  /** Why there was no response. */
  failure?: FailureKind | undefined;
  /** The response's `Retry-After`, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** Whether the request may be sent twice (decides 5xx and connection errors; a 429 was never processed). */
  idempotent: boolean;
}

/** The call's retries so far. */
export interface RetryState {
  /** Retries already made. */
  retries: number;
  /** Milliseconds already paused before them. */
  pausedMs: number;
}

/** 429 and server errors are worth retrying; 501 (not implemented) will not get better. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/**
 * The pause before retry number `retryIndex` (0-based), jitter included, or `undefined` when the wait the server
 * asks for is longer than `maxDelay` (then the caller should not retry).
 */
export function retryDelay(
  policy: ResolvedRetryPolicy,
  retryIndex: number,
  status: number | undefined,
  retryAfterMs: number | undefined,
  random: () => number,
): number | undefined {
  const { delays } = policy;
  const backoff = delays[Math.min(retryIndex, delays.length - 1)] as number;
  const base =
    status === 429 ? Math.max(policy.minRateLimitDelay, retryAfterMs ?? 0) : Math.max(backoff, retryAfterMs ?? 0);
  if (base > policy.maxDelay) return undefined;
  return Math.round(base * (1 + policy.jitter * random()));
}

/**
 * The pause in milliseconds before retrying, or `undefined` not to retry.
 *
 * - 429: retried whatever the method (the server did not process the request), after at least
 *   `minRateLimitDelay` or `Retry-After`.
 * - 5xx (but 501), connection errors and timeouts: retried only when the request is idempotent (or the policy says
 *   `retryNonIdempotent`): a lost answer to a create may hide a create that happened.
 * - Anything else (success, 4xx, abort, a body over `maxResponseBytes`): never.
 * - Never past `maxRetries` retries or past `maxTotalDelay` of pauses in all.
 */
export function shouldRetry(
  summary: AttemptSummary,
  state: RetryState,
  policy: ResolvedRetryPolicy,
  random: () => number,
): number | undefined {
  const { status, failure } = summary;
  const retryable =
    status !== undefined ? isRetryableStatus(status) : failure === 'connection' || failure === 'timeout';
  if (!retryable || state.retries >= policy.maxRetries) return undefined;
  if (status !== 429 && !summary.idempotent && !policy.retryNonIdempotent) return undefined;
  const delay = retryDelay(policy, state.retries, status, summary.retryAfterMs, random);
  if (delay === undefined || state.pausedMs + delay > policy.maxTotalDelay) return undefined;
  return delay;
}
