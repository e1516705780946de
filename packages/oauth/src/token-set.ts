/**
 * The token set and the expiry arithmetic.
 *
 * @module
 */

/**
 * The tokens Tempo issued for one user. Every field is a plain JSON value, so a set can be stored as is.
 * `accessToken` and `refreshToken` are secrets: never log a TokenSet.
 */
export interface TokenSet {
  /** Bearer token for the Tempo API. */
  accessToken: string;
  /** Single-use refresh token: every refresh returns a new one and invalidates this one. */
  refreshToken: string;
  /** When the access token expires, in milliseconds since the epoch, on the LOCAL clock (see {@link computeExpiresAt}). */
  expiresAt: number;
  /** Token type, `Bearer` for Tempo. */
  tokenType: string;
  /** Granted scope, if Tempo reported one. */
  scope?: string;
  /**
   * When the request that obtained this set was sent, in ms since epoch on the local clock of the process that
   * sent it. Only its distance to `expiresAt` (the token's lifetime) is used, so it stays meaningful across
   * machines.
   */
  issuedAt?: number;
}

/**
 * The longest `expires_in` taken at face value: 365 days, in seconds. A larger value (even `1e306`, whose expiry
 * would overflow to `Infinity`) is clamped to it; the token is then simply refreshed earlier than it needs to be.
 */
export const MAX_EXPIRES_IN_SECONDS = 365 * 24 * 3600;

/**
 * Computes when a token expires, on the local clock.
 *
 * `expires_in` is relative ("valid for N seconds from now"), so it is measured on the local clock from the moment
 * just before the request was sent: `sentAt + expires_in`. No server timestamp is involved, which is what makes a
 * client whose clock is off by minutes or hours still refresh at the right moment. Starting from the send time
 * (rather than when the answer arrived) is conservative: the server started the token's lifetime somewhere between
 * the two, so the local expiry can only be early, by at most the round trip, never late.
 *
 * The server's `Date` header is not used: mapped onto the local clock it cancels out to the same result, and
 * browsers hide it on cross-origin answers anyway.
 *
 * @param expiresInSeconds - `expires_in` from the token answer; clamped to [0, {@link MAX_EXPIRES_IN_SECONDS}]
 *   (not a finite number: 0).
 * @param sentAt - local time (ms since epoch) just before the request was sent.
 * @returns expiry in ms since epoch on the local clock.
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.1 | RFC 6749 §5.1} (`expires_in`)
 */
export function computeExpiresAt(expiresInSeconds: number, sentAt: number): number {
  // Clamped so that the result is always a finite number a store accepts, whatever the network sent.
  const seconds = Number.isFinite(expiresInSeconds)
    ? Math.min(Math.max(expiresInSeconds, 0), MAX_EXPIRES_IN_SECONDS)
    : 0;
  return sentAt + seconds * 1000;
}

/**
 * Checks that a value read from storage is a usable {@link TokenSet}. Returns it (without unknown fields) or
 * `undefined`.
 */
export function toTokenSet(value: unknown): TokenSet | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.accessToken !== 'string' || v.accessToken === '') return undefined;
  if (typeof v.refreshToken !== 'string' || v.refreshToken === '') return undefined;
  if (typeof v.expiresAt !== 'number' || !Number.isFinite(v.expiresAt)) return undefined;
  if (typeof v.tokenType !== 'string') return undefined;
  if (v.scope !== undefined && typeof v.scope !== 'string') return undefined;
  if (v.issuedAt !== undefined && (typeof v.issuedAt !== 'number' || !Number.isFinite(v.issuedAt))) return undefined;
  const set: TokenSet = {
    accessToken: v.accessToken,
    refreshToken: v.refreshToken,
    expiresAt: v.expiresAt,
    tokenType: v.tokenType,
  };
  if (typeof v.scope === 'string') set.scope = v.scope;
  if (typeof v.issuedAt === 'number') set.issuedAt = v.issuedAt;
  return set;
}

/** Whether two token sets carry the same tokens. */
export function sameTokens(a: TokenSet | undefined, b: TokenSet | undefined): boolean {
  return a?.accessToken === b?.accessToken && a?.refreshToken === b?.refreshToken;
}
