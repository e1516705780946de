/** Tempo as a {@link ServiceDefinition}: its name, its error classes and its error-body shapes. */
import { tempoApiError, tempoMessages } from './api-error.js';
import {
  TempoAbortError,
  TempoConnectionError,
  TempoError,
  TempoInvalidResponseError,
  TempoResponseTooLargeError,
  TempoTimeoutError,
  TempoUsageError,
} from './errors.js';
import type { ServiceDefinition } from './transport/service.js';

/** The Tempo service for the transport. */
export const tempoService: ServiceDefinition = {
  name: 'Tempo',
  errorMessages: tempoMessages,
  errors: {
    api: tempoApiError,
    connection: (message, { method, url, code, cause }) =>
      new TempoConnectionError(message, { method, url, code, cause }),
    timeout: (message, { method, url, timeoutMs }) => new TempoTimeoutError(message, { method, url, timeoutMs }),
    abort: (message, { method, url, cause }) => new TempoAbortError(message, { method, url, cause }),
    tooLarge: (message, details) => new TempoResponseTooLargeError(message, details),
    invalidResponse: (message, details) => new TempoInvalidResponseError(message, details),
    usage: (message) => new TempoUsageError(message),
    isOwn: (error) => error instanceof TempoError,
  },
};
