/**
 * `@tempo-sdk/msw/server`: the Tempo mock over real HTTP (Node only), for apps, demos and non-JS clients.
 *
 * @packageDocumentation
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTempoMock, type TempoMock, type TempoMockOptions } from '../mock.js';
import { serveWithHandlers, toFetchRequest, writeReply } from './node-adapter.js';
import { MOCK_JIRA_CLOUD_ID } from '../jira/constants.js';

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
  /** The mock behind the server: `db`, `faults`, `oauth`, `reset()`, `use()` overrides. */
  readonly mock: TempoMock;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts the Tempo mock as an HTTP server: the API under `/4/…` (e.g. `http://127.0.0.1:4000/4/worklogs`),
 * OAuth under `/oauth/…` (the authorize endpoint auto-approves and redirects, for demo logins).
 *
 * @example
 * ```ts
 * const server = await startTempoMockServer({ port: 0, seed: 1 });
 * const res = await fetch(`${server.baseUrl}/worklogs?limit=5`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } });
 * await server.close();
 * ```
 */
export async function startTempoMockServer(options: TempoMockServerOptions = {}): Promise<TempoMockServer> {
  const { port = 0, host = '127.0.0.1', ...mockOptions } = options;
  let handlers: ReturnType<TempoMock['createHandlers']> = [];
  let origin = '';
  let mock: TempoMock | undefined;
  const server: Server = createServer((req, res) => {
    // Browsers (a web demo pointed at the server) need CORS; tokens travel in headers, never cookies.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'retry-after, location, date');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    // Fast path: API requests go straight to the mock's pipeline (the same code msw's handlers run); msw's
    // handler matching is only needed when overrides are registered, or for OAuth.
    if (mock && mock.overrides.length === 0 && isApiPath(req.url)) {
      const theMock = mock;
      void (async () => {
        try {
          writeReply(req, res, await theMock.handleApiReply(toFetchRequest(req, origin), `${origin}/4`));
        } catch {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":{"message":"Internal error in the Tempo mock server"}}');
          else res.destroy();
        }
      })();
      return;
    }
    void serveWithHandlers(req, res, origin, () => (mock ? [...mock.overrides, ...handlers] : handlers));
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
  origin = `http://${hostForUrl}:${address.port}`;
  const baseUrl = `${origin}/4`;
  mock = createTempoMock({ ...mockOptions, baseUrl, oauthOrigin: origin });
  const jiraUrl = `${origin}/jira`;
  const jiraGatewayUrl = `${origin}/ex/jira/${MOCK_JIRA_CLOUD_ID}`;
  handlers = [...mock.createHandlers([baseUrl], [origin]), ...mock.jira.createHandlers([jiraUrl], [jiraGatewayUrl])];
  const theMock = mock;
  return {
    url: origin,
    baseUrl,
    jiraUrl,
    jiraGatewayUrl,
    mock: theMock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Whether a request line looks like an API call, to take the fast path. A raw prefix check is enough: the engine
 * judges the normalised path itself and answers 404 when it leaves the base (`/4/../x/worklogs`).
 */
function isApiPath(url: string | undefined): boolean {
  return url !== undefined && (url === '/4' || url.startsWith('/4/') || url.startsWith('/4?'));
}

export { MOCK_API_TOKEN, MOCK_OAUTH_CLIENT } from '../constants.js';
export { MOCK_JIRA_API_TOKEN, MOCK_JIRA_OAUTH_TOKEN } from '../jira/constants.js';
