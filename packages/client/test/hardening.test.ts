/**
 * Issue 12, each kind in every place the client can meet it, against @tempo-sdk/msw: path values that would leave
 * their segment, response bodies over `maxResponseBytes`, secrets that straddle a cut, untyped or misreported
 * answers, stalled bodies and fetches that ignore their signal, 429 on a creating POST.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  createTempoClient,
  TempoInvalidResponseError,
  TempoRateLimitError,
  TempoResponseTooLargeError,
  TempoServerError,
  TempoTimeoutError,
  TempoUsageError,
  type TempoApiError,
} from '../src/index.js';
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { useTempoMock } from './support/tempo-mock.js';
import { errorViews } from './support/error-views.js';
import { createVirtualClock } from './support/virtual-clock.js';

const TOKEN = 'tok_live_straddle_7c1d3f9a8b2e4c6d5e';
const { mock, server, requests, client } = useTempoMock({ apiTokens: [MOCK_API_TOKEN, TOKEN] });

const worklogBody = JSON.stringify({ tempoWorklogId: 126, timeSpentSeconds: 3600 });

/** A body that never ends: 64 KiB chunks for as long as someone reads. */
function endless(): { stream: ReadableStream<Uint8Array>; bytesSent: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, bytesSent: () => sent };
}

/** A body that sends its headers, then nothing for `stallMs`, then (if it ever gets there) the rest. */
function stalling(stallMs: number, rest = worklogBody): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new TextEncoder().encode(rest.slice(0, 5)));
      await new Promise((resolve) => setTimeout(resolve, stallMs));
      try {
        controller.enqueue(new TextEncoder().encode(rest.slice(5)));
        controller.close();
      } catch {
        // cancelled meanwhile
      }
    },
  });
}

describe('12.1 path values stay inside their segment', () => {
  it.each(['..', '.', ''])('refuses %j before sending (facade, low-level, paginate)', async (value) => {
    const { tempo } = client();
    await expect(
      tempo.holidaySchemes.deleteHoliday({ path: { schemeId: 7 as never, holidayId: value as never } }),
    ).rejects.toBeInstanceOf(TempoUsageError);
    await expect(tempo.worklogs.getWorklogsByUser({ path: { accountId: value } })).rejects.toBeInstanceOf(
      TempoUsageError,
    );
    await expect(
      tempo.DELETE('/holiday-schemes/{schemeId}/holidays/{holidayId}', {
        params: { path: { schemeId: 7 as never, holidayId: value as never } },
      }),
    ).rejects.toBeInstanceOf(TempoUsageError);
    const pages = tempo.paginate('getWorklogsByUser', { path: { accountId: value } });
    await expect(pages[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(TempoUsageError);
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['a/b', 'a%2Fb'],
    ['a?b', 'a%3Fb'],
    ['a#b', 'a%23b'],
    ['100%', '100%25'],
    ['%2e%2e', '%252e%252e'],
    ['../x', '..%2Fx'],
    ['a b', 'a%20b'],
  ])('encodes %j into one segment', async (value, encoded) => {
    const { tempo } = client();
    await tempo.worklogs.getWorklogsByUser({ path: { accountId: value } }).catch(() => undefined);
    await tempo.GET('/worklogs/user/{accountId}', { params: { path: { accountId: value } } });
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      `/4/worklogs/user/${encoded}`,
      `/4/worklogs/user/${encoded}`,
    ]);
  });

  it('refuses a value that is not a string or number, and a lone surrogate', async () => {
    const { tempo } = client();
    await expect(tempo.worklogs.getWorklogsByUser({ path: { accountId: { a: 1 } as never } })).rejects.toBeInstanceOf(
      TempoUsageError,
    );
    await expect(tempo.worklogs.getWorklogsByUser({ path: { accountId: '\ud800' } })).rejects.toBeInstanceOf(
      TempoUsageError,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('12.4 maxResponseBytes', () => {
  it('stops an endless success body at the limit and cancels it (facade and low-level)', async () => {
    const bodies: ReturnType<typeof endless>[] = [];
    server.use(
      mock.http.get('/worklogs/{id}', ({ response }) => {
        const body = endless();
        bodies.push(body);
        return response.untyped(
          new Response(body.stream, { status: 200, headers: { 'content-type': 'application/json' } }),
        );
      }),
    );
    const { tempo } = client({ maxResponseBytes: 1024 * 1024 });
    const error = await tempo.worklogs.getWorklogById({ path: { id: '1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoResponseTooLargeError);
    expect(error).toMatchObject({ status: 200, maxResponseBytes: 1024 * 1024, operationId: 'getWorklogById' });
    await expect(tempo.GET('/worklogs/{id}', { params: { path: { id: '1' } } })).rejects.toBeInstanceOf(
      TempoResponseTooLargeError,
    );
    expect(bodies).toHaveLength(2); // not retried
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Reading stopped at the limit: the endless body was not drained further (msw may buffer a few chunks).
    for (const body of bodies) expect(body.bytesSent()).toBeLessThan(4 * 1024 * 1024);
  });

  it('stops an endless error body too (the error is not retried)', async () => {
    const bodies: ReturnType<typeof endless>[] = [];
    server.use(
      mock.http.get('/worklogs', ({ response }) => {
        const body = endless();
        bodies.push(body);
        return response.untyped(new Response(body.stream, { status: 503, headers: { 'content-type': 'text/plain' } }));
      }),
    );
    const { tempo } = client({ maxResponseBytes: 256 * 1024 });
    const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoResponseTooLargeError);
    expect(error).toMatchObject({ status: 503 });
    expect(bodies).toHaveLength(1);
  });

  it('refuses a declared content-length over the limit without reading it', async () => {
    server.use(
      mock.http.get('/worklogs/{id}', ({ response }) =>
        response.untyped(
          new Response(worklogBody, {
            status: 200,
            headers: { 'content-type': 'application/json', 'content-length': String(worklogBody.length) },
          }),
        ),
      ),
    );
    const { tempo } = client({ maxResponseBytes: 10 });
    await expect(tempo.worklogs.getWorklogById({ path: { id: '1' } })).rejects.toBeInstanceOf(
      TempoResponseTooLargeError,
    );
    const roomy = client({ maxResponseBytes: worklogBody.length });
    await expect(roomy.tempo.worklogs.getWorklogById({ path: { id: '1' } })).resolves.toMatchObject({
      tempoWorklogId: 126,
    });
  });

  it('applies to a body a middleware supplied instead of the transport', async () => {
    const { tempo } = client({ maxResponseBytes: 1024 });
    tempo.use({
      onRequest: () => new Response(endless().stream, { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(tempo.worklogs.getWorklogById({ path: { id: '1' } })).rejects.toBeInstanceOf(
      TempoResponseTooLargeError,
    );
  });

  // openapi-fetch reads the body of an error status itself (`response.text()`), outside the transport: every
  // response a middleware supplies is read under the limit before openapi-fetch sees it.
  const endlessError = () => new Response(endless().stream, { status: 500, headers: { 'content-type': 'text/plain' } });
  const tooLarge = { status: 500, maxResponseBytes: 1024, method: 'GET' };

  it('applies to an error body a middleware supplied in onRequest (facade and low-level)', async () => {
    const { tempo } = client({ maxResponseBytes: 1024 });
    tempo.use({ onRequest: endlessError });
    const error = await tempo.worklogs.getWorklogById({ path: { id: '1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoResponseTooLargeError);
    expect(error).toMatchObject({ ...tooLarge, url: expect.stringContaining('/worklogs/1') });
    await expect(tempo.GET('/worklogs/{id}', { params: { path: { id: '1' } } })).rejects.toMatchObject(tooLarge);
  });

  it('applies to an error body a middleware put in place of the answer (onResponse)', async () => {
    const { tempo } = client({ maxResponseBytes: 1024 });
    tempo.use({ onResponse: endlessError });
    await expect(tempo.worklogs.getWorklogById({ path: { id: '1' } })).rejects.toMatchObject(tooLarge);
    await expect(tempo.GET('/worklogs/{id}', { params: { path: { id: '1' } } })).rejects.toBeInstanceOf(
      TempoResponseTooLargeError,
    );
  });

  it('applies to an error body a middleware answered a failed fetch with (onError)', async () => {
    const { tempo } = client({ maxResponseBytes: 1024, retry: false });
    const failing = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    tempo.use({ onError: endlessError });
    await expect(
      tempo.GET('/worklogs/{id}', { params: { path: { id: '1' } }, fetch: failing as typeof fetch }),
    ).rejects.toMatchObject(tooLarge);
    expect(failing).toHaveBeenCalled();
  });

  it('applies to per-call middleware of a low-level call', async () => {
    const { tempo } = client({ maxResponseBytes: 1024 });
    await expect(
      tempo.GET('/worklogs/{id}', { params: { path: { id: '1' } }, middleware: [{ onRequest: endlessError }] }),
    ).rejects.toMatchObject(tooLarge);
  });

  it('keeps middleware that answers within the limit, or passes the answer on, working (and eject)', async () => {
    server.use(
      mock.http.get('/worklogs/{id}', ({ response }) =>
        response.untyped(new Response(worklogBody, { status: 200, headers: { 'content-type': 'application/json' } })),
      ),
    );
    const { tempo } = client({ maxResponseBytes: 1024 });
    const passOn = { onResponse: ({ response }: { response: Response }) => response };
    const teapot = {
      onRequest: () => new Response(JSON.stringify({ errors: [{ message: 'short and stout' }] }), { status: 418 }),
    };
    tempo.use(passOn);
    await expect(tempo.worklogs.getWorklogById({ path: { id: '126' } })).resolves.toMatchObject({
      tempoWorklogId: 126,
    });
    tempo.use(teapot);
    const low = await tempo.GET('/worklogs/{id}', { params: { path: { id: '126' } } });
    expect(low.response.status).toBe(418);
    expect(low.error).toEqual({ errors: [{ message: 'short and stout' }] });
    tempo.eject(teapot);
    await expect(tempo.worklogs.getWorklogById({ path: { id: '126' } })).resolves.toMatchObject({
      tempoWorklogId: 126,
    });
  });

  it('rejects a negative limit as a usage error', () => {
    expect(() => createTempoClient({ token: 'abcdefgh', maxResponseBytes: -1 })).toThrow(TempoUsageError);
  });
});

/** No run of 8 characters of the token appears in any view. */
function expectNoFragment(texts: string[]) {
  for (let i = 0; i + 8 <= TOKEN.length; i++) {
    const fragment = TOKEN.slice(i, i + 8);
    for (const text of texts)
      expect(text.includes(fragment), `fragment ${fragment} in ${text.slice(0, 400)}`).toBe(false);
  }
}

describe('12.6 redact before cutting', () => {
  it.each([280, 290, 295, 299, 300])(
    'a token that starts at %i (across the 300-character cut) leaves no fragment',
    async (at) => {
      server.use(
        mock.http.get('/worklogs', ({ response }) =>
          response.untyped(
            new Response(`${'x'.repeat(at)}${TOKEN} trailing text`, {
              status: 500,
              headers: { 'content-type': 'text/plain' },
            }),
          ),
        ),
      );
      const tempo = createTempoClient({ token: TOKEN, clock: createVirtualClock(), retry: false });
      const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TempoServerError);
      expect((error as TempoApiError).message.length).toBeLessThanOrEqual(300);
      expectNoFragment(errorViews(error));
    },
  );
});

describe('12.7 untyped or misreported answers', () => {
  const html = '<html><body>Login to continue, token=abc</body></html>';
  it.each([
    ['without content-length', {}],
    ['with content-length', { 'content-length': String(html.length) }],
  ])(
    'a non-JSON 200 %s is a TempoInvalidResponseError naming the operation and status, never the body',
    async (_label, extra) => {
      server.use(
        mock.http.get('/worklogs/{id}', ({ response }) =>
          response.untyped(new Response(html, { status: 200, headers: { 'content-type': 'text/html', ...extra } })),
        ),
      );
      const { tempo } = client();
      const error = await tempo.worklogs.getWorklogById({ path: { id: '1' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TempoInvalidResponseError);
      expect(error).toMatchObject({ status: 200, operationId: 'getWorklogById' });
      expect((error as Error).message).toMatch(/getWorklogById answered 200/);
      for (const view of errorViews(error)) expect(view).not.toContain('Login to continue');
      const low = await tempo.GET('/worklogs/{id}', { params: { path: { id: '1' } } }).catch((e: unknown) => e);
      expect(low).toBeInstanceOf(TempoInvalidResponseError);
      expect(requests).toHaveLength(2); // not retried
    },
  );

  it('an empty 200 from a JSON operation rejects, naming the operation and status; a 204 resolves undefined', async () => {
    server.use(
      mock.http.get('/worklogs/{id}', ({ response }) => response.untyped(new Response(null, { status: 200 }))),
      mock.http.get('/accounts', ({ response }) =>
        response.untyped(new Response('', { status: 200, headers: { 'content-length': '0' } })),
      ),
    );
    const { tempo } = client();
    const error = await tempo.worklogs.getWorklogById({ path: { id: '1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoInvalidResponseError);
    expect((error as Error).message).toBe('getWorklogById answered 200 with an empty body (expected JSON)');
    await expect(tempo.accounts.getAccounts()).rejects.toBeInstanceOf(TempoInvalidResponseError);
    const created = await tempo.worklogs
      .createWorklog({
        body: { issueId: 10001, authorAccountId: 'user-1', startDate: '2026-11-02', timeSpentSeconds: 60 } as never,
      })
      .catch(() => undefined);
    if (created)
      await expect(
        tempo.worklogs.deleteWorklog({ path: { id: String(created.tempoWorklogId) } }),
      ).resolves.toBeUndefined();
  });

  it('a fixed token that is not Latin-1 is a TempoUsageError at once', () => {
    expect(() => createTempoClient({ token: 'tok_live_✓_0123456789' })).toThrow(TempoUsageError);
    expect(() => createTempoClient({ token: 'tok_live_\r\n0123456789' })).toThrow(TempoUsageError);
  });

  it('a provider token that is not Latin-1 is a TempoUsageError, not a connection error, and is not retried', async () => {
    const provider = vi.fn(() => 'tok_live_ünïcödé_✓_0123456789');
    const { tempo } = client({ token: provider });
    const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoUsageError);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(requests).toHaveLength(0);
    for (const view of errorViews(error)) expect(view).not.toContain('ünïcödé');
  });

  it('a header value that is not Latin-1 is a TempoUsageError naming no value', async () => {
    const { tempo } = client();
    const error = await tempo.worklogs
      .getWorklogs({ headers: { 'x-note': 'secret-✓-value' } as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoUsageError);
    for (const view of errorViews(error)) expect(view).not.toContain('secret-');
  });
});

describe('12.11 timeouts without gaps', () => {
  it('a body that stalls after the headers times out and is retried, like a stalled response', async () => {
    let calls = 0;
    server.use(
      mock.http.get('/worklogs/{id}', ({ response }) => {
        calls++;
        return response.untyped(
          calls === 1
            ? new Response(stalling(5_000), { status: 200, headers: { 'content-type': 'application/json' } })
            : new Response(worklogBody, { status: 200, headers: { 'content-type': 'application/json' } }),
        );
      }),
    );
    const { tempo, clock } = client({ timeoutMs: 50, retry: { delays: [10] } });
    await expect(tempo.worklogs.getWorklogById({ path: { id: '1' } })).resolves.toMatchObject({ tempoWorklogId: 126 });
    expect(calls).toBe(2);
    expect(clock.sleeps.filter((ms) => ms === 10)).toHaveLength(1);
  });

  it('a stalled body surfaces as TempoTimeoutError when retries run out', async () => {
    server.use(
      mock.http.get('/worklogs/{id}', ({ response }) =>
        response.untyped(
          new Response(stalling(5_000), { status: 200, headers: { 'content-type': 'application/json' } }),
        ),
      ),
    );
    const { tempo } = client({ timeoutMs: 30, retry: { maxRetries: 1, delays: [1] } });
    await expect(tempo.worklogs.getWorklogById({ path: { id: '1' } })).rejects.toBeInstanceOf(TempoTimeoutError);
  });

  it('a custom fetch that ignores its AbortSignal still times out and frees its limiter slot', async () => {
    const never = (() => new Promise<Response>(() => {})) as typeof fetch;
    const limiter = (await import('../src/index.js')).createRateLimiter({ maxConcurrent: 1 });
    const { tempo } = client({ fetch: never, timeoutMs: 30, retry: false, rateLimit: limiter });
    await expect(tempo.worklogs.getWorklogs()).rejects.toBeInstanceOf(TempoTimeoutError);
    expect(limiter.inFlight).toBe(0);
    await expect(tempo.worklogs.getWorklogs()).rejects.toBeInstanceOf(TempoTimeoutError); // the slot was given back
  });

  it('a custom fetch whose body never ends and ignores its signal still times out', async () => {
    const stalled = (async () =>
      new Response(stalling(60_000), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;
    const { tempo } = client({ fetch: stalled, timeoutMs: 30, retry: false });
    await expect(tempo.worklogs.getWorklogs()).rejects.toBeInstanceOf(TempoTimeoutError);
  });
});

describe('12.15 time', () => {
  it('TempoRateLimitError.retryAfterMs reads an HTTP-date Retry-After against the injected clock', async () => {
    const clock = createVirtualClock({ startMs: Date.UTC(2026, 10, 27, 9, 0, 0) });
    server.use(
      mock.http.get('/accounts', ({ response }) =>
        response.untyped(
          new Response('{}', {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': 'Fri, 27 Nov 2026 09:00:30 GMT' },
          }),
        ),
      ),
    );
    const { tempo } = client({ clock, retry: false });
    const error = await tempo.accounts.getAccounts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoRateLimitError);
    expect((error as TempoRateLimitError).retryAfterMs).toBe(30_000);
  });
});

describe('12.18 a 429 on a creating POST', () => {
  const body = { issueId: 10001, authorAccountId: 'user-1', startDate: '2026-11-02', timeSpentSeconds: 60 } as never;
  it('is retried under the 429 rules', async () => {
    mock.faults.add({ operationId: 'createWorklog', status: 429, times: 1 });
    const { tempo, clock } = client();
    await tempo.worklogs.createWorklog({ body }).catch(() => undefined);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(clock.sleeps.filter((ms) => ms >= 1000)).toEqual([1000]);
  });

  it('5xx and connection errors on it stay unretried', async () => {
    mock.faults.add({ operationId: 'createWorklog', status: 503 });
    const { tempo } = client();
    await expect(tempo.worklogs.createWorklog({ body })).rejects.toBeInstanceOf(TempoServerError);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const calls = vi.fn(down);
    const offline = client({ fetch: calls as typeof fetch });
    await expect(offline.tempo.worklogs.createWorklog({ body })).rejects.toMatchObject({
      name: 'TempoConnectionError',
    });
    expect(calls).toHaveBeenCalledTimes(1);
  });
});

describe('12.15 elapsed time is monotonic', () => {
  it('the throttle window does not stall when the wall clock steps back', async () => {
    const clock = createVirtualClock();
    // Wall time jumps an hour back after the first requests; monotonic time goes on.
    let wallOffset = 0;
    const stepping = { ...clock, now: () => clock.now() - wallOffset };
    const { tempo } = client({ clock: stepping, rateLimit: { requestsPerSecond: 2, maxConcurrent: 1 } });
    await tempo.worklogs.getWorklogs({ query: { limit: 1 } });
    wallOffset = 3_600_000;
    await Promise.all([1, 2, 3].map(() => tempo.worklogs.getWorklogs({ query: { limit: 1 } })));
    expect(requests).toHaveLength(4);
    expect(clock.elapsed()).toBeLessThan(3_000); // not an hour
  });

  it('a timeout fires when Date.now steps back during the attempt', async () => {
    const realNow = Date.now;
    let calls = 0;
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => realNow() - (calls++ > 0 ? 3_600_000 : 0));
    try {
      server.use(
        mock.http.get('/worklogs', ({ response }) => response.untyped(new Response(stalling(2_000), { status: 200 }))),
      );
      const { tempo } = client({ timeoutMs: 30, retry: false });
      await expect(tempo.worklogs.getWorklogs()).rejects.toBeInstanceOf(TempoTimeoutError);
    } finally {
      spy.mockRestore();
    }
  });
});
