/**
 * Tempo's token endpoint (`/oauth/token/`: code exchange, refresh) and revocation endpoint
 * (`/oauth/revoke_token/`). Each function is one request/answer pair: build the form, POST it, map the answer.
 *
 * @module
 */

import type { ClockOption, LoggerOption } from './clock.js';
import { OAuthResponseError, OAuthUsageError } from './errors.js';
import {
  endpointUrl,
  errorFromResponse,
  formSecrets,
  jsonObject,
  postForm,
  type FetchLike,
  type FormResponse,
} from './http.js';
import { scrubSecrets } from './redact.js';
import { MAX_EXPIRES_IN_SECONDS, computeExpiresAt, type TokenSet } from './token-set.js';
import { requireText } from './validate.js';

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
  /** Limit for one endpoint call, body included, in milliseconds (default 30 000; `0` for none). */
  timeoutMs?: number;
  /**
   * The largest answer body read, in bytes (default 1 MiB). Past it the read stops and
   * `OAuthResponseTooLargeError` is thrown; nothing beyond the limit is buffered.
   */
  maxResponseBytes?: number;
  /**
   * Time source (default: the system clock). `now()` gives wall-clock epoch milliseconds (token expiry);
   * `monotonicNow()` and `sleep(ms, signal?)` are used when present for elapsed time and waits.
   * `@tempo-sdk/client`'s `Clock` fits.
   */
  clock?: ClockOption;
  /**
   * `expires_in` to assume when Tempo omits it or sends an unusable value, in seconds (default 3600). Refreshing
   * early is harmless; a token rejected with 401 is force-refreshed anyway.
   */
  defaultExpiresInSeconds?: number;
  /**
   * Where warnings go (e.g. a token answer whose `expires_in` or `token_type` was replaced by a default); `console`
   * fits. Lines never contain a secret. Without it, `exchangeCode`/`refreshToken` stay silent and `TokenManager`
   * warns on `console.warn`.
   */
  logger?: LoggerOption;
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
 * @throws {@link OAuthUsageError} for a missing or malformed option (before anything is sent);
 *   `InvalidGrantError` (bad, used or expired code), `InvalidClientError`, other `OAuthEndpointError`s;
 *   `OAuthResponseError` (5xx, non-JSON, missing fields), `OAuthResponseTooLargeError` (past `maxResponseBytes`);
 *   `OAuthConnectionError` / `OAuthTimeoutError`; `signal.reason` when aborted.
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3 | RFC 6749 §4.1.3} (access token request)
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.1 | RFC 6749 §5.1} (successful response)
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
  const secrets = formSecrets(params);
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
 *   for {@link exchangeCode} ({@link OAuthUsageError}, `OAuthResponseError`, `OAuthConnectionError`…).
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-6 | RFC 6749 §6} (refreshing an access token)
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
  const secrets = formSecrets(params);
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
 * @throws {@link OAuthUsageError} for a missing or malformed option; `OAuthEndpointError` subclasses (e.g.
 *   `InvalidClientError`, `UnsupportedTokenTypeError`), `OAuthResponseError` (and `OAuthResponseTooLargeError`),
 *   `OAuthConnectionError` / `OAuthTimeoutError`; `signal.reason` when aborted.
 * @see {@link https://www.rfc-editor.org/rfc/rfc7009#section-2.1 | RFC 7009 §2.1} (revocation request)
 * @see {@link https://www.rfc-editor.org/rfc/rfc7009#section-2.2 | RFC 7009 §2.2} (revocation response)
 */
export async function revokeToken(options: RevokeTokenOptions): Promise<void> {
  requireCredentials(options);
  requireText(options.token, 'token');
  if (
    options.tokenTypeHint !== undefined &&
    options.tokenTypeHint !== 'access_token' &&
    options.tokenTypeHint !== 'refresh_token'
  ) {
    throw new OAuthUsageError('tokenTypeHint', 'tokenTypeHint must be "access_token" or "refresh_token"');
  }
  const params = new URLSearchParams({ token: options.token });
  if (options.tokenTypeHint) params.set('token_type_hint', options.tokenTypeHint);
  params.set('client_id', options.clientId);
  params.set('client_secret', options.clientSecret);
  const res = await postForm(endpointUrl(options.tokenHost, REVOKE_PATH), params, options);
  if (!res.response.ok) throw errorFromResponse(res, formSecrets(params));
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
  // works. Odd metadata is replaced by a safe value (and reported) rather than losing the tokens, and every value
  // is brought into a range the stores accept before the set is built (an expiry of Infinity would be refused).
  const warn = (message: string): void =>
    config.logger?.warn?.(scrubSecrets(`@tempo-sdk/oauth: ${message}`, [...secrets, accessToken, refresh]));
  let tokenType = 'Bearer';
  if (typeof body.token_type === 'string' && body.token_type.trim() !== '') tokenType = body.token_type;
  else if (body.token_type !== undefined) warn('the token answer has a malformed token_type; assuming Bearer');

  const expiresIn = expiresInSeconds(body.expires_in, config.defaultExpiresInSeconds, warn);
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

/**
 * `expires_in` as whole seconds within [0, {@link MAX_EXPIRES_IN_SECONDS}]. Numeric strings and fractions are
 * accepted (rounded down, to be safe); a value past the maximum is clamped to it (refreshing early is harmless);
 * anything else (negative, NaN, Infinity, not a number) falls back to the default, with a warning.
 */
function expiresInSeconds(raw: unknown, configured: number | undefined, warn: (message: string) => void): number {
  const fallback = configured ?? 3600;
  if (raw === undefined || raw === null) return fallback;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value === Number.POSITIVE_INFINITY) {
    warn(`the token answer has a malformed expires_in; assuming ${fallback} s`);
    return fallback;
  }
  if (value > MAX_EXPIRES_IN_SECONDS) {
    warn(`the token answer has an expires_in past ${MAX_EXPIRES_IN_SECONDS} s; using ${MAX_EXPIRES_IN_SECONDS} s`);
    return MAX_EXPIRES_IN_SECONDS;
  }
  return Math.floor(value);
}

function requireCredentials(config: OAuthClientConfig): void {
  if (typeof config !== 'object' || config === null) throw new OAuthUsageError('options', 'options must be an object');
  requireText(config.clientId, 'clientId');
  requireText(config.clientSecret, 'clientSecret');
  if (config.defaultExpiresInSeconds !== undefined) {
    const value = config.defaultExpiresInSeconds;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_EXPIRES_IN_SECONDS) {
      throw new OAuthUsageError(
        'defaultExpiresInSeconds',
        `defaultExpiresInSeconds must be a number of seconds from 0 to ${MAX_EXPIRES_IN_SECONDS}`,
      );
    }
  }
}
