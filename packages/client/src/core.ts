/**
 * The core client: openapi-fetch over the Tempo paths, with the service-agnostic transport underneath. It does not
 * import the operation index, so an app that only uses the low-level `GET`/`POST`… API ships nothing else.
 */
import { TEMPO_BASE_URLS, type paths, type TempoRegion } from '@tempo-sdk/types';
import type { Clock } from './clock.js';
import { TempoUsageError } from './errors.js';
import type { LogLevel, TempoLogger } from './logger.js';
import type { RateLimiter, RateLimitPolicy } from './rate-limiter.js';
import type { RetryPolicy } from './retry.js';
import { tempoService } from './tempo-service.js';
import type { TokenOption } from './transport/auth.js';
import type { OperationClassifier } from './transport/build-request.js';
import { createServiceClient, type ServiceClient } from './transport/service-client.js';
import { createTransport } from './transport/transport.js';
import { VERSION } from './version.js';

/** Options of {@link createTempoCore} and `createTempoClient`. Only `token` is required. */
export interface TempoClientOptions {
  /**
   * A Tempo API token, or a provider called before every attempt. After a 401, a provider is called once with
   * `{ forceRefresh: true }` and the request is retried once.
   */
  token: TokenOption;
  /** Which Tempo region to talk to. Default `'global'`; {@link TEMPO_BASE_URLS} gives each region's base URL. */
  region?: TempoRegion;
  /** A base URL instead of a region (a proxy, or the `@tempo-sdk/msw` mock server's `baseUrl`). Includes `/4`. */
  baseUrl?: string;
  /** The fetch to use. Default: the global `fetch`, looked up per request. */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds allowed per attempt (request and whole response body); `0` for none. Default `30000`. */
  timeoutMs?: number;
  /** The largest response body read, in bytes; past it the read stops with `TempoResponseTooLargeError`. Default 64 MiB. */
  maxResponseBytes?: number;
  /** The retry policy, or `false` for none. Default: Tempo's guidance (see {@link RetryPolicy}). */
  retry?: RetryPolicy | false;
  /**
   * The client's throttle: limits, a {@link RateLimiter} shared with other clients, or `false` for none.
   * Default: 5 requests per second, 3 in flight.
   */
  rateLimit?: RateLimitPolicy | RateLimiter | false;
  /** Your app's name and version, put before the SDK's in the `User-Agent` header (e.g. `'timesheet/1.2.0'`). */
  userAgent?: string;
  /** Where to log (`console` works). Default: nowhere. Tokens and secrets are redacted. */
  logger?: TempoLogger;
  /** The lowest level written to `logger`. Default `'info'`. */
  logLevel?: LogLevel;
  /** Headers sent with every request (the `Authorization` header is always the client's own). */
  headers?: Record<string, string>;
  /** Time source for pauses, `Retry-After` and the rate limiter. Default: the system clock. Meant for tests. */
  clock?: Clock;
}

/** The low-level client: openapi-fetch's `GET`/`POST`/`PUT`/`PATCH`/`DELETE`/`request`/`use`/`eject` over Tempo's paths. */
export type TempoCore = ServiceClient<paths>;

function resolveBaseUrl(options: TempoClientOptions): string {
  if (options.baseUrl !== undefined && options.region !== undefined) {
    throw new TempoUsageError('Pass either `region` or `baseUrl`, not both');
  }
  if (options.baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TempoUsageError('`baseUrl` must be an absolute http(s) URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TempoUsageError('`baseUrl` must be an absolute http(s) URL');
    }
    if (url.search || url.hash || url.username || url.password) {
      throw new TempoUsageError('`baseUrl` must not contain credentials, a query or a fragment');
    }
    return url.href.replace(/\/+$/, '');
  }
  const region = options.region ?? 'global';
  const url = TEMPO_BASE_URLS[region];
  if (!Object.hasOwn(TEMPO_BASE_URLS, region) || !url) {
    const known = Object.keys(TEMPO_BASE_URLS).map((name) => `'${name}'`);
    throw new TempoUsageError(
      `Unknown region "${String(region)}": use ${known.slice(0, -1).join(', ')} or ${known.at(-1)}`,
    );
  }
  return url;
}

function resolveUserAgent(userAgent: string | undefined): string | undefined {
  // fetch rejects such a header value with a TypeError on every attempt, which would read as a network failure.
  if (userAgent !== undefined && (typeof userAgent !== 'string' || !/^[\t\x20-\x7e\x80-\xff]*$/.test(userAgent))) {
    throw new TempoUsageError(
      '`userAgent` must be a string of printable Latin-1 characters (it is sent as an HTTP header)',
    );
  }
  const sdk = `tempo-sdk-client/${VERSION}`;
  // Browsers own the User-Agent (setting it would also trigger a CORS preflight): only send one when asked to.
  if (typeof document !== 'undefined') return userAgent;
  return userAgent ? `${userAgent} ${sdk}` : sdk;
}

/**
 * Builds a core client. `classify` lets `createTempoClient` tell the transport which `POST`s are read-only searches.
 * @internal
 */
export function buildCore(options: TempoClientOptions, classify?: (baseUrl: string) => OperationClassifier): TempoCore {
  if (!options || typeof options !== 'object') {
    throw new TempoUsageError('createTempoClient needs an options object with at least `token`');
  }
  if ('timeout' in options) throw new TempoUsageError('`timeout` is now `timeoutMs` (milliseconds per attempt)');
  const baseUrl = resolveBaseUrl(options);
  if (options.token === undefined || options.token === null) {
    throw new TempoUsageError('`token` is required: a Tempo API token (string) or a token provider function');
  }
  const transport = createTransport({
    service: tempoService,
    baseUrl,
    auth: { bearer: options.token },
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    retry: options.retry,
    rateLimit: options.rateLimit === undefined ? {} : options.rateLimit, // null is a mistake the transport reports
    userAgent: resolveUserAgent(options.userAgent),
    logger: options.logger,
    logLevel: options.logLevel,
    clock: options.clock,
    classify: classify?.(baseUrl),
  });
  return createServiceClient<paths>(transport, { headers: options.headers });
}

/**
 * The low-level Tempo client: openapi-fetch's path-typed `GET`/`POST`/`PUT`/`PATCH`/`DELETE` with auth, regions,
 * timeouts, retries, rate limiting and redacted logging, but without the operation facade and its index.
 * Use it with {@link callOperation} and {@link paginate} when bundle size matters; otherwise use
 * `createTempoClient`, which adds `tempo.<group>.<operationId>()`, `paginate` and `pages` as methods.
 *
 * Without the index, only GET, PUT and DELETE (and operations called through `callOperation`/`paginate`) are
 * known to be idempotent; low-level `POST` searches are not retried after a 5xx (a 429 is, as for every request).
 *
 * @throws {@link TempoUsageError} for invalid options.
 * @example
 * ```ts
 * const tempo = createTempoCore({ token: process.env.TEMPO_API_TOKEN! });
 * const { data, error } = await tempo.GET('/worklogs/{id}', { params: { path: { id: '126' } } });
 * ```
 */
export function createTempoCore(options: TempoClientOptions): TempoCore {
  return buildCore(options);
}
