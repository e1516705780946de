/**
 * Unit tests of the transport (the fetch below openapi-fetch's middleware): retries and their bounds, Retry-After,
 * idempotency, timeouts, abort, token refresh. A scripted fetch is injected; time is virtual.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  callOperation,
  createTempoClient,
  createTempoCore,
  TempoAbortError,
  TempoConnectionError,
  TempoRateLimitError,
  TempoServerError,
  TempoTimeoutError,
  TempoUnauthorizedError,
  TempoUsageError,
  VERSION,
  type TempoClientOptions,
} from '../src/index.js';
import { hang, json, scriptedFetch, type Step } from './support/scripted-fetch.js';
import { createVirtualClock } from './support/virtual-clock.js';

const TOKEN = 'unit-test-token-0123456789';
const worklog = { tempoWorklogId: 126, timeSpentSeconds: 3600 };
const ok = () => json(200, worklog);
const unavailable = () => json(503, { errors: { message: 'Try later' } });

function setup(steps: Step[], options: Partial<TempoClientOptions> = {}) {
  const clock = createVirtualClock();
  const net = scriptedFetch(steps);
  const tempo = createTempoClient({ token: TOKEN, fetch: net.fetch, clock, rateLimit: false, ...options });
  return { tempo, clock, seen: net.seen };
}

const getWorklog = (tempo: ReturnType<typeof setup>['tempo'], signal?: AbortSignal) =>
  tempo.worklogs.getWorklogById({ path: { id: '126' }, ...(signal ? { signal } : {}) });

describe('retries after 5xx and connection errors', () => {
  it('retries a GET 3 times, pausing 5, 10 and 15 s, then throws TempoServerError', async () => {
    const { tempo, clock, seen } = setup([unavailable()]);
    const error = await getWorklog(tempo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoServerError);
    expect(error).toMatchObject({ status: 503, message: 'Try later', method: 'GET' });
    expect(seen).toHaveLength(4);
    expect(clock.sleeps).toEqual([5000, 10000, 15000]);
  });

  it('returns the first success after failures', async () => {
    const { tempo, seen, clock } = setup([unavailable(), json(502, {}), ok()]);
    await expect(getWorklog(tempo)).resolves.toEqual(worklog);
    expect(seen).toHaveLength(3);
    expect(clock.sleeps).toEqual([5000, 10000]);
  });

  it('adds jitter on top of the pause, never below it', async () => {
    const { tempo, clock } = setup([unavailable()], { retry: { jitter: 0.2 } });
    clock.setRandom(0.5);
    await getWorklog(tempo).catch(() => {});
    expect(clock.sleeps).toEqual([5500, 11000, 16500]);
  });

  it('honours maxRetries and custom delays; the last delay repeats', async () => {
    const { tempo, clock, seen } = setup([unavailable()], { retry: { maxRetries: 5, delays: [100, 200] } });
    await getWorklog(tempo).catch(() => {});
    expect(seen).toHaveLength(6);
    expect(clock.sleeps).toEqual([100, 200, 200, 200, 200]);
  });

  it('stops when the next pause would exceed maxTotalDelay', async () => {
    const { tempo, clock, seen } = setup([unavailable()], { retry: { maxTotalDelay: 12_000 } });
    await expect(getWorklog(tempo)).rejects.toBeInstanceOf(TempoServerError);
    expect(clock.sleeps).toEqual([5000]);
    expect(seen).toHaveLength(2);
  });

  it('does not retry with retry: false', async () => {
    const { tempo, seen } = setup([unavailable()], { retry: false });
    await expect(getWorklog(tempo)).rejects.toBeInstanceOf(TempoServerError);
    expect(seen).toHaveLength(1);
  });

  it('does not retry 501 or 4xx other than 429', async () => {
    for (const status of [400, 404, 409, 501]) {
      const { tempo, seen } = setup([json(status, { errors: { message: 'no' } })]);
      await expect(getWorklog(tempo)).rejects.toMatchObject({ status });
      expect(seen).toHaveLength(1);
    }
  });

  it('retries connection errors and reports the last one as TempoConnectionError', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const { tempo, seen } = setup([refused]);
    const error = await getWorklog(tempo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', method: 'GET', url: 'https://api.tempo.io/4/worklogs/126' });
    expect(seen).toHaveLength(4);
  });

  it('recovers from a connection error', async () => {
    const { tempo, seen } = setup([new TypeError('fetch failed'), ok()]);
    await expect(getWorklog(tempo)).resolves.toEqual(worklog);
    expect(seen).toHaveLength(2);
  });

  it('re-sends the same body on every attempt', async () => {
    const { tempo, seen } = setup([unavailable(), unavailable(), json(200, { results: [], metadata: {} })]);
    await tempo.worklogs.searchWorklogs({ body: { from: '2026-11-01', to: '2026-11-30' } });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.body))).toEqual(new Set(['{"from":"2026-11-01","to":"2026-11-30"}']));
  });

  it('rejects bad policies with TempoUsageError', () => {
    expect(() => createTempoClient({ token: TOKEN, retry: { maxRetries: -1 } })).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: TOKEN, retry: { delays: [] } })).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: TOKEN, retry: { jitter: Number.NaN } })).toThrow(TempoUsageError);
  });
});

describe('429 and Retry-After', () => {
  it('waits the Retry-After seconds', async () => {
    const { tempo, clock, seen } = setup([json(429, {}, { 'retry-after': '3' }), ok()]);
    await expect(getWorklog(tempo)).resolves.toEqual(worklog);
    expect(clock.sleeps).toEqual([3000]);
    expect(seen).toHaveLength(2);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const clock = createVirtualClock();
    const date = new Date(clock.now() + 7000).toUTCString();
    const { fetch, seen } = scriptedFetch([json(429, {}, { 'retry-after': date }), ok()]);
    const tempo = createTempoClient({ token: TOKEN, fetch, clock, rateLimit: false });
    await expect(getWorklog(tempo)).resolves.toEqual(worklog);
    expect(clock.sleeps).toEqual([7000]);
    expect(seen).toHaveLength(2);
  });

  it('waits at least one second, with or without Retry-After', async () => {
    const { tempo, clock } = setup([json(429, {}), json(429, {}, { 'retry-after': '0' }), ok()]);
    await getWorklog(tempo);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('does not wait longer than maxDelay: throws TempoRateLimitError with retryAfterMs', async () => {
    const { tempo, clock, seen } = setup([json(429, { errors: { message: 'Slow down' } }, { 'retry-after': '120' })]);
    const error = await getWorklog(tempo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000, message: 'Slow down' });
    expect(clock.sleeps).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('gives up after maxRetries 429s', async () => {
    const { tempo, seen } = setup([json(429, {}, { 'retry-after': '1' })]);
    await expect(getWorklog(tempo)).rejects.toBeInstanceOf(TempoRateLimitError);
    expect(seen).toHaveLength(4);
  });
});

describe('idempotency', () => {
  it('never retries a POST that creates', async () => {
    const { tempo, seen } = setup([unavailable()]);
    await expect(
      tempo.worklogs.createWorklog({
        body: { issueId: 1, authorAccountId: 'a', startDate: '2026-11-27', timeSpentSeconds: 60 },
      }),
    ).rejects.toBeInstanceOf(TempoServerError);
    expect(seen).toHaveLength(1);
  });

  it('never retries a low-level POST that creates, even on a connection error', async () => {
    const { tempo, seen } = setup([new TypeError('fetch failed')]);
    await expect(
      tempo.POST('/worklogs', {
        body: { issueId: 1, authorAccountId: 'a', startDate: '2026-11-27', timeSpentSeconds: 60 },
      }),
    ).rejects.toBeInstanceOf(TempoConnectionError);
    expect(seen).toHaveLength(1);
  });

  it('retries a read-only POST search, found by method + path on the low-level API', async () => {
    const { tempo, seen } = setup([unavailable(), json(200, { results: [], metadata: {} })]);
    const { response } = await tempo.POST('/worklogs/search', { body: { from: '2026-11-01' } });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it('retries PUT and DELETE', async () => {
    const { tempo, seen } = setup([unavailable(), new Response(null, { status: 204 })]);
    await expect(tempo.worklogs.deleteWorklog({ path: { id: '126' } })).resolves.toBeUndefined();
    expect(seen.map((s) => s.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('retries a create only with retryNonIdempotent', async () => {
    const { tempo, seen } = setup([unavailable(), ok()], { retry: { retryNonIdempotent: true } });
    await tempo.worklogs.createWorklog({
      body: { issueId: 1, authorAccountId: 'a', startDate: '2026-11-27', timeSpentSeconds: 60 },
    });
    expect(seen).toHaveLength(2);
  });

  it('core client: low-level POST searches are not known, callOperation searches are', async () => {
    const clock = createVirtualClock();
    const net = scriptedFetch([unavailable(), unavailable(), json(200, { results: [], metadata: {} })]);
    const core = createTempoCore({ token: TOKEN, fetch: net.fetch, clock, rateLimit: false });
    const low = await core.POST('/worklogs/search', { body: {} });
    expect(low.response.status).toBe(503);
    expect(net.seen).toHaveLength(1);
    await callOperation(core, 'searchWorklogs', { body: {} });
    expect(net.seen).toHaveLength(3);
  });
});

describe('retries sit below the middleware chain', () => {
  it('runs middleware once per call while the transport makes several attempts', async () => {
    const { tempo, seen } = setup([unavailable(), unavailable(), ok()]);
    const onRequest = vi.fn();
    const onResponse = vi.fn();
    tempo.use({ onRequest, onResponse });
    await getWorklog(tempo);
    expect(seen).toHaveLength(3);
    expect(onRequest).toHaveBeenCalledTimes(1);
    expect(onResponse).toHaveBeenCalledTimes(1);
  });

  it('hands middleware a response whose body it can read (success and error; global and per call)', async () => {
    const { tempo } = setup([ok(), json(404, { errors: { message: 'No worklog 7' } }), ok(), ok()]);
    const bodies: unknown[] = [];
    const reader = {
      onResponse: async ({ response }: { response: Response }) => {
        bodies.push(await response.clone().json());
      },
    };
    tempo.use(reader);
    await expect(getWorklog(tempo)).resolves.toEqual(worklog);
    await expect(tempo.worklogs.getWorklogById({ path: { id: '7' } })).rejects.toMatchObject({ status: 404 });
    tempo.eject(reader);
    const low = await tempo.GET('/worklogs/{id}', { params: { path: { id: '126' } }, middleware: [reader] });
    expect(low.data).toEqual(worklog);
    expect(bodies).toEqual([worklog, { errors: { message: 'No worklog 7' } }, worklog]);
    // Without middleware, nothing reads it: the call still gives the data.
    await expect(getWorklog(tempo)).resolves.toEqual(worklog);
    expect(bodies).toHaveLength(3);
  });

  it('asks the token provider again on each attempt', async () => {
    let n = 0;
    const { tempo, seen } = setup([unavailable(), unavailable(), ok()], { token: () => `rotating-token-${++n}` });
    await getWorklog(tempo);
    expect(seen.map((s) => s.authorization)).toEqual([
      'Bearer rotating-token-1',
      'Bearer rotating-token-2',
      'Bearer rotating-token-3',
    ]);
  });
});

describe('401 and the token provider', () => {
  it('calls the provider once with forceRefresh and retries once with the new token', async () => {
    const provider = vi.fn(async ({ forceRefresh }: { forceRefresh: boolean }) =>
      forceRefresh ? 'fresh-token-abcdef' : 'stale-token-abcdef',
    );
    const { tempo, seen } = setup(
      [(request) => (request.headers.get('authorization') === 'Bearer fresh-token-abcdef' ? ok() : json(401, {}))],
      { token: provider },
    );
    await expect(getWorklog(tempo)).resolves.toEqual(worklog);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer stale-token-abcdef', 'Bearer fresh-token-abcdef']);
    expect(provider.mock.calls.filter(([ctx]) => ctx.forceRefresh)).toEqual([
      [{ forceRefresh: true, failedToken: 'stale-token-abcdef' }],
    ]);
  });

  it('does not loop: a second 401 is final', async () => {
    const provider = vi.fn((_ctx: { forceRefresh: boolean }) => 'always-rejected-token');
    const { tempo, seen } = setup(
      [new Response('<html>no</html>', { status: 401, headers: { 'content-type': 'text/html' } })],
      {
        token: provider,
      },
    );
    await expect(getWorklog(tempo)).rejects.toBeInstanceOf(TempoUnauthorizedError);
    expect(seen).toHaveLength(2);
    expect(provider.mock.calls.filter(([ctx]) => ctx.forceRefresh)).toHaveLength(1);
  });

  it('does not refresh a static token', async () => {
    const { tempo, seen } = setup([json(401, {})]);
    await expect(getWorklog(tempo)).rejects.toBeInstanceOf(TempoUnauthorizedError);
    expect(seen).toHaveLength(1);
  });

  it('refreshes a POST that creates too (a 401 means it was not processed)', async () => {
    let token = 'old-token-123456';
    const { tempo, seen } = setup(
      [(request) => (request.headers.get('authorization') === 'Bearer new-token-123456' ? ok() : json(401, {}))],
      { token: ({ forceRefresh }) => (forceRefresh ? (token = 'new-token-123456') : token) },
    );
    await tempo.worklogs.createWorklog({
      body: { issueId: 1, authorAccountId: 'a', startDate: '2026-11-27', timeSpentSeconds: 60 },
    });
    expect(seen).toHaveLength(2);
  });

  it('shares one forced refresh between concurrent 401s', async () => {
    let current = 'old-token-123456';
    let refreshes = 0;
    const provider = async ({ forceRefresh }: { forceRefresh: boolean }) => {
      if (forceRefresh) {
        refreshes++;
        await new Promise((r) => setTimeout(r, 5));
        current = `new-token-${refreshes}-abcdef`;
      }
      return current;
    };
    const { tempo, seen } = setup(
      [(request) => (request.headers.get('authorization') === 'Bearer new-token-1-abcdef' ? ok() : json(401, {}))],
      { token: provider },
    );
    const results = await Promise.all([getWorklog(tempo), getWorklog(tempo), getWorklog(tempo)]);
    expect(results).toEqual([worklog, worklog, worklog]);
    expect(refreshes).toBe(1);
    expect(seen).toHaveLength(6);
  });

  it('a token read that started before a forced refresh cannot bring the rejected token back (one refresh)', async () => {
    let current = 'old-token-123456';
    let refreshes = 0;
    let slowReads = 0;
    const provider = async ({ forceRefresh }: { forceRefresh: boolean }) => {
      if (forceRefresh) {
        refreshes++;
        current = `new-token-${refreshes}-abcdef`;
        return current;
      }
      const token = current;
      // The second caller's read is slow: it resolves with the old token after the refresh is done.
      if (slowReads++ === 1) await new Promise((r) => setTimeout(r, 20));
      return token;
    };
    const { tempo } = setup(
      [(request) => (request.headers.get('authorization') === 'Bearer old-token-123456' ? json(401, {}) : ok())],
      { token: provider },
    );
    await Promise.all([getWorklog(tempo), getWorklog(tempo)]);
    expect(refreshes).toBe(1);
  });

  it('a signal that fires while the token provider runs stops the call before anything is sent', async () => {
    const controller = new AbortController();
    const { tempo, seen } = setup([ok()], {
      token: async () => {
        controller.abort();
        return 'provider-token-123456';
      },
    });
    await expect(getWorklog(tempo, controller.signal)).rejects.toBeInstanceOf(TempoAbortError);
    expect(seen).toHaveLength(0);
  });

  it('a provider that returns nothing gives TempoUsageError', async () => {
    const { tempo } = setup([ok()], { token: () => '' });
    await expect(getWorklog(tempo)).rejects.toBeInstanceOf(TempoUsageError);
  });

  it('requires a token', () => {
    expect(() => createTempoClient({} as TempoClientOptions)).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: '' })).toThrow(/token/);
  });
});

describe('abort', () => {
  it('aborts before sending: nothing goes out', async () => {
    const { tempo, seen } = setup([ok()]);
    await expect(getWorklog(tempo, AbortSignal.abort())).rejects.toBeInstanceOf(TempoAbortError);
    expect(seen).toHaveLength(0);
  });

  it('aborts a request in flight', async () => {
    const controller = new AbortController();
    const { tempo } = setup([(request) => (setTimeout(() => controller.abort(), 1), hang(request))]);
    const error = await getWorklog(tempo, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoAbortError);
    expect(error).toMatchObject({ method: 'GET', url: 'https://api.tempo.io/4/worklogs/126' });
  });

  it('aborts a low-level call in flight, also when a middleware replaced the request', async () => {
    for (const replace of [false, true]) {
      const controller = new AbortController();
      const { tempo } = setup([(request) => (setTimeout(() => controller.abort(), 1), hang(request))]);
      if (replace) tempo.use({ onRequest: ({ request }) => new Request(request, { headers: { 'x-replaced': '1' } }) });
      const call = tempo.GET('/worklogs/{id}', { params: { path: { id: '126' } }, signal: controller.signal });
      await expect(call).rejects.toBeInstanceOf(TempoAbortError);
    }
  });

  it('an abort during a back-off pause ends the call at once', async () => {
    const controller = new AbortController();
    const clock = createVirtualClock();
    const sleep = clock.sleep.bind(clock);
    clock.sleep = (ms, signal) => {
      const pause = sleep(ms, signal);
      controller.abort(new Error('user went away'));
      return pause;
    };
    const net = scriptedFetch([unavailable()]);
    const tempo = createTempoClient({ token: TOKEN, fetch: net.fetch, clock, rateLimit: false });
    const error = await getWorklog(tempo as never, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoAbortError);
    expect((error as Error).cause).toEqual(new Error('user went away'));
    expect(clock.elapsed()).toBe(0); // the 5 s pause never ran
    expect(net.seen).toHaveLength(1);
  });
});

describe('timeout', () => {
  it('times out an attempt that gets no answer', async () => {
    const { tempo, seen } = setup([hang], { timeoutMs: 20, retry: false });
    const error = await getWorklog(tempo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 20, method: 'GET' });
    expect(seen[0]?.signal.aborted).toBe(true);
  });

  it('retries timed-out idempotent attempts', async () => {
    const { tempo, seen } = setup([hang, hang, ok()], { timeoutMs: 10 });
    await expect(getWorklog(tempo)).resolves.toEqual(worklog);
    expect(seen).toHaveLength(3);
  });

  it('covers the response body, not only the headers', async () => {
    const stalled = () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"tempo')) }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const { tempo } = setup([stalled], { timeoutMs: 20, retry: false });
    await expect(getWorklog(tempo)).rejects.toBeInstanceOf(TempoTimeoutError);
  });
});

describe('custom fetch and limiter', () => {
  it("accepts a custom fetch's own Response class (not the global one)", async () => {
    class ForeignResponse {
      readonly status = 200;
      readonly ok = true;
      readonly url = '';
      readonly headers = new Headers({ 'content-type': 'application/json' });
      readonly body = {};
      async text() {
        return JSON.stringify(worklog);
      }
    }
    const tempo = createTempoClient({
      token: TOKEN,
      rateLimit: false,
      fetch: (async () => new ForeignResponse()) as never,
    });
    await expect(getWorklog(tempo as never)).resolves.toEqual(worklog);
  });

  it('a failing custom limiter is reported as itself, not as an abort', async () => {
    const broken = {
      acquire: async () => Promise.reject(new Error('limiter store unreachable')),
      release: () => {},
      inFlight: 0,
      pending: 0,
    };
    const { tempo, seen } = setup([ok()], { rateLimit: broken });
    await expect(getWorklog(tempo)).rejects.toThrow('limiter store unreachable');
    expect(seen).toHaveLength(0);
  });

  it('rejects a userAgent that cannot be an HTTP header value at once, instead of failing every attempt', () => {
    expect(() => createTempoClient({ token: TOKEN, userAgent: 'timesheet/1.0 ✓' })).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: TOKEN, userAgent: 'a\r\nx-injected: 1' })).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: TOKEN, userAgent: 'timesheet/1.0 (Linux; café)' })).not.toThrow();
  });

  it('treats an explicit undefined in the retry policy as the default', async () => {
    const { tempo, clock } = setup([unavailable()], { retry: { maxRetries: undefined, jitter: 0 } });
    await getWorklog(tempo).catch(() => {});
    expect(clock.sleeps).toEqual([5000, 10000, 15000]);
  });

  it('leaves no abort listener on the caller’s signal when the body is never read', async () => {
    // The same calls on two signals: bodies that are read, and empty bodies openapi-fetch never reads. Whatever
    // fetch itself keeps on a signal is the same for both; the client must keep nothing on either.
    const listenersAfter = async (answer: () => Response) => {
      const signal = new AbortController().signal;
      const { tempo } = setup([answer], { timeoutMs: 0 });
      for (let i = 0; i < 3; i++) await tempo.GET('/worklogs/{id}', { params: { path: { id: '126' } }, signal });
      return getEventListeners(signal, 'abort').length;
    };
    const empty = () => new Response('', { status: 200, headers: { 'content-length': '0' } });
    expect(await listenersAfter(empty)).toBe(await listenersAfter(ok));
  });
});

describe('request shape', () => {
  it('sends the bearer token and a User-Agent naming the SDK', async () => {
    const { tempo, seen } = setup([ok()], { userAgent: 'timesheet/1.2.0' });
    await getWorklog(tempo);
    expect(seen[0]).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      userAgent: `timesheet/1.2.0 tempo-sdk-client/${VERSION}`,
    });
  });

  it('targets the region base URLs', async () => {
    const expected = {
      global: 'https://api.tempo.io/4/worklogs/126',
      eu: 'https://api.eu.tempo.io/4/worklogs/126',
      us: 'https://api.us.tempo.io/4/worklogs/126',
    } as const;
    for (const region of ['global', 'eu', 'us'] as const) {
      const { tempo, seen } = setup([ok()], { region });
      await getWorklog(tempo);
      expect(seen[0]?.url).toBe(expected[region]);
    }
    const custom = setup([ok()], { baseUrl: 'http://127.0.0.1:4010/4/' });
    await getWorklog(custom.tempo);
    expect(custom.seen[0]?.url).toBe('http://127.0.0.1:4010/4/worklogs/126');
    expect(custom.tempo.baseUrl).toBe('http://127.0.0.1:4010/4');
  });

  it('rejects bad base URL options', () => {
    expect(() => createTempoClient({ token: TOKEN, region: 'eu', baseUrl: 'https://x/4' })).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: TOKEN, region: 'mars' as never })).toThrow(/Unknown region/);
    expect(() => createTempoClient({ token: TOKEN, baseUrl: 'api.tempo.io' })).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: TOKEN, baseUrl: 'https://u:p@api.tempo.io/4' })).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: TOKEN, timeoutMs: -1 })).toThrow(TempoUsageError);
  });

  it('serializes array query parameters by repeating the key', async () => {
    const { tempo, seen } = setup([json(200, { results: [], metadata: {} })]);
    await tempo.worklogs.getWorklogs({ query: { projectId: [1, 2], from: '2026-11-01' } });
    expect(seen[0]?.url).toBe('https://api.tempo.io/4/worklogs?projectId=1&projectId=2&from=2026-11-01');
  });
});
