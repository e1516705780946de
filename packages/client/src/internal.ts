/**
 * Names this package's own tests use that are not public API: the error-body parser, pagination's link check and
 * the facade's group builder. Not an entry of package.json's exports: nothing outside this package can import it.
 * (Public building blocks for other services' clients live in `@tempo-sdk/client/transport`.)
 */
export { createApiError, tempoMessages } from './api-error.js';
export { resolveNextLink } from './pagination.js';
export { createOperationGroup, operationGroups } from './operations.js';
export { parseRetryAfter } from './retry.js';
export { sanitizeUrl } from './redact.js';
