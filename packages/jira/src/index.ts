/**
 * `@tempo-sdk/jira`: the Jira Cloud lookups Tempo code needs. Tempo's API names issues only by numeric id and
 * people only by account id; this package turns keys into ids and back (with summaries and project keys), account
 * ids into display names, and finds the signed-in user, on @tempo-sdk/client's transport.
 *
 * @packageDocumentation
 */
export {
  createJiraClient,
  JIRA_RATE_LIMIT,
  JIRA_RETRY_POLICY,
  type JiraCallParams,
  type JiraCallResult,
  type JiraClient,
  type JiraClientOptions,
} from './client.js';
export {
  createJiraLookup,
  type JiraIssueInfo,
  type JiraLookup,
  type JiraLookupCallOptions,
  type JiraLookupOptions,
  type JiraMyself,
} from './lookup.js';
export { JIRA_GATEWAY_URL, siteUrl, type JiraConnectionOptions } from './options.js';
export { ISSUE_KEY_PATTERN, isIssueKey, parseIssueRef, type IssueRef } from './keys.js';
export { jiraMessages, jiraService } from './service.js';
export {
  JiraAbortError,
  JiraApiError,
  JiraBadRequestError,
  JiraConnectionError,
  JiraError,
  JiraForbiddenError,
  JiraInvalidResponseError,
  JiraIssuesNotFoundError,
  JiraNotFoundError,
  JiraRateLimitError,
  JiraRequestError,
  JiraResponseTooLargeError,
  JiraServerError,
  JiraTimeoutError,
  JiraUnauthorizedError,
  JiraUsageError,
  type JiraApiErrorInit,
  type JiraErrorOptions,
  type JiraRequestErrorInit,
  type JiraResponseErrorInit,
} from './errors.js';
