/**
 * The bearer token: a fixed string, or a provider the client asks before every attempt (how @tempo-sdk/oauth
 * plugs in). After a 401 the client asks the provider once with `forceRefresh: true`; concurrent 401s share that one
 * refresh, because Tempo rotates refresh tokens and a second refresh would use an already-invalidated one.
 */
import { TempoUsageError } from './errors.js';
import type { Redactor } from './redact.js';

/** What the client tells a token provider. */
export interface TokenContext {
  /** `true` after Tempo answered 401 to the current token: return a fresh one, not a cached one. */
  forceRefresh: boolean;
  /**
   * With `forceRefresh`: the token Tempo rejected, so a provider can tell whether it already replaced it (and then
   * return the new one without refreshing again). @tempo-sdk/oauth's `TokenManager` uses it.
   */
  failedToken?: string;
}

/**
 * Returns the access token to send; may be async (e.g. refresh an OAuth token when it is about to expire).
 * What it throws reaches the caller unchanged (so your own error types, such as @tempo-sdk/oauth's
 * "authorize again" error, can be caught as they are): keep secrets out of its messages.
 */
export type TokenProvider = (context: TokenContext) => string | Promise<string>;

/** A Tempo API token, or a {@link TokenProvider}. */
export type TokenOption = string | TokenProvider;

/** The client's view of its credentials. */
export interface Auth {
  /** Whether a 401 can be answered by asking for a fresh token. */
  readonly canRefresh: boolean;
  /** The token when it is a fixed string (read synchronously on the hot path), otherwise `undefined`. */
  readonly fixed: string | undefined;
  /** The token for the next attempt. */
  token(): Promise<string>;
  /** A fresh token after `rejected` got a 401; at most one provider call at a time. */
  refresh(rejected: string): Promise<string>;
}

function checked(token: unknown, redactor: Redactor): string {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new TempoUsageError('The token provider returned no token (expected a non-empty string)');
  }
  redactor.add(token);
  return token;
}

/** {@link Auth} over the `token` option; every token it hands out is registered with `redactor`. */
export function createAuth(option: TokenOption, redactor: Redactor): Auth {
  if (typeof option === 'string') {
    if (option.trim() === '') throw new TempoUsageError('`token` is empty: pass a Tempo API token or a token provider');
    redactor.add(option);
    const token = Promise.resolve(option);
    return { canRefresh: false, fixed: option, token: () => token, refresh: () => token };
  }
  if (typeof option !== 'function') {
    throw new TempoUsageError('`token` is required: a Tempo API token (string) or a token provider function');
  }
  const provider = option;
  let latest: string | undefined;
  let refreshing: Promise<string> | undefined;
  /** Bumped by every forced refresh, so that a `token()` call that began before one cannot undo it. */
  let refreshes = 0;
  return {
    canRefresh: true,
    fixed: undefined,
    async token() {
      if (refreshing) return refreshing;
      const before = refreshes;
      const token = checked(await provider({ forceRefresh: false }), redactor);
      // A refresh that finished meanwhile knows better than this (possibly cached, possibly rejected) token.
      if (refreshes === before) latest = token;
      return token;
    },
    refresh(rejected) {
      if (refreshing) return refreshing;
      // Another request already replaced the rejected token: use the new one instead of refreshing again.
      if (latest !== undefined && latest !== rejected) return Promise.resolve(latest);
      refreshing = (async () => {
        try {
          latest = checked(await provider({ forceRefresh: true, failedToken: rejected }), redactor);
          refreshes++;
          return latest;
        } finally {
          refreshing = undefined;
        }
      })();
      return refreshing;
    },
  };
}
