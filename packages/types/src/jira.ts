/**
 * Types of the Jira Cloud platform REST API v3 operations a Tempo integration needs (issue keys and summaries,
 * users, projects, "myself"), generated from the project's own document `spec/jira/openapi.yaml`.
 *
 * Tempo's own types use the plain names (`paths`, `User`…) in the main entry; here every export carries `Jira` so
 * that one name keeps meaning one type across the SDK:
 *
 * - `JiraPaths`, `JiraOperations`, `JiraComponents`: for openapi-fetch and openapi-msw;
 * - `JiraSchemas`: every schema by name (`JiraSchemas['IssueBean']`), and the most used ones as aliases
 *   (`JiraUser`, `JiraIssue`, `JiraProject`, `JiraErrorCollection`…);
 * - `jiraOperationIndex`: method, path and safety of each operation at run time.
 *
 * @packageDocumentation
 */
import type { components } from './generated/jira/schema.js';

export type {
  components as JiraComponents,
  operations as JiraOperations,
  paths as JiraPaths,
} from './generated/jira/schema.js';
export { operationIndex as jiraOperationIndex } from './generated/jira/operation-index.js';
export type {
  OperationId as JiraOperationId,
  OperationInfo as JiraOperationInfo,
} from './generated/jira/operation-index.js';

/** Every schema of the Jira document, by its name there. */
export type JiraSchemas = components['schemas'];
/** Jira's error body: `{ errorMessages: [...], errors: { field: message } }`. */
export type JiraErrorCollection = JiraSchemas['ErrorCollection'];
/** An Atlassian account as Jira shows it (`accountId`, `displayName`, `timeZone`, …). */
export type JiraUser = JiraSchemas['User'];
/** A Jira issue: `id`, `key`, and its fields by id in `fields`. */
export type JiraIssue = JiraSchemas['IssueBean'];
/** Why one issue of a bulk fetch could not be read. */
export type JiraIssueError = JiraSchemas['IssueError'];
/** A Jira project (`id`, `key`, `name`, …). */
export type JiraProject = JiraSchemas['Project'];
/** The answer of `POST /rest/api/3/issue/bulkfetch`. */
export type JiraBulkIssueResults = JiraSchemas['BulkIssueResults'];
/** The body of `POST /rest/api/3/issue/bulkfetch`. */
export type JiraBulkFetchIssueRequest = JiraSchemas['BulkFetchIssueRequestBean'];
/** One page of `GET/POST /rest/api/3/search/jql`. */
export type JiraSearchResults = JiraSchemas['SearchAndReconcileResults'];
/** A page of `GET /rest/api/3/user/bulk`. */
export type JiraUserPage = JiraSchemas['PageBeanUser'];
/** A page of `GET /rest/api/3/project/search`. */
export type JiraProjectPage = JiraSchemas['PageBeanProject'];
