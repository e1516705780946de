/**
 * Where settings come from, decided in one place and without I/O (the caller passes the environment and
 * whether files exist), so every precedence rule is unit-tested.
 *
 * Precedence, first match wins:
 * - config directory: `--config-dir` › `TEMPO_TIMESHEET_HOME` › `$XDG_CONFIG_HOME/tempo-timesheet` ›
 *   `%APPDATA%\tempo-timesheet` (Windows) › `~/.config/tempo-timesheet`;
 * - credentials: `--demo` (forces the mock) › `TEMPO_API_TOKEN` › the login saved by `timesheet login` › demo mode;
 * - API base URL: `--base-url` › `TEMPO_BASE_URL` › region (`--region` › `TEMPO_REGION` › saved at login › global);
 * - account id: `--account-id` › `TEMPO_ACCOUNT_ID` › saved at login › (demo) the mock's user.
 */
import { join } from 'node:path';
import { TEMPO_BASE_URLS, TEMPO_OAUTH_URLS, type TempoRegion } from '@tempo-sdk/types';
import { AppError, UsageError } from './errors.js';

/** Where Tempo's OAuth endpoints (authorize, token, revoke) live: the origin of the spec's token URL. */
export const DEFAULT_OAUTH_ORIGIN = new URL(TEMPO_OAUTH_URLS.token).origin;

/** Name of the folder under the user's config home. */
export const CONFIG_FOLDER = 'tempo-timesheet';
/** File holding the OAuth tokens (written by the oauth package's file store, mode 0600). */
export const TOKENS_FILE = 'tokens.json';
/** File holding what `timesheet login` learned (client settings, base URL, account id), mode 0600. */
export const LOGIN_FILE = 'login.json';

/** The environment variables the app reads. */
export interface Env {
  [name: string]: string | undefined;
}

/** Options every command accepts. */
export interface GlobalOptions {
  configDir?: string | undefined;
  region?: string | undefined;
  baseUrl?: string | undefined;
  accountId?: string | undefined;
  demo?: boolean | undefined;
}

/** What `timesheet login` saves next to the tokens so later runs can refresh them and find the API. */
export interface SavedLogin {
  clientId: string;
  /** Saved so refreshes work without the variable set; the file is mode 0600 like the tokens. */
  clientSecret?: string;
  redirectUri?: string;
  oauthOrigin: string;
  baseUrl: string;
  accountId?: string;
}

/** How a run authenticates. */
export type Credentials =
  | { kind: 'demo'; reason: 'forced' | 'no-credentials' }
  | { kind: 'api-token'; token: string; baseUrl: string }
  | { kind: 'oauth'; tokensFile: string; login: SavedLogin; baseUrl: string };

/** The config directory (see module docs for the precedence). */
export function resolveConfigDir(
  options: GlobalOptions,
  env: Env,
  system: { platform: NodeJS.Platform; homedir: string },
): string {
  if (options.configDir) return options.configDir;
  if (env.TEMPO_TIMESHEET_HOME) return env.TEMPO_TIMESHEET_HOME;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, CONFIG_FOLDER);
  if (system.platform === 'win32' && env.APPDATA) return join(env.APPDATA, CONFIG_FOLDER);
  return join(system.homedir, '.config', CONFIG_FOLDER);
}

/** Parses a region name. @throws {UsageError} */
export function parseRegion(value: string): TempoRegion {
  const region = value.trim().toLowerCase();
  if (Object.hasOwn(TEMPO_BASE_URLS, region)) return region as TempoRegion;
  const known = Object.keys(TEMPO_BASE_URLS);
  throw new UsageError(`bad region "${value}": use ${known.slice(0, -1).join(', ')} or ${known.at(-1)}`);
}

/**
 * The API base URL from flags/env, or `undefined` when neither sets one.
 *
 * @throws {UsageError} for a URL that is not http(s).
 */
export function explicitBaseUrl(options: GlobalOptions, env: Env): string | undefined {
  // An empty flag is a mistake (`--base-url "$UNSET"`); an empty variable means "not set", as shells use it.
  const flag = options.baseUrl ?? (env.TEMPO_BASE_URL || undefined);
  const regionText = options.region ?? (env.TEMPO_REGION || undefined);
  if (flag !== undefined) {
    const what = options.baseUrl !== undefined ? '--base-url' : 'TEMPO_BASE_URL';
    const url = parseHttpUrl(flag, what);
    // The client refuses these too, but as an option error it would not name the flag.
    if (new URL(url).search || new URL(url).hash)
      throw new UsageError(`bad ${what} "${showUrl(url)}": a base URL has no query or fragment`);
    return url.replace(/\/+$/, '');
  }
  if (regionText !== undefined) return TEMPO_BASE_URLS[parseRegion(regionText)];
  return undefined;
}

/** A URL as it may be printed: a user name and password in it are replaced by `***` (they are secrets). */
export function showUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}

/**
 * Validates an http(s) URL without credentials in it (a password in a URL ends up in logs and error messages; the
 * app's secrets go in TEMPO_API_TOKEN or the OAuth login). Messages never repeat a user name or password.
 * @throws {UsageError}
 */
export function parseHttpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`bad ${what} "${showUrl(value)}": not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`bad ${what} "${showUrl(value)}": use an http(s) URL`);
  }
  if (url.username || url.password) {
    throw new UsageError(
      `bad ${what} "${showUrl(value)}": no user name or password in the URL; use TEMPO_API_TOKEN or \`timesheet login\``,
    );
  }
  return value;
}

/**
 * Decides how this run authenticates.
 *
 * @param savedLogin what `timesheet login` saved, if its files exist.
 * @throws {AppError} when a base URL is given but no credentials exist (a silent switch to the mock would hide
 *   the mistake).
 */
export function resolveCredentials(
  options: GlobalOptions,
  env: Env,
  saved: { tokensFile: string; login: SavedLogin | undefined },
): Credentials {
  if (options.demo) return { kind: 'demo', reason: 'forced' };
  const baseUrl = explicitBaseUrl(options, env);
  const token = env.TEMPO_API_TOKEN?.trim();
  if (token) return { kind: 'api-token', token, baseUrl: baseUrl ?? TEMPO_BASE_URLS.global };
  if (saved.login) {
    return { kind: 'oauth', tokensFile: saved.tokensFile, login: saved.login, baseUrl: baseUrl ?? saved.login.baseUrl };
  }
  if (baseUrl) {
    throw new AppError(
      'a Tempo URL is set (--base-url/--region/TEMPO_BASE_URL/TEMPO_REGION) but no credentials: set TEMPO_API_TOKEN or run `timesheet login`',
    );
  }
  return { kind: 'demo', reason: 'no-credentials' };
}

/** OAuth client settings for `timesheet login`. */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  /** Fixed redirect URI registered with Tempo; without it the CLI listens on a free loopback port. */
  redirectUri?: string;
  /** Jira site (`https://your-site.atlassian.net`) the user consents on. */
  jiraUrl?: string;
  /** Origin of Tempo's OAuth endpoints. */
  oauthOrigin: string;
  /** API base URL to save for later runs. */
  baseUrl: string;
}

/**
 * Reads the OAuth client settings from the environment.
 *
 * The OAuth origin is `TEMPO_OAUTH_URL` if set, else the origin of an explicit `--base-url` (a test or proxy
 * serving both the API and OAuth, like the mock server), else {@link DEFAULT_OAUTH_ORIGIN}.
 *
 * @throws {UsageError} when the client id or secret is missing.
 */
export function resolveOAuthSettings(options: GlobalOptions, env: Env): OAuthSettings {
  const clientId = env.TEMPO_CLIENT_ID?.trim();
  const clientSecret = env.TEMPO_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) {
    throw new UsageError(
      '`timesheet login` needs an OAuth app: set TEMPO_CLIENT_ID and TEMPO_CLIENT_SECRET (Tempo > Settings > OAuth 2.0 applications)',
    );
  }
  const baseUrl = explicitBaseUrl(options, env) ?? TEMPO_BASE_URLS.global;
  const customBase = options.baseUrl ?? env.TEMPO_BASE_URL;
  const oauthOrigin = env.TEMPO_OAUTH_URL
    ? new URL(parseHttpUrl(env.TEMPO_OAUTH_URL, 'TEMPO_OAUTH_URL')).origin
    : customBase
      ? new URL(baseUrl).origin
      : DEFAULT_OAUTH_ORIGIN;
  const settings: OAuthSettings = { clientId, clientSecret, oauthOrigin, baseUrl };
  if (env.TEMPO_REDIRECT_URI) settings.redirectUri = parseHttpUrl(env.TEMPO_REDIRECT_URI, 'TEMPO_REDIRECT_URI');
  if (env.TEMPO_JIRA_URL) settings.jiraUrl = normalizeJiraUrl(env.TEMPO_JIRA_URL);
  return settings;
}

/** Accepts `https://acme.atlassian.net`, `acme.atlassian.net` or just `acme`. @throws {UsageError} */
export function normalizeJiraUrl(value: string): string {
  const text = value.trim().replace(/\/+$/, '');
  if (/^[a-z0-9][a-z0-9-]*$/i.test(text)) return `https://${text}.atlassian.net`;
  return parseHttpUrl(/^https?:\/\//i.test(text) ? text : `https://${text}`, 'TEMPO_JIRA_URL');
}

/**
 * The account id of the user, when something names it (flag › env › saved login).
 * `undefined` means the caller must learn it elsewhere (demo mode) or explain how to set it.
 */
export function explicitAccountId(options: GlobalOptions, env: Env, login?: SavedLogin): string | undefined {
  if (options.accountId !== undefined) return checkAccountId(options.accountId, '--account-id');
  if (env.TEMPO_ACCOUNT_ID?.trim()) return checkAccountId(env.TEMPO_ACCOUNT_ID, 'TEMPO_ACCOUNT_ID');
  if (login?.accountId) return checkAccountId(login.accountId, 'the account id saved by `timesheet login`');
  return undefined;
}

/**
 * What may not be in an account id: it becomes a path segment (`/worklogs/user/{accountId}`), and `..`, `.`, a
 * `/` or `\` (which URL parsers treat alike), `?`, `#` or `%` would make the request reach another resource —
 * `--account-id ..` once exported every user's worklogs. Atlassian account ids (`712020:4b1c…`,
 * `5b10ac8d82e05b22cc7d4ef5`) never contain any of these, nor spaces or control characters.
 */
const NOT_IN_ACCOUNT_ID = /[/\\?#%\s\p{Cc}]/u;

/**
 * Checks an account id before it goes anywhere near a URL. @throws {UsageError} naming where the id came from.
 */
export function checkAccountId(value: string, what: string): string {
  const id = value.trim();
  if (id === '') throw new UsageError(`${what} is empty; give your Atlassian account id, e.g. 712020:4b1c0f1e-…`);
  if (/^\.+$/.test(id) || NOT_IN_ACCOUNT_ID.test(id)) {
    throw new UsageError(
      `bad ${what} ${JSON.stringify(id)}: an Atlassian account id (e.g. 712020:4b1c0f1e-…) has no /, \\, ?, #, %, spaces, and is not "." or ".."`,
    );
  }
  return id;
}

/** Parses the saved login file's JSON, or returns `undefined` for a file that is not ours. */
export function parseSavedLogin(text: string): SavedLogin | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.clientId !== 'string' || typeof v.oauthOrigin !== 'string' || typeof v.baseUrl !== 'string')
    return undefined;
  const login: SavedLogin = { clientId: v.clientId, oauthOrigin: v.oauthOrigin, baseUrl: v.baseUrl };
  if (typeof v.clientSecret === 'string') login.clientSecret = v.clientSecret;
  if (typeof v.redirectUri === 'string') login.redirectUri = v.redirectUri;
  if (typeof v.accountId === 'string') login.accountId = v.accountId;
  return login;
}
