/**
 * `@tempo-sdk/client`: a typed, resilient client for the Tempo REST API v4, on openapi-fetch.
 *
 * - {@link createTempoClient}: everything (low-level `GET`/`POST`…, `tempo.<group>.<operationId>()`, pagination).
 * - {@link createTempoCore} with {@link callOperation}, {@link paginate}, {@link pages}: the same, as separate
 *   functions, for the smallest bundles.
 * - Errors: {@link TempoError} and its subclasses.
 *
 * @packageDocumentation
 */
export { createTempoClient, type TempoClient, type TempoClientMethods } from './client.js';
export { createTempoCore, type TempoClientOptions, type TempoCore } from './core.js';
export { callOperation } from './operations.js';
export {
  pages,
  paginate,
  DEFAULT_PAGE_SIZE,
  DEFAULT_PREFETCH_PAGES,
  type PageIterable,
  type PaginateOptions,
} from './pagination.js';
export type {
  CallHeaders,
  OperationGroupClient,
  OperationItem,
  OperationMethod,
  OperationPage,
  OperationParams,
  OperationResult,
  PaginatedOperationId,
  PaginateParams,
  TempoFacade,
} from './operation-types.js';
export {
  TempoError,
  TempoApiError,
  TempoBadRequestError,
  TempoUnauthorizedError,
  TempoForbiddenError,
  TempoNotFoundError,
  TempoConflictError,
  TempoRateLimitError,
  TempoServerError,
  TempoConnectionError,
  TempoTimeoutError,
  TempoAbortError,
  TempoUnsafeLinkError,
  TempoMaxItemsError,
  TempoPaginationError,
  TempoUsageError,
  TempoResponseTooLargeError,
  TempoInvalidResponseError,
  type TempoApiErrorInit,
  type TempoErrorOptions,
  type TempoPaginationErrorReason,
  type TempoRequestErrorInit,
  type TempoResponseErrorInit,
} from './errors.js';
export { createRateLimiter, type RateLimiter, type RateLimitPermit, type RateLimitPolicy } from './rate-limiter.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export type { Clock } from './clock.js';
export type { TokenContext, TokenOption, TokenProvider } from './transport/auth.js';
export { DEFAULT_MAX_RESPONSE_BYTES } from './transport/transport.js';
export type { LogLevel, TempoLogger } from './logger.js';
export { VERSION } from './version.js';
export type { OperationGroup, OperationId, OperationInfo, paths, operations, components } from '@tempo-sdk/types';
// Tempo's facts, defined once in the spec and generated into @tempo-sdk/types; re-exported so that a client user
// needs no second dependency to name a region or a page size.
export { TEMPO_BASE_URLS, TEMPO_PAGE_LIMIT_MAX, type TempoRegion } from '@tempo-sdk/types';
