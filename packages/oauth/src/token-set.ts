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
 * @param expiresInSeconds - `expires_in` from the token answer.
 * @param sentAt - local time (ms since epoch) just before the request was sent.
 * @returns expiry in ms since epoch on the local clock.
 */
export function computeExpiresAt(expiresInSeconds: number, sentAt: number): number {
  return sentAt + expiresInSeconds * 1000;
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
