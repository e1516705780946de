/**
 * The mock's internals both adapters share: the msw handlers (`mock.handlers`, `setupWorker`) and the standalone
 * HTTP server. `TempoMock` is the public face of a runtime; what only the server needs (handlers for its own
 * origin, the override list, the fast path, the admin API) stays here, off the public type.
 */
import type { paths } from '@tempo-sdk/types';
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import { createOpenApiHttp } from 'openapi-msw';
import type { AreaEnvironment, AreaServing, MockArea } from './area.js';
import { MOCK_AREAS, type AreaStores } from './areas.js';
import { DEFAULT_BASE_URLS, OAUTH_PATHS, TEMPO_OAUTH_ORIGIN } from './constants.js';
import { formatDay, isDay } from './dates.js';
import { Collection, withoutObservers } from './db/collection.js';
import { createDatabase, type TempoDatabase } from './db/database.js';
import { seedDatabase } from './db/seed.js';
import type { QueryReadObserver } from './drift.js';
import { MockEngine, type MockClock, type ServedRequest } from './engine.js';
import { TempoMockUsageError, type MockReply } from './errors.js';
import { FaultInjector } from './faults.js';
import type { TempoMock, TempoMockOptions } from './mock-types.js';
import { MockOAuthServer } from './oauth.js';
import { allResolvers } from './operations/index.js';
import type { OperationResolvers } from './operations/context.js';
import { RequestLog } from './request-log.js';

/** A mock and the internals its adapters use. */
export interface MockRuntime {
  /** The public face: what `createTempoMock` returns. */
  readonly mock: TempoMock;
  /** The registered areas with their stores, in registration order. */
  readonly areas: readonly { area: MockArea<string, unknown>; store: unknown }[];
  /** msw handlers for another place of serving (the standalone server's origin), sharing this mock's state. */
  handlersFor(serving: AreaServing): RequestHandler[];
  /** The mock's own routes (API, OAuth) for a place of serving, without msw: undefined when none matches. */
  dispatchFor(serving: AreaServing): (request: Request) => Promise<Response> | undefined;
  /** Overrides registered with `mock.use()`, newest first. */
  overrides(): readonly RequestHandler[];
  /** The API pipeline answering a plain {@link MockReply} (the standalone server's fast path). */
  serveApi(request: Request, base: string): Promise<MockReply>;
}

/** Observers of the mock's own code, for its tests (not options: no user of the mock needs them). */
export interface RuntimeWatchers {
  /** Told which query parameters hand-written resolvers look up (test/drift.test.ts). */
  readonly queryReads?: QueryReadObserver;
}

/** One of the mock's own routes: `*` is any method. */
interface Route {
  method: 'GET' | 'POST' | '*';
  pattern: RegExp;
  serve(request: Request): Promise<Response>;
}

const ATLASSIAN_AUTHORIZE =
  /^https:\/\/[a-z0-9-]+\.atlassian\.net\/plugins\/servlet\/ac\/io\.tempo\.jira\/oauth-authorize\/?$/i;
const DEFAULT_REQUEST_LOG_LIMIT = 1000;
const DEFAULT_MAX_RECORDS = 100_000;

/**
 * Builds a mock: the database and its default data, OAuth, faults, the engine, the areas and the handlers.
 * `registered` is {@link MOCK_AREAS} except in the mock's own tests of the extension point; `watch` is for the mock's
 * own tests too.
 *
 * @throws {TempoMockUsageError} when an option is malformed (`today` not `YYYY-MM-DD`, a base URL that is not a URL).
 */
export function createMockRuntime(
  options: TempoMockOptions = {},
  registered: readonly MockArea<string, any>[] = MOCK_AREAS,
  watch: RuntimeWatchers = {},
): MockRuntime {
  const baseUrls = toList(options.baseUrl, DEFAULT_BASE_URLS).map((u) => checkUrl('baseUrl', u).replace(/\/+$/, ''));
  const oauthOrigins = unique(
    toList(options.oauthOrigin, [TEMPO_OAUTH_ORIGIN, ...baseUrls.map((u) => new URL(u).origin)]).map(
      (o) => new URL(checkUrl('oauthOrigin', o)).origin,
    ),
  );
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new TempoMockUsageError(`seed must be an integer, got ${String(seed)}`);
  const clock: MockClock = options.clock ?? (options.now ? { now: options.now } : Date);
  if (typeof clock.now !== 'function')
    throw new TempoMockUsageError('clock must be an object with a now() method returning epoch milliseconds');
  if (options.today !== undefined && !isDay(options.today))
    throw new TempoMockUsageError(`today must be a date in the format YYYY-MM-DD, got '${options.today}'`);
  const requestLogLimit = options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT;
  if (!Number.isInteger(requestLogLimit) || requestLogLimit < 0)
    throw new TempoMockUsageError(`requestLogLimit must be a whole number ≥ 0, got ${String(requestLogLimit)}`);
  const today = options.today ?? formatDay(clock.now());
  const data = options.data ?? 'default';
  const jiraSiteUrl = (options.jiraSiteUrl ?? 'https://tempo-mock.atlassian.net').replace(/\/$/, '');
  // The database is created before the users it holds; currentUser reads it when asked.
  const currentUser = (): string =>
    options.currentUser ?? db.users.all()[0]?.accountId ?? '712020:00000000-0000-4000-8000-000000000000';
  // While the default data is generated the clock stands still at noon of `today`, so timestamps in the data
  // (createdAt, updatedAt, approval logs) depend on (seed, today) only.
  let seeding = false;
  const seedTime = Date.parse(`${today}T12:00:00Z`);
  const db: TempoDatabase = createDatabase({ now: () => (seeding ? seedTime : clock.now()), jiraSiteUrl, currentUser });
  const maxRecords = options.maxRecordsPerCollection ?? DEFAULT_MAX_RECORDS;
  if (!Number.isInteger(maxRecords) || maxRecords < 1)
    throw new TempoMockUsageError(`maxRecordsPerCollection must be a positive integer, got ${String(maxRecords)}`);
  for (const value of Object.values(db)) if (value instanceof Collection) value.maxRecords = maxRecords;
  const oauth = new MockOAuthServer(options.oauth ?? {}, () => clock.now(), currentUser);
  const faults = new FaultInjector();
  const requests = new RequestLog(requestLogLimit);
  const apiTokens = new Map<string, string | undefined>(
    Array.isArray(options.apiTokens)
      ? (options.apiTokens as string[]).map((t) => [t, undefined] as const)
      : Object.entries(options.apiTokens ?? {}),
  );

  const logger = options.logger ?? console;
  const reportInternalError =
    options.onInternalError ??
    ((error: unknown, request: Request) =>
      logger.error?.('[tempo-mock] internal error', { error, method: request.method, url: request.url }));
  const env: AreaEnvironment = { db, clock, today, seed, data, jiraSiteUrl, faults, currentUser, reportInternalError };
  const areas = registered.map((area) => ({ area, store: area.createStore(env) }));
  const resolvers: OperationResolvers = { ...allResolvers };
  for (const { area, store } of areas) Object.assign(resolvers, area.resolvers?.(store, env));
  const watchers = areas.filter(({ area }) => area.served !== undefined);

  const engine = new MockEngine({
    db,
    oauth,
    faults,
    resolvers,
    today,
    seed,
    clock,
    apiTokens,
    currentUser,
    onInternalError: reportInternalError,
    queryReads: watch.queryReads,
    onServed: (served: ServedRequest) => {
      requests.record(served);
      for (const { area, store } of watchers) area.served!(store, served);
    },
  });

  const loadData = () => {
    for (const value of Object.values(db)) if (value instanceof Collection) value.clear();
    if (data !== 'empty') {
      seeding = true;
      try {
        // The default data is nobody's change: observers (webhook deliveries) are not told of it.
        withoutObservers(() => seedDatabase(db, { seed, today }));
      } finally {
        seeding = false;
      }
    }
    for (const { area, store } of areas) area.reset(store, env);
  };
  loadData();

  let overrides: RequestHandler[] = [];

  /**
   * The mock's own routes for one place of serving. msw handlers are made from them, and the mock's own
   * `fetch` and the standalone server dispatch to them directly: msw's `getResponse` keeps about 1 kB per
   * request alive, which a long-running server must not (80k logins were 80 MiB).
   */
  const routesFor = (serving: AreaServing): Route[] => {
    const routes: Route[] = [];
    for (const origin of serving.oauthOrigins) {
      const o = escapeRegExp(origin);
      routes.push(
        {
          method: 'POST',
          pattern: new RegExp(`^${o}${escapeRegExp(OAUTH_PATHS.token)}/?$`),
          serve: (request) => engine.handleOAuth(request, 'token'),
        },
        {
          method: 'POST',
          pattern: new RegExp(`^${o}${escapeRegExp(OAUTH_PATHS.revoke)}/?$`),
          serve: (request) => engine.handleOAuth(request, 'revoke'),
        },
        {
          method: 'GET',
          pattern: new RegExp(`^${o}${escapeRegExp(OAUTH_PATHS.authorize)}/?$`),
          serve: (request) => engine.handleOAuth(request, 'authorize'),
        },
        // The classic (Jira site) authorize form, also on the OAuth origins so the standalone server serves it.
        {
          method: 'GET',
          pattern: new RegExp(`^${o}/plugins/servlet/ac/io\\.tempo\\.jira/oauth-authorize/?$`),
          serve: (request) => engine.handleOAuth(request, 'authorize'),
        },
      );
    }
    routes.push({
      method: 'GET',
      pattern: ATLASSIAN_AUTHORIZE,
      serve: (request) => engine.handleOAuth(request, 'authorize'),
    });
    for (const base of serving.baseUrls) {
      routes.push({
        method: '*',
        pattern: new RegExp(`^${escapeRegExp(base)}(?:/.*)?$`),
        serve: (request) => engine.handleApi(request, base),
      });
    }
    return routes;
  };

  const handlersFor = (serving: AreaServing): RequestHandler[] => {
    const [api, oauth] = partition(routesFor(serving), (route) => route.method === '*');
    const handlers: RequestHandler[] = oauth.map((route) =>
      http[route.method === 'GET' ? 'get' : 'post'](route.pattern, ({ request }) => route.serve(request)),
    );
    for (const { area, store } of areas) if (area.handlers) handlers.push(...area.handlers(store, serving));
    for (const route of api) handlers.push(http.all(route.pattern, ({ request }) => route.serve(request)));
    return handlers;
  };

  /** Serves a request with the mock's own routes, without msw; undefined when none matches (areas' routes are msw's). */
  const dispatchFor = (serving: AreaServing) => {
    const routes = routesFor(serving);
    return (request: Request): Promise<Response> | undefined => {
      const url = request.url.split(/[?#]/, 1)[0]!;
      for (const route of routes) {
        if ((route.method === '*' || route.method === request.method) && route.pattern.test(url))
          return route.serve(request);
      }
      return undefined;
    };
  };

  const handlers = handlersFor({ baseUrls, oauthOrigins });
  const dispatch = dispatchFor({ baseUrls, oauthOrigins });
  const hasAreaHandlers = areas.some(({ area }) => area.handlers !== undefined);
  const apiPath = new URL(baseUrls[0]!).pathname.replace(/\/$/, '');

  const mock = {
    handlers,
    db,
    faults,
    oauth,
    requests,
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
      requests.clear();
      overrides = [];
    },
    async fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const direct = overrides.length === 0 ? dispatch(request) : undefined;
      if (direct) return direct;
      const response =
        hasAreaHandlers || overrides.length > 0 ? await getResponse([...overrides, ...handlers], request) : undefined;
      return (
        response ??
        new Response(JSON.stringify({ errors: { message: `The Tempo mock does not serve ${request.url}` } }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        })
      );
    },
    use(...more) {
      overrides = [...more, ...overrides];
    },
    resetHandlers() {
      overrides = [];
    },
  } satisfies Omit<TempoMock, keyof AreaStores> as unknown as TempoMock;
  for (const { area, store } of areas) Object.defineProperty(mock, area.name, { value: store, enumerable: true });

  return {
    mock,
    areas,
    handlersFor,
    dispatchFor,
    overrides: () => overrides,
    serveApi: (request, base) => engine.handleApiReply(request, base),
  };
}

function toList(value: string | readonly string[] | undefined, fallback: readonly string[]): string[] {
  if (value === undefined) return [...fallback];
  return typeof value === 'string' ? [value] : [...value];
}

function checkUrl(option: string, value: string): string {
  if (typeof value !== 'string' || !URL.canParse(value))
    throw new TempoMockUsageError(`${option} must be an absolute URL, got '${String(value)}'`);
  return value;
}

function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  return [items.filter(predicate), items.filter((item) => !predicate(item))];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
