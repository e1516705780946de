/**
 * A Fetch API handler (`Request` → `Response`) for a Tempo webhook URL: it answers the subscription handshake,
 * verifies each event against the raw body, parses it into a typed event and calls the callback for its type.
 *
 * @module
 */
import { DEFAULT_MAX_BODY_BYTES, readBodyBytes } from './body.js';
import { WebhookBodyTooLargeError, WebhookEventError, WebhookUsageError } from './errors.js';
import {
  parseTempoWebhookEvent,
  type TempoWebhookEvent,
  type TempoWebhookEventOf,
  type TempoWebhookEventType,
} from './event.js';
import { checkMaxBodyBytes, type WebhookClock } from './options.js';
import { createTempoSignatureVerifier } from './signature.js';

/** The longest `randomString` Tempo sends in a handshake. */
export const HANDSHAKE_MAX_LENGTH = 128;

/** What a callback gets besides the event. */
export interface TempoWebhookContext {
  /** The request the event came in (its body is already read). */
  request: Request;
}

/** A callback for the events of one type; a promise it returns is awaited before the answer (its value is ignored). */
export type TempoWebhookCallback<T extends TempoWebhookEventType> = (
  event: TempoWebhookEventOf<T>,
  context: TempoWebhookContext,
) => unknown;

/** One optional callback per event type, typed by it: `on: { 'worklog.created': (event) => event.payload.tempoWorklogId }`. */
export type TempoWebhookCallbacks = { [T in TempoWebhookEventType]?: TempoWebhookCallback<T> };

/** Options of {@link createTempoWebhookHandler}. */
export interface TempoWebhookHandlerOptions {
  /** The subscription's `sharedSecret`, or the secrets of every subscription that points at this URL. */
  sharedSecret: string | readonly string[];
  /** Callbacks per event type. */
  on?: TempoWebhookCallbacks;
  /** Called for every verified event that has no callback in `on`. */
  onEvent?: (event: TempoWebhookEvent, context: TempoWebhookContext) => unknown;
  /**
   * Told about each refused or failed request (401, 400, 413, 500), with a typed error or the callback's own.
   * Never given a secret.
   */
  onError?: (error: unknown, context: { request: Request; status: number }) => void;
  /** How far `Tempo-Timestamp` may be from now, either way, in milliseconds (default 300000: 5 minutes). */
  toleranceMs?: number;
  /** Time source for the timestamp check (`now()`: wall-clock epoch milliseconds); default `Date`. */
  clock?: WebhookClock;
  /** The largest body read, in bytes (default 1 MiB); a larger one is answered 413 without reading it all. */
  maxBodyBytes?: number;
}

const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Builds the handler of a Tempo webhook URL.
 *
 * - `GET ?randomString=…` (the handshake): 200 `text/plain` with the value; 400 without one or over 128 characters.
 * - `POST`: 413 over `maxBodyBytes`; 401 when `Tempo-Signature` or `Tempo-Timestamp` is missing, wrong or stale
 *   (checked against the raw bytes); 400 when the verified body is not an event; then the callback for its
 *   `eventType` (or `onEvent`) runs, and only when it resolves is the answer 204. A callback that throws gives 500,
 *   so Tempo delivers the event again later (with the same `eventId`: make callbacks idempotent).
 * - Other methods: 405.
 *
 * @example
 * ```ts
 * const handler = createTempoWebhookHandler({
 *   sharedSecret: subscription.sharedSecret,
 *   on: { 'worklog.created': async (event) => save(event.payload.tempoWorklogId) },
 * });
 * export default { fetch: handler }; // Workers, Deno.serve(handler), Bun.serve({ fetch: handler }), …
 * ```
 * @throws {@link WebhookUsageError} when an option is not usable (at creation, not per request).
 */
export function createTempoWebhookHandler(
  options: TempoWebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  if (typeof options !== 'object' || options === null)
    throw new WebhookUsageError('options', 'an object with sharedSecret');
  const verifier = createTempoSignatureVerifier(options);
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES);
  const on = options.on ?? {};
  if (typeof on !== 'object') throw new WebhookUsageError('on', 'an object of callbacks keyed by event type');
  for (const [type, callback] of Object.entries(on)) {
    if (typeof callback !== 'function') throw new WebhookUsageError(`on['${type}']`, 'a function');
  }
  for (const name of ['onEvent', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function')
      throw new WebhookUsageError(name, 'a function');
  }

  const refuse = (request: Request, status: number, error: unknown, body: string): Response => {
    options.onError?.(error, { request, status });
    return text(status, body);
  };

  return async function tempoWebhookHandler(request: Request): Promise<Response> {
    if (request.method === 'GET') {
      const randomString = new URL(request.url).searchParams.get('randomString');
      if (!randomString || randomString.length > HANDSHAKE_MAX_LENGTH)
        return text(400, 'Expected a randomString query parameter of 1 to 128 characters');
      return text(200, randomString);
    }
    if (request.method !== 'POST') return text(405, 'Method not allowed', { allow: 'GET, POST' });

    let bytes: Uint8Array;
    try {
      bytes = await readBodyBytes(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof WebhookBodyTooLargeError) return refuse(request, 413, error, 'Body too large');
      return refuse(
        request,
        400,
        new WebhookEventError('The request body could not be read', { cause: error }),
        'Body could not be read',
      );
    }
    const timestamp = request.headers.get('tempo-timestamp');
    const signature = request.headers.get('tempo-signature');
    if (!timestamp || !signature) {
      return refuse(
        request,
        401,
        new WebhookEventError('Missing Tempo-Signature or Tempo-Timestamp header'),
        'Missing signature',
      );
    }
    if (!(await verifier.verify({ body: bytes, timestamp, signature }))) {
      return refuse(request, 401, new WebhookEventError('Invalid or stale Tempo signature'), 'Invalid signature');
    }

    let event: TempoWebhookEvent;
    try {
      event = parseTempoWebhookEvent(decoder.decode(bytes));
    } catch (error) {
      const typed = error instanceof WebhookEventError ? error : new WebhookEventError('The body is not UTF-8 text');
      return refuse(request, 400, typed, typed.message);
    }

    const callback =
      (on[event.eventType] as ((e: TempoWebhookEvent, c: TempoWebhookContext) => unknown) | undefined) ??
      options.onEvent;
    try {
      await callback?.(event, { request });
    } catch (error) {
      return refuse(request, 500, error, 'The event could not be handled');
    }
    return new Response(null, { status: 204 });
  };
}
