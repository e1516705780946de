/**
 * Typed errors of `@tempo-sdk/oauth`.
 *
 * Every error here is safe to log: messages, `toString()` and `toJSON()` never contain the client secret,
 * an authorization code, an access token or a refresh token. Constructors only receive non-secret facts
 * (status codes, OAuth error codes, endpoint URLs); text that comes from the network is scrubbed of the
 * secrets that were sent in the request before it is stored (see `redact.ts`).
 *
 * @module
 */

import { OWN_ERROR } from './redact.js';

/** Plain-data view of an error, as returned by `toJSON()`. Contains no secrets. */
export interface OAuthErrorJSON {
  name: string;
  message: string;
  [key: string]: unknown;
}

/**
 * Base class of every error thrown by `@tempo-sdk/oauth`. Catch this to handle all of them.
 */
export class OAuthError extends Error {
  static {
    this.prototype.name = 'OAuthError';
    // Marks our errors as safe to keep as a cause unchanged (see `redactCause`).
    Object.defineProperty(this.prototype, OWN_ERROR, { value: true });
  }

  /** @param message - human-readable text; callers must never put a secret into it. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Non-secret, JSON-friendly fields. Subclasses add their own facts (status, OAuth error code…).
   * The `cause` is reduced to its name and message so that nothing unexpected is serialized.
   */
  toJSON(): OAuthErrorJSON {
    const json: OAuthErrorJSON = { name: this.name, message: this.message, ...this.details() };
    if (this.cause instanceof Error) json.cause = { name: this.cause.name, message: this.cause.message };
    return json;
  }

  /** Extra non-secret fields for {@link OAuthError.toJSON}. */
  protected details(): Record<string, unknown> {
    return {};
  }
}

/**
 * A caller's mistake: a missing or malformed option or argument. Thrown before anything is sent, never retried.
 * `option` names what was wrong; the message says what was expected (and never repeats a secret).
 */
export class OAuthUsageError extends OAuthError {
  static {
    this.prototype.name = 'OAuthUsageError';
  }
  /** The option or argument that was wrong, e.g. `clientSecret` or `host`. */
  readonly option: string;

  /** @param option - the option that was wrong; @param message - what was expected. */
  constructor(option: string, message: string) {
    super(message);
    this.option = option;
  }

  protected override details(): Record<string, unknown> {
    return { option: this.option };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Token and revoke endpoint errors
// ---------------------------------------------------------------------------------------------------------------

/** Facts about an OAuth error body (`{"error": "...", "error_description": "..."}`) from a Tempo endpoint. */
export interface OAuthErrorBody {
  /** HTTP status of the answer. */
  status: number;
  /** OAuth error code, e.g. `invalid_grant`. */
  error: string;
  /** `error_description` from the server, scrubbed of any secret that was sent. */
  errorDescription?: string | undefined;
  /** `error_uri` from the server. */
  errorUri?: string | undefined;
  /** The endpoint that answered (no secrets: credentials travel in the form body). */
  endpoint: string;
}

/**
 * A Tempo OAuth endpoint answered with a standard OAuth error body (RFC 6749 §5.2 / RFC 7009 §2.2.1).
 * Well-known codes get their own subclass ({@link InvalidGrantError}, {@link InvalidClientError}…);
 * other codes are thrown as this class.
 */
export class OAuthEndpointError extends OAuthError {
  static {
    this.prototype.name = 'OAuthEndpointError';
  }
  /** HTTP status of the answer. */
  readonly status: number;
  /** OAuth error code, e.g. `invalid_grant`. */
  readonly error: string;
  /** Server's `error_description` (secrets scrubbed). */
  readonly errorDescription: string | undefined;
  /** Server's `error_uri`. */
  readonly errorUri: string | undefined;
  /** The endpoint URL that answered. */
  readonly endpoint: string;

  /** @param body - facts of the error answer. */
  constructor(body: OAuthErrorBody, message?: string) {
    super(
      message ??
        `Tempo OAuth endpoint ${body.endpoint} answered ${body.status} ${body.error}` +
          (body.errorDescription ? `: ${body.errorDescription}` : ''),
    );
    this.status = body.status;
    this.error = body.error;
    this.errorDescription = body.errorDescription;
    this.errorUri = body.errorUri;
    this.endpoint = body.endpoint;
  }

  protected override details(): Record<string, unknown> {
    return {
      status: this.status,
      error: this.error,
      errorDescription: this.errorDescription,
      errorUri: this.errorUri,
      endpoint: this.endpoint,
    };
  }
}

/**
 * `invalid_grant`: the authorization code or refresh token is invalid, expired, already used or revoked.
 * For a refresh token this means the user must authorize again (a {@link TokenManager} turns it into
 * {@link ReauthorizationRequiredError}).
 */
export class InvalidGrantError extends OAuthEndpointError {
  static {
    this.prototype.name = 'InvalidGrantError';
  }
}

/** `invalid_client`: the client id or secret is wrong (check your app's credentials in Tempo). */
export class InvalidClientError extends OAuthEndpointError {
  static {
    this.prototype.name = 'InvalidClientError';
  }
}

/** `invalid_request`: a parameter is missing, repeated or malformed (e.g. a `redirect_uri` that does not match). */
export class InvalidRequestError extends OAuthEndpointError {
  static {
    this.prototype.name = 'InvalidRequestError';
  }
}

/** `unauthorized_client`: this client may not use this grant type. */
export class UnauthorizedClientError extends OAuthEndpointError {
  static {
    this.prototype.name = 'UnauthorizedClientError';
  }
}

/** `unsupported_grant_type`: the server does not support the grant type. */
export class UnsupportedGrantTypeError extends OAuthEndpointError {
  static {
    this.prototype.name = 'UnsupportedGrantTypeError';
  }
}

/** `invalid_scope`: the requested scope is invalid or exceeds what was granted. */
export class InvalidScopeError extends OAuthEndpointError {
  static {
    this.prototype.name = 'InvalidScopeError';
  }
}

/** `unsupported_token_type` (revocation, RFC 7009): the server cannot revoke this kind of token. */
export class UnsupportedTokenTypeError extends OAuthEndpointError {
  static {
    this.prototype.name = 'UnsupportedTokenTypeError';
  }
}

/** Facts about an answer that is not a usable OAuth answer. */
export interface OAuthResponseErrorInit {
  /** HTTP status of the answer. */
  status: number;
  /** URL of the endpoint that answered (no credentials, no query). */
  endpoint: string;
  /** The answer's `Content-Type` header, if any. */
  contentType?: string | undefined;
  /** OAuth error code if the body carried one (e.g. `temporarily_unavailable` with a 503). */
  error?: string | undefined;
  /** The first characters of a non-2xx body, scrubbed of secrets; never set for 2xx bodies. */
  bodySnippet?: string | undefined;
  /** Why the answer is unusable, in a few words (e.g. `server error`, `the token answer has no access_token`). */
  reason: string;
}

/**
 * The endpoint answered with something that is not a usable OAuth answer: a 5xx, a non-JSON body (an HTML
 * error page), or a 2xx body that lacks required fields. The request may or may not have been processed by
 * Tempo, so a refresh is never retried automatically (a retry with a refresh token that was already rotated
 * would be rejected).
 */
export class OAuthResponseError extends OAuthError {
  static {
    this.prototype.name = 'OAuthResponseError';
  }
  /** HTTP status of the answer. */
  readonly status: number;
  /** The endpoint URL that answered. */
  readonly endpoint: string;
  /** The answer's `Content-Type`, if any. */
  readonly contentType: string | undefined;
  /** OAuth error code if the body had one. */
  readonly error: string | undefined;
  /** Start of a non-2xx body, secrets scrubbed (never set for 2xx answers, which could hold tokens). */
  readonly bodySnippet: string | undefined;

  /** @param init - facts about the unusable answer. */
  constructor(init: OAuthResponseErrorInit) {
    super(`Tempo OAuth endpoint ${init.endpoint} answered ${init.status}: ${init.reason}`);
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.contentType = init.contentType;
    this.error = init.error;
    this.bodySnippet = init.bodySnippet;
  }

  protected override details(): Record<string, unknown> {
    return {
      status: this.status,
      endpoint: this.endpoint,
      contentType: this.contentType,
      error: this.error,
      bodySnippet: this.bodySnippet,
    };
  }
}

/**
 * The endpoint's answer was larger than `maxResponseBytes`. Reading stopped at the limit (or before, when the
 * `Content-Length` already said so); nothing past it was buffered. Like any unusable answer, never retried.
 */
export class OAuthResponseTooLargeError extends OAuthResponseError {
  static {
    this.prototype.name = 'OAuthResponseTooLargeError';
  }
  /** The limit that was exceeded, in bytes. */
  readonly maxResponseBytes: number;

  /** @param init - the answer's facts; @param maxResponseBytes - the limit. */
  constructor(init: Omit<OAuthResponseErrorInit, 'reason' | 'bodySnippet' | 'error'>, maxResponseBytes: number) {
    super({ ...init, reason: `the answer is larger than maxResponseBytes (${maxResponseBytes} bytes)` });
    this.maxResponseBytes = maxResponseBytes;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), maxResponseBytes: this.maxResponseBytes };
  }
}

/** The request to a Tempo OAuth endpoint failed before an answer arrived (DNS, refused connection, reset…). */
export class OAuthConnectionError extends OAuthError {
  static {
    this.prototype.name = 'OAuthConnectionError';
  }
  /** The endpoint URL that could not be reached. */
  readonly endpoint: string;

  /** @param endpoint - URL that was called; `cause` is the error thrown by `fetch`. */
  constructor(endpoint: string, options?: { cause?: unknown }, message?: string) {
    super(message ?? `Could not reach Tempo OAuth endpoint ${endpoint}`, options);
    this.endpoint = endpoint;
  }

  protected override details(): Record<string, unknown> {
    return { endpoint: this.endpoint };
  }
}

/** The request to a Tempo OAuth endpoint took longer than `timeoutMs`. */
export class OAuthTimeoutError extends OAuthConnectionError {
  static {
    this.prototype.name = 'OAuthTimeoutError';
  }
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  /** @param endpoint - URL that was called; @param timeoutMs - the elapsed limit. */
  constructor(endpoint: string, timeoutMs: number) {
    super(endpoint, undefined, `Tempo OAuth endpoint ${endpoint} did not answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }

  protected override details(): Record<string, unknown> {
    return { endpoint: this.endpoint, timeoutMs: this.timeoutMs };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Authorization callback errors
// ---------------------------------------------------------------------------------------------------------------

/**
 * The authorization callback (the redirect back to your `redirect_uri`) cannot be used. Base class of
 * {@link StateMismatchError}, {@link AuthorizationDeniedError} and {@link MissingCodeError}; thrown as is for
 * other `error=` values in the callback.
 */
export class AuthorizationCallbackError extends OAuthError {
  static {
    this.prototype.name = 'AuthorizationCallbackError';
  }
  /** The callback's `error` parameter, if it had one. */
  readonly error: string | undefined;
  /** The callback's `error_description` parameter, if it had one. */
  readonly errorDescription: string | undefined;

  /** @param message - what is wrong; @param error - the callback's `error` code. */
  constructor(message: string, error?: string, errorDescription?: string) {
    super(message);
    this.error = error;
    this.errorDescription = errorDescription;
  }

  protected override details(): Record<string, unknown> {
    return { error: this.error, errorDescription: this.errorDescription };
  }
}

/**
 * The callback's `state` is missing or differs from the one sent with the authorize URL: the callback was not
 * started by this login (possible CSRF) or belongs to another attempt. Never exchange its code.
 */
export class StateMismatchError extends AuthorizationCallbackError {
  static {
    this.prototype.name = 'StateMismatchError';
  }
  /** `true` when the callback had no `state` at all. */
  readonly missing: boolean;

  /** @param missing - whether the state parameter was absent (rather than different). */
  constructor(missing: boolean) {
    super(
      missing
        ? 'The authorization callback has no state parameter; refusing it (possible CSRF)'
        : 'The authorization callback state does not match the one sent; refusing it (possible CSRF)',
    );
    this.missing = missing;
  }

  protected override details(): Record<string, unknown> {
    return { missing: this.missing };
  }
}

/** The user (or Jira admin policy) declined access: the callback carried `error=access_denied`. */
export class AuthorizationDeniedError extends AuthorizationCallbackError {
  static {
    this.prototype.name = 'AuthorizationDeniedError';
  }

  /** @param errorDescription - the callback's `error_description`, if any. */
  constructor(errorDescription?: string) {
    super(
      `The user denied access to Tempo (access_denied)${errorDescription ? `: ${errorDescription}` : ''}`,
      'access_denied',
      errorDescription,
    );
  }
}

/** The callback has a valid state but no `code` parameter. */
export class MissingCodeError extends AuthorizationCallbackError {
  static {
    this.prototype.name = 'MissingCodeError';
  }

  /** Takes no argument: the callback's URL holds nothing worth repeating in the message. */
  constructor() {
    super('The authorization callback has no code parameter');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Token lifecycle errors
// ---------------------------------------------------------------------------------------------------------------

/** Why a new authorization is needed. */
export type ReauthorizationReason =
  /** The store holds no tokens (never authorized, or cleared). */
  | 'no_tokens'
  /** Tempo rejected the refresh token (`invalid_grant`): expired, revoked, or already used elsewhere. */
  | 'invalid_grant';

/**
 * The user must go through the authorization flow again. Raised by {@link TokenManager} when the store is empty
 * or Tempo rejects the refresh token with `invalid_grant`. The stored tokens are left untouched so they can be
 * inspected; clear them with `store.clear()` once the user has authorized again (or before).
 */
export class ReauthorizationRequiredError extends OAuthError {
  static {
    this.prototype.name = 'ReauthorizationRequiredError';
  }
  /** Why authorization is needed again. */
  readonly reason: ReauthorizationReason;

  /** @param reason - why; `cause` is the {@link InvalidGrantError} for `invalid_grant`. */
  constructor(reason: ReauthorizationReason, options?: { cause?: unknown }) {
    super(
      reason === 'no_tokens'
        ? 'No Tempo tokens are stored: the user must authorize this app (run the OAuth authorization flow)'
        : 'Tempo rejected the refresh token (invalid_grant): the user must authorize this app again',
      options,
    );
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

/** What a token store was doing when it failed. */
export type TokenStoreOperation = 'read' | 'write' | 'clear' | 'lock';

/** A token store failed to read, write, clear or lock. `cause` carries the underlying error. */
export class TokenStoreError extends OAuthError {
  static {
    this.prototype.name = 'TokenStoreError';
  }
  /** What the store was doing. */
  readonly operation: TokenStoreOperation;

  /** @param operation - what failed; @param message - non-secret description. */
  constructor(operation: TokenStoreOperation, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = operation;
  }

  protected override details(): Record<string, unknown> {
    return { operation: this.operation };
  }
}

/**
 * Tempo issued (rotated) new tokens but the store could not save them. The new access token is NOT handed out.
 * The {@link TokenManager} keeps the rotated set in memory and retries saving it on the next call before
 * handing anything out; if the process ends first, the rotated refresh token is lost and the user must
 * authorize again (see the README, "Guarantees").
 */
export class TokenPersistError extends TokenStoreError {
  static {
    this.prototype.name = 'TokenPersistError';
  }

  /** @param options - `cause` is the store's error. */
  constructor(options?: { cause?: unknown }) {
    super(
      'write',
      'Tempo rotated the tokens but the token store could not save them; the new access token was not handed out. ' +
        'The rotated tokens are kept in memory and saving is retried on the next call.',
      options,
    );
  }
}

/** A store could not take its cross-process lock within the allowed time. */
export class LockTimeoutError extends TokenStoreError {
  static {
    this.prototype.name = 'LockTimeoutError';
  }
  /** The lock file or resource that stayed busy. */
  readonly lockPath: string;
  /** How long we waited, in milliseconds. */
  readonly timeoutMs: number;

  /** @param lockPath - the busy lock; @param timeoutMs - how long we waited. */
  constructor(lockPath: string, timeoutMs: number) {
    super('lock', `Could not take the token store lock ${lockPath} within ${timeoutMs} ms`);
    this.lockPath = lockPath;
    this.timeoutMs = timeoutMs;
  }

  protected override details(): Record<string, unknown> {
    return { operation: this.operation, lockPath: this.lockPath, timeoutMs: this.timeoutMs };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Loopback login errors (thrown by the node entry, defined here so that `instanceof` works from either entry)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The loopback login did not receive the browser's callback in time, or did not finish the exchange, save and
 * success page within the same time after the callback arrived. The local port has been closed.
 */
export class LoopbackTimeoutError extends OAuthError {
  static {
    this.prototype.name = 'LoopbackTimeoutError';
  }
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * @param timeoutMs - the elapsed limit.
   * @param stage - what was being waited for: the browser's `'callback'` (default), or the `'completion'` of a
   *   login whose callback had arrived.
   */
  constructor(timeoutMs: number, stage: 'callback' | 'completion' = 'callback') {
    super(
      stage === 'callback'
        ? `No authorization callback arrived within ${timeoutMs} ms; the login was cancelled and its port closed`
        : `The login did not complete within ${timeoutMs} ms after the authorization callback; its port was closed`,
    );
    this.timeoutMs = timeoutMs;
  }

  protected override details(): Record<string, unknown> {
    return { timeoutMs: this.timeoutMs };
  }
}

/** The loopback login's local HTTP server could not start (e.g. the port is in use). */
export class LoopbackServerError extends OAuthError {
  static {
    this.prototype.name = 'LoopbackServerError';
  }

  /** @param message - what failed; `cause` is the server error. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
