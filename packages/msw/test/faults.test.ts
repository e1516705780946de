import { afterEach, describe, expect, it, vi } from 'vitest';
import { MOCK_OAUTH_CLIENT, TempoMockError, TempoMockUsageError } from '../src/index.js';
import { api, useMockServer } from './helpers.js';

describe('fault injection', () => {
  const { mock } = useMockServer();
  afterEach(() => vi.useRealTimers());

  it('answers 429 with Retry-After (whole seconds from retryAfterMs) for N calls, then serves normally', async () => {
    const fault = mock.faults.add({ method: 'GET', path: '/worklogs', status: 429, retryAfterMs: 1_500, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await api('/worklogs?limit=1');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.body).toEqual({ errors: { message: expect.stringMatching(/rate limit/i) } });
    }
    expect((await api('/worklogs?limit=1')).status).toBe(200);
    expect(fault.hits).toBe(2);
    expect(fault.remaining).toBe(0);
  });

  it('sends Retry-After as an HTTP date, or not at all', async () => {
    const date = new Date(Date.UTC(2026, 2, 18, 10, 0, 5));
    mock.faults.add({ status: 429, retryAfterDate: date, times: 1 });
    expect((await api('/worklogs?limit=1')).headers.get('retry-after')).toBe(date.toUTCString());
    mock.faults.add({ status: 429, retryAfter: 3, times: 1 }); // the deprecated spelling (seconds) still works
    expect((await api('/worklogs?limit=1')).headers.get('retry-after')).toBe('3');
    mock.faults.add({ status: 429, times: 1 });
    const res = await api('/worklogs?limit=1');
    expect(res.status).toBe(429);
    expect(res.headers.has('retry-after')).toBe(false);
  });

  it('matches spec templates, concrete paths, operationIds and methods', async () => {
    const id = mock.db.worklogs.all()[0]!.tempoWorklogId;
    mock.faults.add({ path: '/worklogs/{id}', status: 503 });
    expect((await api(`/worklogs/${id}`)).status).toBe(503);
    expect((await api('/worklogs?limit=1')).status).toBe(200);
    mock.faults.clear();
    mock.faults.add({ path: `/worklogs/${id}`, method: 'DELETE', status: 500, times: 1 });
    expect((await api(`/worklogs/${id}`)).status).toBe(200);
    expect((await api(`/worklogs/${id}`, { method: 'DELETE' })).status).toBe(500);
    expect(mock.db.worklogs.has(id)).toBe(true); // a failed request changes nothing
    mock.faults.add({ operationId: 'getAccounts', status: 502, times: 1 });
    expect((await api('/accounts')).status).toBe(502);
    expect((await api('/accounts')).status).toBe(200);
  });

  it('sends a custom body, e.g. the list form of Tempo errors, and text/html for 401/403', async () => {
    mock.faults.add({ status: 400, body: { errors: [{ message: 'first' }, { message: 'second' }] }, times: 1 });
    expect((await api('/worklogs')).body).toEqual({ errors: [{ message: 'first' }, { message: 'second' }] });
    mock.faults.add({ status: 403, times: 1 });
    const forbidden = await api('/worklogs');
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('fails at the network level', async () => {
    mock.faults.add({ networkError: true, times: 1 });
    await expect(fetch('https://api.tempo.io/4/worklogs')).rejects.toThrow(TypeError);
    expect((await api('/worklogs?limit=1')).status).toBe(200);
  });

  it('delays answers (latency) without failing them', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    mock.faults.add({ delayMs: 5_000, times: 1 });
    let settled = false;
    const pending = api('/worklogs?limit=1').then((res) => {
      settled = true;
      return res;
    });
    await vi.advanceTimersByTimeAsync(4_900);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect((await pending).status).toBe(200);
  });

  it('applies to the OAuth token endpoint too', async () => {
    mock.faults.add({ path: '/oauth/token/', status: 503, times: 1 });
    const res = await fetch('https://api.tempo.io/oauth/token/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'x',
        client_id: MOCK_OAUTH_CLIENT.clientId,
        client_secret: MOCK_OAUTH_CLIENT.clientSecret,
      }),
    });
    expect(res.status).toBe(503);
  });

  it('is cleared by faults.clear(), handle.remove() and reset()', async () => {
    const handle = mock.faults.add({ status: 500 });
    handle.remove();
    expect((await api('/worklogs?limit=1')).status).toBe(200);
    mock.faults.add({ status: 500 });
    mock.reset();
    expect(mock.faults.list()).toEqual([]);
    expect((await api('/worklogs?limit=1')).status).toBe(200);
    expect(() => mock.faults.add({ times: 1 })).toThrow(TempoMockUsageError);
  });

  it('refuses malformed rules with a usage error that names the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ status: 99 }, /status/],
      [{ status: 700 }, /status/],
      [{ status: 4.5 }, /status/],
      [{ delayMs: -1 }, /delayMs/],
      [{ delayMs: Number.POSITIVE_INFINITY }, /delayMs/],
      [{ status: 429, retryAfterMs: Number.NaN }, /retryAfterMs/],
      [{ status: 500, times: 0 }, /times/],
      [{ status: 500, times: 1.5 }, /times/],
      [{ status: 429, retryAfterDate: new Date(Number.NaN) }, /retryAfterDate/],
    ];
    for (const [rule, message] of cases) {
      expect(() => mock.faults.add(rule as never), JSON.stringify(rule)).toThrow(message);
      expect(() => mock.faults.add(rule as never)).toThrow(TempoMockError);
    }
    expect(mock.faults.list()).toEqual([]);
  });
});
