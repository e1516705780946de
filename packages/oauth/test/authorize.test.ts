import { describe, expect, it } from 'vitest';
import {
  AuthorizationCallbackError,
  AuthorizationDeniedError,
  MissingCodeError,
  StateMismatchError,
  buildAuthorizeUrl,
  generateState,
  timingSafeEqual,
  verifyCallback,
  OAuthUsageError,
} from '../src/index.js';

const client = { clientId: 'my-client', redirectUri: 'https://app.example.com/oauth/callback' };

describe('buildAuthorizeUrl', () => {
  it('builds the documented Jira-hosted form with a random state', () => {
    const request = buildAuthorizeUrl({ ...client, jiraSite: 'acme' });
    const url = new URL(request.url);
    expect(url.origin).toBe('https://acme.atlassian.net');
    expect(url.pathname).toBe('/plugins/servlet/ac/io.tempo.jira/oauth-authorize/');
    expect(url.searchParams.get('client_id')).toBe('my-client');
    expect(url.searchParams.get('redirect_uri')).toBe(client.redirectUri);
    expect(url.searchParams.get('state')).toBe(request.state);
    expect(request.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request.redirectUri).toBe(client.redirectUri);
  });

  it.each(['acme', 'ACME', 'acme.atlassian.net', 'https://acme.atlassian.net', 'https://acme.atlassian.net/jira/'])(
    'accepts the site as %s',
    (jiraSite) => {
      expect(new URL(buildAuthorizeUrl({ ...client, jiraSite }).url).host).toBe('acme.atlassian.net');
    },
  );

  it.each(['', 'acme corp', 'evil.com/x', '-acme', 'a_b'])('rejects the malformed site %j', (jiraSite) => {
    expect(() => buildAuthorizeUrl({ ...client, jiraSite })).toThrow(OAuthUsageError);
  });

  it('builds Tempo’s newer redirect form on a configurable host', () => {
    const request = buildAuthorizeUrl({
      ...client,
      jiraUrl: 'https://acme.atlassian.net/',
      authorizeHost: 'http://127.0.0.1:4010',
    });
    const url = new URL(request.url);
    expect(url.origin).toBe('http://127.0.0.1:4010');
    expect(url.pathname).toBe('/oauth/authorize/redirect');
    expect(url.searchParams.get('jira_url')).toBe('https://acme.atlassian.net');
    expect(url.searchParams.get('client_id')).toBe('my-client');
    expect(url.searchParams.get('redirect_uri')).toBe(client.redirectUri);
    expect(url.searchParams.get('state')).toBe(request.state);
    expect(new URL(buildAuthorizeUrl({ ...client, jiraUrl: 'https://acme.atlassian.net' }).url).origin).toBe(
      'https://api.tempo.io',
    );
  });

  it('encodes parameters, keeps a given state and refuses incomplete options', () => {
    const request = buildAuthorizeUrl({
      ...client,
      redirectUri: 'http://127.0.0.1:9/cb?x=1&y=2',
      jiraSite: 'acme',
      state: 'fixed',
    });
    expect(new URL(request.url).searchParams.get('redirect_uri')).toBe('http://127.0.0.1:9/cb?x=1&y=2');
    expect(request.state).toBe('fixed');
    expect(() => buildAuthorizeUrl({ ...client, clientId: '', jiraSite: 'acme' })).toThrow(/clientId/);
    expect(() => buildAuthorizeUrl({ ...client, redirectUri: '/relative', jiraSite: 'acme' })).toThrow(/redirectUri/);
    expect(() => buildAuthorizeUrl({ ...client, jiraUrl: 'ftp://x' })).toThrow(/jiraUrl/);
    // @ts-expect-error one of jiraSite / jiraUrl is required
    expect(() => buildAuthorizeUrl({ ...client })).toThrow(/jiraSite/);
  });

  it('draws a fresh state every time', () => {
    const states = new Set(Array.from({ length: 200 }, () => generateState()));
    expect(states.size).toBe(200);
  });
});

describe('verifyCallback', () => {
  const expectedState = generateState();

  it('returns the code from a full URL, a path with query, a query string or URLSearchParams', () => {
    const query = `code=abc123&state=${expectedState}`;
    expect(verifyCallback(`https://app.example.com/cb?${query}`, { expectedState })).toBe('abc123');
    expect(verifyCallback(`/cb?${query}`, { expectedState })).toBe('abc123');
    expect(verifyCallback(`?${query}`, { expectedState })).toBe('abc123');
    expect(verifyCallback(query, { expectedState })).toBe('abc123');
    expect(verifyCallback(new URL(`http://x/cb?${query}`), { expectedState })).toBe('abc123');
    expect(verifyCallback(new URLSearchParams(query), { expectedState })).toBe('abc123');
  });

  it('rejects a different or missing state before looking at anything else', () => {
    const other = generateState();
    expect(() => verifyCallback(`/cb?code=abc&state=${other}`, { expectedState })).toThrow(StateMismatchError);
    const missing = catchError(() => verifyCallback('/cb?code=abc', { expectedState }));
    expect(missing).toBeInstanceOf(StateMismatchError);
    expect((missing as StateMismatchError).missing).toBe(true);
    // An attacker's error message is not trusted without the right state either.
    expect(() => verifyCallback('/cb?error=access_denied&state=nope', { expectedState })).toThrow(StateMismatchError);
    // A prefix of the right state is not the right state.
    expect(() => verifyCallback(`/cb?code=abc&state=${expectedState.slice(0, -1)}`, { expectedState })).toThrow(
      StateMismatchError,
    );
  });

  it('maps error=access_denied and other errors to typed errors', () => {
    const denied = catchError(() =>
      verifyCallback(`/cb?error=access_denied&error_description=User+said+no&state=${expectedState}`, {
        expectedState,
      }),
    );
    expect(denied).toBeInstanceOf(AuthorizationDeniedError);
    expect(denied).toBeInstanceOf(AuthorizationCallbackError);
    expect((denied as AuthorizationDeniedError).errorDescription).toBe('User said no');

    const other = catchError(() => verifyCallback(`/cb?error=server_error&state=${expectedState}`, { expectedState }));
    expect(other).toBeInstanceOf(AuthorizationCallbackError);
    expect(other).not.toBeInstanceOf(AuthorizationDeniedError);
    expect((other as AuthorizationCallbackError).error).toBe('server_error');
  });

  it('rejects a callback without code', () => {
    expect(() => verifyCallback(`/cb?state=${expectedState}`, { expectedState })).toThrow(MissingCodeError);
    expect(() => verifyCallback(`/cb?code=&state=${expectedState}`, { expectedState })).toThrow(MissingCodeError);
  });

  it('refuses to run without an expected state (that would accept any callback)', () => {
    expect(() => verifyCallback('/cb?code=abc&state=', { expectedState: '' })).toThrow(OAuthUsageError);
  });
});

describe('timingSafeEqual', () => {
  it('compares strings exactly', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
    expect(timingSafeEqual('é', 'e')).toBe(false);
    expect(timingSafeEqual('\u0000', '')).toBe(false);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
