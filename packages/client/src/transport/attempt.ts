/**
 * `makeAttempt`: one exchange on the wire, from sending the request to the last byte of the body. The timeout and
 * the caller's signal cover all of it, and the attempt ends when either fires even if the fetch ignores its signal
 * (a custom fetch may): the attempt settles at once and its stalled promise is left behind.
 */
import { abortReason } from '../clock.js';
import type { RateLimitPermit } from '../rate-limiter.js';
import type { Redactor } from '../redact.js';
import type { Deadlines, Expirable } from './deadlines.js';
import { BodyTooLarge, readBody } from './read-body.js';
import { safeUrl, type RequestOptions } from './request-options.js';
import type { ServiceDefinition } from './service.js';

/** Why an attempt ended without a response. Only `connection` and `timeout` may be retried. */
export type FailureKind = 'connection' | 'timeout' | 'abort' | 'tooLarge';

/** What an attempt ended with: a response read whole, or a failure with the service's typed error. */
export type AttemptOutcome =
  | { readonly response: Response; readonly bytes: Uint8Array; readonly failure?: undefined }
  | { readonly failure: FailureKind; readonly error: Error; readonly response?: undefined };

/** What every attempt of one transport shares. */
export interface AttemptSettings {
  service: ServiceDefinition;
  /** The transport's fetch; `undefined`: the global one, looked up per attempt (so mocks installed later apply). */
  fetch: typeof globalThis.fetch | undefined;
  /** Milliseconds per attempt; 0 for none. */
  timeoutMs: number;
  /** The registry that expires overdue attempts; `undefined` when there is no timeout. */
  deadlines: Deadlines | undefined;
  maxResponseBytes: number;
  /** A `User-Agent` to send unless the request has one. */
  userAgent: string | undefined;
  redactor: Redactor;
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
 * One attempt's state: its abort controller, its deadline and how to settle it early. A class, so the hot path
 * allocates one object rather than a handful of closures.
 */
class Attempt implements Expirable {
  /** Only made when something can abort the attempt (a timeout or a caller's signal): signals are costly in fetch. */
  readonly controller: AbortController | undefined;
  deadline = 0;
  timedOut = false;
  finished = false;
  /** Settles the attempt's promise (set by {@link makeAttempt}). */
  settle: ((outcome: AttemptOutcome) => void) | undefined;
  readonly forward: (() => void) | undefined;

  constructor(
    readonly settings: AttemptSettings,
    readonly options: RequestOptions,
    /** The throttle's permit: stamped as the request leaves, released once when the attempt ends. */
    readonly permit: RateLimitPermit | undefined,
  ) {
    const { deadlines, timeoutMs } = settings;
    const signal = options.signal;
    this.controller = deadlines || signal ? new AbortController() : undefined;
    if (deadlines) {
      this.deadline = performance.now() + timeoutMs;
      deadlines.add(this);
    }
    if (signal) {
      this.forward = () => this.abort(abortReason(signal));
      // An 'abort' that already fired will not fire again for a new listener.
      if (signal.aborted) this.forward();
      else signal.addEventListener('abort', this.forward, { once: true });
    }
  }

  /** Called by the deadline sweep. */
  expire(): void {
    this.timedOut = true;
    this.abort(new DOMException(`Timed out after ${this.settings.timeoutMs} ms`, 'TimeoutError'));
  }

  /** Aborts the fetch and settles the attempt now: a fetch that ignores its signal cannot hold it. */
  abort(reason: unknown): void {
    this.controller?.abort(reason);
    this.end(this.failure(reason));
  }

  end(outcome: AttemptOutcome): void {
    if (this.finished) return;
    this.finished = true;
    // The in-flight slot is held until the body is read whole: until then the server is still answering.
    this.permit?.release();
    this.settings.deadlines?.delete(this);
    if (this.forward) this.options.signal?.removeEventListener('abort', this.forward);
    this.settle?.(outcome);
  }

  /** The typed outcome for what ended the attempt. */
  failure(error: unknown): AttemptOutcome {
    const { options, settings } = this;
    const { errors, name } = settings.service;
    const details = { method: options.method, url: safeUrl(options), operationId: options.operationId };
    const signal = options.signal;
    if (signal?.aborted) {
      const message = `${details.method} ${details.url} was aborted`;
      return { failure: 'abort', error: errors.abort(message, { ...details, cause: abortReason(signal) }) };
    }
    if (this.timedOut) {
      const { timeoutMs } = settings;
      const message = `${details.method} ${details.url} timed out after ${timeoutMs} ms`;
      return { failure: 'timeout', error: errors.timeout(message, { ...details, timeoutMs }) };
    }
    if (error instanceof TooLarge) {
      const { maxResponseBytes } = settings;
      const message = `${details.method} ${details.url}: the response body (status ${error.status}) is larger than maxResponseBytes (${maxResponseBytes})`;
      return {
        failure: 'tooLarge',
        error: errors.tooLarge(message, { ...details, status: error.status, maxResponseBytes }),
      };
    }
    const code = codeOf(error);
    const cause = safeCause(error, settings.redactor);
    const suffix = code && !cause.message.includes(code) ? ` (${code})` : '';
    const message = `Could not reach ${name} for ${details.method} ${details.url}: ${cause.message}${suffix}`;
    return { failure: 'connection', error: errors.connection(message, { ...details, code, cause }) };
  }
}

/** The body guard found a body over the limit (carries the status for the error). */
class TooLarge {
  constructor(readonly status: number) {}
}

async function exchange(attempt: Attempt, authorization: string | undefined): Promise<AttemptOutcome> {
  const { options, settings } = attempt;
  // Object.assign, then plain stores: on V8 an object made by spread syntax (`{ ...a, b }`) takes a slow path for
  // every property added to it, which cost more than the rest of this function (see the client README, bench (b)).
  const headers: Record<string, string> = Object.assign({}, options.headers);
  if (authorization !== undefined) headers.authorization = authorization;
  if (settings.userAgent && headers['user-agent'] === undefined) headers['user-agent'] = settings.userAgent;
  const init: RequestInit = Object.assign({}, options.init);
  init.method = options.method;
  init.headers = headers;
  init.body = options.body;
  init.signal = attempt.controller?.signal ?? null;
  const fetchImpl = options.fetch ?? settings.fetch ?? globalThis.fetch;
  // A URL and init rather than a new Request: fetch builds its own Request anyway.
  // The throttle's window counts the request from here, the moment it leaves: nothing may await before fetch.
  attempt.permit?.sent();
  const response = await fetchImpl(options.url, init);
  if (attempt.finished) {
    response.body?.cancel().catch(() => {});
    return { failure: 'abort', error: new Error('attempt already ended') }; // ignored: the attempt has settled
  }
  try {
    return { response, bytes: await readBody(response, settings.maxResponseBytes) };
  } catch (error) {
    throw error instanceof BodyTooLarge ? new TooLarge(response.status) : error;
  }
}

/**
 * One attempt: sends `options` with `authorization`, reads the whole body under the timeout, the caller's signal
 * and `maxResponseBytes`. `permit` (the throttle's) is stamped as the request leaves and released when the attempt
 * ends. Never rejects: failures come back as typed outcomes.
 */
export function makeAttempt(
  settings: AttemptSettings,
  options: RequestOptions,
  authorization: string | undefined,
  permit?: RateLimitPermit | undefined,
): Promise<AttemptOutcome> {
  const attempt = new Attempt(settings, options, permit);
  if (attempt.finished) return Promise.resolve(attempt.failure(options.signal?.reason));
  return new Promise<AttemptOutcome>((resolve) => {
    attempt.settle = resolve;
    exchange(attempt, authorization).then(
      (outcome) => attempt.end(outcome),
      (error: unknown) => attempt.end(attempt.failure(error)),
    );
  });
}
