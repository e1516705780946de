/**
 * Loopback login for CLIs and desktop apps (RFC 8252 §7.3): a one-shot HTTP server on 127.0.0.1 receives the
 * browser's redirect, the code is exchanged and the tokens saved. Node only.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIPv4, isIPv6, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

import { buildAuthorizeUrl, verifyCallback } from '../authorize.js';
import {
  LoopbackServerError,
  LoopbackTimeoutError,
  MissingCodeError,
  OAuthError,
  OAuthUsageError,
  StateMismatchError,
  TokenStoreError,
} from '../errors.js';
import { redactCause } from '../redact.js';
import type { TokenStore } from '../store.js';
import { exchangeCode, type OAuthClientConfig } from '../token.js';
import type { TokenSet } from '../token-set.js';
import { shown, timerMs } from '../validate.js';

/** Options of {@link loopbackLogin}. Give `jiraSite` (Jira-hosted flow) or `jiraUrl` (Tempo's redirect flow). */
export interface LoopbackLoginOptions extends Omit<OAuthClientConfig, 'timeoutMs'> {
  /** Jira Cloud site for the documented Jira-hosted authorize page (`acme` or `acme.atlassian.net`). */
  jiraSite?: string;
  /** Jira site URL for Tempo's newer `/oauth/authorize/redirect` flow (e.g. `https://acme.atlassian.net`). */
  jiraUrl?: string;
  /** Origin of the newer authorize endpoint (default `https://api.tempo.io`; the mock server in tests). */
  authorizeHost?: string;
  /**
   * Address to listen on: a loopback address, `127.0.0.1` (default), another `127.x.y.z`, `::1` (also written
   * `[::1]`) or `localhost` (then the address it resolves to must be loopback too). Anything else (`0.0.0.0`,
   * `::`, a LAN or public address, another host name) is refused with `OAuthUsageError`: the callback carries the
   * code, and only this machine may reach it.
   */
  host?: string;
  /** Port to listen on (default 0: any free port). Fix it if your Tempo app's redirect URI has a fixed port. */
  port?: number;
  /** Path of the redirect URI (default `/callback`). */
  callbackPath?: string;
  /** Called with the authorize URL (default: prints it to stderr). */
  onAuthorizeUrl?: (url: string) => void;
  /** Opens the URL in a browser (optional; e.g. {@link openSystemBrowser}). A failure only prints a warning. */
  openBrowser?: (url: string) => void | Promise<void>;
  /**
   * Give up waiting for the browser after this long, in ms (default 300 000). Once the callback arrived, the
   * exchange, save and success page get this long again before the login fails with `LoopbackTimeoutError`.
   */
  timeoutMs?: number;
  /** Limit for the code exchange request, in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** Saves the tokens here before the browser is told "success". */
  store?: TokenStore;
  /** Cancels the login (rejects with `signal.reason`); the port is closed. */
  signal?: AbortSignal;
}

const DEFAULT_LOGIN_TIMEOUT_MS = 300_000;

/**
 * Runs the whole authorization-code flow for a local app: listens on 127.0.0.1, shows (and optionally opens)
 * the authorize URL, verifies the callback's state, exchanges the code, saves the tokens and answers the browser
 * with a small page. The port is always closed when the promise settles.
 *
 * Tempo must accept the redirect URI `http://127.0.0.1:<port>/callback`: register it for your app, and pass the
 * same `port` if Tempo requires an exact match.
 *
 * @example
 * ```ts
 * const tokens = await loopbackLogin({
 *   clientId, clientSecret, jiraSite: 'acme',
 *   store: new FileTokenStore('tempo-tokens.json'),
 *   openBrowser: openSystemBrowser,
 * });
 * ```
 * A request to the callback path with a wrong or missing `state`, or with the right state but no `code`, is
 * answered 400 and does not end the login (any local program could send one); only the callback with the right
 * state counts.
 *
 * Any other request, however malformed (an unparsable target such as `//[`, a bad `Host`, oversized headers,
 * bytes that are not HTTP, `CONNECT` or `Upgrade`), is answered with a 4xx and the login keeps waiting.
 *
 * @throws `OAuthUsageError` (from `@tempo-sdk/oauth`) for a missing or malformed option (both or neither of `jiraSite`/`jiraUrl`, a
 *   host that is not loopback, a bad port, path or timeout), before anything listens;
 *   {@link LoopbackTimeoutError} after `timeoutMs`, {@link LoopbackServerError} when the port cannot be opened,
 *   `AuthorizationDeniedError` / `AuthorizationCallbackError` (the callback had `error=…`), the errors of
 *   `exchangeCode`, `TokenStoreError`, and `signal.reason` when aborted.
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-7.3 | RFC 8252 §7.3} (loopback interface redirection)
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1 | RFC 6749 §4.1} (authorization code grant)
 */
export async function loopbackLogin(options: LoopbackLoginOptions): Promise<TokenSet> {
  if (typeof options !== 'object' || options === null)
    throw new OAuthUsageError('options', 'loopbackLogin needs an options object');
  if ((options.jiraSite === undefined) === (options.jiraUrl === undefined)) {
    throw new OAuthUsageError('jiraSite', 'loopbackLogin needs exactly one of jiraSite or jiraUrl');
  }
  const timeoutMs = timerMs(options.timeoutMs, DEFAULT_LOGIN_TIMEOUT_MS, 'timeoutMs');
  timerMs(options.requestTimeoutMs, 0, 'requestTimeoutMs');
  const callbackPath = checkCallbackPath(options.callbackPath);
  const address = loopbackAddress(options.host);
  const requestedPort = checkPort(options.port);
  options.signal?.throwIfAborted();

  const server = createServer();
  let cancelWait: (() => void) | undefined;
  try {
    const port = await listen(server, address, requestedPort);
    const redirectUri = `http://${address.uriHost}:${port}${callbackPath}`;
    const request =
      options.jiraUrl !== undefined
        ? buildAuthorizeUrl({
            clientId: options.clientId,
            redirectUri,
            jiraUrl: options.jiraUrl,
            ...(options.authorizeHost ? { authorizeHost: options.authorizeHost } : {}),
          })
        : buildAuthorizeUrl({ clientId: options.clientId, redirectUri, jiraSite: options.jiraSite as string });

    const wait = waitForCallback(server, {
      callbackPath,
      timeoutMs,
      signal: options.signal,
      verify: (url) => verifyCallback(url, { expectedState: request.state }),
      complete: async (code) => {
        const { timeoutMs: _loginTimeout, requestTimeoutMs, ...config } = options;
        const tokens = await exchangeCode({
          ...config,
          ...(requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs }),
          code,
          redirectUri,
        });
        if (options.store) await saveTokens(options.store, tokens);
        return tokens;
      },
    });

    cancelWait = wait.cancel;
    // The callback may settle while we are still opening the browser: observe it now, await it below.
    wait.result.catch(() => undefined);

    (options.onAuthorizeUrl ?? printAuthorizeUrl)(request.url);
    if (options.openBrowser) {
      // Not awaited: a browser launcher that hangs must not keep the timeout or an abort from ending the login.
      const open = options.openBrowser;
      Promise.resolve()
        .then(() => open(request.url))
        .catch(() => process.stderr.write('Could not open a browser; open the URL above yourself.\n'));
    }
    return await wait.result;
  } finally {
    // Whatever happened (including a throwing onAuthorizeUrl), stop the timer and free the port.
    cancelWait?.();
    await close(server);
  }
}

/** Saves under the store's lock when it has one, so the write cannot interleave with a refresh elsewhere. */
async function saveTokens(store: TokenStore, tokens: TokenSet): Promise<void> {
  try {
    if (store.lock) await store.lock(async () => store.set(tokens));
    else await store.set(tokens);
  } catch (error) {
    // A store's own error may quote what it was given: its text is scrubbed of the tokens.
    const cause = redactCause(error, [tokens.accessToken, tokens.refreshToken]);
    throw error instanceof TokenStoreError
      ? error
      : new TokenStoreError('write', 'The token store could not save the tokens', { cause });
  }
}

interface WaitOptions {
  callbackPath: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** Checks the callback URL and returns its code; throws the errors of `verifyCallback`. */
  verify: (url: URL) => string;
  /** Exchanges the code and saves the tokens; its result or error settles the login. */
  complete: (code: string) => Promise<TokenSet>;
}

/**
 * `result` settles with the first request to `callbackPath` that carries the right `state` (other paths get 404; a
 * callback with a wrong or missing state, or without a code, gets 400 and the wait goes on); `cancel` stops the
 * timer and the abort listener.
 */
function waitForCallback(server: Server, options: WaitOptions): { result: Promise<TokenSet>; cancel: () => void } {
  let cancel: () => void = () => undefined;
  const result = new Promise<TokenSet>((resolve, reject) => {
    let handled = false;
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    let timer = setTimeout(() => finish(() => reject(new LoopbackTimeoutError(options.timeoutMs))), options.timeoutMs);
    // Stays active until the login settles (also during the exchange, the save and the page), so an abort always
    // ends the login and frees the port.
    const onAbort = (): void => finish(() => reject(options.signal?.reason));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    cancel = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      // Anyone on this machine can send anything here: parse defensively, answer 4xx, keep waiting.
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        void sendPage(res, 400, 'Bad request', 'This address only receives the Tempo authorization callback.');
        return;
      }
      if (url.pathname !== options.callbackPath || req.method !== 'GET') {
        void sendPage(res, 404, 'Not found', 'This address only receives the Tempo authorization callback.');
        return;
      }
      if (handled) {
        void sendPage(
          res,
          409,
          'Already handled',
          'This login has already received its callback. You can close this tab.',
        );
        return;
      }
      let code: string;
      try {
        code = options.verify(url);
      } catch (error) {
        if (
          !(error instanceof OAuthError) ||
          error instanceof StateMismatchError ||
          error instanceof MissingCodeError
        ) {
          // Any local program or web page can send a request here: one that is not our callback (wrong state) or
          // that carries nothing to exchange is refused, and the real callback is still awaited.
          const detail =
            error instanceof OAuthError ? error.message : 'The request is not a valid authorization callback.';
          void sendPage(res, 400, 'Tempo sign-in failed', detail);
          return;
        }
        // Our state with error=… (e.g. access_denied): the user's answer, which ends the login.
        handled = true;
        void sendPage(res, 400, 'Tempo sign-in failed', error.message).then(() => finish(() => reject(error)));
        return;
      }
      handled = true;
      // The wait for the browser is over; the exchange, save and page now get the same time again, so that a
      // login whose browser arrived late is not cut off mid-exchange, yet a hung step cannot hold the port forever.
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(() => reject(new LoopbackTimeoutError(options.timeoutMs, 'completion'))),
        options.timeoutMs,
      );
      options.complete(code).then(
        async (tokens) => {
          await sendPage(res, 200, 'Signed in to Tempo', 'You can close this tab and return to the application.');
          finish(() => resolve(tokens));
        },
        async (error: unknown) => {
          const detail = error instanceof OAuthError ? error.message : 'The sign-in could not be completed.';
          await sendPage(res, 400, 'Tempo sign-in failed', detail);
          finish(() => reject(error));
        },
      );
    };
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      try {
        onRequest(req, res);
      } catch {
        // Nothing a request does may end the login: answer it (if still possible) and keep waiting.
        if (!res.headersSent) void sendPage(res, 400, 'Bad request', 'The request could not be handled.');
      }
    });
    // Requests Node's parser rejects (bad bytes, oversized headers, a bad Host line…) and the two request kinds
    // that bypass 'request' (CONNECT, Upgrade) get a bare 4xx; the server goes on listening.
    server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
      refuseRaw(socket, error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400);
    });
    server.on('connect', (_req: IncomingMessage, socket: Duplex) => refuseRaw(socket, 405));
    server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => refuseRaw(socket, 400));
    // Errors of the listening socket after start (e.g. EMFILE on accept) are not fatal either.
    server.on('error', () => undefined);
  });
  return { result, cancel };
}

/** Answers a connection Node did not turn into a request with a bare status line, and closes it. */
function refuseRaw(socket: Duplex, status: 400 | 405 | 431): void {
  const reason = { 400: 'Bad Request', 405: 'Method Not Allowed', 431: 'Request Header Fields Too Large' }[status];
  const tcp = socket as Partial<Socket>;
  if (socket.writable && !tcp.destroyed) {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  }
  socket.on('error', () => undefined);
  // end() flushes; a peer that never reads must not hold the socket.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Where to listen, and how the host is written in the redirect URI. */
interface LoopbackAddress {
  listen: string;
  uriHost: string;
}

/**
 * Checks that `host` is a loopback address (127.0.0.0/8, ::1) or `localhost`.
 *
 * @throws `OAuthUsageError` (from `@tempo-sdk/oauth`) for anything else.
 */
export function loopbackAddress(host: unknown): LoopbackAddress {
  if (host === undefined) return { listen: '127.0.0.1', uriHost: '127.0.0.1' };
  const refuse = (): OAuthUsageError =>
    new OAuthUsageError(
      'host',
      `host must be a loopback address (127.0.0.1, ::1 or localhost), got ${shown(host)}: the callback carries the code, and only this machine may receive it`,
    );
  if (typeof host !== 'string') throw refuse();
  if (/^localhost\.?$/i.test(host)) return { listen: 'localhost', uriHost: 'localhost' };
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isLoopbackIp(bare))
    return isIPv6(bare) ? { listen: bare, uriHost: `[${bare}]` } : { listen: bare, uriHost: bare };
  throw refuse();
}

/** 127.0.0.0/8 or ::1 (in any spelling), as written by `net` (no host names). */
function isLoopbackIp(address: string): boolean {
  if (isIPv4(address)) return address.split('.')[0] === '127';
  if (isIPv6(address)) {
    const groups = expandIPv6(address);
    return groups?.slice(0, 7).every((group) => group === 0) === true && groups[7] === 1;
  }
  return false;
}

/** The eight 16-bit groups of an IPv6 address (`undefined` for forms with an embedded IPv4 part or a zone). */
function expandIPv6(address: string): number[] | undefined {
  if (address.includes('.') || address.includes('%')) return undefined;
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  return [...left, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...right].map((group) =>
    Number.parseInt(group, 16),
  );
}

function checkPort(port: unknown): number {
  if (port === undefined) return 0;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OAuthUsageError('port', 'port must be a whole number from 0 (any free port) to 65535');
  }
  return port;
}

function checkCallbackPath(path: unknown): string {
  if (path === undefined) return '/callback';
  const refuse = (): OAuthUsageError =>
    new OAuthUsageError(
      'callbackPath',
      'callbackPath must be a path starting with "/" (not "//"), without query or fragment',
    );
  // "//x" would be read as a host by the URL parser (and "//[" not at all).
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || /[?#\s\\]/.test(path))
    throw refuse();
  try {
    return new URL(path, 'http://127.0.0.1').pathname;
  } catch {
    throw refuse();
  }
}

function listen(server: Server, address: LoopbackAddress, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void =>
      reject(
        new LoopbackServerError(`Could not listen on ${address.uriHost}:${port} for the authorization callback`, {
          cause: error,
        }),
      );
    server.once('error', onError);
    server.listen(port, address.listen, () => {
      server.off('error', onError);
      const bound = server.address() as AddressInfo;
      // `localhost` is resolved by the system: make sure it really was a loopback address.
      if (!isLoopbackIp(bound.address)) {
        server.close();
        reject(
          new OAuthUsageError(
            'host',
            `host ${shown(address.listen)} resolved to ${bound.address}, which is not a loopback address`,
          ),
        );
        return;
      }
      resolve(bound.port);
    });
  });
}

/** Closes the server and every connection (browsers keep connections alive, which would hold the port). */
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** How long the browser gets to take the result page before the login settles anyway. */
const PAGE_TIMEOUT_MS = 5_000;

/**
 * Answers with a small self-contained HTML page and waits until it is sent, or until the connection closed (a
 * browser that gave up: `end`'s callback never fires on a destroyed socket), or at most `PAGE_TIMEOUT_MS`.
 */
function sendPage(res: ServerResponse, status: number, title: string, text: string): Promise<void> {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#172b4d}</style>' +
    `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, PAGE_TIMEOUT_MS);
    timer.unref();
    res.once('close', done);
    if (res.destroyed || res.socket?.destroyed || res.headersSent) return done();
    try {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The page must not leak the callback URL (it holds the code) to anything it could load.
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        connection: 'close',
      });
      res.end(html, done);
    } catch {
      // A connection that went away in between: nothing to answer, and nothing that may end the login.
      res.destroy();
      done();
    }
  });
}

/** Escapes text for HTML: error descriptions come from the callback URL, which anyone can craft. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function printAuthorizeUrl(url: string): void {
  process.stderr.write(`Open this URL in your browser to sign in to Tempo:\n\n  ${url}\n\n`);
}

/**
 * Opens a URL in the system browser (`open` on macOS, `rundll32` on Windows, `xdg-open` elsewhere) without a
 * shell, so the URL is never interpreted as a command. Pass it as `loopbackLogin({ openBrowser })`.
 *
 * @throws (rejects with) `OAuthUsageError` (from `@tempo-sdk/oauth`) for a URL that is not absolute http(s); the spawn error when the
 *   launcher cannot be started.
 */
export function openSystemBrowser(url: string): Promise<void> {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
    return Promise.reject(new OAuthUsageError('url', 'openSystemBrowser opens only absolute http(s) URLs'));
  }
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
