import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { getResponse, type RequestHandler } from 'msw';
import { errorReply, type MockReply } from '../errors.js';

/**
 * Serves one request with msw handlers: asks msw's `getResponse` and writes the answer back. A handler's
 * network-error response drops the connection, as a broken network would.
 */
export async function serveWithHandlers(
  req: IncomingMessage,
  res: ServerResponse,
  request: Request,
  handlers: readonly RequestHandler[],
): Promise<void> {
  try {
    const response = await getResponse([...handlers], request);
    if (!response) {
      await writeResponse(res, notServed(request));
      return;
    }
    if (response.type === 'error') {
      req.socket.destroy();
      return;
    }
    if (!req.complete) res.setHeader('connection', 'close');
    await writeResponse(res, response);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: { message: `Internal error in the Tempo mock server: ${message}` } }));
  }
}

/**
 * The path and query a raw request target asks for, or the problem that makes it unservable. Judged before any
 * URL parser normalises it: a `..` segment (also as `%2e%2e`, or behind a backslash, which URL parsers read as a
 * slash) is refused, never resolved onto the parent resource. Origin-form (`/4/worklogs`) and absolute-form
 * (`http://host/4/worklogs`, whose host is ignored: this server serves one origin) are accepted.
 */
export function requestTarget(raw: string | undefined): string | { problem: string } {
  if (raw === undefined || raw === '') return { problem: 'The request has no target' };
  let path = raw;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(raw);
  if (absolute) path = raw.slice(absolute[0].length) || '/';
  if (!path.startsWith('/')) return { problem: `The request target must be a path starting with '/'` };
  const pathOnly = path.split(/[?#]/, 1)[0]!.replace(/[\t\n\r]/g, '');
  for (const segment of pathOnly.split(/[/\\]/)) {
    if (segment.replace(/%2e/gi, '.') === '..')
      return { problem: `The path may not contain '..' segments: every path value must stay inside its segment` };
  }
  try {
    const url = new URL(`http://mock.invalid${path}`);
    return `${url.pathname}${url.search}`;
  } catch {
    return { problem: 'The request target is not a valid URL path' };
  }
}

/** A Fetch `Request` for a Node request at `target` (the body streams through, unread until someone reads it). */
export function toFetchRequest(req: IncomingMessage, origin: string, target: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(`${origin}${target}`, init);
}

/** A Tempo-shaped 400 for a request the server cannot even parse. */
export function badRequestReply(message: string): MockReply {
  return errorReply(400, message, { connection: 'close' });
}

/** Writes a Fetch `Response` to a Node response. */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookie = response.headers.getSetCookie?.();
  if (setCookie && setCookie.length > 0) headers['set-cookie'] = setCookie;
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) headers['content-length'] = String(body.byteLength);
  res.writeHead(response.status, headers);
  res.end(body);
}

/** The 404 for a path nothing serves. */
export function notServed(request: Request): Response {
  const path = new URL(request.url).pathname;
  return new Response(
    JSON.stringify({
      errors: {
        message: `Nothing is served at ${path}: the API lives under /4, OAuth under /oauth and the admin API under /__admin`,
      },
    }),
    {
      status: 404,
      headers: { 'content-type': 'application/json' },
    },
  );
}

/** Writes a {@link MockReply} (the mock's plain answer) to a Node response; network errors drop the connection. */
export function writeReply(req: IncomingMessage, res: ServerResponse, reply: MockReply): void {
  if (reply.networkError) {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  // An answer sent before the request body was read in full (e.g. 413): the connection cannot be reused.
  if (!req.complete) headers.connection = 'close';
  if (reply.body !== null) {
    const body = Buffer.from(reply.body, 'utf8');
    headers['content-length'] = String(body.byteLength);
    res.writeHead(reply.status, headers);
    res.end(body);
  } else {
    res.writeHead(reply.status, headers);
    res.end();
  }
}
