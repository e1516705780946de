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

/** The base URLs Tempo serves the v4 API from: global, Europe, Americas. The mock serves all three by default. */
export const TEMPO_BASE_URLS = ['https://api.tempo.io/4', 'https://api.eu.tempo.io/4', 'https://api.us.tempo.io/4'] as const;

/** The origin of Tempo's OAuth token and revoke endpoints. */
export const TEMPO_OAUTH_ORIGIN = 'https://api.tempo.io';

/**
 * Records in the in-memory database carry `self` links under this base; responses served under another base
 * (a region, a custom or standalone-server URL) get them rewritten, so one stored record serves every base.
 */
export const CANONICAL_BASE_URL = 'https://api.tempo.io/4';

/** The fixed "today" of the default data set when none is given and determinism matters (tests, docs). */
export const DEFAULT_FIXED_TODAY = '2026-03-18';

/** Largest page Tempo serves; a larger `limit` is a 400. */
export const MAX_PAGE_LIMIT = 5000;

/** Request bodies larger than this are refused with a 413 before any parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;
