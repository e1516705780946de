// Where a Jira client talks to, and with which credentials: the site URL with basic auth (an email and an API
// token), or Atlassian's gateway with an OAuth 2.0 (3LO) bearer token, or any base URL given outright.
import type { AuthOption, TokenOption } from '@tempo-sdk/client/transport';
import { JiraUsageError } from './errors.js';

/** Atlassian's API gateway, where OAuth 2.0 (3LO) tokens are accepted: `${JIRA_GATEWAY_URL}/{cloudId}`. */
export const JIRA_GATEWAY_URL = 'https://api.atlassian.com/ex/jira';

/** Credentials and address of a Jira Cloud site. */
export interface JiraConnectionOptions {
  /** The site: `acme`, `acme.atlassian.net` or `https://acme.atlassian.net`. Used with `email` and `apiToken`. */
  site?: string | undefined;
  /** The Atlassian account's email address, for basic auth. */
  email?: string | undefined;
  /** An API token of that account (id.atlassian.com › Security › API tokens). */
  apiToken?: string | undefined;
  /** An OAuth 2.0 (3LO) access token, or a provider of one; sent to the gateway URL of `cloudId`. */
  token?: TokenOption | undefined;
  /** The site's cloud id, for OAuth tokens. */
  cloudId?: string | undefined;
  /** Any other base URL (a proxy, the mock server); wins over `site` and `cloudId`. */
  baseUrl?: string | undefined;
}

/**
 * The base URL and auth for `options`.
 * @throws {JiraUsageError} when the options do not name one way in, or name a malformed site, cloud id or URL.
 */
export function resolveConnection(options: JiraConnectionOptions): { baseUrl: string; auth: AuthOption } {
  const hasBasic = options.email !== undefined || options.apiToken !== undefined;
  const hasBearer = options.token !== undefined;
  if (hasBasic && hasBearer)
    throw new JiraUsageError('Give either `email` and `apiToken` (basic auth) or `token` (OAuth 2.0), not both');
  if (!hasBasic && !hasBearer)
    throw new JiraUsageError(
      'Jira credentials are required: `email` and `apiToken`, or an OAuth 2.0 `token` with `cloudId`',
    );
  let auth: AuthOption;
  if (hasBasic) {
    if (typeof options.email !== 'string' || !/^[^\s:@]+@[^\s:@]+$/.test(options.email))
      throw new JiraUsageError('`email` must be an email address (and contain no ":")');
    if (typeof options.apiToken !== 'string' || options.apiToken.trim() === '')
      throw new JiraUsageError('`apiToken` is empty: expected the API token of that account');
    auth = { basic: { username: options.email, password: options.apiToken } };
  } else auth = { bearer: options.token as TokenOption };
  return { baseUrl: baseUrlOf(options, hasBasic), auth };
}

function baseUrlOf(options: JiraConnectionOptions, basic: boolean): string {
  if (options.baseUrl !== undefined) return checkedUrl(options.baseUrl, '`baseUrl`');
  if (basic) {
    if (options.site === undefined)
      throw new JiraUsageError('`site` is required with `email` and `apiToken` (e.g. "acme" or "acme.atlassian.net")');
    return siteUrl(options.site);
  }
  if (
    typeof options.cloudId !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.cloudId)
  ) {
    throw new JiraUsageError(
      '`cloudId` (a UUID, from https://api.atlassian.com/oauth/token/accessible-resources) is required with an OAuth `token`',
    );
  }
  return `${JIRA_GATEWAY_URL}/${options.cloudId.toLowerCase()}`;
}

/**
 * `https://acme.atlassian.net` for `acme`, `acme.atlassian.net`, or the URL itself.
 * @throws {JiraUsageError} for anything that is not a site name or an http(s) URL without credentials or query.
 */
export function siteUrl(site: string): string {
  if (typeof site !== 'string')
    throw new JiraUsageError('`site` must be a string such as "acme" or "acme.atlassian.net"');
  const trimmed = site.trim();
  if (/^[a-z0-9][a-z0-9-]{0,62}$/i.test(trimmed)) return `https://${trimmed.toLowerCase()}.atlassian.net`;
  if (/^[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9-]+)+$/i.test(trimmed)) return `https://${trimmed.toLowerCase()}`;
  return checkedUrl(trimmed, '`site`');
}

function checkedUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new JiraUsageError(`${what} is not a URL, a site name such as "acme" or a host such as "acme.atlassian.net"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new JiraUsageError(`${what} must be an http(s) URL`);
  if (url.username || url.password)
    throw new JiraUsageError(`${what} must not contain credentials; use \`email\` and \`apiToken\``);
  if (url.search || url.hash) throw new JiraUsageError(`${what} must not have a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
