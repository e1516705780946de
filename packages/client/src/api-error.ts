/**
 * Tempo's error responses: its message shapes, and the {@link TempoApiError} subclass for each status.
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
} from './errors.js';
import { sanitizeUrl, type Redactor } from './redact.js';
import { describeErrorResponse } from './transport/error-response.js';
import { apiErrorFactory } from './transport/service-errors.js';
import type { ApiErrorDetails } from './transport/service.js';

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

/** The {@link TempoApiError} subclass for `details.status`. */
export const tempoApiError: (details: ApiErrorDetails) => TempoApiError = apiErrorFactory(
  {
    400: TempoBadRequestError,
    401: TempoUnauthorizedError,
    403: TempoForbiddenError,
    404: TempoNotFoundError,
    409: TempoConflictError,
    429: TempoRateLimitError,
  },
  TempoServerError,
  TempoApiError,
);

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
  /** Wall-clock now in epoch milliseconds, for an HTTP-date `Retry-After`. Default `Date.now()`. */
  now?: number | undefined;
}

/** The {@link TempoApiError} subclass for the response's status, with Tempo's message parsed from its body. */
export function createApiError(source: ApiErrorSource): TempoApiError {
  return tempoApiError(
    describeErrorResponse({
      ...source,
      url: sanitizeUrl(source.url),
      errorMessages: tempoMessages,
      redactor: source.redactor,
      now: source.now ?? Date.now(),
    }),
  );
}
