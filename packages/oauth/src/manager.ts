/**
 * `TokenManager`: hands out valid access tokens and rotates refresh tokens safely.
 *
 * The two rules that keep a user logged in with single-use refresh tokens:
 * 1. Only one refresh runs at a time — one per process (single flight) and, when the store has `lock()`, one
 *    across processes; whoever gets the lock re-reads the store and uses tokens another process already rotated.
 * 2. A rotated set is saved before its access token is handed out, so a token in use always has its refresh
 *    token on disk.
 *
 * @module
 */

import { checkLogger, resolveClock, type Clock, type LoggerOption } from './clock.js';
import {
  InvalidGrantError,
  OAuthUsageError,
  ReauthorizationRequiredError,
  TokenPersistError,
  TokenStoreError,
} from './errors.js';
import { redactCause, scrubSecrets } from './redact.js';
import { createInProcessLock, type TokenStore } from './store.js';
import { refreshToken, revokeToken, type OAuthClientConfig } from './token.js';
import { sameTokens, toTokenSet, type TokenSet } from './token-set.js';
import { durationMs, requireText, timerMs } from './validate.js';

/** Why {@link TokenManagerOptions.onTokens} was called. */
export type TokensChangeReason =
  /** `setTokens()` stored a set (after a code exchange or login). */
  | 'set'
  /** This manager refreshed at Tempo and saved the rotated set. */
  | 'refresh'
  /** The store holds a newer set (another process or manager rotated it); this manager now uses it. */
  | 'store';

/** Options of {@link TokenManager}. */
export interface TokenManagerOptions extends OAuthClientConfig {
  /**
   * Where the tokens live. Give it `lock()` (e.g. `FileTokenStore`) to coordinate refreshes across processes; without
   * one, managers in this process that share the same store object still refresh one at a time.
   */
  store: TokenStore;
  /** Your app's redirect URI, sent with refresh requests as Tempo documents (optional). */
  redirectUri?: string;
  /**
   * Refresh this long before the access token expires, in ms (default 60 000). Capped at half the token's lifetime
   * so that a short-lived token is not refreshed on every call.
   */
  refreshWindowMs?: number;
  /**
   * A forced refresh without `failedToken` is skipped when the current token changed less than this long ago, in ms
   * (default 10 000): requests that failed with the previous token get the new one instead of rotating again.
   */
  forceRefreshCooldownMs?: number;
  /**
   * Called after every change of the tokens this manager uses, with the new set (refreshes included), once it is
   * saved. Awaited before the token is handed out; a throw is reported to `logger.warn` and otherwise ignored.
   */
  onTokens?: (tokens: TokenSet, reason: TokensChangeReason) => void | Promise<void>;
  /**
   * Where warnings about problems the manager worked around or will retry go (default: `console.warn`); `console`
   * fits. Every line passes through the redactor: no secret, or any piece of one, reaches it.
   */
  logger?: LoggerOption;
}

/** Options of {@link TokenManager.getAccessToken}. */
export interface GetAccessTokenOptions {
  /**
   * The current token was rejected (HTTP 401): get a new one. Single-flighted, and skipped when the token already
   * changed since (see `failedToken` and `forceRefreshCooldownMs`).
   */
  forceRefresh?: boolean;
  /** The access token that was rejected. With it, a forced refresh happens only if that token is still current. */
  failedToken?: string;
  /** Stops waiting (rejects with `signal.reason`); a shared refresh already under way still completes and is saved. */
  signal?: AbortSignal;
}

/**
 * What `@tempo-sdk/client` passes to its `token` function (its `TokenContext`). Not exported: the client owns the
 * `TokenProvider` vocabulary; `manager.tokenProvider` only has a shape that fits it (a type test checks that).
 * @inline
 */
interface ProviderContext {
  /** `true` once after a request was answered 401. */
  forceRefresh?: boolean;
  /** The token that was rejected, when the caller knows it. */
  failedToken?: string;
}

/** What one synchronisation with the store/Tempo is for. */
type SyncRequest = { kind: 'load' } | { kind: 'expiring' } | { kind: 'force'; staleAccessToken: string };

interface SyncResult {
  tokens: TokenSet;
  /** Set when the tokens changed and `onTokens` must hear of it. */
  change?: TokensChangeReason;
}

const DEFAULT_REFRESH_WINDOW_MS = 60_000;
const DEFAULT_FORCE_REFRESH_COOLDOWN_MS = 10_000;
/** In-process locks of stores that have no `lock()` of their own (see `#withLock`). */
const storeLocks = new WeakMap<TokenStore, <T>(fn: () => Promise<T>) => Promise<T>>();
/** Waits before each further attempt to save a rotated set (still under the lock): 4 attempts within ~0.35 s. */
const SAVE_RETRY_DELAYS_MS = [50, 100, 200] as const;

/**
 * Keeps one user's Tempo tokens valid: returns the access token, refreshes it shortly before it expires or when
 * a request was rejected, and saves every rotation before using it.
 *
 * @example
 * ```ts
 * import { createTempoClient } from '@tempo-sdk/client';
 * import { TokenManager } from '@tempo-sdk/oauth';
 * import { FileTokenStore } from '@tempo-sdk/oauth/node';
 *
 * const manager = new TokenManager({ clientId, clientSecret, store: new FileTokenStore('.tempo-tokens.json') });
 * const tempo = createTempoClient({ token: manager.tokenProvider });
 * ```
 */
export class TokenManager {
  // Private fields (#) keep the client secret and tokens out of util.inspect / console.log of the manager.
  readonly #config: OAuthClientConfig & { redirectUri?: string };
  readonly #store: TokenStore;
  readonly #refreshWindowMs: number;
  readonly #forceRefreshCooldownMs: number;
  readonly #onTokens: TokenManagerOptions['onTokens'];
  readonly #logger: LoggerOption;
  readonly #clock: Clock;

  #current: TokenSet | undefined;
  /** Monotonic time the current set replaced a previous one (−∞ for the first set loaded). */
  #changedAt = Number.NEGATIVE_INFINITY;
  /** A rotated set Tempo issued that the store failed to save; saved again before anything is handed out. */
  #unsaved: TokenSet | undefined;
  /** A refresh token Tempo rejected, so the same dead token is not sent again and again. */
  #rejectedRefreshToken: string | undefined;
  /** The synchronisation under way; every caller joins it (single flight). */
  #inflight: Promise<TokenSet> | undefined;

  /**
   * @param options - credentials, the store and refresh policy.
   * @throws {@link OAuthUsageError} when `store` lacks `get()`/`set()`, `clientId` or `clientSecret` is missing,
   *   or a duration, `clock` or `logger` option is malformed.
   */
  constructor(options: TokenManagerOptions) {
    if (typeof options !== 'object' || options === null)
      throw new OAuthUsageError('options', 'TokenManager needs an options object');
    if (typeof options.store?.get !== 'function' || typeof options.store.set !== 'function') {
      throw new OAuthUsageError('store', 'store must be a TokenStore with get() and set()');
    }
    requireText(options.clientId, 'clientId');
    requireText(options.clientSecret, 'clientSecret');
    if (options.onTokens !== undefined && typeof options.onTokens !== 'function') {
      throw new OAuthUsageError('onTokens', 'onTokens must be a function');
    }
    const { store, refreshWindowMs, forceRefreshCooldownMs, onTokens, logger, ...config } = options;
    timerMs(config.timeoutMs, 0, 'timeoutMs');
    this.#config = config;
    this.#store = store;
    this.#refreshWindowMs = durationMs(refreshWindowMs, DEFAULT_REFRESH_WINDOW_MS, 'refreshWindowMs');
    this.#forceRefreshCooldownMs = durationMs(
      forceRefreshCooldownMs,
      DEFAULT_FORCE_REFRESH_COOLDOWN_MS,
      'forceRefreshCooldownMs',
    );
    this.#onTokens = onTokens;
    this.#logger = checkLogger(logger) ?? { warn: (message) => console.warn(message) };
    this.#clock = resolveClock(options.clock);
  }

  /**
   * A function to pass as `createTempoClient({ token })` (it fits the client's `TokenProvider`). The client calls
   * it before each request and with `{ forceRefresh: true, failedToken }` once after a 401. Bound to this manager.
   *
   * @throws the errors of {@link TokenManager.getAccessToken}.
   */
  readonly tokenProvider = (context?: ProviderContext): Promise<string> =>
    this.getAccessToken({
      forceRefresh: context?.forceRefresh === true,
      ...(typeof context?.failedToken === 'string' ? { failedToken: context.failedToken } : {}),
    });

  /**
   * Returns a valid access token, refreshing first if it expires within the refresh window.
   *
   * @throws {@link ReauthorizationRequiredError} when there are no tokens or Tempo rejected the refresh token,
   *   {@link TokenPersistError} when a rotated set could not be saved (the token is then withheld),
   *   {@link TokenStoreError} (and `LockTimeoutError`), the endpoint errors of `refreshToken`
   *   (`OAuthConnectionError`, `OAuthResponseError`…), and `signal.reason` when aborted.
   * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-6 | RFC 6749 §6} (refreshing an access token)
   */
  async getAccessToken(options: GetAccessTokenOptions = {}): Promise<string> {
    return (await this.#currentTokens(options)).accessToken;
  }

  /**
   * Like {@link TokenManager.getAccessToken} but returns (a copy of) the whole set (expiry, scope…).
   *
   * @throws the errors of {@link TokenManager.getAccessToken}.
   */
  async getTokens(options: GetAccessTokenOptions = {}): Promise<TokenSet> {
    return { ...(await this.#currentTokens(options)) };
  }

  async #currentTokens(options: GetAccessTokenOptions): Promise<TokenSet> {
    options.signal?.throwIfAborted();
    const current = this.#current;
    if (this.#unsaved || !current) return this.#wait(this.#sync({ kind: 'load' }), options.signal);

    if (options.forceRefresh) {
      const stale = this.#staleToken(current, options.failedToken);
      if (stale !== undefined)
        return this.#wait(this.#sync({ kind: 'force', staleAccessToken: stale }), options.signal);
    }
    if (!this.#isExpiring(current)) return current;
    return this.#wait(this.#sync({ kind: 'expiring' }), options.signal);
  }

  /**
   * Refreshes now, whatever the expiry (single-flighted with every other refresh). Returns the new set, or the set
   * another process rotated meanwhile.
   *
   * @throws the errors of {@link TokenManager.getAccessToken}.
   * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-6 | RFC 6749 §6}
   */
  async refresh(options: { signal?: AbortSignal } = {}): Promise<TokenSet> {
    const current = this.#current ?? (await this.#wait(this.#sync({ kind: 'load' }), options.signal));
    return {
      ...(await this.#wait(this.#sync({ kind: 'force', staleAccessToken: current.accessToken }), options.signal)),
    };
  }

  /**
   * Saves a new token set (e.g. from `exchangeCode` or `loopbackLogin`) and starts using it. Waits for a refresh
   * under way to finish first so that it cannot overwrite the new set.
   *
   * @throws {@link OAuthUsageError} when `tokens` is not a TokenSet; {@link TokenStoreError} when the store fails.
   */
  async setTokens(tokens: TokenSet): Promise<void> {
    const valid = toTokenSet(tokens);
    if (!valid)
      throw new OAuthUsageError(
        'tokens',
        'setTokens needs a TokenSet { accessToken, refreshToken, expiresAt, tokenType }',
      );
    await this.#inflight?.catch(() => undefined);
    await this.#withLock(() => this.#save(valid, 'write'));
    this.#unsaved = undefined;
    this.#rejectedRefreshToken = undefined;
    this.#use(valid);
    await this.#notify(valid, 'set');
  }

  /**
   * Forgets the tokens here and in the store (no call to Tempo; see {@link TokenManager.revoke}).
   *
   * @throws {@link TokenStoreError} when the store cannot be cleared or locked.
   */
  async clear(): Promise<void> {
    await this.#inflight?.catch(() => undefined);
    await this.#withLock(() => this.#clearStore());
    this.#forget();
  }

  /**
   * Signs the user out: revokes the refresh token and the access token at Tempo, then clears the store. If Tempo
   * cannot be reached the error is thrown and the store is left as it was (call {@link TokenManager.clear} to
   * forget the tokens locally anyway). Read, revoke and clear happen under the store's lock, so a refresh in
   * another manager or process cannot save a new set between them (which would survive the sign-out).
   *
   * @throws the errors of `revokeToken` (`OAuthConnectionError`, `OAuthEndpointError`…), {@link TokenStoreError},
   *   and `signal.reason` when aborted.
   * @see {@link https://www.rfc-editor.org/rfc/rfc7009#section-2.1 | RFC 7009 §2.1}
   */
  async revoke(options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#inflight?.catch(() => undefined);
    await this.#withLock(async () => {
      const tokens = this.#unsaved ?? (await this.#read()) ?? this.#current;
      if (tokens) {
        const call = { ...this.#config, ...(options.signal ? { signal: options.signal } : {}) };
        await revokeToken({ ...call, token: tokens.refreshToken, tokenTypeHint: 'refresh_token' });
        await revokeToken({ ...call, token: tokens.accessToken, tokenTypeHint: 'access_token' });
      }
      await this.#clearStore();
    });
    this.#forget();
  }

  /** Non-secret description for logs. */
  toJSON(): { type: 'TokenManager'; clientId: string; tokenHost: string | undefined; hasTokens: boolean } {
    return {
      type: 'TokenManager',
      clientId: this.#config.clientId,
      tokenHost: this.#config.tokenHost,
      hasTokens: this.#current !== undefined,
    };
  }

  // -------------------------------------------------------------------------------------------------------------

  /**
   * Which access token a forced refresh should replace, or `undefined` when the current one is already newer than
   * the token that failed.
   */
  #staleToken(current: TokenSet, failedToken: string | undefined): string | undefined {
    if (failedToken !== undefined) return failedToken === current.accessToken ? failedToken : undefined;
    // A refresh under way will produce a token newer than whatever failed: join it.
    if (this.#inflight) return current.accessToken;
    // Several requests sent with the same stale token all come back 401: only the first rotates; the others
    // arrive after the token changed and get the new one.
    if (this.#clock.monotonicNow() - this.#changedAt < this.#forceRefreshCooldownMs) return undefined;
    return current.accessToken;
  }

  /** Whether `tokens` must be refreshed before use. */
  #isExpiring(tokens: TokenSet): boolean {
    let window = this.#refreshWindowMs;
    if (tokens.issuedAt !== undefined) window = Math.min(window, Math.max(0, (tokens.expiresAt - tokens.issuedAt) / 2));
    // Expiry is a wall-time fact (an epoch time that may have been saved by another process): wall clock here.
    return tokens.expiresAt - this.#clock.now() <= window;
  }

  /** Single flight: joins the synchronisation under way or starts one. */
  #sync(request: SyncRequest): Promise<TokenSet> {
    if (!this.#inflight) {
      const run = this.#run(request).then(async ({ tokens, change }) => {
        if (change) await this.#notify(tokens, change);
        return tokens;
      });
      this.#inflight = run.finally(() => {
        this.#inflight = undefined;
      });
    }
    return this.#inflight;
  }

  async #run(request: SyncRequest): Promise<SyncResult> {
    const unsaved = this.#unsaved;
    if (unsaved) return this.#withLock(() => this.#saveRotated(unsaved));

    // A look without the lock first: the store may already hold what we need (at start-up, or when another
    // process rotated). Stores replace their content atomically, so this read is never half-written.
    const seen = await this.#read();
    if (seen && this.#satisfies(seen, request)) return this.#adopt(seen);

    return this.#withLock(async () => {
      // Re-read under the lock: another process may have rotated while we waited for it.
      const latest = await this.#read();
      if (!latest) throw new ReauthorizationRequiredError('no_tokens');
      if (this.#satisfies(latest, request)) return this.#adopt(latest);
      if (latest.refreshToken === this.#rejectedRefreshToken) throw new ReauthorizationRequiredError('invalid_grant');

      let rotated: TokenSet;
      try {
        rotated = await refreshToken({
          ...this.#config,
          logger: this.#safeLogger(),
          refreshToken: latest.refreshToken,
        });
      } catch (error) {
        if (error instanceof InvalidGrantError) {
          // Leave the store alone: the user may want to inspect it, and another process may still write.
          this.#rejectedRefreshToken = latest.refreshToken;
          throw new ReauthorizationRequiredError('invalid_grant', { cause: error });
        }
        throw error;
      }
      return this.#saveRotated(rotated);
    });
  }

  /** Whether `tokens` from the store can be used for `request` without refreshing. */
  #satisfies(tokens: TokenSet, request: SyncRequest): boolean {
    if (this.#isExpiring(tokens)) return false;
    return request.kind !== 'force' || tokens.accessToken !== request.staleAccessToken;
  }

  /** Uses a set read from the store. */
  #adopt(tokens: TokenSet): SyncResult {
    const previous = this.#current;
    this.#use(tokens);
    return previous && !sameTokens(previous, tokens) ? { tokens, change: 'store' } : { tokens };
  }

  /**
   * Saves a set Tempo just rotated; only then is it used. Called while holding the store's lock, and retries a
   * failed write a few times before giving up: once the lock is released, another process reads the store, and if
   * it still holds the previous (already rotated, now dead) refresh token, that process sends it to Tempo and gets
   * `invalid_grant` — the user is logged out. Retrying inside the lock covers short hiccups (a busy database, a
   * momentary EAGAIN). If every attempt fails, that risk remains for other processes; this one keeps the set in
   * memory and saves it first on its next call.
   */
  async #saveRotated(rotated: TokenSet): Promise<SyncResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#save(rotated, 'write');
        break;
      } catch (error) {
        if (attempt < SAVE_RETRY_DELAYS_MS.length) {
          await this.#clock.sleep(SAVE_RETRY_DELAYS_MS[attempt] ?? 0);
          continue;
        }
        // Tempo has already invalidated the previous refresh token: this set is the only one that works. Keep it
        // in memory and try to save it again on the next call; never hand out its access token unsaved.
        this.#unsaved = rotated;
        this.#warn(
          '@tempo-sdk/oauth: the rotated tokens could not be saved; they are kept in memory and saving is retried on the next call',
        );
        throw new TokenPersistError({ cause: this.#redact(error) });
      }
    }
    this.#unsaved = undefined;
    this.#use(rotated);
    return { tokens: rotated, change: 'refresh' };
  }

  /** Clears the store; the caller holds the lock. */
  async #clearStore(): Promise<void> {
    try {
      await this.#store.clear();
    } catch (error) {
      throw error instanceof TokenStoreError
        ? error
        : new TokenStoreError('clear', 'The token store could not be cleared', { cause: this.#redact(error) });
    }
  }

  /** Drops the tokens this manager holds in memory. */
  #forget(): void {
    this.#current = undefined;
    this.#unsaved = undefined;
    this.#changedAt = Number.NEGATIVE_INFINITY;
  }

  #use(tokens: TokenSet): void {
    if (this.#current && !sameTokens(this.#current, tokens)) this.#changedAt = this.#clock.monotonicNow();
    this.#current = tokens;
  }

  async #read(): Promise<TokenSet | undefined> {
    let value: unknown;
    try {
      value = await this.#store.get();
    } catch (error) {
      throw error instanceof TokenStoreError
        ? error
        : new TokenStoreError('read', 'The token store could not be read', { cause: this.#redact(error) });
    }
    if (value === undefined || value === null) return undefined;
    const tokens = toTokenSet(value);
    if (!tokens) throw new TokenStoreError('read', 'The token store returned something that is not a TokenSet');
    return tokens;
  }

  async #save(tokens: TokenSet, operation: 'write'): Promise<void> {
    try {
      await this.#store.set(tokens);
    } catch (error) {
      // A store's own error may quote what it was given (a database error echoing the row): redacted.
      throw error instanceof TokenStoreError
        ? error
        : new TokenStoreError(operation, 'The token store could not save the tokens', {
            cause: this.#redact(error, tokens),
          });
    }
  }

  #withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#store.lock) return this.#store.lock(fn);
    // Single flight is per manager; several managers on one store without lock() would each refresh and burn each
    // other's refresh token. They share this process-wide lock, keyed by the store object.
    let lock = storeLocks.get(this.#store);
    if (!lock) storeLocks.set(this.#store, (lock = createInProcessLock()));
    return lock(fn);
  }

  async #notify(tokens: TokenSet, reason: TokensChangeReason): Promise<void> {
    if (!this.#onTokens) return;
    try {
      await this.#onTokens({ ...tokens }, reason);
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      this.#warn(`@tempo-sdk/oauth: onTokens callback failed (${name}); the tokens are saved and in use`);
    }
  }

  /** Every secret this manager knows of: the client secret and the tokens it holds or is saving. */
  #secrets(extra?: TokenSet): string[] {
    const sets = [this.#current, this.#unsaved, extra];
    return [this.#config.clientSecret, ...sets.flatMap((set) => (set ? [set.accessToken, set.refreshToken] : []))];
  }

  /** A cause from outside (a store) with every secret this manager knows of scrubbed. */
  #redact(error: unknown, extra?: TokenSet): unknown {
    return redactCause(error, this.#secrets(extra));
  }

  /** Logs a warning through the redactor. */
  #warn(message: string): void {
    this.#logger.warn?.(scrubSecrets(message, this.#secrets()));
  }

  /** The logger handed to `refreshToken`, redacting with this manager's secrets too. */
  #safeLogger(): LoggerOption {
    return { warn: (message, details) => this.#logger.warn?.(scrubSecrets(message, this.#secrets()), details) };
  }

  /** Waits for a shared promise, but lets one caller stop waiting without cancelling it for the others. */
  #wait<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) return promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
