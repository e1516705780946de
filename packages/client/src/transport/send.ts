/**
 * `sendRequest`: the call's loop over attempts. Each attempt takes the current credentials, then waits for the rate
 * limiter (the last wait, so that the permit's departure stamp is the moment the request leaves), runs
 * {@link makeAttempt}, and then one of: a single token refresh after a 401, a retry after the pause
 * {@link shouldRetry} decides, or the end of the call. A retry acquires a new permit: it is a new departure.
 */
import { abortReason, type Clock } from '../clock.js';
import type { Log } from '../logger.js';
import type { RateLimiter, RateLimitPermit } from '../rate-limiter.js';
import { parseRetryAfter, type ResolvedRetryPolicy } from '../retry.js';
import { makeAttempt, type AttemptSettings } from './attempt.js';
import type { Auth } from './auth.js';
import { safeUrl, type RequestOptions } from './request-options.js';
import { isRetryableStatus, shouldRetry } from './retry-decision.js';

/** What one transport's calls share. */
export interface SendSettings extends AttemptSettings {
  /** `undefined`: send no `Authorization` header. */
  auth: Auth | undefined;
  retry: ResolvedRetryPolicy;
  limiter: RateLimiter | undefined;
  clock: Clock;
  log: Log;
}

/** A response read whole: the last attempt's. */
export interface Reply {
  readonly response: Response;
  readonly bytes: Uint8Array;
}

/** The reason a call was aborted, as the service's abort error. */
function abortError(settings: SendSettings, options: RequestOptions, signal: AbortSignal): Error {
  const url = safeUrl(options);
  return settings.service.errors.abort(`${options.method} ${url} was aborted`, {
    method: options.method,
    url,
    operationId: options.operationId,
    cause: abortReason(signal),
  });
}

/**
 * Sends `options` until an attempt gives a final outcome. Resolves with the last response (whatever its status)
 * read whole; rejects with the service's typed error when there was none.
 */
export async function sendRequest(settings: SendSettings, options: RequestOptions): Promise<Reply> {
  const { auth, retry: policy, limiter, clock, log } = settings;
  const { method, signal, operationId } = options;
  const state = { retries: 0, pausedMs: 0 };
  let refreshed = false;
  let refreshedHeader: string | undefined;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError(settings, options, signal);
    // Right after a forced refresh, use the value it returned (the provider may not cache it).
    const authorization = refreshedHeader ?? auth?.fixed ?? (await auth?.authorization());
    refreshedHeader = undefined;
    if (signal?.aborted) throw abortError(settings, options, signal); // it may have fired while the provider ran
    // The last wait before the request leaves: the attempt stamps the permit just before fetch (no await between).
    let permit: RateLimitPermit | undefined;
    if (limiter) {
      try {
        permit = await limiter.acquire(signal);
      } catch (error) {
        throw signal?.aborted ? abortError(settings, options, signal) : error;
      }
      // A limiter written for an older interface resolves nothing: without a permit, no slot would ever be given
      // back and the next call would wait forever. Fail this call instead.
      if (!isPermit(permit)) {
        throw settings.service.errors.usage('rateLimit: acquire() must resolve a RateLimitPermit, see the README');
      }
    }
    const debug = log.enabled('debug');
    const started = debug ? clock.monotonicNow() : 0;
    if (debug) log.write('debug', `→ ${method} ${safeUrl(options)}`, { operationId, attempt });
    // The attempt gives the in-flight slot back when it ends (the answer read whole, or a failure).
    const outcome = await makeAttempt(settings, options, authorization, permit);
    const response = outcome.response;
    if (debug && response) {
      log.write('debug', `← ${response.status} ${method} ${safeUrl(options)}`, {
        operationId,
        attempt,
        ms: Math.round(clock.monotonicNow() - started),
      });
    }
    if (outcome.failure === 'abort') throw outcome.error;

    if (response?.status === 401 && auth?.canRefresh && !refreshed && authorization !== undefined) {
      // One forced refresh and one more attempt per call; a second 401 is final (no loop).
      refreshed = true;
      log.write('info', `401 on ${method} ${safeUrl(options)}: asking the token provider for a fresh token`, {
        operationId,
      });
      refreshedHeader = await auth.refresh(authorization);
      continue;
    }

    // A status that is never retried (most of all a success) needs no retry decision.
    if (response && !isRetryableStatus(response.status)) return outcome;
    const retryAfterMs = response ? parseRetryAfter(response.headers.get('retry-after'), clock.now()) : undefined;
    const summary = {
      status: response?.status,
      failure: outcome.failure,
      retryAfterMs,
      idempotent: options.idempotent,
    };
    const delay = shouldRetry(summary, state, policy, clock.random);
    const reason = response ? response.status : outcome.error.name;
    if (delay !== undefined) {
      state.retries++;
      state.pausedMs += delay;
      log.write(
        'warn',
        `Retrying ${method} ${safeUrl(options)} in ${delay} ms (retry ${state.retries} of ${policy.maxRetries})`,
        {
          operationId,
          reason,
          delay,
        },
      );
      try {
        await clock.sleep(delay, signal);
      } catch (error) {
        throw signal?.aborted ? abortError(settings, options, signal) : error;
      }
      continue;
    }
    const retryable = response ? isRetryableStatus(response.status) : outcome.failure !== 'tooLarge';
    if (state.retries > 0 && retryable) {
      log.write('error', `Giving up on ${method} ${safeUrl(options)} after ${state.retries} retries`, {
        operationId,
        reason,
      });
    }
    if (response) return outcome;
    throw outcome.error;
  }
}

function isPermit(value: unknown): value is RateLimitPermit {
  const permit = value as Partial<RateLimitPermit> | null | undefined;
  return typeof permit?.sent === 'function' && typeof permit.release === 'function';
}
