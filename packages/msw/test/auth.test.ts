import { describe, expect, it } from 'vitest';
import { MOCK_API_TOKEN } from '../src/index.js';
import { api, useMockServer } from './helpers.js';

describe('bearer authentication', () => {
  let clock = Date.parse('2026-03-18T10:00:00Z');
  const { mock } = useMockServer({
    clock: { now: () => clock },
    apiTokens: { 'ci-token': '712020:ci-user' },
    oauth: { accessTokenTtlSeconds: 60 },
  });

  it('refuses a request without a token with 401 text/html', async () => {
    const res = await api('/worklogs', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('Unauthorized');
  });

  it.each([
    ['an unknown token', { authorization: 'Bearer nope' }],
    ['a Basic scheme', { authorization: `Basic ${btoa('a:b')}` }],
    ['a bare token without scheme', { authorization: MOCK_API_TOKEN }],
  ])('refuses %s', async (_name, headers) => {
    const res = await api('/worklogs', { token: null, headers });
    expect(res.status).toBe(401);
  });

  it('accepts MOCK_API_TOKEN, configured tokens and a lower-case scheme', async () => {
    expect((await api('/worklogs?limit=1')).status).toBe(200);
    expect((await api('/worklogs?limit=1', { token: 'ci-token' })).status).toBe(200);
    expect(
      (await api('/worklogs?limit=1', { token: null, headers: { authorization: `bearer ${MOCK_API_TOKEN}` } })).status,
    ).toBe(200);
  });

  it('checks auth before routing: an unknown route without a token is a 401', async () => {
    expect((await api('/no-such-thing', { token: null })).status).toBe(401);
  });

  it('accepts tokens issued by the mock OAuth until they expire or are revoked', async () => {
    const first = mock.oauth.issueTokens();
    expect((await api('/worklogs?limit=1', { token: first.access_token })).status).toBe(200);
    clock += 61_000; // past the 60 s TTL
    expect((await api('/worklogs?limit=1', { token: first.access_token })).status).toBe(401);
    const second = mock.oauth.issueTokens();
    mock.oauth.revoke(second.access_token);
    expect((await api('/worklogs?limit=1', { token: second.access_token })).status).toBe(401);
  });

  it('acts as the token user: GET /user-schedule answers for whoever the token belongs to', async () => {
    const partTimer = mock.db.workloadSchemeMembers.all()[0]!.accountId; // Friday off in the default data
    const { access_token } = mock.oauth.issueTokens({ accountId: partTimer });
    const mine = await api('/user-schedule?from=2026-03-16&to=2026-03-20', { token: access_token });
    const friday = mine.body.results.find((d: { date: string }) => d.date === '2026-03-20');
    expect(friday.requiredSeconds).toBe(0);
    const someoneElse = await api('/user-schedule?from=2026-03-16&to=2026-03-20');
    expect(someoneElse.body.results.find((d: { date: string }) => d.date === '2026-03-20').requiredSeconds).toBe(28800);
  });
});
