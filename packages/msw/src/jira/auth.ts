// Who a Jira request acts as. The site URL takes basic auth (email + API token), the gateway URL takes OAuth 2.0
// bearer tokens, as with Jira Cloud; the wrong kind on either is a 401.
import type { TempoDatabase } from '../db/database.js';
import { MOCK_JIRA_API_TOKEN, MOCK_JIRA_OAUTH_TOKEN } from './constants.js';
import { JiraMockHttpError } from './errors.js';

/**
 * Which of Jira's two front doors a base URL is.
 * @inline
 */
export type JiraDoor = 'site' | 'gateway';

/** Credentials the mock's Jira accepts besides the defaults. */
export interface JiraAuthConfig {
  /** API tokens accepted with any user's email (default: just {@link MOCK_JIRA_API_TOKEN}). */
  apiTokens: ReadonlySet<string>;
  /** Bearer tokens accepted on the gateway, each acting as an accountId (undefined: the current user). */
  bearerTokens: ReadonlyMap<string, string | undefined>;
}

export function defaultJiraAuth(): JiraAuthConfig {
  return { apiTokens: new Set([MOCK_JIRA_API_TOKEN]), bearerTokens: new Map([[MOCK_JIRA_OAUTH_TOKEN, undefined]]) };
}

/**
 * The accountId the request acts as, or a 401 in Jira's shape. The message never repeats what was sent.
 */
export function authenticate(
  request: Request,
  door: JiraDoor,
  db: TempoDatabase,
  auth: JiraAuthConfig,
  currentUser: () => string,
): string {
  const header = request.headers.get('authorization') ?? '';
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (door === 'site') {
    if (scheme.toLowerCase() !== 'basic')
      throw unauthorized('Basic authentication with an email address and an API token is required on the site URL.');
    let decoded: string;
    try {
      decoded = atob(value);
    } catch {
      throw unauthorized('The basic authentication header is malformed.');
    }
    const colon = decoded.indexOf(':');
    const email = colon < 0 ? '' : decoded.slice(0, colon);
    const token = colon < 0 ? '' : decoded.slice(colon + 1);
    const user = email ? db.users.find((u) => u.emailAddress?.toLowerCase() === email.toLowerCase()) : undefined;
    if (!user || !auth.apiTokens.has(token)) throw unauthorized('The email address or the API token is wrong.');
    return user.accountId;
  }
  if (scheme.toLowerCase() !== 'bearer' || !auth.bearerTokens.has(value)) {
    throw unauthorized('A valid OAuth 2.0 bearer token is required on the gateway URL.');
  }
  return auth.bearerTokens.get(value) ?? currentUser();
}

function unauthorized(message: string): JiraMockHttpError {
  return new JiraMockHttpError(401, [message], {}, { 'www-authenticate': 'Basic realm="protected-area"' });
}
