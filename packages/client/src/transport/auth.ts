/**
 * Credentials: a bearer token (fixed, or a provider asked before every attempt, as @tempo-sdk/oauth plugs in), or
 * HTTP Basic (Jira's email and API token). After a 401 a provider is asked once with `forceRefresh: true`;
 * concurrent 401s share that one refresh, because Tempo rotates refresh tokens and a second refresh would use an
 * already-invalidated one.
 */
import type { Redactor } from '../redact.js';

/** What the client tells a token provider. */
export interface TokenContext {
  /** `true` after the server answered 401 to the current token: return a fresh one, not a cached one. */
  forceRefresh: boolean;
  /**
   * With `forceRefresh`: the token the server rejected, so a provider can tell whether it already replaced it (and
   * then return the new one without refreshing again). @tempo-sdk/oauth's `TokenManager` uses it.
   */
  failedToken?: string;
}

/**
 * Returns the access token to send; may be async (e.g. refresh an OAuth token when it is about to expire).
 * What it throws reaches the caller unchanged (so your own error types, such as @tempo-sdk/oauth's
 * "authorize again" error, can be caught as they are): keep secrets out of its messages.
 */
export type TokenProvider = (context: TokenContext) => string | Promise<string>;

/** A bearer token, or a {@link TokenProvider}. */
export type TokenOption = string | TokenProvider;

/** How a transport authenticates: a bearer token or provider, or HTTP Basic (RFC 7617). */
export type AuthOption = { bearer: TokenOption } | { basic: { username: string; password: string } };

/** The transport's view of its credentials, as `Authorization` header values. */
export interface Auth {
  /** Whether a 401 can be answered by asking for a fresh token. */
  readonly canRefresh: boolean;
  /** The header value when it never changes (read synchronously on the hot path), otherwise `undefined`. */
  readonly fixed: string | undefined;
  /** The `Authorization` value for the next attempt. */
  authorization(): Promise<string>;
  /** A fresh value after `rejected` got a 401; at most one provider call at a time. */
  refresh(rejected: string): Promise<string>;
}

/** Printable Latin-1: what fetch accepts in a header value (anything else makes every attempt fail). */
const HEADER_SAFE = /^[\x21-\x7e\x80-\xff](?:[\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/;

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * {@link Auth} over `option`; every secret it handles is registered with `redactor`. `usage` builds the service's
 * usage error (a token that cannot be sent is the caller's mistake, found before sending and never retried).
 */
export function createAuth(option: AuthOption, redactor: Redactor, usage: (message: string) => Error): Auth {
  const checked = (token: unknown, what: string): string => {
    if (typeof token !== 'string' || token.trim() === '') throw usage(`${what} is empty: expected a non-empty string`);
    redactor.add(token);
    if (!HEADER_SAFE.test(token)) {
      throw usage(`${what} cannot be sent in an HTTP header: it must be printable Latin-1 without surrounding spaces`);
    }
    return token;
  };
  if (option && typeof option === 'object' && 'basic' in option && option.basic) {
    const { username, password } = option.basic;
    if (typeof username !== 'string' || username === '' || username.includes(':')) {
      throw usage('`basic.username` must be a non-empty string without ":"');
    }
    checked(password, '`basic.password`');
    const encoded = base64(`${username}:${password}`);
    redactor.add(encoded);
    const header = `Basic ${encoded}`;
    const value = Promise.resolve(header);
    return { canRefresh: false, fixed: header, authorization: () => value, refresh: () => value };
  }
  const bearer = option && typeof option === 'object' && 'bearer' in option ? option.bearer : undefined;
  if (typeof bearer === 'string') {
    const header = `Bearer ${checked(bearer, '`token`')}`;
    const value = Promise.resolve(header);
    return { canRefresh: false, fixed: header, authorization: () => value, refresh: () => value };
  }
  if (typeof bearer !== 'function') {
    throw usage('`token` is required: a token (string) or a token provider function');
  }
  const provider = bearer;
  const fromProvider = (token: unknown) => checked(token, 'The token provider returned a token that');
  let latest: string | undefined;
  let refreshing: Promise<string> | undefined;
  /** Bumped by every forced refresh, so that a call that began before one cannot undo it. */
  let refreshes = 0;
  return {
    canRefresh: true,
    fixed: undefined,
    async authorization() {
      if (refreshing) return `Bearer ${await refreshing}`;
      const before = refreshes;
      const token = fromProvider(await provider({ forceRefresh: false }));
      // A refresh that finished meanwhile knows better than this (possibly cached, possibly rejected) token.
      if (refreshes === before) latest = token;
      return `Bearer ${token}`;
    },
    async refresh(rejectedHeader) {
      const rejected = rejectedHeader.slice('Bearer '.length);
      if (!refreshing) {
        // Another request already replaced the rejected token: use the new one instead of refreshing again.
        if (latest !== undefined && latest !== rejected) return `Bearer ${latest}`;
        refreshing = (async () => {
          try {
            latest = fromProvider(await provider({ forceRefresh: true, failedToken: rejected }));
            refreshes++;
            return latest;
          } finally {
            refreshing = undefined;
          }
        })();
      }
      return `Bearer ${await refreshing}`;
    },
  };
}
