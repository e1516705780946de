// The token and revoke endpoints, against @tempo-sdk/msw's OAuth server.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  InvalidClientError,
  InvalidGrantError,
  OAuthConnectionError,
  OAuthResponseError,
  OAuthTimeoutError,
  buildAuthorizeUrl,
  exchangeCode,
  refreshToken,
  revokeToken,
  verifyCallback,
  OAuthUsageError,
  MAX_EXPIRES_IN_SECONDS,
  toTokenSet,
} from '../src/index.js';
import { MOCK_OAUTH_CLIENT, authorizeCode, client, useTempoMockServer } from './support/mock.js';

const LOCAL_NOW = Date.UTC(2026, 2, 18, 9, 0, 0);
const SERVER_SKEW_MS = 2 * 3600_000; // Tempo's clock is two hours ahead of ours
const serverNow = LOCAL_NOW + SERVER_SKEW_MS;
const { mock, server } = useTempoMockServer({
  clock: { now: () => serverNow },
  oauth: { accessTokenTtlSeconds: 3600, scope: 'read write' },
});
const redirectUri = MOCK_OAUTH_CLIENT.redirectUri;

async function freshCode(): Promise<string> {
  const request = buildAuthorizeUrl({ clientId: client.clientId, redirectUri, jiraSite: 'tempo-mock' });
  const { location } = await authorizeCode(request.url);
  return verifyCallback(location, { expectedState: request.state });
}

async function apiStatus(accessToken: string): Promise<number> {
  const response = await fetch('https://api.tempo.io/4/worklogs', {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}

describe('exchangeCode', () => {
  it('exchanges a code from the authorize redirect for a token set the API accepts', async () => {
    const tokens = await exchangeCode({
      ...client,
      redirectUri,
      code: await freshCode(),
      clock: { now: () => LOCAL_NOW },
    });
    expect(tokens.accessToken).toBe(mock.oauth.stats.issuedAccessTokens[0]);
    expect(tokens.refreshToken).toBe(mock.oauth.stats.issuedRefreshTokens[0]);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.scope).toBe('read write');
    // Tempo's Date header is two hours ahead, yet the token is valid one hour on OUR clock.
    expect(tokens.expiresAt).toBe(LOCAL_NOW + 3600_000);
    expect(tokens.issuedAt).toBe(LOCAL_NOW);
    expect(await apiStatus(tokens.accessToken)).toBe(200);
    expect(mock.oauth.stats.codeExchanges).toBe(1);
  });

  it('accepts a code only once', async () => {
    const code = await freshCode();
    const first = await exchangeCode({ ...client, redirectUri, code });
    const replay = await exchangeCode({ ...client, redirectUri, code }).catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(InvalidGrantError);
    expect((replay as InvalidGrantError).status).toBe(400);
    expect(mock.oauth.stats.codeExchanges).toBe(1);
    // A replayed code looks like theft: Tempo-like servers revoke what the code produced.
    expect(await apiStatus(first.accessToken)).toBe(401);
  });

  it('rejects a redirect URI that differs from the authorize request', async () => {
    const error = await exchangeCode({
      ...client,
      redirectUri: 'http://127.0.0.1:1/other',
      code: await freshCode(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidGrantError);
  });

  it('rejects a wrong client secret with InvalidClientError', async () => {
    const error = await exchangeCode({
      ...client,
      clientSecret: 'wrong-secret-123',
      redirectUri,
      code: await freshCode(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidClientError);
    expect((error as InvalidClientError).status).toBe(401);
    expect(String(error) + JSON.stringify(error)).not.toContain('wrong-secret-123');
  });

  it('validates its input before calling Tempo', async () => {
    await expect(exchangeCode({ ...client, redirectUri, code: '' })).rejects.toThrow(OAuthUsageError);
    await expect(exchangeCode({ ...client, clientSecret: '', redirectUri, code: 'x' })).rejects.toThrow(/clientSecret/);
    expect(mock.oauth.stats.failedTokenRequests).toBe(0);
  });
});

describe('refreshToken', () => {
  it('rotates: the new set works and the old refresh token is rejected after use', async () => {
    const first = await exchangeCode({ ...client, redirectUri, code: await freshCode() });
    const second = await refreshToken({ ...client, refreshToken: first.refreshToken, clock: { now: () => LOCAL_NOW } });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.expiresAt).toBe(LOCAL_NOW + 3600_000);
    expect(await apiStatus(second.accessToken)).toBe(200);
    expect(mock.oauth.stats.refreshes).toBe(1);

    const reuse = await refreshToken({ ...client, refreshToken: first.refreshToken }).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(InvalidGrantError);
    expect((reuse as InvalidGrantError).error).toBe('invalid_grant');
    expect(mock.oauth.stats.refreshes).toBe(1);
    // The set from the rotation still refreshes.
    await expect(refreshToken({ ...client, refreshToken: second.refreshToken })).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
  });

  it('rejects an unknown refresh token', async () => {
    await expect(refreshToken({ ...client, refreshToken: 'rt_made_up' })).rejects.toBeInstanceOf(InvalidGrantError);
  });

  it('counts the lifetime from the local time the request was sent, not when the answer arrived', async () => {
    // The local clock reads LOCAL_NOW when the request leaves and 800 ms later when the answer is read.
    const clock = [LOCAL_NOW, LOCAL_NOW + 800];
    const next = await refreshToken({
      ...client,
      refreshToken: mock.oauth.issueTokens().refresh_token,
      clock: { now: () => clock.shift() ?? LOCAL_NOW + 800 },
    });
    expect(next.expiresAt).toBe(LOCAL_NOW + 3600_000);
    expect(next.issuedAt).toBe(LOCAL_NOW);
  });

  it.each([
    { field: 'expires_in', value: '3599.5', expiresIn: 3599, warned: false },
    { field: 'expires_in', value: 1799.9, expiresIn: 1799, warned: false },
    { field: 'expires_in', value: -5, expiresIn: 3600, warned: true },
    { field: 'expires_in', value: 'soon', expiresIn: 3600, warned: true },
    // Out of range: clamped to a year (a token refreshed early is harmless), never an expiry of Infinity.
    { field: 'expires_in', value: 1e306, expiresIn: MAX_EXPIRES_IN_SECONDS, warned: true },
    { field: 'expires_in', value: Number.MAX_VALUE, expiresIn: MAX_EXPIRES_IN_SECONDS, warned: true },
    { field: 'expires_in', value: 1e20, expiresIn: MAX_EXPIRES_IN_SECONDS, warned: true },
    { field: 'expires_in', value: '1e306', expiresIn: MAX_EXPIRES_IN_SECONDS, warned: true },
    { field: 'expires_in', value: MAX_EXPIRES_IN_SECONDS + 1, expiresIn: MAX_EXPIRES_IN_SECONDS, warned: true },
    { field: 'expires_in', value: '1e400', expiresIn: 3600, warned: true },
    { field: 'expires_in', value: '-Infinity', expiresIn: 3600, warned: true },
    { field: 'expires_in', value: 'NaN', expiresIn: 3600, warned: true },
    { field: 'expires_in', value: -1e306, expiresIn: 3600, warned: true },
    { field: 'expires_in', value: true, expiresIn: 3600, warned: true },
    { field: 'expires_in', value: [60], expiresIn: 3600, warned: true },
    { field: 'expires_in', value: 0, expiresIn: 0, warned: false },
    { field: 'token_type', value: '   ', expiresIn: 3600, warned: true },
    { field: 'token_type', value: 42, expiresIn: 3600, warned: true },
  ])(
    'keeps a rotated set whose $field is $value (Tempo already rotated: never throw)',
    async ({ field, value, expiresIn, warned }) => {
      // The mock's real refresh (so the old token is spent), answered with one odd field.
      server.use(
        http.post('https://api.tempo.io/oauth/token/', async ({ request }) => {
          const answer = mock.oauth.token(new URLSearchParams(await request.text()), null);
          return HttpResponse.json({ ...answer, [field]: value });
        }),
      );
      const warnings: string[] = [];
      const first = mock.oauth.issueTokens();
      const next = await refreshToken({
        ...client,
        refreshToken: first.refresh_token,
        clock: { now: () => LOCAL_NOW },
        logger: { warn: (m) => warnings.push(m) },
      });
      expect(next.refreshToken).toBe(mock.oauth.stats.issuedRefreshTokens.at(-1));
      expect(next.tokenType).toBe('Bearer');
      expect(next.expiresAt).toBe(LOCAL_NOW + expiresIn * 1000);
      expect(toTokenSet(next)).toEqual(next); // storable as is
      expect(warnings).toHaveLength(warned ? 1 : 0);
      expect(warnings.join()).not.toContain(next.refreshToken);
    },
  );

  it('sends the optional redirect_uri and still rotates', async () => {
    const first = mock.oauth.issueTokens();
    const next = await refreshToken({ ...client, redirectUri, refreshToken: first.refresh_token });
    expect(next.refreshToken).toBe(mock.oauth.stats.issuedRefreshTokens.at(-1));
  });
});

describe('revokeToken', () => {
  it('revokes a refresh token: it can no longer refresh', async () => {
    const issued = mock.oauth.issueTokens();
    await revokeToken({ ...client, token: issued.refresh_token, tokenTypeHint: 'refresh_token' });
    expect(mock.oauth.stats.revokedTokens).toContain(issued.refresh_token);
    await expect(refreshToken({ ...client, refreshToken: issued.refresh_token })).rejects.toBeInstanceOf(
      InvalidGrantError,
    );
  });

  it('revokes an access token: the API answers 401', async () => {
    const issued = mock.oauth.issueTokens();
    expect(await apiStatus(issued.access_token)).toBe(200);
    await revokeToken({ ...client, token: issued.access_token, tokenTypeHint: 'access_token' });
    expect(await apiStatus(issued.access_token)).toBe(401);
  });

  it('succeeds for an unknown token (RFC 7009) and fails for bad credentials', async () => {
    await expect(revokeToken({ ...client, token: 'never-issued' })).resolves.toBeUndefined();
    await expect(revokeToken({ ...client, clientSecret: 'nope-nope', token: 'x' })).rejects.toBeInstanceOf(
      InvalidClientError,
    );
    // @ts-expect-error only the two RFC 7009 hints exist
    await expect(revokeToken({ ...client, token: 'x', tokenTypeHint: 'id_token' })).rejects.toThrow(OAuthUsageError);
  });
});

describe('transport failures', () => {
  it('maps a 5xx from the token endpoint to OAuthResponseError', async () => {
    mock.faults.add({ path: '/oauth/token/', status: 503, times: 1 });
    const error = await refreshToken({ ...client, refreshToken: mock.oauth.issueTokens().refresh_token }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OAuthResponseError);
    expect((error as OAuthResponseError).status).toBe(503);
  });

  it('maps a dropped connection to OAuthConnectionError', async () => {
    mock.faults.add({ path: '/oauth/token/', networkError: true, times: 1 });
    await expect(refreshToken({ ...client, refreshToken: 'rt_x' })).rejects.toBeInstanceOf(OAuthConnectionError);
  });

  it('gives up after timeoutMs with OAuthTimeoutError', async () => {
    mock.faults.add({ path: '/oauth/token/', delayMs: 2000, times: 1 });
    const error = await refreshToken({ ...client, refreshToken: 'rt_x', timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthTimeoutError);
    expect((error as OAuthTimeoutError).timeoutMs).toBe(50);
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    mock.faults.add({ path: '/oauth/token/', delayMs: 2000, times: 1 });
    const controller = new AbortController();
    const pending = refreshToken({ ...client, refreshToken: 'rt_x', signal: controller.signal });
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });
});
