import { MOCK_OAUTH_CLIENT } from './constants.js';
import { TempoMockError } from './errors.js';

/** An OAuth client the mock accepts. */
export interface MockOAuthClient {
  clientId: string;
  clientSecret: string;
  /** Registered redirect URIs (exact match). */
  redirectUris: string[];
  /**
   * Accept any loopback redirect URI (`http://127.0.0.1:<port>/…`, `http://localhost:<port>/…`, `http://[::1]:<port>/…`)
   * whatever its port, as RFC 8252 §7.3 asks for native apps. True for {@link MOCK_OAUTH_CLIENT}.
   */
  allowLoopbackRedirects?: boolean;
}

/** OAuth options of the mock. */
export interface MockOAuthOptions {
  /** Clients besides {@link MOCK_OAUTH_CLIENT} (which is always known). */
  clients?: MockOAuthClient[];
  /** Lifetime of issued access tokens (`expires_in`), default 3600 s. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of issued refresh tokens, default 60 days (Tempo's are long-lived). */
  refreshTokenTtlSeconds?: number;
  /** Lifetime of authorization codes, default 60 s. */
  codeTtlSeconds?: number;
  /** `scope` returned by the token endpoint (omitted when undefined). */
  scope?: string;
  /**
   * Most authorization codes kept at once (default 1000): past it the oldest are forgotten (a forgotten code is
   * `invalid_grant`, as an expired one). Codes also go once they expire, so a long-running mock keeps its memory.
   */
  maxPendingCodes?: number;
  /**
   * Most token grants kept at once, access and refresh each (default 10000): past it the oldest are forgotten
   * (a forgotten access token is a 401, a forgotten refresh token `invalid_grant`). Expired, revoked and rotated
   * tokens go first.
   */
  maxTokens?: number;
}

/** Counters and logs tests assert on (e.g. "exactly one refresh reached Tempo"). */
export interface MockOAuthStats {
  /** Authorization codes handed out by the authorize endpoints. */
  authorizations: number;
  /** Successful `authorization_code` exchanges. */
  codeExchanges: number;
  /** Successful `refresh_token` grants. */
  refreshes: number;
  /** Token endpoint calls answered with an error. */
  failedTokenRequests: number;
  /** Revocation calls (successful ones, including for unknown tokens, as RFC 7009 answers them). */
  revocations: number;
  /** Access tokens issued, oldest first: the newest `STATS_TOKEN_LIMIT` (1000) (counts above stay exact). */
  issuedAccessTokens: string[];
  /** Refresh tokens issued, oldest first: the newest `STATS_TOKEN_LIMIT` (1000). */
  issuedRefreshTokens: string[];
  /** Tokens revoked through the revoke endpoint or `revoke()`: the newest `STATS_TOKEN_LIMIT` (1000). */
  revokedTokens: string[];
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  accountId: string;
  expiresAt: number;
  used: boolean;
  /**
   * The grant family of the tokens issued from this code (set on exchange). Refreshing keeps the family, so a
   * replay revokes every token descended from the code, not only the first pair (RFC 6749 §4.1.2, §10.5).
   */
  family?: string;
}

interface AccessGrant {
  clientId: string;
  accountId: string;
  /** Grant family: every token issued from one authorization (code exchange or `issueTokens`) and its refreshes. */
  family: string;
  expiresAt: number;
  revoked: boolean;
}

interface RefreshGrant {
  clientId: string;
  accountId: string;
  /** Grant family, see {@link AccessGrant.family}. */
  family: string;
  expiresAt: number;
  /** False once rotated or revoked. */
  active: boolean;
  accessTokens: string[];
}

/** An OAuth 2.0 error (RFC 6749 §5.2): thrown by `mock.oauth.authorize()` and answered as JSON by the endpoints. */
export class OAuthError extends TempoMockError {
  static {
    this.prototype.name = 'OAuthError';
  }

  constructor(
    readonly status: number,
    readonly error:
      | 'invalid_request'
      | 'invalid_client'
      | 'invalid_grant'
      | 'unsupported_grant_type'
      | 'unauthorized_client'
      | 'unsupported_token_type',
    readonly description: string,
  ) {
    super(description);
  }
}

/** The successful token response body. */
export interface TokenResponse {
  /** The bearer token for API calls (`Authorization: Bearer …`). */
  access_token: string;
  /** Single-use token for the `refresh_token` grant; rotated on every refresh. */
  refresh_token: string;
  /** Always `Bearer`. */
  token_type: 'Bearer';
  /** Seconds until the access token expires (the `accessTokenTtlSeconds` option, default 3600). */
  expires_in: number;
  /** The `scope` option, when one is set. */
  scope?: string;
}

/** How many tokens each list of {@link MockOAuthStats} keeps (the newest). */
export const STATS_TOKEN_LIMIT = 1000;

/**
 * Tempo's OAuth 2.0 authorization server, in memory: single-use short-lived codes bound to client and redirect
 * URI, rotating refresh tokens (on a refresh both the previous refresh token and the previous access token stop
 * working: only the new pair is valid, as Tempo documents), revocation per RFC 7009. Everything it holds is
 * bounded: codes and tokens expire and are capped ({@link MockOAuthOptions.maxPendingCodes}, `maxTokens`).
 */
export class MockOAuthServer {
  /** Counters and token logs for assertions; zeroed by {@link MockOAuthServer.resetState} (and `mock.reset()`). */
  readonly stats: MockOAuthStats = emptyStats();
  private readonly clients = new Map<string, MockOAuthClient>();
  private readonly codes = new Map<string, CodeGrant>();
  private readonly accessTokens = new Map<string, AccessGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(
    private readonly options: MockOAuthOptions,
    private readonly now: () => number,
    private readonly consentingUser: () => string,
  ) {
    this.clients.set(MOCK_OAUTH_CLIENT.clientId, {
      clientId: MOCK_OAUTH_CLIENT.clientId,
      clientSecret: MOCK_OAUTH_CLIENT.clientSecret,
      redirectUris: [MOCK_OAUTH_CLIENT.redirectUri],
      allowLoopbackRedirects: true,
    });
    for (const client of options.clients ?? []) this.clients.set(client.clientId, client);
    this.resetState();
  }

  /** Lifetime of access tokens in seconds. */
  get accessTokenTtlSeconds(): number {
    return this.options.accessTokenTtlSeconds ?? 3600;
  }

  /**
   * Forgets every code and token and zeroes the stats. Clients stay: the built-in one, those from the options
   * and those added with {@link MockOAuthServer.addClient} (they are set-up, like the options, not state a test
   * leaves behind).
   */
  resetState(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    Object.assign(this.stats, emptyStats());
  }

  /** Registers another client at run time; it survives {@link MockOAuthServer.resetState} (and `mock.reset()`). */
  addClient(client: MockOAuthClient): void {
    this.clients.set(client.clientId, client);
  }

  /**
   * The authorize step with a consenting user: checks client and redirect URI and returns the URL to
   * redirect to (`redirect_uri?code=…&state=…`). Throws a {@link TempoMockError} (`OAuthError`) when the request must not redirect.
   */
  authorize(params: URLSearchParams): string {
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri');
    if (!clientId) throw new OAuthError(400, 'invalid_request', 'client_id is required');
    const client = this.clients.get(clientId);
    if (!client) throw new OAuthError(400, 'invalid_client', 'Unknown client_id');
    if (!redirectUri) throw new OAuthError(400, 'invalid_request', 'redirect_uri is required');
    if (!this.redirectAllowed(client, redirectUri))
      throw new OAuthError(400, 'invalid_request', 'redirect_uri is not registered for this client');
    const code = randomToken('code');
    this.pruneCodes();
    this.codes.set(code, {
      clientId,
      redirectUri,
      accountId: this.consentingUser(),
      expiresAt: this.now() + (this.options.codeTtlSeconds ?? 60) * 1000,
      used: false,
    });
    this.stats.authorizations++;
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return target.toString();
  }

  /** The token endpoint (`POST /oauth/token/`), given the decoded form and the Authorization header. */
  token(form: URLSearchParams, authorization: string | null): TokenResponse {
    try {
      const grantType = form.get('grant_type');
      if (!grantType) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
      if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
        throw new OAuthError(400, 'unsupported_grant_type', `grant_type '${grantType}' is not supported`);
      }
      const client = this.authenticateClient(form, authorization);
      const response =
        grantType === 'authorization_code' ? this.exchangeCode(client, form) : this.refresh(client, form);
      return response;
    } catch (error) {
      this.stats.failedTokenRequests++;
      throw error;
    }
  }

  /** The revoke endpoint (`POST /oauth/revoke_token/`). Unknown tokens are not an error (RFC 7009 §2.2). */
  revokeRequest(form: URLSearchParams, authorization: string | null): void {
    const client = this.authenticateClient(form, authorization);
    const token = form.get('token');
    if (!token) throw new OAuthError(400, 'invalid_request', 'token is required');
    const hint = form.get('token_type_hint');
    if (hint !== null && hint !== 'access_token' && hint !== 'refresh_token') {
      throw new OAuthError(400, 'unsupported_token_type', `token_type_hint '${hint}' is not supported`);
    }
    const owner = this.accessTokens.get(token)?.clientId ?? this.refreshTokens.get(token)?.clientId;
    if (owner !== undefined && owner !== client.clientId) return; // another client's token: silently ignored
    this.revoke(token);
    this.stats.revocations++;
  }

  /** Revokes a token directly (test helper); revoking a refresh token also revokes its access tokens. */
  revoke(token: string): void {
    const access = this.accessTokens.get(token);
    if (access) access.revoked = true;
    const refresh = this.refreshTokens.get(token);
    if (refresh) {
      refresh.active = false;
      for (const t of refresh.accessTokens) {
        const grant = this.accessTokens.get(t);
        if (grant) grant.revoked = true;
      }
    }
    if (access || refresh) keepNewest(this.stats.revokedTokens, token);
  }

  /** Makes an access token expire now (test helper for the 401-then-refresh path). */
  expire(token: string): void {
    const access = this.accessTokens.get(token);
    if (access) access.expiresAt = this.now() - 1;
  }

  /** Issues a token pair without the browser dance (test helper). */
  issueTokens(options: { clientId?: string; accountId?: string } = {}): TokenResponse {
    const clientId = options.clientId ?? MOCK_OAUTH_CLIENT.clientId;
    return this.issue(clientId, options.accountId ?? this.consentingUser());
  }

  /** The accountId an access token acts for, or undefined when it is unknown, expired or revoked. */
  userOf(accessToken: string): string | undefined {
    const grant = this.accessTokens.get(accessToken);
    if (!grant || grant.revoked || grant.expiresAt <= this.now()) return undefined;
    return grant.accountId;
  }

  private authenticateClient(form: URLSearchParams, authorization: string | null): MockOAuthClient {
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    if (authorization?.toLowerCase().startsWith('basic ')) {
      try {
        const decoded = atob(authorization.slice(6).trim());
        const colon = decoded.indexOf(':');
        clientId = decodeURIComponent(decoded.slice(0, colon));
        clientSecret = decodeURIComponent(decoded.slice(colon + 1));
      } catch {
        throw new OAuthError(401, 'invalid_client', 'Malformed Basic credentials');
      }
    }
    if (!clientId) throw new OAuthError(401, 'invalid_client', 'client_id is required');
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret)
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed');
    return client;
  }

  private exchangeCode(client: MockOAuthClient, form: URLSearchParams): TokenResponse {
    const code = form.get('code');
    const redirectUri = form.get('redirect_uri');
    if (!code) throw new OAuthError(400, 'invalid_request', 'code is required');
    if (!redirectUri) throw new OAuthError(400, 'invalid_request', 'redirect_uri is required');
    const grant = this.codes.get(code);
    if (!grant) throw new OAuthError(400, 'invalid_grant', 'The authorization code is unknown');
    if (grant.used) {
      // A replayed code is a sign of theft: everything issued from it dies (RFC 6749 §4.1.2), including the
      // tokens obtained by refreshing, which share the code's family.
      if (grant.family !== undefined) this.revokeFamily(grant.family);
      throw new OAuthError(400, 'invalid_grant', 'The authorization code was already used');
    }
    if (grant.expiresAt <= this.now()) throw new OAuthError(400, 'invalid_grant', 'The authorization code has expired');
    if (grant.clientId !== client.clientId)
      throw new OAuthError(400, 'invalid_grant', 'The authorization code was issued to another client');
    if (grant.redirectUri !== redirectUri)
      throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    grant.used = true;
    grant.family = randomToken('family');
    const response = this.issue(client.clientId, grant.accountId, grant.family);
    this.stats.codeExchanges++;
    return response;
  }

  private refresh(client: MockOAuthClient, form: URLSearchParams): TokenResponse {
    const token = form.get('refresh_token');
    if (!token) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.clientId !== client.clientId)
      throw new OAuthError(400, 'invalid_grant', 'The refresh token is unknown');
    if (!grant.active) throw new OAuthError(400, 'invalid_grant', 'The refresh token was already used or revoked');
    if (grant.expiresAt <= this.now()) throw new OAuthError(400, 'invalid_grant', 'The refresh token has expired');
    grant.active = false; // rotation: a refresh token works once …
    // … and the access tokens issued with it end too: after a refresh only the new pair is valid.
    for (const t of grant.accessTokens) {
      const access = this.accessTokens.get(t);
      if (access) access.revoked = true;
    }
    const response = this.issue(client.clientId, grant.accountId, grant.family); // the new pair stays in the family
    this.stats.refreshes++;
    return response;
  }

  /** Revokes every live token of a grant family (a replayed code's whole lineage). */
  private revokeFamily(family: string): void {
    for (const [token, grant] of this.accessTokens) if (grant.family === family && !grant.revoked) this.revoke(token);
    for (const [token, grant] of this.refreshTokens) if (grant.family === family && grant.active) this.revoke(token);
  }

  /** Drops expired codes, then the oldest past the cap (Map order is insertion order). */
  private pruneCodes(): void {
    const now = this.now();
    const max = this.options.maxPendingCodes ?? 1000;
    for (const [code, grant] of this.codes) {
      if (grant.expiresAt <= now || this.codes.size >= max) this.codes.delete(code);
      else break; // codes are kept in issue order with one lifetime: the rest are younger
    }
  }

  /** Drops dead grants (expired, revoked, rotated), then the oldest live ones past the cap. */
  private pruneTokens(): void {
    const max = this.options.maxTokens ?? 10_000;
    if (this.accessTokens.size < max && this.refreshTokens.size < max) return;
    const now = this.now();
    for (const [token, grant] of this.accessTokens)
      if (grant.revoked || grant.expiresAt <= now) this.accessTokens.delete(token);
    for (const [token, grant] of this.refreshTokens)
      if (!grant.active || grant.expiresAt <= now) this.refreshTokens.delete(token);
    for (const token of this.accessTokens.keys()) {
      if (this.accessTokens.size < max) break;
      this.accessTokens.delete(token);
    }
    for (const token of this.refreshTokens.keys()) {
      if (this.refreshTokens.size < max) break;
      this.refreshTokens.delete(token);
    }
  }

  private issue(clientId: string, accountId: string, family: string = randomToken('family')): TokenResponse {
    this.pruneTokens();
    const accessToken = randomToken('at');
    const refreshToken = randomToken('rt');
    const ttl = this.accessTokenTtlSeconds;
    this.accessTokens.set(accessToken, {
      clientId,
      accountId,
      family,
      expiresAt: this.now() + ttl * 1000,
      revoked: false,
    });
    this.refreshTokens.set(refreshToken, {
      clientId,
      accountId,
      family,
      expiresAt: this.now() + (this.options.refreshTokenTtlSeconds ?? 60 * 86400) * 1000,
      active: true,
      accessTokens: [accessToken],
    });
    keepNewest(this.stats.issuedAccessTokens, accessToken);
    keepNewest(this.stats.issuedRefreshTokens, refreshToken);
    const response: TokenResponse = {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: ttl,
    };
    if (this.options.scope !== undefined) response.scope = this.options.scope;
    return response;
  }

  private redirectAllowed(client: MockOAuthClient, redirectUri: string): boolean {
    if (client.redirectUris.includes(redirectUri)) return true;
    if (!client.allowLoopbackRedirects) return false;
    try {
      const url = new URL(redirectUri);
      return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.hash === '';
    } catch {
      return false;
    }
  }
}

function keepNewest(list: string[], token: string): void {
  list.push(token);
  if (list.length > STATS_TOKEN_LIMIT) list.splice(0, list.length - STATS_TOKEN_LIMIT);
}

function emptyStats(): MockOAuthStats {
  return {
    authorizations: 0,
    codeExchanges: 0,
    refreshes: 0,
    failedTokenRequests: 0,
    revocations: 0,
    issuedAccessTokens: [],
    issuedRefreshTokens: [],
    revokedTokens: [],
  };
}

/** An unguessable token (Web Crypto: available in Node ≥ 20, browsers, Deno, Bun). */
function randomToken(prefix: string): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
