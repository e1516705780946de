/**
 * Turning an error response into the right {@link TempoApiError} subclass, with Tempo's message parsed out of
 * whichever body shape it used.
 */
import {
  TempoApiError,
  TempoBadRequestError,
  TempoConflictError,
  TempoForbiddenError,
  TempoNotFoundError,
  TempoRateLimitError,
  TempoServerError,
  TempoUnauthorizedError,
  type TempoApiErrorInit,
} from './errors.js';
import { redactHeaders, sanitizeUrl, type Redactor } from './redact.js';
import { parseRetryAfter } from './retry.js';

/** Response headers that carry a request id, most specific first. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-amzn-requestid', 'x-correlation-id', 'request-id', 'x-amzn-trace-id'];

/** Longest message taken from a non-JSON body: enough for a sentence, not a page of HTML. */
const MAX_TEXT_MESSAGE = 300;

/** Short, safe messages for 401/403, which Tempo answers with an HTML page we do not want to quote. */
const AUTH_MESSAGES: Record<number, string> = {
  401: 'Unauthorized: the token is missing, invalid or expired',
  403: 'Forbidden: the token is not allowed to do this',
};

/** Reason phrases for the statuses Tempo documents, used when the body says nothing. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Every message in a Tempo error body: `{"errors":{"message":…}}`, `{"errors":[{"message":…}, …]}`, and, for
 * robustness, a top-level `{"message":…}` or `{"error":…}`.
 */
export function tempoMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const { errors, message, error } = body as { errors?: unknown; message?: unknown; error?: unknown };
  const list = Array.isArray(errors) ? errors : errors && typeof errors === 'object' ? [errors] : [];
  const found: string[] = [];
  for (const entry of list) {
    if (typeof entry === 'string') found.push(entry);
    else if (entry && typeof entry === 'object' && typeof (entry as { message?: unknown }).message === 'string') {
      found.push((entry as { message: string }).message);
    }
  }
  if (found.length === 0 && typeof message === 'string') found.push(message);
  if (found.length === 0 && typeof error === 'string') found.push(error);
  return found.filter((m) => m.trim() !== '');
}

/** What {@link createApiError} needs: the response (body already read) and the request it answered. */
export interface ApiErrorSource {
  /** The response; its body is not read again. */
  response: Response;
  /** The body as openapi-fetch returned it: parsed JSON, or text when it was not JSON. */
  body: unknown;
  /** HTTP method of the request. */
  method: string;
  /** URL of the request (credentials are removed here). */
  url: string;
  /** The operationId, when known. */
  operationId?: string | undefined;
  /** Scrubs the client's tokens out of anything quoted from the body. */
  redactor?: Redactor | undefined;
}

/** `value` with the client's secrets scrubbed from every string in it (Tempo does not echo tokens, but we never rely on that). */
function scrubJson(value: unknown, scrub: (text: string) => string): unknown {
  const json = JSON.stringify(value);
  const clean = scrub(json);
  if (clean === json) return value;
  try {
    return JSON.parse(clean);
  } catch {
    return undefined;
  }
}

/** The {@link TempoApiError} subclass for the response's status, with Tempo's message parsed from its body. */
export function createApiError(source: ApiErrorSource): TempoApiError {
  const { response, body, redactor } = source;
  const { status } = response;
  const scrub = (text: string) => (redactor ? redactor.text(text) : text);
  const contentType = response.headers.get('content-type') ?? '';
  const isJsonBody = body !== null && typeof body === 'object';

  let messages = tempoMessages(body).map(scrub);
  if (messages.length === 0) {
    const fallback = AUTH_MESSAGES[status] ?? `${status} ${REASONS[status] ?? response.statusText ?? 'Error'}`.trim();
    const text = typeof body === 'string' ? body.trim() : '';
    // Quote a short plain-text body (never HTML, and never for 401/403, whose pages are noise).
    const quotable = text && !AUTH_MESSAGES[status] && !/html/i.test(contentType) && !text.startsWith('<');
    messages = [quotable ? scrub(text.slice(0, MAX_TEXT_MESSAGE)) : fallback];
  }

  const headers = redactHeaders(response.headers);
  for (const name of Object.keys(headers)) headers[name] = scrub(headers[name] as string);
  const init: TempoApiErrorInit = {
    status,
    method: source.method.toUpperCase(),
    url: sanitizeUrl(source.url),
    operationId: source.operationId,
    requestId: REQUEST_ID_HEADERS.map((h) => headers[h]).find((v) => v !== undefined),
    headers,
    messages,
    body: isJsonBody ? scrubJson(body, scrub) : undefined,
  };
  const message = messages[0] as string;
  switch (status) {
    case 400:
      return new TempoBadRequestError(message, init);
    case 401:
      return new TempoUnauthorizedError(message, init);
    case 403:
      return new TempoForbiddenError(message, init);
    case 404:
      return new TempoNotFoundError(message, init);
    case 409:
      return new TempoConflictError(message, init);
    case 429:
      return new TempoRateLimitError(message, {
        ...init,
        retryAfter: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      });
    default:
      return status >= 500 ? new TempoServerError(message, init) : new TempoApiError(message, init);
  }
}
