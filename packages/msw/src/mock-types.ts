import type { paths } from '@tempo-sdk/types';
import type { RequestHandler } from 'msw';
import type { OpenApiHttpHandlers } from 'openapi-msw';
import type { AreaStores } from './areas.js';
import type { TempoDatabase } from './db/database.js';
import type { MockClock } from './engine.js';
import type { FaultInjector } from './faults.js';
import type { MockOAuthOptions, MockOAuthServer } from './oauth.js';
import type { RequestLog } from './request-log.js';

/** Options of {@link createTempoMock}. */
export interface TempoMockOptions {
  /**
   * Base URL(s) to serve the API under. Default: Tempo's global, EU and US base URLs
   * (`https://api.tempo.io/4`, `https://api.eu.tempo.io/4`, `https://api.us.tempo.io/4`).
   */
  baseUrl?: string | readonly string[];
  /**
   * Origin(s) serving `/oauth/token/`, `/oauth/revoke_token/` and `/oauth/authorize/redirect`.
   * Default: `https://api.tempo.io` plus the origin of every base URL.
   */
  oauthOrigin?: string | readonly string[];
  /** Seed of the default data (default 1). Same seed + same `today` = same data. */
  seed?: number;
  /**
   * The day the default data is arranged around (`YYYY-MM-DD`): worklogs fill the weeks up to it.
   * Default: the current UTC date when the mock is created. Pass a fixed day for snapshot-stable tests.
   */
  today?: string;
  /**
   * The time source for timestamps and token expiry: any object with `now()` returning wall-clock epoch
   * milliseconds (default `Date`; fake timers work too).
   */
  clock?: MockClock;
  /** @deprecated Use `clock: { now }`. The same clock as a function; ignored when `clock` is given. */
  now?: () => number;
  /** `'default'` (a small realistic site, the default) or `'empty'` (no data at all; seed your own). */
  data?: 'default' | 'empty';
  /**
   * Extra bearer tokens to accept besides `MOCK_API_TOKEN` and OAuth-issued ones: a list, or a map of
   * token → accountId the token acts for.
   */
  apiTokens?: readonly string[] | Readonly<Record<string, string>>;
  /** accountId the static tokens act for (default: the first user of the data). */
  currentUser?: string;
  /** OAuth clients and lifetimes. */
  oauth?: MockOAuthOptions;
  /** Jira site the data belongs to (default `https://tempo-mock.atlassian.net`). */
  jiraSiteUrl?: string;
  /**
   * Where the mock's log lines go (`console` fits; the default). Only `error` is used today: a bug inside the mock
   * (answered with a 500) is logged as `logger.error('[tempo-mock] internal error', { error, method, url })`.
   */
  logger?: MockLogger;
  /** Called when a resolver throws unexpectedly (answered with a 500), instead of logging it. */
  onInternalError?: (error: unknown, request: Request) => void;
  /**
   * Most records per collection (default 100000, far above the default data): creating past it answers
   * `507 {"errors":{"message":…}}`, so a long-running mock's memory stays bounded.
   */
  maxRecordsPerCollection?: number;
  /** How many answered API requests `mock.requests` keeps, newest last (default 1000; 0 keeps none). */
  requestLogLimit?: number;
}

/** The shape of the `logger` option: each method optional, `(message, details?)`, as CONTRIBUTING.md defines it. */
export interface MockLogger {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
  error?(message: string, details?: Record<string, unknown>): void;
}

/**
 * The mock made by {@link createTempoMock}. Registered areas (see `MOCK_AREAS`) add their store under their name.
 */
export interface TempoMock extends AreaStores {
  /** msw request handlers for every operation of the spec and the OAuth endpoints: `setupServer(...mock.handlers)`. */
  readonly handlers: RequestHandler[];
  /** The in-memory Tempo: seed, inspect and change data between requests. */
  readonly db: TempoDatabase;
  /** Injected failures (429/5xx/latency/network errors) for testing retries. */
  readonly faults: FaultInjector;
  /** The OAuth authorization server: `stats`, `issueTokens()`, `revoke()`, `expire()`. */
  readonly oauth: MockOAuthServer;
  /**
   * Typed msw handler factories for one-off overrides, paths as in the spec (openapi-msw):
   * `server.use(mock.http.get('/worklogs/{id}', ({ response }) => response(500).empty()))`.
   * They match the API path under any origin.
   */
  readonly http: OpenApiHttpHandlers<paths>;
  /**
   * A one-line override answering `status` for one operation, on every origin: `body` a string becomes Tempo's
   * error body `{"errors":{"message":body}}`, an object is sent as JSON, undefined sends no body. Any status
   * works (also those the spec does not declare, such as 500):
   * `server.use(mock.reply('get', '/worklogs/{id}', 500))`.
   */
  reply<M extends HttpMethodName>(
    method: M,
    path: PathsWithMethod<M>,
    status: number,
    body?: string | object,
    headers?: Record<string, string>,
  ): RequestHandler;
  /** The base URLs served. */
  readonly baseUrls: readonly string[];
  /** The mock's "today". */
  readonly today: string;
  /** The seed of the default data. */
  readonly seed: number;
  /** Restores the default data, forgets OAuth tokens and stats, removes faults and `use()` overrides. */
  reset(): void;
  /** A `fetch` answered by the mock without msw (for injecting into a client under test). */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Overrides consulted before the mock's own handlers where the mock runs them itself (standalone server, `fetch`). */
  use(...handlers: RequestHandler[]): void;
  /** Removes the overrides added with {@link TempoMock.use}. */
  resetHandlers(): void;
  /** The newest API requests answered (method, path, status, operationId; never headers), bounded by `requestLogLimit`. */
  readonly requests: Pick<RequestLog, 'all' | 'clear' | 'limit'>;
}

/** HTTP methods of the spec's operations. */
export type HttpMethodName = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** Spec paths (as in `@tempo-sdk/types` `paths`, e.g. `/worklogs/{id}`) that have an operation for `M`. */
export type PathsWithMethod<M extends HttpMethodName> = {
  [P in keyof paths]: paths[P] extends Record<M, infer Op> ? ([Op] extends [undefined | never] ? never : P) : never;
}[keyof paths] &
  string;
