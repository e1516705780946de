/**
 * `createServiceClient`: an openapi-fetch client over a {@link Transport}, and `callService`, which sends one
 * operation and returns its success body or throws the service's typed error. Each call makes one exchange and
 * passes its `fetch` to openapi-fetch per request; openapi-fetch builds the URL and runs the middleware, the
 * exchange does the rest, and `parseReply` turns the bytes it read into data.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { sanitizeUrl } from '../redact.js';
import { describeErrorResponse } from './error-response.js';
import { parseReply, readWithinLimit, type ParseAs, type ParsedResult } from './parse.js';
import { NO_CONTENT } from './read-body.js';
import { createSafePathSerializer } from './path-serializer.js';
import type { CallHints } from './request-options.js';
import type { Transport } from './transport.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** openapi-fetch's per-call options, loosely typed. */
export type CallInit = Record<string, unknown> & {
  signal?: AbortSignal | null;
  parseAs?: ParseAs;
  middleware?: unknown[];
};

/** A low-level call: openapi-fetch's `request(method, path, init)`, without the path typing. */
type RawRequest = (
  method: string,
  path: string,
  init?: Record<string, unknown>,
) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

/** A client made by {@link createServiceClient}: openapi-fetch's methods over `Paths`, and its base URL. */
export type ServiceClient<Paths extends {}> = Client<Paths, 'application/json'> & { readonly baseUrl: string };

const transports = new WeakMap<object, Internals>();

/** The transport behind a client made by {@link createServiceClient}. */
export function transportOf(client: object): Transport {
  return internals(client).transport;
}

/** What {@link callService} needs of a client made by {@link createServiceClient}. */
interface Internals {
  transport: Transport;
  request: RawRequest;
  /** The middleware registered with `use()` (wrapped), in order. */
  middleware: unknown[];
}

function internals(client: object): Internals {
  const found = transports.get(client);
  if (!found) throw new TypeError('Expected a client made by createServiceClient (createTempoClient, createTempoCore)');
  return found;
}

/** One call through openapi-fetch and the transport, read and parsed. */
async function run(
  transport: Transport,
  request: RawRequest,
  method: string,
  path: string,
  init: CallInit | undefined,
  hints: CallHints,
): Promise<ParsedResult> {
  const exchange = transport.exchange(hints);
  let result: Awaited<ReturnType<RawRequest>>;
  try {
    // Not `{ ...init, parseAs, fetch }`: adding properties to a spread copy is slow on V8 (see attempt.ts).
    const perCall: Record<string, unknown> = Object.assign({}, init);
    perCall.parseAs = 'stream';
    perCall.fetch = exchange.fetch;
    const middleware = init?.middleware;
    if (Array.isArray(middleware)) perCall.middleware = middleware.map((m) => bounded(transport, m));
    result = await request(method, path, perCall);
  } catch (error) {
    const { errors } = transport.service;
    if (errors.isOwn(error) || exchange.options || !(error instanceof TypeError || error instanceof URIError))
      throw error;
    // fetch's Request refused what openapi-fetch built (a header value that is not Latin-1, a lone surrogate):
    // the caller's mistake. The original message may quote the value, so it is not kept.
    throw errors.usage(
      `${method.toUpperCase()} ${path}: the request could not be built (a header value that is not printable Latin-1, or an invalid URL)`,
    );
  }
  return parseReply(transport, exchange, result, init?.parseAs ?? 'json', hints.expectJson === true);
}

/**
 * `middleware` with every response it supplies (from `onRequest`, `onResponse` or `onError`) read under
 * `maxResponseBytes` before openapi-fetch sees it: openapi-fetch reads an error body whole with `text()`, outside
 * the transport's bounded read. A response the middleware passes on unchanged is the transport's own (already read).
 * Anything that is not a middleware object is returned as is, for openapi-fetch to refuse.
 */
function bounded(transport: Transport, middleware: unknown): unknown {
  if (!middleware || typeof middleware !== 'object') return middleware;
  const m = middleware as Middleware;
  const read = async (request: Request, given: Response | undefined, result: unknown): Promise<unknown> => {
    if (!(result instanceof Response) || result === given) return result;
    const where = { method: request.method, url: sanitizeUrl(request.url), operationId: undefined };
    const bytes = await readWithinLimit(transport, result, where);
    const { status, statusText, headers } = result;
    const body = bytes.byteLength === 0 || NO_CONTENT.has(status) ? null : bytes;
    return new Response(body as Uint8Array<ArrayBuffer> | null, { status, statusText, headers });
  };
  const wrapped: Record<string, unknown> = {};
  if (typeof m.onRequest === 'function') {
    const onRequest = m.onRequest;
    wrapped.onRequest = async (params: Parameters<typeof onRequest>[0]) =>
      read(params.request, undefined, await onRequest.call(m, params));
  }
  if (typeof m.onResponse === 'function') {
    const onResponse = m.onResponse;
    wrapped.onResponse = async (params: Parameters<typeof onResponse>[0]) =>
      read(params.request, params.response, await onResponse.call(m, params));
  }
  if (typeof m.onError === 'function') {
    const onError = m.onError;
    wrapped.onError = async (params: Parameters<typeof onError>[0]) =>
      read(params.request, undefined, await onError.call(m, params));
  }
  return wrapped;
}

/**
 * An openapi-fetch client for `transport.baseUrl`: `GET`/`POST`/… return `{ data, error, response }` as
 * openapi-fetch does, with every attempt going through the transport. Path values are checked to stay inside
 * their segment (`.`, `..` and `''` are refused with the service's usage error).
 */
export function createServiceClient<Paths extends {}>(
  transport: Transport,
  options: { headers?: Record<string, string> | undefined } = {},
): ServiceClient<Paths> {
  const client = createClient<Paths, 'application/json'>({
    baseUrl: transport.baseUrl,
    pathSerializer: createSafePathSerializer(transport.service.errors.usage),
    ...(options.headers ? { headers: options.headers } : {}),
  }) as unknown as Record<string, unknown>;
  const request = client.request as RawRequest;
  const registered: unknown[] = [];
  const lowLevel = (method: string, path: string, init?: CallInit) =>
    run(transport, request, method, path, init, {
      signal: init?.signal ?? undefined,
      fetch: init?.fetch as typeof fetch | undefined,
      middleware: registered.length > 0 || (init?.middleware?.length ?? 0) > 0,
    });
  for (const method of METHODS) client[method] = (path: string, init?: CallInit) => lowLevel(method, path, init);
  client.request = lowLevel;
  // Middleware registered with use() answers through bounded(); eject() finds it by the caller's object.
  const use = client.use as (...middleware: unknown[]) => void;
  const eject = client.eject as (...middleware: unknown[]) => void;
  const wrappers = new WeakMap<object, unknown>();
  client.use = (...middleware: unknown[]) => {
    for (const m of middleware) {
      const w = bounded(transport, m);
      use(w); // throws for something that is not a middleware (and ignores a falsy one)
      if (!w) continue;
      if (w !== m) wrappers.set(m as object, w);
      registered.push(w);
    }
  };
  client.eject = (...middleware: unknown[]) => {
    const wrapped = middleware.map((m) => (m && typeof m === 'object' ? (wrappers.get(m) ?? m) : m));
    eject(...wrapped);
    for (const w of wrapped) {
      const at = registered.indexOf(w);
      if (at !== -1) registered.splice(at, 1);
    }
  };
  Object.defineProperty(client, 'baseUrl', { value: transport.baseUrl, enumerable: true });
  transports.set(client, { transport, request, middleware: registered });
  return client as unknown as ServiceClient<Paths>;
}

/** What {@link callService} resolves with. */
export interface ServiceResult {
  /** The success body (`undefined` for 204). */
  data: unknown;
  /** The response (its body already read). */
  response: Response;
  /** The URL the request went to, as sent (may hold secrets: sanitize before reporting). */
  url: string;
}

/**
 * Sends one operation through `client` and resolves with its success body; an error status rejects with the
 * service's `api` error (the body parsed by the service's `errorMessages`, redacted). A success must carry JSON
 * unless it is a 204 (or `hints.expectJson` is `false`).
 * @throws the service's errors: `api` for an error status, `invalidResponse`, `tooLarge`, `connection`,
 * `timeout`, `abort`, `usage`.
 */
export async function callService(
  client: object,
  method: string,
  path: string,
  init: CallInit,
  hints: CallHints,
): Promise<ServiceResult> {
  const { transport, request, middleware } = internals(client);
  const withMiddleware = middleware.length > 0 || (init.middleware?.length ?? 0) > 0;
  const result = await run(transport, request, method, path, init, {
    expectJson: true,
    middleware: withMiddleware,
    ...hints,
  });
  const url = result.url ?? result.response.url;
  if (!result.response.ok) {
    throw transport.service.errors.api(
      describeErrorResponse({
        response: result.response,
        body: result.error,
        method,
        url: sanitizeUrl(url),
        operationId: hints.operationId,
        errorMessages: transport.service.errorMessages,
        redactor: transport.redactor,
        now: transport.clock.now(),
      }),
    );
  }
  return { data: result.data, response: result.response, url };
}
