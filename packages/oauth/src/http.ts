/**
 * One form-encoded POST to a Tempo OAuth endpoint, and the mapping of its answer onto typed errors.
 * Only `fetch` is used, so this runs in Node, browsers, Deno and Bun.
 *
 * @internal
 */

import {
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  OAuthConnectionError,
  OAuthEndpointError,
  OAuthResponseError,
  OAuthTimeoutError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  UnsupportedTokenTypeError,
  type OAuthErrorBody,
} from './errors.js';
import { scrubSecrets, truncate } from './redact.js';

/** A `fetch`-compatible function (the global one, undici's, a test server's…). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Default origin of Tempo's token and revoke endpoints. */
export const DEFAULT_TOKEN_HOST = 'https://api.tempo.io';

/** Default limit for one call to a Tempo OAuth endpoint, body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

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
  now?: (() => number) | undefined;
}

/** `https://api.tempo.io` + `/oauth/token/` → full URL; keeps a path prefix on the host if one is given. */
export function endpointUrl(tokenHost: string | undefined, path: string): string {
  const host = tokenHost ?? DEFAULT_TOKEN_HOST;
  let base: URL;
  try {
    base = new URL(host);
  } catch {
    throw new TypeError('tokenHost must be an absolute URL such as https://api.tempo.io');
  }
  // Credentials in a URL would end up in error messages; they have no business in a token host.
  base.username = '';
  base.password = '';
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`;
}

/**
 * POSTs `params` form-encoded to `endpoint` and reads the answer's body.
 *
 * @throws {@link OAuthConnectionError} when no answer arrives, {@link OAuthTimeoutError} after `timeoutMs`;
 *   rethrows `signal.reason` when the caller aborts.
 */
export async function postForm(endpoint: string, params: URLSearchParams, options: SendOptions): Promise<FormResponse> {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const callerSignal = options.signal;
  callerSignal?.throwIfAborted();

  // One controller aborts the request for either reason; `timedOut` tells the two apart afterwards.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  const sentAt = now();
  try {
    const response = await doFetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: params.toString(),
      signal: controller.signal,
      // Token answers must not be followed elsewhere with the credentials; a redirect is reported as an error.
      redirect: 'manual',
    });
    const text = await response.text();
    return { response, text, sentAt, endpoint };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (timedOut) throw new OAuthTimeoutError(endpoint, timeoutMs);
    throw new OAuthConnectionError(endpoint, { cause: error });
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

/** The parsed JSON object of a body, or `undefined` when it is not a JSON object. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
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

/**
 * Turns a non-2xx answer into the right typed error. `secrets` are the secret values that were sent; they are
 * scrubbed from any server text that is kept.
 */
export function errorFromResponse(res: FormResponse, secrets: readonly (string | undefined)[]): Error {
  const { response, text, endpoint } = res;
  const contentType = response.headers.get('content-type') ?? undefined;
  const body = jsonObject(text);
  const error = typeof body?.error === 'string' && body.error !== '' ? body.error : undefined;

  if (error !== undefined && response.status < 500) {
    const description = typeof body?.error_description === 'string' ? truncate(scrubSecrets(body.error_description, secrets), 500) : undefined;
    const errorUri = typeof body?.error_uri === 'string' ? scrubSecrets(body.error_uri, secrets) : undefined;
    const ErrorClass = ERROR_CLASSES[error] ?? OAuthEndpointError;
    return new ErrorClass({
      status: response.status,
      error: scrubSecrets(error, secrets),
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
    bodySnippet: text ? truncate(scrubSecrets(text.trim(), secrets), SNIPPET_LENGTH) : undefined,
    reason,
  });
}
