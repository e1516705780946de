/**
 * The fetch the client hands to openapi-fetch. It sits below openapi-fetch's middleware chain, so everything here
 * happens once per *attempt*: wait for the rate limiter, apply the (possibly refreshed) token, enforce the timeout,
 * then decide whether to retry. Middleware sees one request and one final response per call.
 *
 * Hot path: no extra `Request`/`Response` objects are built (undici makes both expensive); the response is passed
 * through and its body-reading methods are guarded instead, so the timeout and abort also cover the body.
 */
import { abortReason, type Clock } from './clock.js';
import { TempoAbortError, TempoConnectionError, TempoError, TempoTimeoutError } from './errors.js';
import type { Auth } from './auth.js';
import { createDeadlines, type Deadlines, type Expirable } from './deadlines.js';
import type { Log } from './logger.js';
import type { RateLimiter } from './rate-limiter.js';
import { sanitizeUrl, type Redactor } from './redact.js';
import { isRetryableStatus, parseRetryAfter, retryDelay, type ResolvedRetryPolicy } from './retry.js';

/** What the transport knows about the operation behind a request. */
export interface OperationHint {
  /** The operationId, for logs and errors. */
  operationId?: string | undefined;
  /**
   * Whether sending the request twice has the same effect as once (so it may be retried). Unknown (`undefined`) for
   * low-level calls: the transport then looks the operation up by method and path.
   */
  idempotent?: boolean | undefined;
  /** The caller's signal as passed to `callOperation` (`null`: none was passed); absent when unknown. */
  signal?: AbortSignal | null | undefined;
}

/**
 * The property under which `callOperation` tells the transport which operation a request belongs to.
 * openapi-fetch copies unknown request options onto the `Request` it builds; a middleware that replaces the
 * request drops it, and the transport then falls back to matching the path.
 */
export const OPERATION_HINT = '__tempoOperation';

/** Where the transport notes the URL a response answers (a custom fetch may leave `response.url` empty). */
const REQUEST_URL = Symbol('tempo.requestUrl');

/** The URL that `response` answers: the request URL the transport sent. */
export function requestUrlOf(response: Response): string {
  return (response as unknown as Record<symbol, string | undefined>)[REQUEST_URL] ?? response.url;
}

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

/**
 * What an attempt ended with: a response or the typed error. Told apart by the error side, because a custom `fetch`
 * (node-fetch, the undici package, jsdom) may answer with its own `Response` class.
 */
function isResponse(outcome: Response | TempoError): outcome is Response {
  return !(outcome instanceof TempoError);
}

/** Methods that are idempotent by definition (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Where a request was going, for errors and logs; the URL is sanitized only when first needed. */
class Target {
  #url: string | undefined;
  constructor(
    readonly method: string,
    private readonly rawUrl: string,
    readonly operationId: string | undefined,
  ) {}
  get url(): string {
    return (this.#url ??= sanitizeUrl(this.rawUrl));
  }
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

/** Where an attempt's state is kept on the response it produced (read by the guarded body readers). */
const ATTEMPT = Symbol('tempo.attempt');
/** The body readers openapi-fetch (and most callers) use; each is guarded by the attempt's timeout and abort. */
const BODY_READERS = ['text', 'json', 'arrayBuffer', 'blob'] as const;

/** What an attempt needs from its transport to turn a failure into a typed error. */
interface AttemptContext {
  timeout: number;
  redactor: Redactor;
  abortError(signal: AbortSignal, target: Target): TempoAbortError;
  deadlines: Deadlines | undefined;
}

/**
 * One attempt in flight: its abort controller, its deadline, and the pending body read to fail if it is aborted
 * (a custom fetch may not tie its body stream to the signal). A class, so the hot path allocates one object
 * rather than a handful of closures.
 */
class Attempt implements Expirable {
  /** Only made when something can abort the attempt (a timeout or a caller's signal): signals are costly in fetch. */
  readonly controller: AbortController | undefined;
  deadline = 0;
  timedOut = false;
  finished = false;
  rejectRead: ((reason: unknown) => void) | undefined;
  readonly forward: (() => void) | undefined;

  constructor(
    readonly context: AttemptContext,
    readonly target: Target,
    readonly callerSignal: AbortSignal | undefined,
  ) {
    this.controller = context.deadlines || callerSignal ? new AbortController() : undefined;
    if (context.deadlines) {
      this.deadline = Date.now() + context.timeout;
      context.deadlines.add(this);
    }
    if (callerSignal) {
      this.forward = () => this.abort(callerSignal.reason);
      // An 'abort' that already fired will not fire again for a new listener.
      if (callerSignal.aborted) this.forward();
      else callerSignal.addEventListener('abort', this.forward, { once: true });
    }
  }

  /** Called by the deadline sweep. */
  expire(): void {
    this.timedOut = true;
    this.abort(new DOMException(`Timed out after ${this.context.timeout} ms`, 'TimeoutError'));
    // The body may never be read (a middleware replaced the response, a stream was dropped): end the attempt here.
    this.finish();
  }

  abort(reason: unknown): void {
    this.controller?.abort(reason);
    this.rejectRead?.(reason);
  }

  /** The attempt is over (response read, failed, or discarded): stop its deadline and abort forwarding. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.rejectRead = undefined;
    this.context.deadlines?.delete(this);
    if (this.forward) this.callerSignal?.removeEventListener('abort', this.forward);
  }

  /** The typed error for what ended the attempt. */
  failure(error: unknown): TempoError {
    const { target, context } = this;
    if (this.callerSignal?.aborted) return context.abortError(this.callerSignal, target);
    if (this.timedOut) {
      return new TempoTimeoutError(`${target.method} ${target.url} timed out after ${context.timeout} ms`, {
        method: target.method,
        url: target.url,
        timeout: context.timeout,
      });
    }
    if (error instanceof TempoError) return error;
    const code = codeOf(error);
    const cause = safeCause(error, context.redactor);
    const suffix = code && !cause.message.includes(code) ? ` (${code})` : '';
    return new TempoConnectionError(`Could not reach Tempo for ${target.method} ${target.url}: ${cause.message}${suffix}`, {
      method: target.method,
      url: target.url,
      code,
      cause,
    });
  }
}

/** A body reader that ends the attempt when the body is read, and fails with a typed error if it is aborted. */
function guardedReader(reader: (typeof BODY_READERS)[number]) {
  return function read(this: Response): Promise<unknown> {
    const attempt = (this as unknown as Record<symbol, Attempt | undefined>)[ATTEMPT];
    const original = (Object.getPrototypeOf(this) as Record<string, () => Promise<unknown>>)[reader] as () => Promise<unknown>;
    if (!attempt) return original.call(this);
    const signal = attempt.controller?.signal;
    if (signal?.aborted) return Promise.reject(attempt.failure(signal.reason));
    if (attempt.finished) return original.call(this);
    return new Promise((resolve, reject) => {
      attempt.rejectRead = (reason) => {
        attempt.finish();
        this.body?.cancel().catch(() => {});
        reject(attempt.failure(reason));
      };
      original.call(this).then(
        (value) => {
          attempt.finish();
          resolve(value);
        },
        (error: unknown) => {
          attempt.finish();
          reject(attempt.failure(error));
        },
      );
    });
  };
}
const GUARDS = BODY_READERS.map((reader) => [reader, guardedReader(reader)] as const);

/** The fetch function that implements auth, timeout, rate limiting and retries for one client. */
export function createTransport(options: TransportOptions): (input: Request) => Promise<Response> {
  const { auth, retry: policy, limiter, timeout, userAgent, clock, log, redactor, classify } = options;

  const abortError = (signal: AbortSignal, target: Target) =>
    new TempoAbortError(`${target.method} ${target.url} was aborted`, {
      method: target.method,
      url: target.url,
      cause: abortReason(signal),
    });
  const context: AttemptContext = {
    timeout,
    redactor,
    abortError,
    deadlines: timeout > 0 && Number.isFinite(timeout) ? createDeadlines(timeout) : undefined,
  };

  /**
   * One attempt. Resolves with the response (its body still to read, guarded by this attempt's timeout and the
   * caller's signal) or with the error that ended the attempt; never rejects.
   */
  async function send(
    request: Request,
    body: ArrayBuffer | null,
    token: string,
    target: Target,
    callerSignal: AbortSignal | undefined,
  ): Promise<Response | TempoError> {
    const attempt = new Attempt(context, target, callerSignal);
    let response: Response;
    try {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      headers.authorization = `Bearer ${token}`;
      if (userAgent && headers['user-agent'] === undefined) headers['user-agent'] = userAgent;
      const fetchImpl = options.fetch ?? globalThis.fetch;
      // A URL and init rather than a new Request: fetch builds its own Request anyway.
      response = await fetchImpl(request.url, {
        method: request.method,
        headers,
        body,
        signal: attempt.controller?.signal ?? null,
        redirect: request.redirect,
        credentials: request.credentials,
        cache: request.cache,
        mode: request.mode,
        keepalive: request.keepalive,
        integrity: request.integrity,
        referrerPolicy: request.referrerPolicy,
      });
    } catch (error) {
      attempt.finish();
      return attempt.failure(error);
    }

    const record = response as unknown as Record<string | symbol, unknown>;
    record[REQUEST_URL] = request.url;
    // openapi-fetch reads no body for these, so nothing would end the attempt later.
    if (response.body === null || request.method === 'HEAD' || response.headers.get('content-length') === '0') {
      attempt.finish();
      return response;
    }
    // The body is read later (by openapi-fetch, after the retry decision): guard the readers so that the timeout
    // and the caller's signal still apply, and so that reading ends the attempt.
    record[ATTEMPT] = attempt;
    for (const [reader, guard] of GUARDS) record[reader] = guard;
    return response;
  }

  /** Drops a response that will not be returned: frees the connection and the attempt's timer. */
  const discard = (response: Response): void => {
    response.arrayBuffer().catch(() => {});
  };

  return async function tempoFetch(request: Request): Promise<Response> {
    const method = request.method;
    const given = (request as unknown as Record<string, unknown>)[OPERATION_HINT] as OperationHint | undefined;
    const hint =
      given?.idempotent !== undefined
        ? given
        : IDEMPOTENT_METHODS.has(method) && !log.enabled('debug')
          ? undefined
          : classify?.(method, request.url);
    const idempotent = hint?.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const maxRetries = idempotent || policy.retryNonIdempotent ? policy.maxRetries : 0;
    const signal = request.signal;
    // The client's methods say whether their caller passed a signal; without one there is no abort to forward
    // (an abort listener per attempt is one of the costliest things on this path). Unknown: forward to be safe.
    const callerSignal = given && 'signal' in given ? (given.signal ?? undefined) : signal;
    const target = new Target(method, request.url, hint?.operationId);
    // Read the body once so every attempt (retries, the retry after a token refresh) can send it again.
    const body = request.body === null ? null : await request.arrayBuffer();

    let retries = 0;
    let paused = 0;
    let refreshed = false;
    let refreshedToken: string | undefined;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw abortError(signal, target);
      // Right after a forced refresh, use the token it returned (the provider may not cache it).
      const token = refreshedToken ?? auth.fixed ?? (await auth.token());
      refreshedToken = undefined;
      if (signal.aborted) throw abortError(signal, target); // it may have fired while the token provider ran
      if (limiter) {
        try {
          await limiter.acquire(signal);
        } catch (error) {
          throw signal.aborted ? abortError(signal, target) : error;
        }
      }
      const debug = log.enabled('debug');
      const started = debug ? clock.now() : 0;
      if (debug) log.write('debug', `→ ${method} ${target.url}`, { operationId: target.operationId, attempt });
      let outcome: Response | TempoError;
      try {
        outcome = await send(request, body, token, target, callerSignal);
      } finally {
        // The slot is held until the response headers arrive (Tempo's bodies are small JSON documents).
        limiter?.release();
      }
      if (debug && isResponse(outcome)) {
        log.write('debug', `← ${outcome.status} ${method} ${target.url}`, {
          operationId: target.operationId,
          attempt,
          ms: clock.now() - started,
        });
      }

      if (outcome instanceof TempoAbortError) throw outcome;

      if (isResponse(outcome) && outcome.status === 401 && auth.canRefresh && !refreshed) {
        // One forced refresh and one more attempt per call; a second 401 is final (no loop).
        refreshed = true;
        discard(outcome);
        log.write('info', `401 on ${method} ${target.url}: asking the token provider for a fresh token`, {
          operationId: target.operationId,
        });
        refreshedToken = await auth.refresh(token);
        continue;
      }

      const retryable =
        isResponse(outcome)
          ? isRetryableStatus(outcome.status)
          : outcome instanceof TempoConnectionError || outcome instanceof TempoTimeoutError;
      if (retryable && retries < maxRetries) {
        const status = isResponse(outcome) ? outcome.status : undefined;
        const retryAfter = isResponse(outcome) ? parseRetryAfter(outcome.headers.get('retry-after'), clock.now()) : undefined;
        const delay = retryDelay(policy, retries, { status, retryAfter }, clock.random);
        if (delay !== undefined && paused + delay <= policy.maxTotalDelay) {
          retries++;
          paused += delay;
          if (isResponse(outcome)) discard(outcome);
          log.write('warn', `Retrying ${method} ${target.url} in ${delay} ms (retry ${retries} of ${maxRetries})`, {
            operationId: target.operationId,
            reason: status ?? (outcome as TempoError).name,
            delay,
          });
          try {
            await clock.sleep(delay, signal);
          } catch (error) {
            throw signal.aborted ? abortError(signal, target) : error;
          }
          continue;
        }
      }

      if (retries > 0 && retryable) {
        log.write('error', `Giving up on ${method} ${target.url} after ${retries} retries`, {
          operationId: target.operationId,
          reason: isResponse(outcome) ? outcome.status : outcome.name,
        });
      }
      if (isResponse(outcome)) return outcome;
      throw outcome;
    }
  };
}
