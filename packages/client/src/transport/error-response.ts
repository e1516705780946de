/**
 * Describing an error response for the service's error classes: the service's own messages (parsed by its
 * `errorMessages`), a request id, redacted headers and body. Text from the network is redacted **before** it is
 * cut to length, so a secret that crosses the cut cannot leave a fragment behind.
 */
import { redactHeaders, type Redactor } from '../redact.js';
import { parseRetryAfter } from '../retry.js';
import type { ApiErrorDetails, RequestDetails } from './service.js';

/** Response headers that carry a request id, most specific first. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-amzn-requestid', 'x-correlation-id', 'request-id', 'x-amzn-trace-id'];

/** Longest message taken from a non-JSON body: enough for a sentence, not a page of HTML. */
export const MAX_TEXT_MESSAGE = 300;

/** Short, safe messages for 401/403, which services answer with HTML pages we do not want to quote. */
const AUTH_MESSAGES: Record<number, string> = {
  401: 'Unauthorized: the token is missing, invalid or expired',
  403: 'Forbidden: the token is not allowed to do this',
};

/** Reason phrases for common statuses, used when the body says nothing. */
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

/** `value` with secrets scrubbed from every string in it (services do not echo tokens, but we never rely on that). */
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

/** What {@link describeErrorResponse} reads. */
export interface ErrorResponseSource extends RequestDetails {
  /** The response; its body is not read again. */
  response: Response;
  /** The body: parsed JSON, or text when it was not JSON. */
  body: unknown;
  /** The service's message parser. */
  errorMessages(body: unknown): string[];
  /** Scrubs the client's secrets out of anything quoted. */
  redactor: Redactor | undefined;
  /** Wall-clock now, in epoch milliseconds (for an HTTP-date `Retry-After`). */
  now: number;
}

/** Everything an API error carries, redacted; the URL is taken as given (pass it sanitized). */
export function describeErrorResponse(source: ErrorResponseSource): ApiErrorDetails {
  const { response, body, redactor } = source;
  const { status } = response;
  const scrub = (text: string) => (redactor ? redactor.text(text) : text);
  const contentType = response.headers.get('content-type') ?? '';

  let messages = source.errorMessages(body).map(scrub);
  if (messages.length === 0) {
    const fallback = AUTH_MESSAGES[status] ?? `${status} ${REASONS[status] ?? response.statusText ?? 'Error'}`.trim();
    const text = typeof body === 'string' ? body.trim() : '';
    // Quote a short plain-text body (never HTML, and never for 401/403, whose pages are noise). Redact, then cut.
    const quotable = text && !AUTH_MESSAGES[status] && !/html/i.test(contentType) && !text.startsWith('<');
    messages = [quotable ? scrub(text).slice(0, MAX_TEXT_MESSAGE) : fallback];
  }
  const headers = redactHeaders(response.headers);
  for (const name of Object.keys(headers)) headers[name] = scrub(headers[name] as string);
  return {
    status,
    method: source.method.toUpperCase(),
    url: source.url,
    operationId: source.operationId,
    message: messages[0] as string,
    messages,
    requestId: REQUEST_ID_HEADERS.map((h) => headers[h]).find((v) => v !== undefined),
    headers,
    body: body !== null && typeof body === 'object' ? scrubJson(body, scrub) : undefined,
    retryAfterMs: status === 429 ? parseRetryAfter(response.headers.get('retry-after'), source.now) : undefined,
  };
}
