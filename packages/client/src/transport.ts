/**
 * The fetch the client hands to openapi-fetch. It sits below openapi-fetch's middleware chain, so everything here
 * happens once per *attempt*: wait for the rate limiter, apply the (possibly refreshed) token, enforce the timeout,
 * then decide whether to retry. Middleware sees one request and one final response per call.
 */
import { abortReason, type Clock } from './clock.js';
import { TempoAbortError, TempoConnectionError, TempoError, TempoTimeoutError } from './errors.js';
import type { Auth } from './auth.js';
import type { Log } from './logger.js';
import type { RateLimiter } from './rate-limiter.js';
import { sanitizeUrl, type Redactor } from './redact.js';
import { isRetryableStatus, parseRetryAfter, retryDelay, type ResolvedRetryPolicy } from './retry.js';

/** What the transport knows about the operation behind a request. */
export interface OperationHint {
  /** The operationId, for logs and errors. */
  operationId?: string | undefined;
  /** Whether sending the request twice has the same effect as once (so it may be retried). */
  idempotent: boolean;
}

/**
 * The property under which `callOperation` tells the transport which operation a request belongs to.
 * openapi-fetch copies unknown request options onto the `Request` it builds; a middleware that replaces the
 * request drops it, and the transport then falls back to matching the path.
 */
export const OPERATION_HINT = '__tempoOperation';

/** Finds the operation for a method and absolute URL, when the client knows the operation index. */
export type OperationClassifier = (method: string, url: string) => OperationHint | undefined;

/** Everything the transport needs; assembled by `createTempoCore`. */
export interface TransportOptions {
  /** The fetch to send with; `undefined` means the global `fetch`, looked up per request (so mocks installed later apply). */
  fetch: typeof globalThis.fetch | undefined;
  auth: Auth;
  retry: ResolvedRetryPolicy;
  limiter: RateLimiter | undefined;
  /** Per-attempt timeout in milliseconds; 0 or Infinity for none. */
  timeout: number;
  userAgent: string | undefined;
  clock: Clock;
  log: Log;
  redactor: Redactor;
  classify: OperationClassifier | undefined;
}

/** Methods that are idempotent by definition (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Statuses whose responses must not carry a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Where a request was going, for errors and logs (computed once, on demand). */
interface Target {
  method: string;
  url: string;
  operationId: string | undefined;
}

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A copy of a low-level error holding only its redacted name and message (a custom fetch may attach the request). */
function safeCause(error: unknown, redactor: Redactor): Error {
  const detail = error instanceof Error ? error : new Error(String(error));
  const inner = detail.cause instanceof Error ? `: ${detail.cause.message}` : '';
  const copy = new Error(redactor.text(`${detail.message}${inner}`));
  copy.name = detail.name;
  return copy;
}

/**
 * The whole body, or a rejection as soon as `signal` aborts. fetch ties its body stream to the signal itself, but a
 * custom fetch may not; racing makes the timeout and abort cover the body in every case.
 */
function readBody(response: Response, signal: AbortSignal): Promise<ArrayBuffer> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<ArrayBuffer>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      response.body?.cancel(signal.reason).catch(() => {});
    };
    signal.addEventListener('abort', onAbort, { once: true });
    response.arrayBuffer().then(
      (buffer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(buffer);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The fetch function that implements auth, timeout, rate limiting and retries for one client. */
export function createTransport(options: TransportOptions): (input: Request) => Promise<Response> {
  const { auth, retry: policy, limiter, timeout, userAgent, clock, log, redactor, classify } = options;
  const hasTimeout = timeout > 0 && Number.isFinite(timeout);

  const abortError = (signal: AbortSignal, target: Target) =>
    new TempoAbortError(`${target.method} ${target.url} was aborted`, {
      method: target.method,
      url: target.url,
      cause: abortReason(signal),
    });

  /** One attempt: returns the response with its body already read (so the timeout covers it), or an error. */
  async function send(request: Request, body: ArrayBuffer | null, token: string, target: Target) {
    const callerSignal = request.signal;
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(callerSignal.reason);
    callerSignal.addEventListener('abort', forwardAbort, { once: true });
    let timedOut = false;
    const timer = hasTimeout
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`Timed out after ${timeout} ms`, 'TimeoutError'));
        }, timeout)
      : undefined;
    try {
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${token}`);
      if (userAgent && !headers.has('user-agent')) headers.set('user-agent', userAgent);
      const fetchImpl = options.fetch ?? globalThis.fetch;
      const response = await fetchImpl(new Request(request, { headers, body, signal: controller.signal }));
      const content = NULL_BODY_STATUSES.has(response.status) ? null : await readBody(response, controller.signal);
      const copy = new Response(content, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      Object.defineProperty(copy, 'url', { value: response.url || request.url });
      return copy;
    } catch (error) {
      if (callerSignal.aborted) return abortError(callerSignal, target);
      if (timedOut) {
        return new TempoTimeoutError(`${target.method} ${target.url} timed out after ${timeout} ms`, {
          method: target.method,
          url: target.url,
          timeout,
        });
      }
      if (error instanceof TempoError) return error;
      const code = codeOf(error);
      const cause = safeCause(error, redactor);
      return new TempoConnectionError(
        `Could not reach Tempo for ${target.method} ${target.url}: ${cause.message}${code && !cause.message.includes(code) ? ` (${code})` : ''}`,
        { method: target.method, url: target.url, code, cause },
      );
    } finally {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', forwardAbort);
    }
  }

  return async function tempoFetch(request: Request): Promise<Response> {
    const method = request.method;
    const hint =
      ((request as unknown as Record<string, unknown>)[OPERATION_HINT] as OperationHint | undefined) ??
      (IDEMPOTENT_METHODS.has(method) && !log.enabled('debug') ? undefined : classify?.(method, request.url));
    const idempotent = hint?.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const maxRetries = idempotent || policy.retryNonIdempotent ? policy.maxRetries : 0;
    const signal = request.signal;
    const target: Target = { method, url: sanitizeUrl(request.url), operationId: hint?.operationId };
    // Read the body once so every attempt (retries, the retry after a token refresh) can send it again.
    const body = request.body === null ? null : await request.arrayBuffer();

    let retries = 0;
    let paused = 0;
    let refreshed = false;
    let refreshedToken: string | undefined;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw abortError(signal, target);
      // Right after a forced refresh, use the token it returned (the provider may not cache it).
      const token = refreshedToken ?? (await auth.token());
      refreshedToken = undefined;
      if (limiter) {
        try {
          await limiter.acquire(signal);
        } catch {
          throw abortError(signal, target);
        }
      }
      const debug = log.enabled('debug');
      const started = debug ? clock.now() : 0;
      if (debug) log.write('debug', `→ ${method} ${target.url}`, { operationId: target.operationId, attempt });
      let outcome: Response | TempoError;
      try {
        outcome = await send(request, body, token, target);
      } finally {
        limiter?.release();
      }
      if (debug && outcome instanceof Response) {
        log.write('debug', `← ${outcome.status} ${method} ${target.url}`, {
          operationId: target.operationId,
          attempt,
          ms: clock.now() - started,
        });
      }

      if (outcome instanceof TempoAbortError) throw outcome;

      if (outcome instanceof Response && outcome.status === 401 && auth.canRefresh && !refreshed) {
        // One forced refresh and one more attempt per call; a second 401 is final (no loop).
        refreshed = true;
        log.write('info', `401 on ${method} ${target.url}: asking the token provider for a fresh token`, {
          operationId: target.operationId,
        });
        refreshedToken = await auth.refresh(token);
        continue;
      }

      const retryable =
        outcome instanceof Response
          ? isRetryableStatus(outcome.status)
          : outcome instanceof TempoConnectionError || outcome instanceof TempoTimeoutError;
      if (retryable && retries < maxRetries) {
        const status = outcome instanceof Response ? outcome.status : undefined;
        const retryAfter =
          outcome instanceof Response ? parseRetryAfter(outcome.headers.get('retry-after'), clock.now()) : undefined;
        const delay = retryDelay(policy, retries, { status, retryAfter }, clock.random);
        if (delay !== undefined && paused + delay <= policy.maxTotalDelay) {
          retries++;
          paused += delay;
          log.write('warn', `Retrying ${method} ${target.url} in ${delay} ms (retry ${retries} of ${maxRetries})`, {
            operationId: target.operationId,
            reason: status ?? (outcome as TempoError).name,
            delay,
          });
          try {
            await clock.sleep(delay, signal);
          } catch {
            throw abortError(signal, target);
          }
          continue;
        }
      }

      if (retries > 0 && retryable) {
        log.write('error', `Giving up on ${method} ${target.url} after ${retries} retries`, {
          operationId: target.operationId,
          reason: outcome instanceof Response ? outcome.status : outcome.name,
        });
      }
      if (outcome instanceof Response) return outcome;
      throw outcome;
    }
  };
}
