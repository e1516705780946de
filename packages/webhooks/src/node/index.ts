/**
 * `node:http` and Express adapter: runs a Fetch API handler (such as `createTempoWebhookHandler`'s, from `@tempo-sdk/webhooks`) for
 * Node's `(req, res)`. The body is taken raw: from `req.body` when a raw-body middleware (`express.raw()`) already
 * read it, otherwise from the stream, never past `maxBodyBytes`.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_MAX_BODY_BYTES } from '../body.js';
import { WebhookBodyTooLargeError, WebhookUsageError } from '../errors.js';
import { checkMaxBodyBytes } from '../options.js';

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /** The largest body read from the stream, in bytes (default 1 MiB); a larger one is answered 413. */
  maxBodyBytes?: number;
  /** Told about requests the adapter itself could not pass on (a parsed body, a broken stream). */
  onError?: (error: unknown) => void;
}

/** A `node:http` request, possibly with a body an Express middleware has read (`express.raw()` puts a Buffer there). */
export type NodeWebhookRequest = IncomingMessage & { body?: unknown };

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

async function readStream(req: IncomingMessage, maxBodyBytes: number): Promise<Uint8Array> {
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > maxBodyBytes) throw new WebhookBodyTooLargeError(maxBodyBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.byteLength;
    if (size > maxBodyBytes) {
      req.destroy(); // stop reading; the client gets the 413 if its socket is still open, else nothing is lost
      throw new WebhookBodyTooLargeError(maxBodyBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The raw body, from an earlier raw-body middleware or from the stream. */
async function rawBody(req: NodeWebhookRequest, maxBodyBytes: number): Promise<Uint8Array> {
  const body = req.body;
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body !== undefined && body !== null && req.readableEnded) {
    // express.json() (or similar) parsed the body and consumed the stream: the bytes Tempo signed are gone. (A
    // parser that did not match the content type leaves `{}` and the stream unread; then the stream is read.)
    throw new WebhookUsageError(
      'req.body',
      "the raw body: mount express.raw({ type: 'application/json' }) (not express.json()) on the webhook route",
    );
  }
  return readStream(req, maxBodyBytes);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.end(bytes);
}

/**
 * Wraps a Fetch API handler as a `node:http` request listener, which also works as Express middleware (it always
 * answers; it never calls `next`).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createTempoWebhookHandler } from '@tempo-sdk/webhooks';
 * import { toNodeListener } from '@tempo-sdk/webhooks/node';
 *
 * createServer(toNodeListener(createTempoWebhookHandler({ sharedSecret, on: { … } }))).listen(3000);
 * // Express: app.post('/tempo', express.raw({ type: 'application/json' }), toNodeListener(handler));
 * ```
 * @throws `WebhookUsageError` (from `@tempo-sdk/webhooks`) when `handler` is not a function or an option is not usable.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): (req: NodeWebhookRequest, res: ServerResponse) => Promise<void> {
  if (typeof handler !== 'function')
    throw new WebhookUsageError('handler', 'a function from Request to Promise<Response>');
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES);
  return async (req, res) => {
    try {
      // Only the path and query are taken from the request line; a malformed one cannot throw (it becomes "/").
      const url = new URL(
        URL.canParse(req.url ?? '/', 'http://webhook.invalid') ? (req.url ?? '/') : '/',
        'http://webhook.invalid',
      );
      const method = req.method ?? 'GET';
      const body = method === 'GET' || method === 'HEAD' ? undefined : await rawBody(req, maxBodyBytes);
      const headers = headersOf(req);
      headers.delete('content-length'); // the body below is complete; its own length is sent
      await send(
        res,
        await handler(new Request(url, { method, headers, body: body as Uint8Array<ArrayBuffer> | undefined })),
      );
    } catch (error) {
      options.onError?.(error);
      if (res.headersSent) return void res.destroy();
      const status = error instanceof WebhookBodyTooLargeError ? 413 : 500;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(status === 413 ? 'Body too large' : 'The request could not be handled');
    }
  };
}
