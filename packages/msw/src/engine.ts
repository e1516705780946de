import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { isJsonContentType, readBodyCapped } from './body.js';
import { CANONICAL_BASE_URL, MAX_BODY_BYTES, MOCK_API_TOKEN } from './constants.js';
import type { TempoDatabase } from './db/database.js';
import { observedQuery, type QueryReadObserver } from './drift.js';
import { errorBody, errorReply, TempoMockHttpError, toResponse, type MockReply } from './errors.js';
import { retryAfterHeader, type FaultInjector, type FaultRule } from './faults.js';
import { OAuthError, type MockOAuthServer } from './oauth.js';
import {
  buildPage,
  OperationResponse,
  pageWindow,
  type ResolverInfo,
  type OperationResolver,
  type OperationResolvers,
} from './operations/context.js';
import { hashString, Prng } from './prng.js';
import { OperationRouter } from './router.js';
import { sampleFromSchema } from './sample.js';
import { getOperation, successResponse, type SchemaObject } from './spec.js';
import { OperationValidator, ValidationFailure } from './validation.js';

/** The time source of the mock: `now()` is wall-clock epoch milliseconds (fake timers and test clocks work). */
export interface MockClock {
  now(): number;
}

/** What one served API request looked like, for the request log and for areas that react to changes. */
export interface ServedRequest {
  method: string;
  /** Pathname and query of the request URL. */
  path: string;
  /** The answer's status (0 for an injected network error). */
  status: number;
  /** The operation the request matched, if any. */
  operationId?: OperationId;
  /** Path parameters, query and body of a request that reached its resolver (absent for earlier answers). */
  input?: { path: Record<string, unknown>; query: Record<string, unknown>; body: unknown };
  /** What the resolver answered (records as stored), when it ran. */
  result?: unknown;
  /** accountId of the token's user, once authenticated. */
  user?: string;
  /** Wall-clock epoch milliseconds when the answer was ready. */
  atMs: number;
}

/** State and collaborators the request pipeline works with: values, read when needed. */
export interface EngineDependencies {
  readonly db: TempoDatabase;
  readonly oauth: MockOAuthServer;
  readonly faults: FaultInjector;
  /** Hand-written resolvers by operationId; the other operations answer a sample of their response schema. */
  readonly resolvers: OperationResolvers;
  /** The mock's "today" (`YYYY-MM-DD`). */
  readonly today: string;
  /** Seed of the generated answers. */
  readonly seed: number;
  readonly clock: MockClock;
  /** Extra accepted API tokens, each acting for an accountId (undefined: the current user). */
  readonly apiTokens: ReadonlyMap<string, string | undefined>;
  /** accountId the static tokens act for; read per request because it follows the data (the first user). */
  currentUser(): string;
  /** Called for internal errors (a bug in the mock), which are answered with a 500. */
  readonly onInternalError?: (error: unknown, request: Request) => void;
  /** Called once per answered API request (the request log, area hooks). */
  readonly onServed?: (served: ServedRequest) => void;
  /**
   * Told which query parameters each hand-written resolver looks up (the drift test). Unset, resolvers get the plain
   * query object and nothing is recorded.
   */
  readonly queryReads?: QueryReadObserver;
}

/** What {@link MockEngine.serveApi} learns about a request on the way, for {@link ServedRequest}. */
interface RequestNote {
  path?: string;
  operationId?: OperationId;
  user?: string;
  input?: ServedRequest['input'];
  result?: unknown;
}

/** The pieces of one validated request {@link MockEngine} hands to a resolver. */
interface ResolverInput {
  operationId: OperationId;
  request: Request;
  url: URL;
  base: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  user: string;
}

/** What the engine compiles once per operation, on its first request. */
interface CompiledOperation {
  validator: OperationValidator;
  status: number;
  schema: SchemaObject | undefined;
  resolver: OperationResolver | undefined;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Fields that hold links to the API (and move with the base URL); anything else is data and stays as it is. */
function isLinkField(field: string): boolean {
  return field === 'self' || field === 'next' || field === 'previous' || /url$/i.test(field);
}

/** A link field's canonical value inside `JSON.stringify` output (no spaces there), e.g. `"self":"https://api.tempo.io/4`. */
const CANONICAL_LINK_IN_JSON = new RegExp(
  `"(self|next|previous|\\w*[Uu][Rr][Ll])":"${escapeRegExp(CANONICAL_BASE_URL)}`,
  'g',
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The request pipeline shared by the msw handlers and the standalone server:
 * faults → bearer auth → routing → body limits → spec validation → implementation (stateful or generated).
 * Every failure becomes a Tempo-shaped answer; an exception in an implementation becomes a 500, never a crash.
 */
export class MockEngine {
  private readonly router = new OperationRouter();
  private readonly compiled = new Map<OperationId, CompiledOperation>();

  constructor(private readonly deps: EngineDependencies) {}

  private readonly basePaths = new Map<string, string>();
  private readonly jsonCache = new WeakMap<object, Map<string, string>>();

  /** Serves an API request under `base` (e.g. `https://api.tempo.io/4`). */
  async handleApi(request: Request, base: string): Promise<Response> {
    return toResponse(await this.handleApiReply(request, base));
  }

  /** Serves an API request, answering with a {@link MockReply} (the standalone server's fast path). */
  async handleApiReply(request: Request, base: string): Promise<MockReply> {
    const note: RequestNote = {};
    let reply: MockReply;
    try {
      reply = await this.serveApi(request, base, note);
    } catch (error) {
      reply = this.failure(error, request);
    }
    if (this.deps.onServed) {
      const served: ServedRequest = {
        method: request.method,
        path: note.path ?? request.url,
        status: reply.networkError ? 0 : reply.status,
        atMs: this.deps.clock.now(),
      };
      if (note.operationId !== undefined) served.operationId = note.operationId;
      if (note.user !== undefined) served.user = note.user;
      if (note.input !== undefined) {
        served.input = note.input;
        served.result = note.result;
      }
      this.deps.onServed(served);
    }
    return reply;
  }

  /** Serves an OAuth request (`/oauth/token/`, `/oauth/revoke_token/`, authorize). */
  async handleOAuth(request: Request, kind: 'token' | 'revoke' | 'authorize'): Promise<Response> {
    try {
      const url = new URL(request.url);
      const faulted = await this.applyFault(this.deps.faults.take({ method: request.method, pathname: url.pathname }));
      if (faulted) return toResponse(faulted);
      if (kind === 'authorize') {
        try {
          return new Response(null, {
            status: 302,
            headers: { location: this.deps.oauth.authorize(url.searchParams) },
          });
        } catch (error) {
          if (error instanceof OAuthError) return oauthError(error);
          throw error;
        }
      }
      const contentType = request.headers.get('content-type') ?? '';
      if (request.method !== 'POST' || !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        if (kind === 'token') this.deps.oauth.stats.failedTokenRequests++;
        return oauthError(
          new OAuthError(400, 'invalid_request', 'Send a POST with an application/x-www-form-urlencoded body'),
        );
      }
      const form = new URLSearchParams(await readBodyCapped(request, MAX_BODY_BYTES));
      const authorization = request.headers.get('authorization');
      try {
        if (kind === 'token') {
          const body = this.deps.oauth.token(form, authorization);
          return new Response(JSON.stringify(body), {
            status: 200,
            headers: {
              ...JSON_HEADERS,
              'cache-control': 'no-store',
              pragma: 'no-cache',
              date: new Date(this.deps.clock.now()).toUTCString(),
            },
          });
        }
        this.deps.oauth.revokeRequest(form, authorization);
        return new Response(null, { status: 200, headers: { date: new Date(this.deps.clock.now()).toUTCString() } });
      } catch (error) {
        if (error instanceof OAuthError) return oauthError(error);
        throw error;
      }
    } catch (error) {
      return toResponse(this.failure(error, request));
    }
  }

  private async serveApi(request: Request, base: string, note: RequestNote): Promise<MockReply> {
    const url = new URL(request.url);
    note.path = url.pathname + url.search;
    let basePath = this.basePaths.get(base);
    if (basePath === undefined) {
      basePath = new URL(base).pathname.replace(/\/$/, '');
      this.basePaths.set(base, basePath);
    }
    // `url.pathname` is normalised (`/4/../x` → `/x`): a path that leaves the base is not the API, whatever the raw
    // request line said, so it must not be sliced into an operation path (it would be served and linked wrongly).
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return errorReply(404, `Nothing is served at ${url.pathname}: the API lives under ${basePath || '/'}`);
    }
    const relative = url.pathname.slice(basePath.length) || '/';
    const match = this.router.match(request.method, relative);
    if (match) note.operationId = match.operationId;

    const fault = this.deps.faults.take({
      method: request.method,
      pathname: url.pathname,
      relativePath: relative,
      template: match?.info.path,
      operationId: match?.operationId,
    });
    const faulted = await this.applyFault(fault);
    if (faulted) return faulted;

    // A per-request override in the spirit of Prism's `Prefer: code=…`: a client (in any language) asks for one
    // answer without registering a fault. Like a fault it comes before authentication and changes nothing.
    const prefer = request.headers.get('prefer');
    if (prefer !== null && match) {
      const preferred = preferredReply(prefer, this.compile(match.operationId).status);
      if (preferred) return preferred;
    }

    const user = this.authenticate(request.headers.get('authorization'));
    if (user === undefined) return errorReply(401, 'A valid bearer token is required');
    note.user = user;

    if (!match) {
      const allowed = this.router.methodsFor(relative);
      if (allowed.length > 0)
        return errorReply(405, `Method ${request.method} is not allowed on ${relative}`, { allow: allowed.join(', ') });
      return errorReply(404, `No Tempo API endpoint matches ${request.method} ${relative}`);
    }

    const operation = this.compile(match.operationId);
    // Parameters first, then the body: the first problem in the order a reader scans a request is reported.
    const params = operation.validator.validateParameters(match.params, url.searchParams);
    if (params instanceof ValidationFailure) return errorReply(400, params.message);
    let body: unknown;
    if (operation.validator.acceptsBody()) {
      const text = await readBodyCapped(request, MAX_BODY_BYTES);
      if (text.trim() === '') {
        if (operation.validator.requiresBody()) return errorReply(400, 'The request body is required');
      } else {
        if (!isJsonContentType(request.headers.get('content-type'))) {
          return errorReply(
            415,
            `Content type '${request.headers.get('content-type') ?? 'none'}' is not supported: send application/json`,
          );
        }
        try {
          body = JSON.parse(text);
        } catch {
          return errorReply(400, 'The request body is not valid JSON');
        }
        const failure = operation.validator.validateBody(body);
        if (failure) return errorReply(400, failure.message);
      }
    }
    const requestBase = `${url.origin}${basePath}`;
    // Only hand-written resolvers are watched: the generated answer reads the query the same way for every operation.
    const queryReads = operation.resolver ? this.deps.queryReads : undefined;
    const info = this.resolverInfo({
      operationId: match.operationId,
      request,
      url,
      base: requestBase,
      path: params.path,
      query: queryReads ? observedQuery(params.query, match.operationId, queryReads) : params.query,
      body,
      user,
    });
    const resolver = operation.resolver ?? this.generic(operation);
    const result = await resolver(info);
    note.input = { path: params.path, query: params.query, body };
    note.result = result;
    return this.respond(result, operation.status, requestBase);
  }

  private compile(operationId: OperationId): CompiledOperation {
    let compiled = this.compiled.get(operationId);
    if (!compiled) {
      const entry = operationIndex[operationId];
      const op = getOperation(entry.method, entry.path);
      const success = successResponse(op);
      compiled = {
        validator: new OperationValidator(entry.method, entry.path, op),
        status: success.status,
        schema: success.schema,
        resolver: this.deps.resolvers[operationId],
      };
      this.compiled.set(operationId, compiled);
    }
    return compiled;
  }

  private resolverInfo(input: ResolverInput): ResolverInfo {
    const { url, query } = input;
    const selfUrl = new URL(url.toString());
    return {
      ...input,
      db: this.deps.db,
      today: this.deps.today,
      clock: this.deps.clock,
      page: (items) => buildPage(items, selfUrl, pageWindow(query)),
      results: (items) => ({ metadata: { count: items.length }, results: [...items], self: selfUrl.toString() }),
    };
  }

  /** The answer of operations without a hand-written implementation: a sample of the response schema. */
  private generic(operation: CompiledOperation): OperationResolver {
    return (info) => {
      if (!operation.schema) return undefined;
      const db = info.db;
      const rng = new Prng(hashString(`${info.operationId}:${this.deps.seed}`));
      const body = sampleFromSchema(operation.schema, {
        rng,
        today: info.today,
        accountIds: db.users.all().map((u) => u.accountId),
        overrides: { ...info.path, ...(info.query.accountId ? { accountId: info.query.accountId } : {}) },
      });
      return fitPage(body, info);
    };
  }

  private respond(result: unknown, status: number, base: string): MockReply {
    if (result instanceof OperationResponse) {
      if (result.body === undefined) return { status: result.status, headers: result.headers, body: null };
      return {
        status: result.status,
        headers: { ...JSON_HEADERS, ...result.headers },
        body: this.serialize(result.body, base),
      };
    }
    if (result === undefined) return { status, headers: {}, body: null };
    return { status, headers: { ...JSON_HEADERS }, body: this.serialize(result, base) };
  }

  /** JSON with stored canonical links moved under the base the request came in on. */
  private serialize(body: unknown, base: string): string {
    return this.stringify(body, base, '') ?? 'null';
  }

  /**
   * `JSON.stringify` that moves canonical links to `base` and reuses the JSON of stored records: they are frozen
   * snapshots, so a list page mostly concatenates cached strings (stringifying 50 worklogs per request was the hot
   * path's main cost). Only link fields (`self`, `next`, `previous`, `…Url`) are rewritten: text a user stored, such
   * as a description quoting a Tempo URL, comes back as it was written.
   */
  private stringify(value: unknown, base: string, key: string): string | undefined {
    if (value === null || typeof value !== 'object') {
      if (
        typeof value === 'string' &&
        base !== CANONICAL_BASE_URL &&
        isLinkField(key) &&
        value.startsWith(CANONICAL_BASE_URL)
      ) {
        return JSON.stringify(base + value.slice(CANONICAL_BASE_URL.length));
      }
      return JSON.stringify(value);
    }
    if (Array.isArray(value)) return `[${value.map((item) => this.stringify(item, base, key) ?? 'null').join(',')}]`;
    if (Object.isFrozen(value)) {
      let perBase = this.jsonCache.get(value);
      if (perBase === undefined) {
        perBase = new Map();
        this.jsonCache.set(value, perBase);
      }
      let cached = perBase.get(base);
      if (cached === undefined) {
        const canonical = JSON.stringify(value);
        cached =
          base === CANONICAL_BASE_URL
            ? canonical
            : canonical.replace(CANONICAL_LINK_IN_JSON, (_, field: string) => `"${field}":"${base}`);
        perBase.set(base, cached);
      }
      return cached;
    }
    const parts: string[] = [];
    for (const [field, item] of Object.entries(value)) {
      const json = this.stringify(item, base, field);
      if (json !== undefined) parts.push(`${JSON.stringify(field)}:${json}`);
    }
    return `{${parts.join(',')}}`;
  }

  private authenticate(header: string | null): string | undefined {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return undefined;
    const token = match[1]!;
    if (token === MOCK_API_TOKEN) return this.deps.currentUser();
    if (this.deps.apiTokens.has(token)) return this.deps.apiTokens.get(token) ?? this.deps.currentUser();
    return this.deps.oauth.userOf(token);
  }

  private async applyFault(fault: FaultRule | undefined): Promise<MockReply | undefined> {
    if (!fault) return undefined;
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.networkError) return { status: 0, headers: {}, body: null, networkError: true };
    if (fault.status === undefined) return undefined;
    const headers: Record<string, string> = {};
    const retryAfter = retryAfterHeader(fault);
    if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
    if (fault.body !== undefined)
      return { status: fault.status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(fault.body) };
    const message = fault.message ?? defaultFaultMessage(fault.status);
    return errorReply(fault.status, message, headers);
  }

  private failure(error: unknown, request: Request): MockReply {
    if (error instanceof TempoMockHttpError) return errorReply(error.status, error.message, error.headers);
    this.deps.onInternalError?.(error, request);
    const detail = error instanceof Error ? error.message : String(error);
    return {
      status: 500,
      headers: { ...JSON_HEADERS },
      body: JSON.stringify(errorBody(`Internal error in the Tempo mock: ${detail}`)),
    };
  }
}

/**
 * The answer a `Prefer` header asks for (`Prefer: code=503`, also among other preferences), or undefined to serve
 * the request normally (no `code`, or the operation's own success status).
 */
function preferredReply(prefer: string, successStatus: number): MockReply | undefined {
  const match = /(?:^|[,;\s])code\s*=\s*"?([^",;\s]*)"?/i.exec(prefer);
  if (!match) return undefined;
  const code = Number(match[1]);
  if (code === successStatus) return undefined;
  if (!Number.isInteger(code) || code < 400 || code > 599) {
    return errorReply(
      400,
      `Prefer: code=${match[1]} cannot be answered: ask for this operation's success status (${successStatus}) or an error status from 400 to 599`,
    );
  }
  return errorReply(code, `Answered with ${code} because the request asked for it (Prefer: code=${code})`, {
    'preference-applied': `code=${code}`,
  });
}

function defaultFaultMessage(status: number): string {
  if (status === 429) return 'Rate limit exceeded. Try again later.';
  if (status >= 500) return 'The server had a problem. Try again later.';
  return 'Injected failure';
}

function oauthError(error: OAuthError): Response {
  return new Response(JSON.stringify({ error: error.error, error_description: error.description }), {
    status: error.status,
    headers: {
      ...JSON_HEADERS,
      'cache-control': 'no-store',
      ...(error.status === 401 ? { 'www-authenticate': 'Basic realm="tempo-oauth"' } : {}),
    },
  });
}

/** Makes a generated page's metadata tell the truth about the generated results and the request's window. */
function fitPage(body: unknown, info: ResolverInfo): unknown {
  if (!body || typeof body !== 'object' || !('metadata' in body) || !('results' in body)) return body;
  const page = body as { metadata: Record<string, unknown>; results: unknown[]; self?: unknown };
  const metadata = page.metadata;
  if ('offset' in metadata && 'limit' in metadata) {
    const window = pageWindow(info.query);
    const results = window.offset === 0 ? page.results.slice(0, window.limit) : [];
    const fitted: Record<string, unknown> = {
      ...metadata,
      count: results.length,
      offset: window.offset,
      limit: window.limit,
    };
    delete fitted.next;
    delete fitted.previous;
    if (window.offset > 0) fitted.previous = buildPage([], info.url, window).metadata.previous;
    return { ...page, metadata: fitted, results, ...('self' in page ? { self: info.url.toString() } : {}) };
  }
  if ('count' in metadata) return { ...page, metadata: { ...metadata, count: page.results.length } };
  return body;
}
