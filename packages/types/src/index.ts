/**
 * Types of the Tempo REST API v4, generated from the project's OpenAPI document.
 *
 * - `paths`: every path template with its operations (use with openapi-fetch).
 * - `components`, `operations`: schemas and operations by name and by operationId.
 * - One alias per schema: `Worklog`, `Account`, `PageableWorklog`, …
 * - `operationIndex`: method, path, tag, pagination and safety of every operation.
 *
 * @packageDocumentation
 */
export type * from './generated/schema.js';
export { operationIndex } from './generated/operation-index.js';
export type { OperationGroup, OperationId, OperationInfo, OperationsInGroup } from './generated/operation-index.js';
