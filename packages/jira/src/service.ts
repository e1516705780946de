/** Jira as a service of @tempo-sdk/client's transport: its name, error classes and error-body shape. */
import { apiErrorFactory, type ApiErrorDetails, type ServiceDefinition } from '@tempo-sdk/client/transport';
import {
  JiraAbortError,
  JiraApiError,
  JiraBadRequestError,
  JiraConnectionError,
  JiraError,
  JiraForbiddenError,
  JiraInvalidResponseError,
  JiraNotFoundError,
  JiraRateLimitError,
  JiraResponseTooLargeError,
  JiraServerError,
  JiraTimeoutError,
  JiraUnauthorizedError,
  JiraUsageError,
} from './errors.js';

/**
 * Every message in Jira's error body `{"errorMessages":[…],"errors":{"field":"…"}}`: the general ones first, then
 * each field's as `field: message`. A top-level `message` (gateway errors) is used when there is nothing else.
 */
export function jiraMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const { errorMessages, errors, message } = body as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  const found: string[] = [];
  if (Array.isArray(errorMessages)) for (const m of errorMessages) if (typeof m === 'string') found.push(m);
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    for (const [field, m] of Object.entries(errors)) if (typeof m === 'string') found.push(`${field}: ${m}`);
  }
  if (found.length === 0 && typeof message === 'string') found.push(message);
  return found.filter((m) => m.trim() !== '');
}

/** The {@link JiraApiError} subclass for the status. */
const jiraApiError: (details: ApiErrorDetails) => JiraApiError = apiErrorFactory(
  {
    400: JiraBadRequestError,
    401: JiraUnauthorizedError,
    403: JiraForbiddenError,
    404: JiraNotFoundError,
    429: JiraRateLimitError,
  },
  JiraServerError,
  JiraApiError,
);

/** The Jira service for the transport. */
export const jiraService: ServiceDefinition = {
  name: 'Jira',
  errorMessages: jiraMessages,
  errors: {
    api: jiraApiError,
    connection: (message, { method, url, code, cause }) =>
      new JiraConnectionError(message, { method, url, code, cause }),
    timeout: (message, { method, url, timeoutMs }) => new JiraTimeoutError(message, { method, url, timeoutMs }),
    abort: (message, { method, url, cause }) => new JiraAbortError(message, { method, url, cause }),
    tooLarge: (message, details) => new JiraResponseTooLargeError(message, details),
    invalidResponse: (message, details) => new JiraInvalidResponseError(message, details),
    usage: (message) => new JiraUsageError(message),
    isOwn: (error) => error instanceof JiraError,
  },
};
