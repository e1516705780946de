/**
 * One form-encoded POST to a Tempo OAuth endpoint, and the mapping of its answer onto typed errors.
 * Only `fetch` is used, so this runs in Node, browsers, Deno and Bun.
 *
 * @internal
 */

import { resolveClock, type ClockOption } from './clock.js';
import {
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  OAuthConnectionError,
  OAuthEndpointError,
  OAuthError,
  OAuthResponseError,
  OAuthResponseTooLargeError,
  OAuthTimeoutError,
  OAuthUsageError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  UnsupportedTokenTypeError,
  type OAuthErrorBody,
} from './errors.js';
import { redactCause, redactText } from './redact.js';
import { sizeBytes, timerMs } from './validate.js';

/** A `fetch`-compatible function (the global one, undici's, a test server's…). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Default origin of Tempo's token and revoke endpoints. Written out here because this package has no
 * dependencies; a test checks it against the spec's OAuth flow (`tokenUrl`).
 */
export const DEFAULT_TOKEN_HOST = 'https://api.tempo.io';

/** Default limit for one call to a Tempo OAuth endpoint, body included, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Default `maxResponseBytes`: 1 MiB. A token answer is well under 1 KiB and an error page a few KiB, so this is
 * generous, yet an endless or huge answer cannot grow memory past it.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 1_048_576;

/** An answer whose body has been read within the timeout. */
export interface FormResponse {
  response: Response;
  /** The body as text. */
  text: string;
  /**
   * Local time (ms since epoch) just before the request was sent: token lifetimes count from here, so they are
   * never overstated by the round trip.
   */
  sentAt: number;
  endpoint: string;
}

/** How to send one request. */
export interface SendOptions {
  fetch?: FetchLike | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxResponseBytes?: number | undefined;
  clock?: ClockOption | undefined;
}

/** Form fields whose values are secrets: never kept in an error, whatever a server or `fetch` does with them. */
const SECRET_FIELDS = ['client_secret', 'code', 'refresh_token', 'token'] as const;

/** The secret values a form carries. */
export function formSecrets(params: URLSearchParams): string[] {
  return SECRET_FIELDS.flatMap((field) => params.getAll(field));
}

/**
 * `https://api.tempo.io` + `/oauth/token/` → full URL; keeps a path prefix on the host if one is given.
 *
 * @throws {@link OAuthUsageError} when `tokenHost` is not an absolute http(s) URL.
 */
export function endpointUrl(tokenHost: string | undefined, path: string): string {
  const host = tokenHost ?? DEFAULT_TOKEN_HOST;
  let base: URL;
  try {
    base = new URL(host);
  } catch {
    throw new OAuthUsageError('tokenHost', 'tokenHost must be an absolute URL such as https://api.tempo.io');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new OAuthUsageError('tokenHost', 'tokenHost must be an http(s) URL such as https://api.tempo.io');
  }
  // Credentials in a URL would end up in error messages; they have no business in a token host.
  base.username = '';
  base.password = '';
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`;
}

/**
 * POSTs `params` form-encoded to `endpoint` and reads the answer's body, at most `maxResponseBytes` of it.
 *
 * @throws {@link OAuthUsageError} for a bad `timeoutMs`, `maxResponseBytes` or `clock`;
 *   {@link OAuthConnectionError} when no answer arrives, {@link OAuthTimeoutError} after `timeoutMs`,
 *   {@link OAuthResponseTooLargeError} when the body is larger than `maxResponseBytes`;
 *   rethrows `signal.reason` when the caller aborts.
 */
export async function postForm(endpoint: string, params: URLSearchParams, options: SendOptions): Promise<FormResponse> {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = resolveClock(options.clock);
  const timeoutMs = timerMs(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const maxResponseBytes = sizeBytes(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes');
  const callerSignal = options.signal;
  callerSignal?.throwIfAborted();

  // One controller aborts the request for either reason; `timedOut` tells the two apart afterwards. setTimeout
  // runs on a monotonic clock, so a wall clock stepped back cannot stretch it. 0 means no limit.
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  // A clock that returns garbage must not make the answer's tokens unstorable: fall back to the system time.
  const now = clock.now();
  const sentAt = Number.isFinite(now) ? now : Date.now();
  try {
    const response = await doFetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: params.toString(),
      signal: controller.signal,
      // Token answers must not be followed elsewhere with the credentials; a redirect is reported as an error.
      redirect: 'manual',
    });
    const text = await readBody(response, endpoint, maxResponseBytes);
    return { response, text, sentAt, endpoint };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (timedOut) throw new OAuthTimeoutError(endpoint, timeoutMs);
    if (error instanceof OAuthError) throw error;
    // A fetch is not ours: its error could quote the form it was given (a wrapper that logs its input).
    throw new OAuthConnectionError(endpoint, { cause: redactCause(error, formSecrets(params)) });
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * Reads a body as UTF-8 text, streaming, and stops as soon as it passes `maxResponseBytes` (or before reading
 * anything when `Content-Length` already says it is larger).
 *
 * @throws {@link OAuthResponseTooLargeError} past the limit.
 */
async function readBody(response: Response, endpoint: string, maxResponseBytes: number): Promise<string> {
  const tooLarge = (): OAuthResponseTooLargeError =>
    new OAuthResponseTooLargeError(
      { status: response.status, endpoint, contentType: response.headers.get('content-type') ?? undefined },
      maxResponseBytes,
    );
  const declared = contentLength(response.headers.get('content-length'));
  if (declared !== undefined && declared > maxResponseBytes) {
    discard(response.body);
    throw tooLarge();
  }
  const body = response.body;
  if (body === null) return '';
  if (typeof body.getReader !== 'function') {
    // A Response from another realm or library without a web stream: it can only be read whole.
    const text = await response.text();
    if (new TextEncoder().encode(text).byteLength > maxResponseBytes) throw tooLarge();
    return text;
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxResponseBytes) {
        discard(reader);
        throw tooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
  return text + decoder.decode();
}

/**
 * Cancels a body without waiting: the cancel of a teed stream (a fetch interceptor keeping a clone) settles only
 * when every branch is cancelled, which may be never.
 */
function discard(body: { cancel(): Promise<void> } | null): void {
  body?.cancel().catch(() => undefined);
}

/** A `Content-Length` header as a number, or `undefined` when it is absent or not one plain decimal number. */
function contentLength(header: string | null): number | undefined {
  if (header === null || !/^\s*\d{1,20}\s*$/.test(header)) return undefined;
  return Number(header);
}

/** The parsed JSON object of a body, or `undefined` when it is not a JSON object. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const ERROR_CLASSES: Record<string, new (body: OAuthErrorBody) => OAuthEndpointError> = {
  invalid_grant: InvalidGrantError,
  invalid_client: InvalidClientError,
  invalid_request: InvalidRequestError,
  unauthorized_client: UnauthorizedClientError,
  unsupported_grant_type: UnsupportedGrantTypeError,
  invalid_scope: InvalidScopeError,
  unsupported_token_type: UnsupportedTokenTypeError,
};

/** Longest piece of an error page kept in {@link OAuthResponseError.bodySnippet}. */
const SNIPPET_LENGTH = 200;
/** Longest `error_description` / `error_uri` kept. */
const DESCRIPTION_LENGTH = 500;
/** Longest OAuth `error` code kept (real ones are a few words). */
const CODE_LENGTH = 100;

/**
 * Turns a non-2xx answer into the right typed error. `secrets` are the secret values that were sent; they (and
 * any fragment of them) are scrubbed from any server text that is kept, before it is cut to length.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2} (error response)
 * @see {@link https://www.rfc-editor.org/rfc/rfc7009#section-2.2.1 | RFC 7009 §2.2.1} (revocation error response)
 */
export function errorFromResponse(res: FormResponse, secrets: readonly (string | undefined)[]): Error {
  const { response, text, endpoint } = res;
  const contentType = response.headers.get('content-type') ?? undefined;
  const body = jsonObject(text);
  // Everything kept from the server is redacted first and cut afterwards (see redact.ts), the error code too.
  const error =
    typeof body?.error === 'string' && body.error !== '' ? redactText(body.error, secrets, CODE_LENGTH) : undefined;

  if (error !== undefined && response.status < 500) {
    const description =
      typeof body?.error_description === 'string'
        ? redactText(body.error_description, secrets, DESCRIPTION_LENGTH)
        : undefined;
    const errorUri =
      typeof body?.error_uri === 'string' ? redactText(body.error_uri, secrets, DESCRIPTION_LENGTH) : undefined;
    const ErrorClass = ERROR_CLASSES[error] ?? OAuthEndpointError;
    return new ErrorClass({
      status: response.status,
      error,
      errorDescription: description,
      errorUri,
      endpoint,
    });
  }

  let reason: string;
  if (response.status >= 300 && response.status < 400) reason = 'unexpected redirect';
  else if (response.status >= 500) reason = error ? `server error (${error})` : 'server error';
  else if (body) reason = 'JSON error body without an OAuth "error" field';
  else reason = `non-JSON error body (${contentType ?? 'no content type'})`;
  return new OAuthResponseError({
    status: response.status,
    endpoint,
    contentType,
    error,
    bodySnippet: text ? redactText(text.trim(), secrets, SNIPPET_LENGTH) : undefined,
    reason,
  });
}
