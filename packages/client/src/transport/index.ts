/**
 * `@tempo-sdk/client/transport`: the request path of `@tempo-sdk/client`, for any service described by an OpenAPI
 * document (`@tempo-sdk/jira` uses it for Jira). A {@link ServiceDefinition} supplies the service's name, error
 * classes and error-body parser; {@link createTransport} adds auth (bearer token or provider, or HTTP Basic),
 * per-attempt timeouts, abort, `maxResponseBytes`, rate limiting, retries and redaction; {@link createServiceClient}
 * puts openapi-fetch on top, and {@link callService} sends one operation and throws the service's typed errors.
 *
 * @packageDocumentation
 */
export type { ApiErrorDetails, RequestDetails, ServiceDefinition, ServiceErrors } from './service.js';
export {
  createTransport,
  DEFAULT_MAX_RESPONSE_BYTES,
  type Exchange,
  type Transport,
  type TransportOptions,
} from './transport.js';
export {
  callService,
  createServiceClient,
  transportOf,
  type CallInit,
  type ServiceClient,
  type ServiceResult,
} from './service-client.js';
export {
  apiErrorClass,
  apiErrorFactory,
  ServiceError,
  type ApiErrorClass,
  type ApiErrorConstructor,
  type ApiErrorFields,
  type ApiErrorInit,
  type ServiceErrorClass,
  type ServiceErrorOptions,
} from './service-errors.js';
export type { AuthOption, TokenContext, TokenOption, TokenProvider } from './auth.js';
export type { CallHints, RequestOptions } from './request-options.js';
export type { OperationClassifier } from './build-request.js';
export { shouldRetry, retryDelay, isRetryableStatus, type AttemptSummary, type RetryState } from './retry-decision.js';
export { describeErrorResponse, MAX_TEXT_MESSAGE, type ErrorResponseSource } from './error-response.js';
export { createSafePathSerializer } from './path-serializer.js';
export { DEFAULT_RETRY_POLICY, parseRetryAfter, type ResolvedRetryPolicy, type RetryPolicy } from '../retry.js';
export { createRateLimiter, type RateLimiter, type RateLimitPermit, type RateLimitPolicy } from '../rate-limiter.js';
export { systemClock, type Clock } from '../clock.js';
export { Redactor, REDACTED, redactHeaders, sanitizeUrl } from '../redact.js';
export type { Log, LogLevel, TempoLogger } from '../logger.js';
// Types that the exports above name in their signatures (Exchange.reply, AttemptSummary.failure, CallInit.parseAs).
export type { Reply } from './send.js';
export type { FailureKind } from './attempt.js';
export type { ParseAs } from './parse.js';
