/**
 * The core client: openapi-fetch over the Tempo paths, with the resilient transport underneath. It does not import
 * the operation index, so an app that only uses the low-level `GET`/`POST`… API ships nothing else.
 */
import createClient, { type Client } from 'openapi-fetch';
import { TEMPO_BASE_URLS, type paths, type TempoRegion } from '@tempo-sdk/types';
import { createAuth, type TokenOption } from './auth.js';
import { systemClock, type Clock } from './clock.js';
import { TempoUsageError } from './errors.js';
import { createLog, type Log, type LogLevel, type TempoLogger } from './logger.js';
import { createRateLimiter, type RateLimiter, type RateLimitPolicy } from './rate-limiter.js';
import { Redactor } from './redact.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry.js';
import { createTransport, OPERATION_HINT, type OperationClassifier } from './transport.js';
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
  /** Milliseconds allowed per attempt (request and response body); `0` for none. Default `30000`. */
  timeout?: number;
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
  /** Time source for pauses and the rate limiter. Default: the system clock. Meant for tests. */
  clock?: Clock;
}

/** The low-level client: openapi-fetch's `GET`/`POST`/`PUT`/`PATCH`/`DELETE`/`request`/`use`/`eject` over Tempo's paths. */
export type TempoCore = Client<paths, 'application/json'> & {
  /** The base URL requests go to, without a trailing slash (e.g. `https://api.tempo.io/4`). */
  readonly baseUrl: string;
};

/** What the facade and pagination need from a core client that is not on its public surface. */
export interface CoreContext {
  baseUrl: string;
  redactor: Redactor;
  log: Log;
}

const contexts = new WeakMap<object, CoreContext>();

/** The private context of a client made by {@link createTempoCore} or `createTempoClient`. */
export function coreContext(client: object): CoreContext {
  const context = contexts.get(client);
  if (!context) throw new TempoUsageError('Expected a client made by createTempoClient or createTempoCore');
  return context;
}

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
    throw new TempoUsageError(`Unknown region "${String(region)}": use ${known.slice(0, -1).join(', ')} or ${known.at(-1)}`);
  }
  return url;
}

function resolveUserAgent(userAgent: string | undefined): string | undefined {
  // fetch rejects such a header value with a TypeError on every attempt, which would read as a network failure.
  if (userAgent !== undefined && (typeof userAgent !== 'string' || !/^[\t\x20-\x7e\x80-\xff]*$/.test(userAgent))) {
    throw new TempoUsageError('`userAgent` must be a string of printable Latin-1 characters (it is sent as an HTTP header)');
  }
  const sdk = `tempo-sdk-client/${VERSION}`;
  // Browsers own the User-Agent (setting it would also trigger a CORS preflight): only send one when asked to.
  if (typeof document !== 'undefined') return userAgent;
  return userAgent ? `${userAgent} ${sdk}` : sdk;
}

function resolveLimiter(option: TempoClientOptions['rateLimit'], clock: Clock): RateLimiter | undefined {
  if (option === false) return undefined;
  if (option && typeof (option as RateLimiter).acquire === 'function') return option as RateLimiter;
  return createRateLimiter(option as RateLimitPolicy | undefined, clock);
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

/**
 * Wraps openapi-fetch's methods so that each request carries whether the caller passed an abort signal (the
 * `Request` always has one, so the transport could not tell). Calls that already carry a hint pass unchanged.
 */
function tellSignal(client: Record<string, (...args: unknown[]) => unknown>): void {
  const withHint = (init: unknown): unknown => {
    const options = init as Record<string, unknown> | undefined;
    if (options?.[OPERATION_HINT]) return options;
    return { ...options, [OPERATION_HINT]: { signal: (options?.signal as AbortSignal | undefined) ?? null } };
  };
  for (const method of METHODS) {
    const original = client[method] as (url: unknown, init?: unknown) => unknown;
    client[method] = (url: unknown, init?: unknown) => original(url, withHint(init));
  }
  const request = client.request as (method: unknown, url: unknown, init?: unknown) => unknown;
  client.request = (method: unknown, url: unknown, init?: unknown) => request(method, url, withHint(init));
}

/**
 * Builds a core client. `classify` lets `createTempoClient` tell the transport which `POST`s are read-only searches.
 * @internal
 */
export function buildCore(options: TempoClientOptions, classify?: (baseUrl: string) => OperationClassifier): TempoCore {
  if (!options || typeof options !== 'object') {
    throw new TempoUsageError('createTempoClient needs an options object with at least `token`');
  }
  const baseUrl = resolveBaseUrl(options);
  const timeout = options.timeout ?? 30_000;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    throw new TempoUsageError('`timeout` must be a number of milliseconds >= 0');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TempoUsageError('`fetch` must be a function');
  }
  const clock = options.clock ?? systemClock;
  const redactor = new Redactor();
  const auth = createAuth(options.token, redactor);
  const log = createLog(options.logger, options.logLevel, redactor);
  const transport = createTransport({
    fetch: options.fetch,
    auth,
    retry: resolveRetryPolicy(options.retry),
    limiter: resolveLimiter(options.rateLimit, clock),
    timeout,
    userAgent: resolveUserAgent(options.userAgent),
    clock,
    log,
    redactor,
    classify: classify?.(baseUrl),
  });
  const client = createClient<paths, 'application/json'>({
    baseUrl,
    fetch: transport,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  tellSignal(client as unknown as Record<string, (...args: unknown[]) => unknown>);
  const core = Object.defineProperty(client, 'baseUrl', { value: baseUrl, enumerable: true }) as TempoCore;
  contexts.set(core, { baseUrl, redactor, log });
  return core;
}

/**
 * The low-level Tempo client: openapi-fetch's path-typed `GET`/`POST`/`PUT`/`PATCH`/`DELETE` with auth, regions,
 * timeouts, retries, rate limiting and redacted logging, but without the operation facade and its index.
 * Use it with {@link callOperation} and {@link paginate} when bundle size matters; otherwise use
 * `createTempoClient`, which adds `tempo.<group>.<operationId>()`, `paginate` and `pages` as methods.
 *
 * Without the index, only GET, PUT and DELETE (and operations called through `callOperation`/`paginate`) are
 * known to be idempotent; low-level `POST` searches are not retried.
 *
 * @example
 * ```ts
 * const tempo = createTempoCore({ token: process.env.TEMPO_API_TOKEN! });
 * const { data, error } = await tempo.GET('/worklogs/{id}', { params: { path: { id: '126' } } });
 * ```
 */
export function createTempoCore(options: TempoClientOptions): TempoCore {
  return buildCore(options);
}
