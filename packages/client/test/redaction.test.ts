/**
 * No error (message, toString, JSON, util.inspect, stack, cause) and no log line ever contains the token or a
 * client secret — even when the server or the network layer echoes them back.
 */
import { describe, expect, it } from 'vitest';
import {
  createTempoClient,
  TempoAbortError,
  TempoApiError,
  TempoBadRequestError,
  TempoConflictError,
  TempoConnectionError,
  TempoForbiddenError,
  TempoMaxItemsError,
  TempoNotFoundError,
  TempoRateLimitError,
  TempoServerError,
  TempoTimeoutError,
  TempoUnauthorizedError,
  TempoUnsafeLinkError,
  TempoUsageError,
  type OperationId,
} from '../src/index.js';
import { useTempoMock } from './support/tempo-mock.js';
import { errorViews } from './support/error-views.js';
import { createVirtualClock } from './support/virtual-clock.js';

const SECRET_TOKEN = 'tok_live_7c1d3f9a8b2e4c6d';
const CLIENT_SECRET = 'cs_9f8e7d6c5b4a3210';
const SECRETS = [SECRET_TOKEN, CLIENT_SECRET];

const { mock, server } = useTempoMock({ apiTokens: [SECRET_TOKEN] });

function expectClean(label: string, texts: string[]) {
  for (const text of texts) {
    for (const secret of SECRETS)
      expect(text.includes(secret), `${label} leaks ${secret}: ${text.slice(0, 300)}`).toBe(false);
    expect(text, label).not.toMatch(/Bearer\s+(?!\[REDACTED\])\S/);
  }
}

function loggingClient(extra: Parameters<typeof createTempoClient>[0] extends infer O ? Partial<O> : never = {}) {
  const lines: string[] = [];
  const sink = (level: string) => (message: string, details?: unknown) =>
    lines.push(`${level} ${message} ${details === undefined ? '' : JSON.stringify(details)}`);
  const tempo = createTempoClient({
    token: SECRET_TOKEN,
    clock: createVirtualClock(),
    logger: { debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') },
    logLevel: 'debug',
    ...extra,
  });
  return { tempo, lines };
}

/** An error response that echoes the request's credentials back in its body and headers. */
function echoing(status: number) {
  return mock.http.get('/worklogs', ({ request, response }) => {
    const auth = request.headers.get('authorization') ?? '';
    const message = `Echo: ${auth} client_secret=${CLIENT_SECRET} token ${SECRET_TOKEN}`;
    return response.untyped(
      new Response(
        JSON.stringify({ errors: [{ message }, { message: `again ${SECRET_TOKEN}` }], token: SECRET_TOKEN }),
        {
          status,
          headers: {
            'content-type': 'application/json',
            'x-echo-authorization': auth,
            'set-cookie': `session=${SECRET_TOKEN}`,
            'x-request-id': 'req-1',
          },
        },
      ),
    );
  });
}

const SECRET_QUERY = {
  access_token: SECRET_TOKEN,
  client_secret: CLIENT_SECRET,
  code: SECRET_TOKEN,
  token: SECRET_TOKEN,
};

describe('every error class is clean', () => {
  it.each([
    [400, TempoBadRequestError],
    [401, TempoUnauthorizedError],
    [403, TempoForbiddenError],
    [404, TempoNotFoundError],
    [409, TempoConflictError],
    [429, TempoRateLimitError],
    [500, TempoServerError],
    [418, TempoApiError],
  ])('%i from a server that echoes secrets', async (status, Class) => {
    server.use(echoing(status));
    const { tempo, lines } = loggingClient({ retry: { maxRetries: 1, delays: [10] } });
    const error = await tempo.worklogs.getWorklogs({ query: SECRET_QUERY as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect((error as TempoApiError).requestId).toBe('req-1');
    expectClean(`${status} error`, errorViews(error));
    expectClean(`${status} logs`, lines);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('TempoConnectionError from a fetch whose error quotes the request', async () => {
    const leakyFetch = (async (request: Request) => {
      throw new TypeError(
        `fetch failed for ${request.url} with Authorization: ${request.headers.get('authorization')}`,
        {
          cause: new Error(`socket hang up (token=${SECRET_TOKEN})`),
        },
      );
    }) as unknown as typeof fetch;
    const { tempo, lines } = loggingClient({ fetch: leakyFetch, retry: { maxRetries: 1, delays: [10] } });
    const error = await tempo.worklogs.getWorklogs({ query: SECRET_QUERY as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoConnectionError);
    expectClean('connection error', errorViews(error));
    expectClean('connection logs', lines);
  });

  it('TempoTimeoutError and TempoAbortError', async () => {
    mock.faults.add({ operationId: 'getWorklogs', delayMs: 1000 });
    const timed = loggingClient({ timeoutMs: 10, retry: false });
    const timeout = await timed.tempo.worklogs.getWorklogs({ query: SECRET_QUERY as never }).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(TempoTimeoutError);
    expectClean('timeout', errorViews(timeout));

    const aborted = loggingClient();
    const abort = await aborted.tempo.worklogs
      .getWorklogs({ query: SECRET_QUERY as never, signal: AbortSignal.timeout(10) })
      .catch((e: unknown) => e);
    expect(abort).toBeInstanceOf(TempoAbortError);
    expectClean('abort', errorViews(abort));
    expectClean('timeout/abort logs', [...timed.lines, ...aborted.lines]);
  });

  it('TempoUnsafeLinkError, TempoMaxItemsError, TempoUsageError', async () => {
    server.use(
      mock.http.get('/worklogs', ({ response }) =>
        response(200).json({
          metadata: {
            count: 1,
            offset: 0,
            limit: 1,
            next: `https://evil.example.com/4/worklogs?access_token=${SECRET_TOKEN}`,
          },
          results: [mock.db.worklogs.all()[0]!],
          self: 'https://api.tempo.io/4/worklogs',
        } as never),
      ),
    );
    const { tempo, lines } = loggingClient();
    const drain = async (iterable: AsyncIterable<unknown>) => {
      for await (const _ of iterable);
    };
    const unsafe = await drain(tempo.paginate('getWorklogs')).catch((e: unknown) => e);
    expect(unsafe).toBeInstanceOf(TempoUnsafeLinkError);
    expect((unsafe as TempoUnsafeLinkError).link).toBe('https://evil.example.com/4/worklogs');
    expectClean('unsafe link', errorViews(unsafe));

    server.resetHandlers();
    const max = await drain(tempo.paginate('getWorklogs', {}, { maxItems: 1, onLimit: 'throw' })).catch(
      (e: unknown) => e,
    );
    expect(max).toBeInstanceOf(TempoMaxItemsError);
    expectClean('max items', errorViews(max));

    const usage = await tempo.call('nope' as OperationId).catch((e: unknown) => e);
    expect(usage).toBeInstanceOf(TempoUsageError);
    expectClean('usage', errorViews(usage));
    expectClean('logs', lines);
  });

  it('a token provider’s tokens are scrubbed too, old and new', async () => {
    const tokens = ['provider-token-aaaa-1111', 'provider-token-bbbb-2222'];
    server.use(
      mock.http.get('/worklogs', ({ request, response }) => {
        const raw = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
        return response.untyped(
          new Response(JSON.stringify({ errors: { message: `bad token ${raw}; known: ${tokens.join(', ')}` } }), {
            status: 400,
            headers: { 'content-type': 'application/json', 'x-echo': raw },
          }),
        );
      }),
    );
    let n = 0;
    const { tempo, lines } = loggingClient({ token: () => tokens[n++ % 2]!, retry: false });
    await tempo.worklogs.getWorklogs().catch(() => {}); // hands out tokens[0]
    const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e); // tokens[1]; the body names both
    expect(error).toBeInstanceOf(TempoBadRequestError);
    for (const text of [...errorViews(error), ...lines]) {
      for (const token of tokens) expect(text).not.toContain(token);
    }
    expect((error as Error).message).toBe('bad token [REDACTED]; known: [REDACTED], [REDACTED]');
  });
});

describe('logger', () => {
  it('is silent without a logger, and filters by level', async () => {
    const quiet = createTempoClient({ token: SECRET_TOKEN, clock: createVirtualClock() });
    await quiet.worklogs.getWorklogs({ query: { limit: 1 } }); // nothing to assert on but that nothing throws

    const lines: string[] = [];
    const warnOnly = createTempoClient({
      token: SECRET_TOKEN,
      clock: createVirtualClock(),
      logger: { debug: (m) => lines.push(`debug ${m}`), warn: (m) => lines.push(`warn ${m}`) },
      logLevel: 'warn',
    });
    mock.faults.add({ operationId: 'getWorklogs', status: 503, times: 1 });
    await warnOnly.worklogs.getWorklogs({ query: { limit: 1 } });
    expect(lines).toEqual([
      expect.stringMatching(
        /^warn Retrying GET https:\/\/api\.tempo\.io\/4\/worklogs\?limit=1 in 5000 ms \(retry 1 of 3\)$/,
      ),
    ]);
  });

  it('debug logs every attempt with the operationId; a throwing logger does not break calls', async () => {
    const { tempo, lines } = loggingClient();
    await tempo.worklogs.getWorklogs({ query: { limit: 1 } });
    expect(lines).toEqual([
      expect.stringMatching(
        /^debug → GET https:\/\/api\.tempo\.io\/4\/worklogs\?limit=1 .*"operationId":"getWorklogs"/,
      ),
      expect.stringMatching(/^debug ← 200 GET .*"attempt":1/),
    ]);
    const broken = createTempoClient({
      token: SECRET_TOKEN,
      logger: {
        debug: () => {
          throw new Error('disk full');
        },
      },
      logLevel: 'debug',
    });
    await expect(broken.worklogs.getWorklogs({ query: { limit: 1 } })).resolves.toBeDefined();
  });
});
