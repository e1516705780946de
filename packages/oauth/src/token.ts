/**
 * Tempo's token endpoint (`/oauth/token/`: code exchange, refresh) and revocation endpoint
 * (`/oauth/revoke_token/`). Each function is one request/answer pair: build the form, POST it, map the answer.
 *
 * @module
 */

import { OAuthResponseError } from './errors.js';
import { endpointUrl, errorFromResponse, jsonObject, postForm, type FetchLike, type FormResponse } from './http.js';
import { computeExpiresAt, type TokenSet } from './token-set.js';

/** Path of the token endpoint on the token host. */
export const TOKEN_PATH = '/oauth/token/';
/** Path of the revocation endpoint on the token host. */
export const REVOKE_PATH = '/oauth/revoke_token/';

/** Your app's credentials and how to reach Tempo. Shared by every endpoint call and by `TokenManager`. */
export interface OAuthClientConfig {
  /** The OAuth client id Tempo gave your app. */
  clientId: string;
  /** The OAuth client secret. Never logged, never put into an error. */
  clientSecret: string;
  /** Origin of the token endpoints (default `https://api.tempo.io`; the mock server's `url` in tests). */
  tokenHost?: string;
  /** `fetch` to use (default: the global one, looked up at call time so test interceptors apply). */
  fetch?: FetchLike;
  /** Limit for one endpoint call, body included, in ms (default 30 000). */
  timeoutMs?: number;
  /** Local clock in ms since epoch (default `Date.now`); injectable for tests. */
  now?: () => number;
  /**
   * `expires_in` to assume when Tempo omits it, in seconds (default 3600). Refreshing early is harmless; a token
   * rejected with 401 is force-refreshed anyway.
   */
  defaultExpiresInSeconds?: number;
  /**
   * Receives a warning when a token answer had a malformed `expires_in` or `token_type` that was replaced by a
   * default (optional; `TokenManager` passes its own logger). Never given a secret.
   */
  logger?: { warn(message: string): void };
}

/** Options of {@link exchangeCode}. */
export interface ExchangeCodeOptions extends OAuthClientConfig {
  /** The code from the callback (see `verifyCallback`). Single use. */
  code: string;
  /** The same redirect URI that was in the authorize URL. */
  redirectUri: string;
  /** Aborts the request; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** Options of {@link refreshToken}. */
export interface RefreshTokenOptions extends OAuthClientConfig {
  /** The current refresh token. Tempo invalidates it when it answers. */
  refreshToken: string;
  /** Your app's redirect URI; Tempo's documented refresh request includes it. Sent when given. */
  redirectUri?: string;
  /** Aborts the request; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** Which kind of token {@link revokeToken} is given. */
export type TokenTypeHint = 'access_token' | 'refresh_token';

/** Options of {@link revokeToken}. */
export interface RevokeTokenOptions extends OAuthClientConfig {
  /** The token to revoke. */
  token: string;
  /** What `token` is (helps the server find it; default: not sent). */
  tokenTypeHint?: TokenTypeHint;
  /** Aborts the request; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Exchanges an authorization code for tokens (`grant_type=authorization_code`). A code works once: a second
 * exchange fails with `InvalidGrantError`. Not retried automatically for the same reason.
 *
 * @example
 * ```ts
 * const tokens = await exchangeCode({ clientId, clientSecret, redirectUri, code });
 * await store.set(tokens);
 * ```
 * @throws `InvalidGrantError` (bad, used or expired code), `InvalidClientError`, other `OAuthEndpointError`s,
 *   `OAuthResponseError` (5xx, non-JSON), `OAuthConnectionError` / `OAuthTimeoutError`.
 */
export async function exchangeCode(options: ExchangeCodeOptions): Promise<TokenSet> {
  requireCredentials(options);
  requireText(options.code, 'code');
  requireText(options.redirectUri, 'redirectUri');
  const params = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: options.clientId,
    client_secret: options.clientSecret,
    redirect_uri: options.redirectUri,
    code: options.code,
  });
  const secrets = [options.clientSecret, options.code];
  const res = await postForm(endpointUrl(options.tokenHost, TOKEN_PATH), params, options);
  return tokenSetFromResponse(res, options, secrets, undefined);
}

/**
 * Trades a refresh token for a new token set (`grant_type=refresh_token`). Tempo rotates: the answer carries a
 * new refresh token and the one sent becomes invalid. Save the result before using it (prefer `TokenManager`,
 * which does so under a lock). This function never retries by itself: if the answer was lost (timeout, reset),
 * Tempo may already have rotated, and the token sent may be dead. `TokenManager` does try once more on its next
 * call (the only token it has); that attempt either succeeds, if Tempo had not processed the first request, or
 * ends in `ReauthorizationRequiredError('invalid_grant')`.
 *
 * @throws `InvalidGrantError` when the refresh token is expired, revoked or already used; the other errors as
 *   for {@link exchangeCode}.
 */
export async function refreshToken(options: RefreshTokenOptions): Promise<TokenSet> {
  requireCredentials(options);
  requireText(options.refreshToken, 'refreshToken');
  const params = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  if (options.redirectUri) params.set('redirect_uri', options.redirectUri);
  params.set('refresh_token', options.refreshToken);
  const secrets = [options.clientSecret, options.refreshToken];
  const res = await postForm(endpointUrl(options.tokenHost, TOKEN_PATH), params, options);
  // RFC 6749 §6 lets a server keep the refresh token; Tempo always rotates, but keep the old one if it does not.
  return tokenSetFromResponse(res, options, secrets, options.refreshToken);
}

/**
 * Revokes an access or refresh token (RFC 7009). Tempo answers 200 even for a token it does not know, so
 * success means "this token no longer works", not "it existed".
 *
 * @example
 * ```ts
 * await revokeToken({ clientId, clientSecret, token: tokens.refreshToken, tokenTypeHint: 'refresh_token' });
 * ```
 * @throws `OAuthEndpointError` subclasses (e.g. `InvalidClientError`), `OAuthResponseError`,
 *   `OAuthConnectionError` / `OAuthTimeoutError`.
 */
export async function revokeToken(options: RevokeTokenOptions): Promise<void> {
  requireCredentials(options);
  requireText(options.token, 'token');
  if (options.tokenTypeHint !== undefined && options.tokenTypeHint !== 'access_token' && options.tokenTypeHint !== 'refresh_token') {
    throw new TypeError('tokenTypeHint must be "access_token" or "refresh_token"');
  }
  const params = new URLSearchParams({ token: options.token });
  if (options.tokenTypeHint) params.set('token_type_hint', options.tokenTypeHint);
  params.set('client_id', options.clientId);
  params.set('client_secret', options.clientSecret);
  const res = await postForm(endpointUrl(options.tokenHost, REVOKE_PATH), params, options);
  if (!res.response.ok) throw errorFromResponse(res, [options.clientSecret, options.token]);
}

/** Maps a token endpoint answer onto a {@link TokenSet} or a typed error. */
function tokenSetFromResponse(
  res: FormResponse,
  config: OAuthClientConfig,
  secrets: readonly string[],
  previousRefreshToken: string | undefined,
): TokenSet {
  const { response, endpoint } = res;
  if (!response.ok) throw errorFromResponse(res, secrets);

  const contentType = response.headers.get('content-type') ?? undefined;
  // A 2xx body may hold tokens: it is never copied into an error (no bodySnippet).
  const malformed = (reason: string): OAuthResponseError =>
    new OAuthResponseError({ status: response.status, endpoint, contentType, reason });

  const body = jsonObject(res.text);
  if (!body) throw malformed('the token answer is not a JSON object');
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') throw malformed('the token answer has no access_token');

  const refresh = body.refresh_token ?? previousRefreshToken;
  if (typeof refresh !== 'string' || refresh === '') throw malformed('the token answer has no refresh_token');

  // From here on, never throw: Tempo has already rotated, so the refresh token in this answer is the only one that
  // works. Odd metadata is replaced by a safe default (and reported) rather than losing the tokens.
  const warn = (message: string): void => config.logger?.warn(`@tempo-sdk/oauth: ${message}`);
  let tokenType = 'Bearer';
  if (typeof body.token_type === 'string' && body.token_type !== '') tokenType = body.token_type;
  else if (body.token_type !== undefined) warn('the token answer has a malformed token_type; assuming Bearer');

  const defaultExpiresIn = config.defaultExpiresInSeconds ?? 3600;
  let expiresIn = defaultExpiresIn;
  // Accept numeric strings ("3599", "3599.5") and fractions; whole seconds are kept (rounded down, to be safe).
  const rawExpiresIn = typeof body.expires_in === 'string' && body.expires_in.trim() !== '' ? Number(body.expires_in) : body.expires_in;
  if (typeof rawExpiresIn === 'number' && Number.isFinite(rawExpiresIn) && rawExpiresIn >= 0) expiresIn = Math.floor(rawExpiresIn);
  else if (rawExpiresIn !== undefined && rawExpiresIn !== null) {
    warn(`the token answer has a malformed expires_in; assuming ${defaultExpiresIn} s`);
  }

  const tokens: TokenSet = {
    accessToken,
    refreshToken: refresh,
    expiresAt: computeExpiresAt(expiresIn, res.sentAt),
    tokenType,
    issuedAt: res.sentAt,
  };
  if (typeof body.scope === 'string') tokens.scope = body.scope;
  return tokens;
}

function requireCredentials(config: OAuthClientConfig): void {
  requireText(config.clientId, 'clientId');
  requireText(config.clientSecret, 'clientSecret');
}

function requireText(value: unknown, name: string): void {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
}
