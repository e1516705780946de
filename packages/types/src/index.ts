/**
 * Types of the Tempo REST API v4, generated from the project's OpenAPI document.
 *
 * - `paths`: every path template with its operations (use with openapi-fetch).
 * - `components`, `operations`: schemas and operations by name and by operationId.
 * - One alias per schema: `Worklog`, `Account`, `PageableWorklog`, …
 * - `operationIndex`: method, path, tag, pagination and safety of every operation.
 * - `OperationDocs`, `OperationGroupDocs`: every operation's summary, description, method and path, and every facade
 *   group's tag description, as doc comments (types only), which `@tempo-sdk/client`'s facade carries to editor
 *   hovers.
 * - Tempo's facts from the spec: `TEMPO_BASE_URLS` and `TempoRegion`, `TEMPO_OAUTH_URLS`, `TEMPO_PAGE_LIMIT_MAX`,
 *   `TEMPO_WEBHOOK_EVENT_TYPES` and `TempoWebhookEventType`, `TEMPO_WEBHOOK_LIMITS`.
 *
 * @packageDocumentation
 */
export type * from './generated/schema.js';
export { operationIndex } from './generated/operation-index.js';
export type { OperationGroup, OperationId, OperationInfo, OperationsInGroup } from './generated/operation-index.js';
export type { OperationDocs, OperationGroupDocs } from './generated/operation-docs.js';
export {
  TEMPO_BASE_URLS,
  TEMPO_OAUTH_URLS,
  TEMPO_PAGE_LIMIT_MAX,
  TEMPO_WEBHOOK_EVENT_TYPES,
  TEMPO_WEBHOOK_LIMITS,
} from './generated/facts.js';
export type { TempoRegion, TempoWebhookEventType } from './generated/facts.js';
