import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { getResponse, type RequestHandler } from 'msw';
import type { MockReply } from '../errors.js';

/**
 * Serves one Node HTTP request with msw handlers: converts it to a Fetch `Request`, asks msw's `getResponse`,
 * and writes the answer back. A handler's network-error response drops the connection, as a broken network would.
 */
export async function serveWithHandlers(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  handlers: () => readonly RequestHandler[],
): Promise<void> {
  try {
    const request = toFetchRequest(req, origin);
    const response = await getResponse([...handlers()], request);
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

/** A Fetch `Request` for a Node request (the body streams through, unread until someone reads it). */
export function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // `req.url` may be absolute-form or odd; resolving against the server origin keeps it on this server.
  const url = new URL(req.url ?? '/', origin);
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(`${origin}${url.pathname}${url.search}`, init);
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

function notServed(request: Request): Response {
  const path = new URL(request.url).pathname;
  return new Response(JSON.stringify({ errors: { message: `Nothing is served at ${path}: the API lives under /4 and OAuth under /oauth` } }), {
    status: 404,
    headers: { 'content-type': 'application/json' },
  });
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
