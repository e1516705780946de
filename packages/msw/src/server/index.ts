/**
 * `@tempo-sdk/msw/server`: the Tempo mock over real HTTP (Node only), for apps, demos and non-JS clients.
 *
 * @packageDocumentation
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TempoMock, TempoMockOptions } from '../mock-types.js';
import { createMockRuntime, type MockRuntime } from '../runtime.js';
import { jiraServerUrls } from '../jira/area.js';
import { ADMIN_PREFIX, createAdminApi } from './admin.js';
import {
  badRequestReply,
  notServed,
  requestTarget,
  serveWithHandlers,
  toFetchRequest,
  writeReply,
  writeResponse,
} from './node-adapter.js';

/** Options of {@link startTempoMockServer}: where to listen, plus every {@link TempoMockOptions} of the mock. */
export interface TempoMockServerOptions extends Omit<TempoMockOptions, 'baseUrl' | 'oauthOrigin'> {
  /** Port to listen on (default 0: any free port; read it from `url`). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`: loopback only). */
  host?: string;
}

/** A running mock server. */
export interface TempoMockServer {
  /** The server's origin, e.g. `http://127.0.0.1:4000`. OAuth lives under `${url}/oauth/…`. */
  readonly url: string;
  /** The API base URL: `${url}/4`. */
  readonly baseUrl: string;
  /** Jira's site URL on this server (basic auth): `${url}/jira`, e.g. `${url}/jira/rest/api/3/myself`. */
  readonly jiraUrl: string;
  /** Jira's gateway URL on this server (OAuth bearer tokens): `${url}/ex/jira/{cloudId}`. */
  readonly jiraGatewayUrl: string;
  /** The admin API's base URL: `${url}/__admin` (reset, seed, faults, request log; see the README). */
  readonly adminUrl: string;
  /** The mock behind the server: `db`, `faults`, `oauth`, `reset()`, `use()` overrides. */
  readonly mock: TempoMock;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts the Tempo mock as an HTTP server: the API under `/4/…` (e.g. `http://127.0.0.1:4000/4/worklogs`),
 * OAuth under `/oauth/…` (the authorize endpoint auto-approves and redirects, for demo logins), the admin API
 * under `/__admin/…`. Any request, however malformed, gets an answer (4xx) and the server keeps serving.
 *
 * @throws {TempoMockUsageError} when a mock option is malformed; the listen error (e.g. `EADDRINUSE`) as Node reports it.
 * @example
 * ```ts
 * const server = await startTempoMockServer({ port: 0, seed: 1 });
 * const res = await fetch(`${server.baseUrl}/worklogs?limit=5`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } });
 * await server.close();
 * ```
 */
export async function startTempoMockServer(options: TempoMockServerOptions = {}): Promise<TempoMockServer> {
  const { port = 0, host = '127.0.0.1', ...mockOptions } = options;
  let serve: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => {
    res
      .writeHead(503, { 'content-type': 'application/json', connection: 'close' })
      .end('{"errors":{"message":"The Tempo mock is starting"}}');
  };
  const server: Server = createServer((req, res) => {
    serve(req, res).catch(() => {
      // Every expected failure was answered inside `serve`; this is the last line against a crash.
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"errors":{"message":"Internal error in the Tempo mock server"}}');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostForUrl}:${address.port}`;
  const baseUrl = `${origin}/4`;
  let runtime: MockRuntime;
  try {
    runtime = createMockRuntime({ ...mockOptions, baseUrl, oauthOrigin: origin });
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  serve = createRequestListener(runtime, origin);
  return {
    url: origin,
    baseUrl,
    ...jiraServerUrls(origin),
    adminUrl: `${origin}${ADMIN_PREFIX}`,
    mock: runtime.mock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The server's request listener for one runtime: CORS, malformed requests, admin API, fast paths, overrides. */
function createRequestListener(
  runtime: MockRuntime,
  origin: string,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const serving = { baseUrls: [`${origin}/4`], oauthOrigins: [origin], serverOrigin: origin };
  const handlers = runtime.handlersFor(serving);
  const dispatch = runtime.dispatchFor(serving);
  const admin = createAdminApi(runtime);
  const hasAreaHandlers = runtime.areas.some(({ area }) => area.handlers !== undefined);
  return async (req, res) => {
    // Browsers (a web demo pointed at the server) need CORS; tokens travel in headers, never cookies.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'retry-after, location, date');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers':
          req.headers['access-control-request-headers'] ?? 'authorization, content-type, prefer',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    // The request target is judged raw, before any URL parser normalises it: a dot segment (`..`, `%2e%2e`)
    // would otherwise move the request onto another resource (`/holiday-schemes/7/..` → the scheme list).
    const target = requestTarget(req.url);
    if (typeof target !== 'string') {
      writeReply(req, res, badRequestReply(target.problem));
      return;
    }
    let request: Request;
    try {
      request = toFetchRequest(req, origin, target);
    } catch {
      // A method or header value Fetch refuses (TRACE, a forbidden header): the client's mistake, a 400.
      writeReply(
        req,
        res,
        badRequestReply(
          `The request cannot be served: ${req.method ?? 'no method'} with these headers is not an HTTP request the mock understands`,
        ),
      );
      return;
    }
    if (target === ADMIN_PREFIX || target.startsWith(`${ADMIN_PREFIX}/`) || target.startsWith(`${ADMIN_PREFIX}?`)) {
      await writeResponse(res, await admin(request));
      return;
    }
    const overrides = runtime.overrides();
    if (overrides.length > 0) {
      await serveWithHandlers(req, res, request, [...overrides, ...handlers]);
      return;
    }
    // Fast path: API requests go straight to the mock's pipeline (the same code msw's handlers run) and are
    // written without Fetch body streams; OAuth goes straight to its route. msw's matching is only needed for
    // overrides and areas' own routes.
    if (target === '/4' || target.startsWith('/4/') || target.startsWith('/4?')) {
      writeReply(req, res, await runtime.serveApi(request, serving.baseUrls[0]!));
      return;
    }
    const direct = dispatch(request);
    if (direct) {
      const response = await direct;
      if (response.type === 'error') req.socket.destroy();
      else await writeResponse(res, response);
      return;
    }
    if (hasAreaHandlers) await serveWithHandlers(req, res, request, handlers);
    else await writeResponse(res, notServed(request));
  };
}

export { MOCK_API_TOKEN, MOCK_OAUTH_CLIENT } from '../constants.js';
export { MOCK_JIRA_API_TOKEN, MOCK_JIRA_OAUTH_TOKEN } from '../jira/constants.js';
