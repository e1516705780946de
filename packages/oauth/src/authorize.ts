/**
 * The authorization request (the URL the user opens) and the callback (the redirect back to your app).
 *
 * @module
 */

import {
  AuthorizationCallbackError,
  AuthorizationDeniedError,
  MissingCodeError,
  OAuthUsageError,
  StateMismatchError,
} from './errors.js';
import { redactText } from './redact.js';
import { generateState, timingSafeEqual } from './state.js';
import { requireText, shown } from './validate.js';

/**
 * Default origin of Tempo's newer authorize endpoint. Written out here because this package has no dependencies;
 * a test checks it against the spec's OAuth flow (`authorizationUrl`).
 */
export const DEFAULT_AUTHORIZE_HOST = 'https://api.tempo.io';

interface AuthorizeUrlCommon {
  /** The OAuth client id Tempo gave your app. */
  clientId: string;
  /** Where Tempo sends the user back; must match the redirect URI registered for the app. */
  redirectUri: string;
  /** A `state` to use instead of a fresh random one (only if you store and generate states yourself). */
  state?: string;
}

/**
 * Options for the documented Jira-hosted flow:
 * `https://{site}.atlassian.net/plugins/servlet/ac/io.tempo.jira/oauth-authorize/?client_id=…&redirect_uri=…`.
 */
export interface JiraAuthorizeUrlOptions extends AuthorizeUrlCommon {
  /** The Jira Cloud site: `acme`, `acme.atlassian.net` or `https://acme.atlassian.net`. */
  jiraSite: string;
  /** Not with `jiraSite`: `jiraUrl` selects the other flow ({@link TempoAuthorizeUrlOptions}). */
  jiraUrl?: never;
  /** Not with `jiraSite`: the Jira-hosted page lives on the Jira site itself. */
  authorizeHost?: never;
}

/**
 * Options for Tempo's newer flow:
 * `https://api.tempo.io/oauth/authorize/redirect?client_id=…&redirect_uri=…&jira_url=…`.
 */
export interface TempoAuthorizeUrlOptions extends AuthorizeUrlCommon {
  /** The Jira Cloud site URL, e.g. `https://acme.atlassian.net`. */
  jiraUrl: string;
  /** Origin serving `/oauth/authorize/redirect` (default `https://api.tempo.io`; a mock server in tests). */
  authorizeHost?: string;
  /** Not with `jiraUrl`: `jiraSite` selects the Jira-hosted flow ({@link JiraAuthorizeUrlOptions}). */
  jiraSite?: never;
}

/** Options of {@link buildAuthorizeUrl}: give `jiraSite` for the Jira-hosted flow or `jiraUrl` for the newer one. */
export type AuthorizeUrlOptions = JiraAuthorizeUrlOptions | TempoAuthorizeUrlOptions;

/** An authorization request: the URL to open and the state to check the callback against. */
export interface AuthorizationRequest {
  /** The URL the user must open in a browser. */
  url: string;
  /** The `state` embedded in `url`; keep it (session, memory) and pass it to {@link verifyCallback}. */
  state: string;
  /** The redirect URI embedded in `url` (the code exchange must send the same one). */
  redirectUri: string;
}

/** Site names are DNS labels: letters, digits and hyphens. */
const SITE_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Builds the URL that asks the user to let your app act on their behalf in Tempo, with a fresh random `state`.
 *
 * @example
 * ```ts
 * const { url, state } = buildAuthorizeUrl({ clientId, redirectUri, jiraSite: 'acme' });
 * session.oauthState = state; // then redirect the user to `url`
 * ```
 * @throws {@link OAuthUsageError} when a required option is empty, both or neither of `jiraSite`/`jiraUrl` are
 *   given, or the site/URL is malformed.
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1 | RFC 6749 §4.1.1} (authorization request)
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-10.12 | RFC 6749 §10.12} (CSRF protection with `state`)
 */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): AuthorizationRequest {
  if (typeof options !== 'object' || options === null)
    throw new OAuthUsageError('options', 'buildAuthorizeUrl needs an options object');
  if (options.jiraUrl !== undefined && options.jiraSite !== undefined) {
    throw new OAuthUsageError(
      'jiraSite',
      'give either jiraSite (Jira-hosted flow) or jiraUrl (Tempo redirect flow), not both',
    );
  }
  requireText(options.clientId, 'clientId');
  requireText(options.redirectUri, 'redirectUri');
  assertAbsoluteUrl(options.redirectUri, 'redirectUri');
  const state = options.state ?? generateState();
  requireText(state, 'state');

  let url: URL;
  if (options.jiraUrl !== undefined) {
    const jiraUrl = normalizeOrigin(options.jiraUrl, 'jiraUrl');
    url = new URL(
      '/oauth/authorize/redirect',
      normalizeOrigin(options.authorizeHost ?? DEFAULT_AUTHORIZE_HOST, 'authorizeHost'),
    );
    url.searchParams.set('client_id', options.clientId);
    url.searchParams.set('redirect_uri', options.redirectUri);
    url.searchParams.set('jira_url', jiraUrl);
  } else if (options.jiraSite !== undefined) {
    url = new URL(`https://${siteHost(options.jiraSite)}/plugins/servlet/ac/io.tempo.jira/oauth-authorize/`);
    url.searchParams.set('client_id', options.clientId);
    url.searchParams.set('redirect_uri', options.redirectUri);
  } else {
    throw new OAuthUsageError(
      'jiraSite',
      'buildAuthorizeUrl needs either jiraSite (Jira-hosted flow) or jiraUrl (Tempo redirect flow)',
    );
  }
  url.searchParams.set('state', state);
  return { url: url.toString(), state, redirectUri: options.redirectUri };
}

/** `acme`, `acme.atlassian.net`, `https://acme.atlassian.net/` → `acme.atlassian.net`. */
function siteHost(site: string): string {
  requireText(site, 'jiraSite');
  const trimmed = site
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  const label = trimmed.endsWith('.atlassian.net') ? trimmed.slice(0, -'.atlassian.net'.length) : trimmed;
  if (!SITE_LABEL.test(label)) {
    throw new OAuthUsageError(
      'jiraSite',
      `jiraSite must be a Jira Cloud site name like "acme" or "acme.atlassian.net", got ${shown(site)}`,
    );
  }
  return `${label}.atlassian.net`;
}

/** Validates an absolute http(s) URL and returns its origin (no trailing slash). */
function normalizeOrigin(value: string, name: string): string {
  requireText(value, name);
  const url = assertAbsoluteUrl(value, name);
  return url.origin;
}

function assertAbsoluteUrl(value: string, name: string): URL {
  requireText(value, name);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OAuthUsageError(name, `${name} must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OAuthUsageError(name, `${name} must be an http(s) URL`);
  }
  return url;
}

/** What {@link verifyCallback} accepts as the callback. */
export type CallbackInput =
  /** The full callback URL, or a path with query (`/callback?code=…&state=…`, e.g. Express's `req.url`), or a bare query string. */
  | string
  | URL
  /** The callback's query parameters. */
  | URLSearchParams;

/** Options of {@link verifyCallback}. */
export interface VerifyCallbackOptions {
  /** The state returned by {@link buildAuthorizeUrl} for this login attempt. */
  expectedState: string;
}

/**
 * Checks the redirect that brings the user back to your app and returns the authorization code.
 *
 * The state is checked first and in constant time; only a callback with the right state is trusted, so an
 * attacker cannot even inject error messages.
 *
 * @example
 * ```ts
 * const code = verifyCallback(req.url, { expectedState: session.oauthState });
 * const tokens = await exchangeCode({ clientId, clientSecret, redirectUri, code });
 * ```
 * @returns the authorization code (single use; exchange it with `exchangeCode`).
 * @throws {@link OAuthUsageError} when `expectedState` is missing or `callback` is not a string, URL or
 *   URLSearchParams; {@link StateMismatchError} when the state is missing or differs (also for a string that does
 *   not parse as a URL, which cannot carry a state),
 *   {@link AuthorizationDeniedError} for `error=access_denied`,
 *   {@link AuthorizationCallbackError} for any other `error=`,
 *   {@link MissingCodeError} when there is no code.
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2 | RFC 6749 §4.1.2} (authorization response)
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1 | RFC 6749 §4.1.2.1} (error response)
 */
export function verifyCallback(callback: CallbackInput, options: VerifyCallbackOptions): string {
  if (typeof options?.expectedState !== 'string' || options.expectedState === '') {
    // A missing expected state would make any callback pass: refuse loudly instead.
    throw new OAuthUsageError('expectedState', 'verifyCallback needs the expectedState returned by buildAuthorizeUrl');
  }
  const params = callbackParams(callback);

  const state = params.get('state');
  if (state === null || state === '') throw new StateMismatchError(true);
  if (!timingSafeEqual(state, options.expectedState)) throw new StateMismatchError(false);

  const rawError = params.get('error');
  if (rawError !== null) {
    // Text from the URL is kept in the error: without any code the URL also carries, and cut to length.
    const secrets = params.getAll('code');
    const error = redactText(rawError, secrets, 100);
    const rawDescription = params.get('error_description');
    const description = rawDescription === null ? undefined : redactText(rawDescription, secrets, 500);
    if (error === 'access_denied') throw new AuthorizationDeniedError(description);
    throw new AuthorizationCallbackError(
      `The authorization callback reported an error: ${error}${description ? `: ${description}` : ''}`,
      error,
      description,
    );
  }

  const code = params.get('code');
  if (code === null || code === '') throw new MissingCodeError();
  return code;
}

function callbackParams(callback: CallbackInput): URLSearchParams {
  if (callback instanceof URLSearchParams) return callback;
  if (callback instanceof URL) return callback.searchParams;
  if (typeof callback !== 'string')
    throw new OAuthUsageError('callback', 'callback must be a URL, a string or URLSearchParams');
  // A relative base lets paths (`/cb?x`) and bare queries (`?x`, `x=1`) parse the same way as full URLs.
  const text =
    /^[a-z][a-z0-9+.-]*:/i.test(callback) || callback.startsWith('/') || callback.startsWith('?')
      ? callback
      : `?${callback}`;
  try {
    return new URL(text, 'http://callback.invalid').searchParams;
  } catch {
    // Anyone can send a malformed URL (`//[`); it carries no state we could trust.
    return new URLSearchParams();
  }
}
