/**
 * Retries, Retry-After, timeouts, abort and the OAuth token-provider plug-in against @tempo-sdk/msw and its faults
 * (real HTTP semantics through msw; virtual time for the pauses).
 */
import { MOCK_OAUTH_CLIENT } from '@tempo-sdk/msw';
import { describe, expect, it } from 'vitest';
import {
  TempoAbortError,
  TempoConnectionError,
  TempoRateLimitError,
  TempoServerError,
  TempoTimeoutError,
  TempoUnauthorizedError,
  type TokenProvider,
} from '../src/index.js';
import { TODAY, useTempoMock } from './support/tempo-mock.js';

const { mock, client, requests } = useTempoMock();

describe('faults from the mock', () => {
  it('retries 503s with 5 s and 10 s pauses, then succeeds', async () => {
    mock.faults.add({ operationId: 'getWorklogs', status: 503, times: 2 });
    const { tempo, clock } = client();
    const page = await tempo.worklogs.getWorklogs({ query: { limit: 5 } });
    expect(page.results).toHaveLength(5);
    expect(requests).toHaveLength(3);
    expect(clock.sleeps.filter((ms) => ms >= 1000)).toEqual([5000, 10000]);
  });

  it('throws TempoServerError with Tempo’s message after 3 retries', async () => {
    const fault = mock.faults.add({ operationId: 'getWorklogs', status: 500, message: 'Database on fire' });
    const { tempo } = client();
    const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoServerError);
    expect(error).toMatchObject({ status: 500, message: 'Database on fire' });
    expect(fault.hits).toBe(4);
  });

  it('honours Retry-After in seconds from a 429', async () => {
    mock.faults.add({ operationId: 'getAccounts', status: 429, retryAfterMs: 4000, times: 1 });
    const { tempo, clock } = client();
    await tempo.accounts.getAccounts();
    expect(clock.sleeps.filter((ms) => ms >= 1000)).toEqual([4000]);
    expect(requests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date from a 429', async () => {
    const { tempo, clock } = client();
    const date = new Date(clock.now() + 6000).toUTCString();
    mock.faults.add({ operationId: 'getAccounts', status: 429, retryAfterDate: date, times: 1 });
    await tempo.accounts.getAccounts();
    const waited = clock.sleeps.filter((ms) => ms >= 1000);
    expect(waited).toHaveLength(1);
    // HTTP dates have whole seconds: the wait is the date minus now, between 5 and 6 s.
    expect(waited[0]).toBeGreaterThan(5000);
    expect(waited[0]).toBeLessThanOrEqual(6000);
  });

  it('waits at least 1 s after a 429 without Retry-After', async () => {
    mock.faults.add({ operationId: 'getAccounts', status: 429, times: 2 });
    const { tempo, clock } = client();
    await tempo.accounts.getAccounts();
    expect(clock.sleeps.filter((ms) => ms >= 1000)).toEqual([1000, 1000]);
  });

  it('throws TempoRateLimitError when 429s outlast the retries', async () => {
    mock.faults.add({ operationId: 'getAccounts', status: 429, retryAfterMs: 2000, message: 'Rate limit exceeded' });
    const { tempo } = client();
    const error = await tempo.accounts.getAccounts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 2000, message: 'Rate limit exceeded' });
    expect(requests).toHaveLength(4);
  });

  it('retries network errors', async () => {
    mock.faults.add({ operationId: 'getWorklogs', networkError: true, times: 2 });
    const { tempo } = client();
    await expect(tempo.worklogs.getWorklogs({ query: { limit: 1 } })).resolves.toMatchObject({
      metadata: { limit: 1 },
    });
    expect(requests).toHaveLength(3);
  });

  it('gives TempoConnectionError when the network stays down', async () => {
    mock.faults.add({ operationId: 'getWorklogs', networkError: true });
    const { tempo } = client();
    await expect(tempo.worklogs.getWorklogs()).rejects.toBeInstanceOf(TempoConnectionError);
    expect(requests).toHaveLength(4);
  });

  it('never retries a create: one request, no worklog added', async () => {
    mock.faults.add({ operationId: 'createWorklog', status: 503, times: 1 });
    const before = mock.db.worklogs.size;
    const { tempo } = client();
    await expect(
      tempo.worklogs.createWorklog({
        body: {
          issueId: mock.db.issues.all()[0]!.id,
          authorAccountId: mock.db.users.all()[0]!.accountId,
          startDate: TODAY,
          timeSpentSeconds: 60,
        },
      }),
    ).rejects.toBeInstanceOf(TempoServerError);
    expect(requests).toHaveLength(1);
    expect(mock.db.worklogs.size).toBe(before);
  });

  it('retries a read-only search POST', async () => {
    mock.faults.add({ operationId: 'searchWorklogs', status: 502, times: 1 });
    const { tempo } = client();
    await tempo.worklogs.searchWorklogs({ body: { from: TODAY, to: TODAY } });
    expect(requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });
});

describe('timeout and abort', () => {
  it('times out a slow answer (latency fault) with TempoTimeoutError', async () => {
    mock.faults.add({ operationId: 'getWorklogs', delayMs: 2000 });
    const { tempo } = client({ timeoutMs: 30, retry: false });
    const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30, method: 'GET', url: 'https://api.tempo.io/4/worklogs' });
  });

  it('retries after a timeout and succeeds when the server is fast again', async () => {
    mock.faults.add({ operationId: 'getWorklogs', delayMs: 2000, times: 1 });
    const { tempo } = client({ timeoutMs: 30 });
    await expect(tempo.worklogs.getWorklogs({ query: { limit: 1 } })).resolves.toBeDefined();
    expect(requests).toHaveLength(2);
  });

  it('aborts a slow request with TempoAbortError', async () => {
    mock.faults.add({ operationId: 'getWorklogs', delayMs: 2000 });
    const { tempo } = client();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(tempo.worklogs.getWorklogs({ signal: controller.signal })).rejects.toBeInstanceOf(TempoAbortError);
    expect(requests).toHaveLength(1);
  });

  it('an abort during the 5 s pause after a 503 ends at once', async () => {
    mock.faults.add({ operationId: 'getWorklogs', status: 503 });
    const { tempo, clock } = client();
    const controller = new AbortController();
    const sleep = clock.sleep.bind(clock);
    clock.sleep = (ms, signal) => {
      const pause = sleep(ms, signal);
      if (ms >= 5000) controller.abort();
      return pause;
    };
    await expect(tempo.worklogs.getWorklogs({ signal: controller.signal })).rejects.toBeInstanceOf(TempoAbortError);
    expect(requests).toHaveLength(1);
    expect(clock.elapsed()).toBeLessThan(5000);
  });
});

describe('OAuth token provider plug-in', () => {
  /** A minimal provider doing what @tempo-sdk/oauth's TokenManager does: refresh with the rotating refresh token. */
  function oauthProvider() {
    let tokens = mock.oauth.issueTokens({ clientId: MOCK_OAUTH_CLIENT.clientId });
    const calls: boolean[] = [];
    const provider: TokenProvider = async ({ forceRefresh }) => {
      calls.push(forceRefresh);
      if (forceRefresh) {
        const response = await fetch('https://api.tempo.io/oauth/token/', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: tokens.refresh_token,
            client_id: MOCK_OAUTH_CLIENT.clientId,
            client_secret: MOCK_OAUTH_CLIENT.clientSecret,
          }),
        });
        if (!response.ok) throw new Error(`refresh failed: ${response.status}`);
        tokens = (await response.json()) as typeof tokens;
      }
      return tokens.access_token;
    };
    return { provider, calls, current: () => tokens };
  }

  it('an expired access token: 401 → one forced refresh → one retry → success', async () => {
    const oauth = oauthProvider();
    const { tempo } = client({ token: oauth.provider });
    await tempo.worklogs.getWorklogs({ query: { limit: 1 } });
    const first = oauth.current().access_token;
    mock.oauth.expire(first);

    await expect(tempo.worklogs.getWorklogs({ query: { limit: 1 } })).resolves.toBeDefined();
    expect(oauth.calls.filter(Boolean)).toHaveLength(1);
    const apiRequests = requests.filter((r) => r.url.includes('/4/'));
    expect(apiRequests.map((r) => r.authorization)).toEqual([
      `Bearer ${first}`,
      `Bearer ${first}`,
      `Bearer ${oauth.current().access_token}`,
    ]);
    expect(oauth.current().access_token).not.toBe(first);
  });

  it('a revoked grant: the refresh fails and the error surfaces, without looping', async () => {
    const oauth = oauthProvider();
    const { tempo } = client({ token: oauth.provider });
    mock.oauth.revoke(oauth.current().refresh_token);
    mock.oauth.expire(oauth.current().access_token);
    await expect(tempo.worklogs.getWorklogs()).rejects.toThrow(/refresh failed/);
    expect(oauth.calls.filter(Boolean)).toHaveLength(1);
  });

  it('a token the API keeps refusing: exactly two attempts, then TempoUnauthorizedError', async () => {
    let calls = 0;
    const { tempo } = client({ token: () => `never-valid-${++calls}-token` });
    await expect(tempo.worklogs.getWorklogs()).rejects.toBeInstanceOf(TempoUnauthorizedError);
    expect(requests).toHaveLength(2);
  });
});
