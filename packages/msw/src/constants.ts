import { TEMPO_BASE_URLS, TEMPO_OAUTH_URLS } from '@tempo-sdk/types';

/**
 * A bearer token every mock accepts, for tests that do not care about OAuth.
 * Send it as `Authorization: Bearer tempo-mock-token`.
 */
export const MOCK_API_TOKEN = 'tempo-mock-token';

/**
 * The OAuth client the mock knows by default. Loopback redirect URIs
 * (`http://127.0.0.1:<any port>/…`, `http://localhost:<any port>/…`) are accepted for it whatever the port,
 * as RFC 8252 §7.3 asks of native-app clients.
 */
export const MOCK_OAUTH_CLIENT = {
  clientId: 'tempo-mock-client',
  clientSecret: 'tempo-mock-secret',
  redirectUri: 'http://127.0.0.1:8976/callback',
} as const;

/** The base URLs the mock serves by default: every region's (the spec's servers, from `@tempo-sdk/types`). */
export const DEFAULT_BASE_URLS: readonly string[] = Object.values(TEMPO_BASE_URLS);

/** The origin of Tempo's OAuth token and revoke endpoints (from the spec's OAuth flow). */
export const TEMPO_OAUTH_ORIGIN = new URL(TEMPO_OAUTH_URLS.token).origin;

/** The path of an endpoint URL, without a trailing slash (the mock accepts the path with or without one). */
const pathOf = (url: string): string => new URL(url).pathname.replace(/\/+$/, '');

/** The OAuth endpoints' paths, which the mock serves under every OAuth origin (the spec's OAuth flow). */
export const OAUTH_PATHS = Object.freeze({
  token: pathOf(TEMPO_OAUTH_URLS.token),
  revoke: pathOf(TEMPO_OAUTH_URLS.revocation),
  authorize: pathOf(TEMPO_OAUTH_URLS.authorization),
});

/**
 * Records in the in-memory database carry `self` links under this base; responses served under another base
 * (a region, a custom or standalone-server URL) get them rewritten, so one stored record serves every base.
 */
export const CANONICAL_BASE_URL = TEMPO_BASE_URLS.global;

/** Request bodies larger than this are refused with a 413 before any parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The longest delay `setTimeout` honours (2^31−1 ms, about 24.8 days); longer ones fire at once with a warning. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
