/** The Jira site the mock pretends to be by default (basic auth: an email and an API token). */
export const MOCK_JIRA_SITE_URL = 'https://tempo-mock.atlassian.net';

/** The cloud id of the mock's site: OAuth 2.0 (3LO) bearer tokens reach it at `https://api.atlassian.com/ex/jira/{cloudId}`. */
export const MOCK_JIRA_CLOUD_ID = '5f0c7a52-7e3b-4f6e-9d3a-0c0ffee0a11a';

/** Atlassian's API gateway origin, where 3LO bearer tokens are accepted. */
export const JIRA_GATEWAY_ORIGIN = 'https://api.atlassian.com';

/**
 * The API token the mock's Jira accepts with any of its users' email addresses in basic auth
 * (`Authorization: Basic base64(email:token)`); the request then acts as that user.
 */
export const MOCK_JIRA_API_TOKEN = 'jira-mock-api-token';

/** An OAuth 2.0 bearer token the mock's Jira accepts on the gateway URL; it acts as the mock's current user. */
export const MOCK_JIRA_OAUTH_TOKEN = 'jira-mock-oauth-token';

/** Most ids or keys one `POST /rest/api/3/issue/bulkfetch` may name (Jira's limit). */
export const JIRA_BULK_FETCH_MAX = 100;

/** Most account ids one `GET /rest/api/3/user/bulk` may name (Jira's limit). */
export const JIRA_USER_BULK_MAX = 200;

/** Jira's page-size cap for searches that return fields, and for project search. */
export const JIRA_SEARCH_MAX_RESULTS = 100;
