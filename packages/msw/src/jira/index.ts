// The Jira part of @tempo-sdk/msw (see the README's "Jira" section).
export { createJiraMock, type JiraMock, type JiraMockDependencies, type JiraPathsWithMethod } from './jira-mock.js';
export {
  JIRA_BULK_FETCH_MAX,
  JIRA_GATEWAY_ORIGIN,
  JIRA_USER_BULK_MAX,
  MOCK_JIRA_API_TOKEN,
  MOCK_JIRA_CLOUD_ID,
  MOCK_JIRA_OAUTH_TOKEN,
  MOCK_JIRA_SITE_URL,
} from './constants.js';
export type { JiraStats } from './state.js';
