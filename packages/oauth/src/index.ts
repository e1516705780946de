/**
 * `@tempo-sdk/oauth`: Tempo OAuth 2.0 (authorization-code grant with rotating refresh tokens) for Node, browsers,
 * Deno and Bun. Uses only `fetch` and WebCrypto; the file store and loopback login live in `@tempo-sdk/oauth/node`.
 *
 * @packageDocumentation
 */

export {
  buildAuthorizeUrl,
  verifyCallback,
  DEFAULT_AUTHORIZE_HOST,
  type AuthorizeUrlOptions,
  type JiraAuthorizeUrlOptions,
  type TempoAuthorizeUrlOptions,
  type AuthorizationRequest,
  type CallbackInput,
  type VerifyCallbackOptions,
} from './authorize.js';
export { generateState, timingSafeEqual } from './state.js';
export {
  exchangeCode,
  refreshToken,
  revokeToken,
  TOKEN_PATH,
  REVOKE_PATH,
  type OAuthClientConfig,
  type ExchangeCodeOptions,
  type RefreshTokenOptions,
  type RevokeTokenOptions,
  type TokenTypeHint,
} from './token.js';
export { DEFAULT_TOKEN_HOST, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES, type FetchLike } from './http.js';
export { computeExpiresAt, toTokenSet, MAX_EXPIRES_IN_SECONDS, type TokenSet } from './token-set.js';
export { MemoryTokenStore, type TokenStore } from './store.js';
// The `clock` and `logger` options' types, which the options above name.
export type { ClockOption, LoggerOption } from './clock.js';
export {
  TokenManager,
  type TokenManagerOptions,
  type TokensChangeReason,
  type GetAccessTokenOptions,
} from './manager.js';
export {
  OAuthError,
  OAuthUsageError,
  OAuthEndpointError,
  InvalidGrantError,
  InvalidClientError,
  InvalidRequestError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  InvalidScopeError,
  UnsupportedTokenTypeError,
  OAuthResponseError,
  OAuthResponseTooLargeError,
  OAuthConnectionError,
  OAuthTimeoutError,
  AuthorizationCallbackError,
  StateMismatchError,
  AuthorizationDeniedError,
  MissingCodeError,
  ReauthorizationRequiredError,
  TokenStoreError,
  TokenPersistError,
  LockTimeoutError,
  LoopbackTimeoutError,
  LoopbackServerError,
  type OAuthErrorJSON,
  type OAuthErrorBody,
  type OAuthResponseErrorInit,
  type ReauthorizationReason,
  type TokenStoreOperation,
} from './errors.js';
