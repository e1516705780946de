/**
 * `createTransport`: the service-agnostic request path, assembled from its options. It hands openapi-fetch one
 * `fetch` per call (an {@link Exchange}), which builds the call's request options and sends them.
 */
import { MAX_TIMER_MS, systemClock, type Clock } from '../clock.js';
import { createLog, type Log, type LogLevel, type TempoLogger } from '../logger.js';
import { createRateLimiter, type RateLimiter, type RateLimitPolicy } from '../rate-limiter.js';
import { shownValue } from '../shown-value.js';
import { Redactor } from '../redact.js';
import { resolveRetryPolicy, type RetryPolicy } from '../retry.js';
import { createAuth, type AuthOption } from './auth.js';
import { buildRequest, readRequestBody, type OperationClassifier } from './build-request.js';
import { createDeadlines } from './deadlines.js';
import { NO_CONTENT } from './read-body.js';
import type { CallHints, RequestOptions } from './request-options.js';
import { sendRequest, type Reply, type SendSettings } from './send.js';
import type { ServiceDefinition } from './service.js';

/** The default `maxResponseBytes`: 64 MiB, far above any page Tempo or Jira sends (a 5000-worklog page is ~5 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** The service: its name, error classes and error-body parser. */
  service: ServiceDefinition;
  /** Absolute http(s) base URL, without a trailing slash. */
  baseUrl: string;
  /** Credentials; omit to send no `Authorization` header. */
  auth?: AuthOption | undefined;
  /** The fetch to use. Default: the global `fetch`, looked up per request. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Milliseconds allowed per attempt (request and whole response body); `0` for none. Default `30000`. */
  timeoutMs?: number | undefined;
  /** Retry policy, or `false` for none. Default: `DEFAULT_RETRY_POLICY`. */
  retry?: RetryPolicy | false | undefined;
  /** A throttle: limits, a shared `RateLimiter`, or `false`/omitted for none. */
  rateLimit?: RateLimitPolicy | RateLimiter | false | undefined;
  /** The largest response body read, in bytes. Default {@link DEFAULT_MAX_RESPONSE_BYTES}. */
  maxResponseBytes?: number | undefined;
  /** The `User-Agent` to send unless a request sets one. */
  userAgent?: string | undefined;
  logger?: TempoLogger | undefined;
  logLevel?: LogLevel | undefined;
  /** Time source: wall time, monotonic time, pauses, jitter. Default: the system clock. */
  clock?: Clock | undefined;
  /** Scrubs secrets from errors and logs; one is made when omitted. Every credential is added to it. */
  redactor?: Redactor | undefined;
  /** Finds operations by method and URL (so a low-level POST search is known to be safe to retry). */
  classify?: OperationClassifier | undefined;
}

/** A per-call fetch for openapi-fetch, and what it sent and received. */
export interface Exchange {
  /** Pass as openapi-fetch's per-request `fetch`. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The call's request options, once openapi-fetch has called {@link Exchange.fetch}. */
  readonly options: RequestOptions | undefined;
  /** The final response, read whole. */
  readonly reply: Reply | undefined;
  /** The response handed back to openapi-fetch (to recognise it behind middleware). */
  readonly handedBack: Response | undefined;
}

/** A configured request path for one service. */
export interface Transport {
  readonly service: ServiceDefinition;
  readonly baseUrl: string;
  readonly redactor: Redactor;
  readonly log: Log;
  readonly clock: Clock;
  readonly maxResponseBytes: number;
  /** A fresh exchange for one call. */
  exchange(hints: CallHints): Exchange;
}

function resolveLimiter(
  option: TransportOptions['rateLimit'],
  clock: Clock,
  usage: (message: string) => Error,
): RateLimiter | undefined {
  if (option === false || option === undefined) return undefined;
  // `'fast'`, `5`, `true`, `null` and arrays are mistakes, not policies: say so rather than run with the defaults.
  if (
    typeof option !== 'object' ||
    option === null ||
    Array.isArray(option) ||
    ('acquire' in option && typeof option.acquire !== 'function')
  ) {
    throw usage(`\`rateLimit\` must be false, a RateLimitPolicy or a RateLimiter, got ${shownValue(option)}`);
  }
  if ('acquire' in option) return option;
  return createRateLimiter(option, clock);
}

class CallExchange implements Exchange {
  options: RequestOptions | undefined;
  reply: Reply | undefined;
  handedBack: Response | undefined;
  readonly fetch: (request: Request) => Promise<Response>;

  constructor(settings: SendSettings, hints: CallHints, classify: OperationClassifier | undefined) {
    this.fetch = async (request) => {
      const pending = readRequestBody(request);
      const body = pending === null ? null : await pending;
      const options = buildRequest(request, body, hints, classify, settings.log.enabled('debug'));
      this.options = options;
      const reply = await sendRequest(settings, options);
      this.reply = reply;
      const { response } = reply;
      // The body is already read: openapi-fetch is told not to parse a success (`parseAs: 'stream'`), and gets a
      // body-less stand-in for an error status, whose body it would otherwise read again. A middleware that will
      // see the response gets it with a copy of its body (from memory, within maxResponseBytes) to read.
      const { status, statusText, headers } = response;
      this.handedBack = hints.middleware
        ? new Response(NO_CONTENT.has(status) ? null : (reply.bytes.slice() as Uint8Array<ArrayBuffer>), {
            status,
            statusText,
            headers,
          })
        : response.ok
          ? response
          : new Response(null, { status, statusText, headers });
      return this.handedBack;
    };
  }
}

/**
 * A request path for `options.service`: auth, per-attempt timeouts, the body guard (`maxResponseBytes`), abort,
 * rate limiting, retries (429 with `Retry-After`, 5xx and connection errors when idempotent) and redaction.
 * @throws the service's usage error for invalid options.
 */
export function createTransport(options: TransportOptions): Transport {
  const { service } = options;
  const usage = service.errors.usage;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Infinity (or 0) means no timeout; a finite one sets a timer, so it may not exceed the longest timer delay.
  if (
    typeof timeoutMs !== 'number' ||
    Number.isNaN(timeoutMs) ||
    timeoutMs < 0 ||
    (Number.isFinite(timeoutMs) && timeoutMs > MAX_TIMER_MS)
  ) {
    throw usage(`\`timeoutMs\` must be 0 to ${MAX_TIMER_MS} ms or Infinity, got ${shownValue(timeoutMs)}`);
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof maxResponseBytes !== 'number' || Number.isNaN(maxResponseBytes) || maxResponseBytes < 0) {
    throw usage('`maxResponseBytes` must be a number of bytes >= 0');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw usage('`fetch` must be a function');
  const clock = options.clock ?? systemClock;
  if (typeof clock.monotonicNow !== 'function')
    throw usage('`clock` must have now(), monotonicNow(), sleep() and random()');
  const redactor = options.redactor ?? new Redactor();
  const log = createLog(options.logger, options.logLevel, redactor);
  const settings: SendSettings = {
    service,
    fetch: options.fetch,
    timeoutMs,
    deadlines: timeoutMs > 0 && Number.isFinite(timeoutMs) ? createDeadlines(timeoutMs) : undefined,
    maxResponseBytes,
    userAgent: options.userAgent,
    redactor,
    auth: options.auth === undefined ? undefined : createAuth(options.auth, redactor, usage),
    retry: resolveRetryPolicy(options.retry, usage),
    limiter: resolveLimiter(options.rateLimit, clock, usage),
    clock,
    log,
  };
  const { classify } = options;
  return {
    service,
    baseUrl: options.baseUrl,
    redactor,
    log,
    clock,
    maxResponseBytes,
    exchange: (hints) => new CallExchange(settings, hints, classify),
  };
}
