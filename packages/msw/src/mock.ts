import type { paths } from '@tempo-sdk/types';
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import { createOpenApiHttp, type OpenApiHttpHandlers } from 'openapi-msw';
import { DEFAULT_BASE_URLS, OAUTH_PATHS, TEMPO_OAUTH_ORIGIN } from './constants.js';
import { Collection } from './db/collection.js';
import { createDatabase, type TempoDatabase } from './db/database.js';
import { seedDatabase } from './db/seed.js';
import { formatDay, isDay } from './dates.js';
import { MockEngine } from './engine.js';
import type { MockReply } from './errors.js';
import { FaultInjector } from './faults.js';
import { MockOAuthServer, type MockOAuthOptions } from './oauth.js';
import { allOperations } from './operations/index.js';
import { createJiraMock, type JiraMock } from './jira/index.js';

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
  /** The clock for timestamps and token expiry (default `Date.now`; fake timers work too). */
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
  /** Called when an implementation throws unexpectedly (answered with a 500). Default: `console.error`. */
  onInternalError?: (error: unknown, request: Request) => void;
}

/** The mock made by {@link createTempoMock}. */
export interface TempoMock {
  /** msw request handlers for every operation of the spec and the OAuth endpoints: `setupServer(...mock.handlers)`. */
  readonly handlers: RequestHandler[];
  /** The in-memory Tempo: seed, inspect and change data between requests. */
  readonly db: TempoDatabase;
  /** Injected failures (429/5xx/latency/network errors) for testing retries. */
  readonly faults: FaultInjector;
  /** The OAuth authorization server: `stats`, `issueTokens()`, `revoke()`, `expire()`. */
  readonly oauth: MockOAuthServer;
  /** Jira Cloud, serving the same users, projects and issues (README, "Jira"): credentials, stats, overrides. */
  readonly jira: JiraMock;
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
  reply<M extends HttpMethodName>(method: M, path: PathsWithMethod<M>, status: number, body?: string | object, headers?: Record<string, string>): RequestHandler;
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
  /** Builds handlers for other base URLs/OAuth origins sharing this mock's state (used by the standalone server). */
  createHandlers(baseUrls: readonly string[], oauthOrigins: readonly string[]): RequestHandler[];
  /** Overrides consulted before the mock's own handlers where the mock runs them itself (standalone server, `fetch`). */
  use(...handlers: RequestHandler[]): void;
  /** Removes the overrides added with {@link TempoMock.use}. */
  resetHandlers(): void;
  /** Overrides added with {@link TempoMock.use}, newest first. */
  readonly overrides: readonly RequestHandler[];
  /** The pipeline itself, for adapters: serve `request` for the API under `base`. */
  handleApiRequest(request: Request, base: string): Promise<Response>;
  /**
   * The same pipeline answering with a plain {@link MockReply} instead of a `Response`: the standalone server's
   * fast path (no Fetch body streams on the way out).
   */
  handleApiReply(request: Request, base: string): Promise<MockReply>;
}

/** HTTP methods of the spec's operations. */
export type HttpMethodName = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** Spec paths (as in `@tempo-sdk/types` `paths`, e.g. `/worklogs/{id}`) that have an operation for `M`. */
export type PathsWithMethod<M extends HttpMethodName> = {
  [P in keyof paths]: paths[P] extends Record<M, infer Op> ? ([Op] extends [undefined | never] ? never : P) : never;
}[keyof paths] &
  string;

const ATLASSIAN_AUTHORIZE = /^https:\/\/[a-z0-9-]+\.atlassian\.net\/plugins\/servlet\/ac\/io\.tempo\.jira\/oauth-authorize\/?$/i;

/**
 * Creates a Tempo mock: msw handlers for all of Tempo's REST API v4 (validated against the spec, stateful for
 * the main collections, generated from the response schemas for the rest) and Tempo's OAuth endpoints.
 *
 * @example
 * ```ts
 * const mock = createTempoMock({ today: '2026-03-18' });
 * const server = setupServer(...mock.handlers);
 * ```
 */
export function createTempoMock(options: TempoMockOptions = {}): TempoMock {
  const baseUrls = toList(options.baseUrl, DEFAULT_BASE_URLS).map((u) => u.replace(/\/+$/, ''));
  const oauthOrigins = unique([...toList(options.oauthOrigin, [TEMPO_OAUTH_ORIGIN, ...baseUrls.map((u) => new URL(u).origin)])].map((o) => new URL(o).origin));
  const seed = options.seed ?? 1;
  const now = options.now ?? (() => Date.now());
  if (options.today !== undefined && !isDay(options.today)) throw new TypeError(`today must be a date in the format YYYY-MM-DD, got '${options.today}'`);
  const today = options.today ?? formatDay(now());
  // The database is created before the users it holds; defaultUser reads it lazily.
  const defaultUser = (): string => options.currentUser ?? db.users.all()[0]?.accountId ?? '712020:00000000-0000-4000-8000-000000000000';
  // While the default data is generated the clock stands still at noon of `today`, so timestamps in the data
  // (createdAt, updatedAt, approval logs) depend on (seed, today) only.
  let seeding = false;
  const seedTime = Date.parse(`${today}T12:00:00Z`);
  const dataClock = () => (seeding ? seedTime : now());
  const db: TempoDatabase = createDatabase({ now: dataClock, jiraSiteUrl: options.jiraSiteUrl ?? 'https://tempo-mock.atlassian.net', currentUser: defaultUser });
  const oauth = new MockOAuthServer(options.oauth ?? {}, now, defaultUser);
  const faults = new FaultInjector();
  const apiTokens = new Map<string, string | undefined>(
    Array.isArray(options.apiTokens)
      ? (options.apiTokens as string[]).map((t) => [t, undefined] as const)
      : Object.entries(options.apiTokens ?? {}),
  );
  const engine = new MockEngine({
    db: () => db,
    oauth,
    faults,
    implementations: allOperations,
    today: () => today,
    now,
    seed: () => seed,
    apiTokens,
    defaultUser,
    onInternalError: options.onInternalError ?? ((error) => console.error('[tempo-mock] internal error', error)),
  });

  const loadData = () => {
    for (const value of Object.values(db)) if (value instanceof Collection) value.clear();
    if (options.data === 'empty') return;
    seeding = true;
    try {
      seedDatabase(db, { seed, today });
    } finally {
      seeding = false;
    }
  };
  loadData();

  let overrides: RequestHandler[] = [];

  const createHandlers = (bases: readonly string[], origins: readonly string[]): RequestHandler[] => {
    const handlers: RequestHandler[] = [];
    for (const origin of origins) {
      const o = escapeRegExp(origin);
      handlers.push(
        http.post(new RegExp(`^${o}${escapeRegExp(OAUTH_PATHS.token)}/?$`), ({ request }) => engine.handleOAuth(request, 'token')),
        http.post(new RegExp(`^${o}${escapeRegExp(OAUTH_PATHS.revoke)}/?$`), ({ request }) => engine.handleOAuth(request, 'revoke')),
        http.get(new RegExp(`^${o}${escapeRegExp(OAUTH_PATHS.authorize)}/?$`), ({ request }) => engine.handleOAuth(request, 'authorize')),
        // The classic (Jira site) authorize form, also on the OAuth origins so the standalone server serves it.
        http.get(new RegExp(`^${o}/plugins/servlet/ac/io\\.tempo\\.jira/oauth-authorize/?$`), ({ request }) => engine.handleOAuth(request, 'authorize')),
      );
    }
    handlers.push(http.get(ATLASSIAN_AUTHORIZE, ({ request }) => engine.handleOAuth(request, 'authorize')));
    for (const base of bases) {
      handlers.push(http.all(new RegExp(`^${escapeRegExp(base)}(?:/.*)?$`), ({ request }) => engine.handleApi(request, base)));
    }
    return handlers;
  };

  const jira = createJiraMock({ db: () => db, faults, currentUser: defaultUser, siteUrl: options.jiraSiteUrl, onInternalError: options.onInternalError ?? ((error) => console.error('[tempo-mock] internal error', error)) });
  const handlers = [...createHandlers(baseUrls, oauthOrigins), ...jira.handlers];
  const apiPath = new URL(baseUrls[0]!).pathname.replace(/\/$/, '');

  const mock: TempoMock = {
    handlers,
    db,
    faults,
    oauth,
    jira,
    http: createOpenApiHttp<paths>({ baseUrl: `*${apiPath}` }),
    reply(method, path, status, body, headers = {}) {
      const pattern = `*${apiPath}${String(path).replace(/\{([^}]+)\}/g, ':$1')}`;
      return http[method](pattern, () => {
        if (body === undefined) return new HttpResponse(null, { status, headers });
        const json = typeof body === 'string' ? { errors: { message: body } } : body;
        return HttpResponse.json(json, { status, headers });
      });
    },
    baseUrls,
    today,
    seed,
    reset() {
      loadData();
      oauth.resetState();
      faults.clear();
      jira.reset();
      overrides = [];
    },
    async fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const response = await getResponse([...overrides, ...handlers], request);
      return response ?? new Response(JSON.stringify({ errors: { message: `The Tempo mock does not serve ${request.url}` } }), { status: 404, headers: { 'content-type': 'application/json' } });
    },
    createHandlers,
    use(...more) {
      overrides = [...more, ...overrides];
    },
    resetHandlers() {
      overrides = [];
    },
    get overrides() {
      return overrides;
    },
    handleApiRequest: (request, base) => engine.handleApi(request, base),
    handleApiReply: (request, base) => engine.handleApiReply(request, base),
  };
  return mock;
}

function toList(value: string | readonly string[] | undefined, fallback: readonly string[]): string[] {
  if (value === undefined) return [...fallback];
  return typeof value === 'string' ? [value] : [...value];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
