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
   * When the answer carrying this set arrived, in ms since epoch on the local clock of the process that received
   * it. Only its distance to `expiresAt` (the token's lifetime) is used, so it stays meaningful across machines.
   */
  issuedAt?: number;
}

/**
 * Computes when a token expires on the local clock, immune to client clock skew.
 *
 * The server's expiry is `Date header + expires_in`. That instant is mapped onto the local clock with the offset
 * between the local receive time and the `Date` header: `local = serverExpiry + (receivedAt - serverDate)`.
 * A token manager then compares `expiresAt` with the local clock only, so a laptop whose clock is 10 minutes
 * off neither uses expired tokens nor refreshes too early. The arithmetic reduces to `receivedAt + expires_in`;
 * what matters is that no server timestamp is ever compared with the local clock directly.
 *
 * When the `Date` header is missing (browsers hide it on cross-origin answers unless exposed) or unparsable,
 * the answer's receive time stands in for it, which gives the same result.
 *
 * @param expiresInSeconds - `expires_in` from the token answer.
 * @param dateHeader - the answer's `Date` header (HTTP-date), if any.
 * @param receivedAt - local time (ms since epoch) when the answer arrived.
 * @returns expiry in ms since epoch on the local clock.
 */
export function computeExpiresAt(expiresInSeconds: number, dateHeader: string | null | undefined, receivedAt: number): number {
  const serverDate = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  const serverNow = Number.isFinite(serverDate) ? serverDate : receivedAt;
  const serverExpiresAt = serverNow + expiresInSeconds * 1000;
  const localMinusServer = receivedAt - serverNow;
  return serverExpiresAt + localMinusServer;
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
