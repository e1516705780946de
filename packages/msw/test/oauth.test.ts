import { describe, expect, it } from 'vitest';
import { MOCK_OAUTH_CLIENT } from '../src/index.js';
import { api, useMockServer } from './helpers.js';

const ORIGIN = 'https://api.tempo.io';
const { clientId, clientSecret, redirectUri } = MOCK_OAUTH_CLIENT;

async function authorize(params: Record<string, string>, url = `${ORIGIN}/oauth/authorize/redirect`) {
  const res = await fetch(`${url}?${new URLSearchParams(params)}`, { redirect: 'manual' });
  return {
    status: res.status,
    location: res.headers.get('location'),
    body: res.status === 302 ? undefined : await res.json(),
  };
}

async function codeFor(redirect = redirectUri, state = 'xyz'): Promise<string> {
  const res = await authorize({
    client_id: clientId,
    redirect_uri: redirect,
    state,
    jira_url: 'https://acme.atlassian.net',
  });
  expect(res.status).toBe(302);
  return new URL(res.location!).searchParams.get('code')!;
}

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${ORIGIN}/oauth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

const exchange = (code: string, extra: Record<string, string> = {}) =>
  token({
    grant_type: 'authorization_code',
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uri: redirectUri,
    code,
    ...extra,
  });
const refresh = (refreshToken: string) =>
  token({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken });
const revoke = (tokenValue: string, hint?: string) =>
  fetch(`${ORIGIN}/oauth/revoke_token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: tokenValue,
      client_id: clientId,
      client_secret: clientSecret,
      ...(hint ? { token_type_hint: hint } : {}),
    }),
  });

describe('OAuth', () => {
  let clock = Date.parse('2026-03-18T10:00:00Z');
  const { mock } = useMockServer({
    clock: { now: () => clock },
    oauth: { accessTokenTtlSeconds: 600, scope: 'read write' },
  });

  it('authorizes (both URL forms) with a 302 to the redirect URI carrying code and state', async () => {
    const newer = await authorize({
      client_id: clientId,
      redirect_uri: redirectUri,
      state: 's1',
      jira_url: 'https://acme.atlassian.net',
    });
    expect(newer.status).toBe(302);
    const location = new URL(newer.location!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('code')).toMatch(/^code_/);
    const classic = await authorize(
      { client_id: clientId, redirect_uri: redirectUri, state: 's2' },
      'https://acme.atlassian.net/plugins/servlet/ac/io.tempo.jira/oauth-authorize/',
    );
    expect(classic.status).toBe(302);
    expect(new URL(classic.location!).searchParams.get('state')).toBe('s2');
    expect(mock.oauth.stats.authorizations).toBe(2);
  });

  it('accepts loopback redirect URIs on any port for the mock client, and refuses foreign ones without redirecting', async () => {
    expect((await authorize({ client_id: clientId, redirect_uri: 'http://127.0.0.1:51234/callback' })).status).toBe(
      302,
    );
    expect((await authorize({ client_id: clientId, redirect_uri: 'http://localhost:40000/cb' })).status).toBe(302);
    const foreign = await authorize({ client_id: clientId, redirect_uri: 'https://evil.example/cb' });
    expect(foreign.status).toBe(400);
    expect(foreign.location).toBeNull();
    const unknown = await authorize({ client_id: 'nobody', redirect_uri: redirectUri });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });

  it('exchanges a code once for a token pair with a Date header', async () => {
    const code = await codeFor();
    const res = await exchange(code);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 600,
      scope: 'read write',
    });
    expect(new Date(res.headers.get('date')!).getTime()).toBe(Math.floor(clock / 1000) * 1000);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await api('/worklogs?limit=1', { token: res.body.access_token })).status).toBe(200);

    const replay = await exchange(code);
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // A replayed code revokes what it issued (RFC 6749 §4.1.2).
    expect((await api('/worklogs?limit=1', { token: res.body.access_token })).status).toBe(401);
    expect(mock.oauth.stats.codeExchanges).toBe(1);
  });

  it('binds codes to client and redirect URI and lets them expire', async () => {
    expect(await exchange(await codeFor(), { redirect_uri: 'http://127.0.0.1:9/other' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    const expired = await codeFor();
    clock += 61_000;
    expect(await exchange(expired)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: expect.stringMatching(/expired/) },
    });
    mock.oauth.addClient({ clientId: 'other', clientSecret: 'other-secret', redirectUris: [redirectUri] });
    const code = await codeFor();
    expect(
      await token({
        grant_type: 'authorization_code',
        client_id: 'other',
        client_secret: 'other-secret',
        redirect_uri: redirectUri,
        code,
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('answers RFC 6749 errors: invalid_client (401), unsupported_grant_type, invalid_request', async () => {
    const wrongSecret = await token({
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: 'nope',
      redirect_uri: redirectUri,
      code: 'x',
    });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(wrongSecret.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await token({ grant_type: 'password', client_id: clientId, client_secret: clientSecret })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await token({ client_id: clientId, client_secret: clientSecret })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    expect(
      await token({
        grant_type: 'authorization_code',
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uri: redirectUri,
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const json = await fetch(`${ORIGIN}/oauth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    expect(mock.oauth.stats.failedTokenRequests).toBe(5);
  });

  it('accepts client credentials in an HTTP Basic header', async () => {
    const code = await codeFor();
    const res = await token(
      { grant_type: 'authorization_code', redirect_uri: redirectUri, code },
      { authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}` },
    );
    expect(res.status).toBe(200);
  });

  it('rotates refresh tokens: new pair, and only the new pair works (old refresh token refused, old access token 401)', async () => {
    const first = (await exchange(await codeFor())).body;
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(mock.oauth.stats.refreshes).toBe(1);
    expect(await refresh(first.refresh_token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(mock.oauth.stats.refreshes).toBe(1);
    expect((await api('/worklogs?limit=1', { token: first.access_token })).status).toBe(401); // Tempo: only the new pair is valid
    expect((await api('/worklogs?limit=1', { token: second.body.access_token })).status).toBe(200);
    clock += 601_000;
    expect((await api('/worklogs?limit=1', { token: second.body.access_token })).status).toBe(401);
    const third = await refresh(second.body.refresh_token); // refresh tokens outlive access tokens
    expect((await api('/worklogs?limit=1', { token: third.body.access_token })).status).toBe(200);
    expect(mock.oauth.stats.issuedRefreshTokens).toEqual([
      first.refresh_token,
      second.body.refresh_token,
      third.body.refresh_token,
    ]);
  });

  it('revokes access and refresh tokens (200) so they stop working', async () => {
    const pair = (await exchange(await codeFor())).body;
    expect((await revoke(pair.access_token, 'access_token')).status).toBe(200);
    expect((await api('/worklogs?limit=1', { token: pair.access_token })).status).toBe(401);
    expect((await refresh(pair.refresh_token)).status).toBe(200); // revoking the access token leaves the refresh token

    const other = (await exchange(await codeFor())).body;
    expect((await revoke(other.refresh_token, 'refresh_token')).status).toBe(200);
    expect(await refresh(other.refresh_token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await api('/worklogs?limit=1', { token: other.access_token })).status).toBe(401);
    expect(mock.oauth.stats.revokedTokens).toEqual([pair.access_token, other.refresh_token]);
    expect((await revoke('unknown-token')).status).toBe(200); // RFC 7009: unknown tokens are not an error
    expect(mock.oauth.stats.revocations).toBe(3);
  });

  it('a replayed code also kills the tokens obtained by refreshing from it', async () => {
    const code = await codeFor();
    const first = (await exchange(code)).body;
    const refreshed = (await refresh(first.refresh_token)).body;
    expect((await api('/worklogs?limit=1', { token: refreshed.access_token })).status).toBe(200);
    const unrelated = (await exchange(await codeFor())).body;
    expect(await exchange(code)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await api('/worklogs?limit=1', { token: first.access_token })).status).toBe(401);
    expect((await api('/worklogs?limit=1', { token: refreshed.access_token })).status).toBe(401);
    expect(await refresh(refreshed.refresh_token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // Another authorization's tokens are not part of the family.
    expect((await api('/worklogs?limit=1', { token: unrelated.access_token })).status).toBe(200);
    expect((await refresh(unrelated.refresh_token)).status).toBe(200);
  });

  it('keeps clients added at run time across reset', async () => {
    const late = { clientId: 'late-client', clientSecret: 'late-secret', redirectUris: ['https://late.example/cb'] };
    mock.oauth.addClient(late);
    mock.reset();
    const res = await authorize({ client_id: late.clientId, redirect_uri: late.redirectUris[0]! });
    expect(res.status).toBe(302);
    const code = new URL(res.location!).searchParams.get('code')!;
    const tokens = await token({
      grant_type: 'authorization_code',
      client_id: late.clientId,
      client_secret: late.clientSecret,
      redirect_uri: late.redirectUris[0]!,
      code,
    });
    expect(tokens.status).toBe(200);
  });

  it('forgets tokens and stats on reset', async () => {
    const pair = mock.oauth.issueTokens();
    mock.reset();
    expect(mock.oauth.stats.issuedAccessTokens).toEqual([]);
    expect((await api('/worklogs?limit=1', { token: pair.access_token })).status).toBe(401);
  });

  it('forgets expired codes and keeps at most maxPendingCodes (memory stays bounded)', async () => {
    const start = clock;
    const first = await codeFor();
    clock += 61_000; // past the 60 s code lifetime
    expect(await exchange(first)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const codes = (mock.oauth as unknown as { codes: Map<string, unknown> }).codes;
    await codeFor(); // authorizing again drops the expired ones
    expect(codes.has(first)).toBe(false);
    clock = start;
  });
});

describe('OAuth state is bounded', () => {
  const { mock } = useMockServer({ oauth: { maxPendingCodes: 5, maxTokens: 4 } });
  const internals = () =>
    mock.oauth as unknown as {
      codes: Map<string, unknown>;
      accessTokens: Map<string, unknown>;
      refreshTokens: Map<string, unknown>;
    };

  it('caps pending codes: the oldest go first, the newest still work', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) codes.push(await codeFor());
    expect(internals().codes.size).toBeLessThanOrEqual(5);
    expect(await exchange(codes[0]!)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await exchange(codes.at(-1)!)).status).toBe(200);
  });

  it('caps tokens: dead grants go first, then the oldest; the newest pair works', async () => {
    let pair = mock.oauth.issueTokens();
    for (let i = 0; i < 30; i++) pair = (await refresh(pair.refresh_token)).body as typeof pair;
    for (let i = 0; i < 10; i++) mock.oauth.issueTokens();
    expect(internals().accessTokens.size).toBeLessThanOrEqual(4);
    expect(internals().refreshTokens.size).toBeLessThanOrEqual(4);
    const newest = mock.oauth.issueTokens();
    expect((await api('/worklogs?limit=1', { token: newest.access_token })).status).toBe(200);
    expect((await refresh(newest.refresh_token)).status).toBe(200);
    expect(mock.oauth.stats.issuedAccessTokens.length).toBeLessThanOrEqual(1000);
    expect(mock.oauth.stats.refreshes).toBe(31);
  });
});
