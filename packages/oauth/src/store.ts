/**
 * Where tokens live between calls and processes.
 *
 * @module
 */

import type { TokenSet } from './token-set.js';

/**
 * A place to keep one user's {@link TokenSet}: memory, a file (`FileTokenStore` from `@tempo-sdk/oauth/node`),
 * a database row, an OS keychain… Implement it to plug your own storage into `TokenManager`.
 *
 * Contract:
 * - `set` must be durable when its promise resolves: the manager hands out a rotated access token only after
 *   `set` resolved, because the refresh token that came with it is the only one that still works.
 * - `get` returns what the last successful `set` stored (also when another process wrote it), or `undefined`.
 * - `lock(fn)` (optional) runs `fn` while holding an exclusive lock shared by every process using the same
 *   storage, and releases it when `fn` settles. Without it, `TokenManager` falls back to a lock shared by every
 *   manager in this process that uses the same store object, so refreshes are one at a time within the process
 *   only; with it, one refresh across all processes. For a database: `SELECT … FOR UPDATE` in a transaction, or an
 *   advisory lock; for Redis: a lock with a TTL longer than a refresh.
 *
 * Methods may return plain values or promises.
 */
export interface TokenStore {
  /** The stored tokens, or `undefined` when there are none. */
  get(): Promise<TokenSet | undefined> | TokenSet | undefined;
  /** Stores `tokens`, replacing what was there. Must be durable when it resolves. */
  set(tokens: TokenSet): Promise<void> | void;
  /** Removes the stored tokens. */
  clear(): Promise<void> | void;
  /** Runs `fn` under a cross-process exclusive lock (optional). */
  lock?<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * Keeps tokens in memory: for tests, short-lived scripts, or a server that holds its tokens elsewhere and only
 * needs single-flight refreshes within one process. Stores copies, so later changes to a passed object do not
 * leak in.
 *
 * @example
 * ```ts
 * const store = new MemoryTokenStore(await exchangeCode({ ... }));
 * const manager = new TokenManager({ clientId, clientSecret, store });
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  #tokens: TokenSet | undefined;
  readonly #lock = createInProcessLock();

  /** @param initial - tokens to start with (copied). */
  constructor(initial?: TokenSet) {
    this.#tokens = initial ? { ...initial } : undefined;
  }

  /** Returns a copy of the stored tokens. */
  get(): Promise<TokenSet | undefined> {
    return Promise.resolve(this.#tokens ? { ...this.#tokens } : undefined);
  }

  /** Stores a copy of `tokens`. */
  set(tokens: TokenSet): Promise<void> {
    this.#tokens = { ...tokens };
    return Promise.resolve();
  }

  /** Forgets the tokens. */
  clear(): Promise<void> {
    this.#tokens = undefined;
    return Promise.resolve();
  }

  /**
   * Runs `fn` while no other `lock` call on this store runs (first come, first served). The store lives in one
   * process, so an in-process lock is all it needs: several `TokenManager`s sharing it then refresh once, not once
   * each.
   */
  lock<T>(fn: () => Promise<T>): Promise<T> {
    return this.#lock(fn);
  }

  /** Never shows the tokens when logged. */
  toJSON(): { type: 'MemoryTokenStore'; hasTokens: boolean } {
    return { type: 'MemoryTokenStore', hasTokens: this.#tokens !== undefined };
  }
}

/**
 * A first-come-first-served mutex for one process: the returned function runs each `fn` after the previous one
 * settled. Not reentrant.
 *
 * @internal
 */
export function createInProcessLock(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(() => fn());
    // The next holder waits for this one to settle, whether it succeeded or failed.
    tail = run.catch(() => undefined);
    return run;
  };
}
