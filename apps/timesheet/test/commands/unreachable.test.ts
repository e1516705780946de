/**
 * Issue 15 §7: an unreachable Tempo on a command's first request fails at once with one line; once a response has
 * arrived, connection failures are retried as before.
 */
import { createServer } from 'node:net';
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { startTempoMockServer, type TempoMockServer } from '@tempo-sdk/msw/server';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failFastFetch, unreachableCode } from '../../src/lib/first-contact.js';
import { NOW } from '../helpers/mock.js';
import { run } from '../helpers/run.js';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a Tempo that cannot be reached', () => {
  let mockServer: TempoMockServer;
  beforeAll(async () => {
    mockServer = await startTempoMockServer({ host: '127.0.0.1', port: 0, seed: 1, today: '2026-03-18' });
  });
  afterAll(() => mockServer.close());
  const me = () => mockServer.mock.db.users.all()[0]!.accountId;

  it.each([
    [['week']],
    [['export', '--from', '2026-03-01', '--to', '2026-03-18', '--out', '/dev/null/x']], // (checked first: exit 2)
    [['export', '--from', '2026-03-01', '--to', '2026-03-18']],
    [['submit']],
    [['log', '10103', '1h']],
  ])('%j: connection refused on the first request is one line and exit 1, with no retry', async (argv) => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/4`;
    const result = await run(argv, {
      env: { TEMPO_BASE_URL: baseUrl, TEMPO_API_TOKEN: MOCK_API_TOKEN, TEMPO_ACCOUNT_ID: me() },
      now: NOW,
    });
    if (argv.includes('--out')) {
      expect(result.code).toBe(2); // a bad --out costs no connection at all
      return;
    }
    expect(result.stderr).toBe(
      `timesheet: cannot connect to Tempo at ${new URL(baseUrl).origin} (connection refused); check --base-url, TEMPO_BASE_URL or --region, and your network\n`,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
  });

  it('after a first answer, a lost connection is retried as before (the retry notice appears)', async () => {
    mockServer.mock.use(
      http.get(/\/worklogs\/user\//, ({ request }) =>
        Number(new URL(request.url).searchParams.get('offset') ?? 0) === 0 ? undefined : HttpResponse.error(),
      ),
    );
    const controller = new AbortController();
    let stderr = '';
    const result = await run(
      ['export', '--from', '2026-02-01', '--to', '2026-03-18', '--page-size', '5', '--format', 'ndjson', '--ids-only'],
      {
        env: { TEMPO_BASE_URL: mockServer.baseUrl, TEMPO_API_TOKEN: MOCK_API_TOKEN, TEMPO_ACCOUNT_ID: me() },
        now: NOW,
        signal: controller.signal,
        onStderr: (chunk) => {
          stderr += chunk;
          // The client is now pausing 5 s before its first retry: that it got here is the point; stop waiting.
          if (/retrying GET/.test(stderr))
            controller.abort(Object.assign(new Error('interrupted'), { name: 'AbortError' }));
        },
      },
    );
    mockServer.mock.resetHandlers();
    expect(result.stderr).toMatch(
      /^timesheet: no connection; retrying GET http:\/\/127\.0\.0\.1:\d+\/4\/worklogs\/user\/[^ ]+ in \d+ ms \(retry 1 of 3\)\ntimesheet: interrupted\n$/,
    );
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(5); // the first page went out
    expect(result.code).toBe(130);
  });

  it('finds the code wherever fetch puts it (cause, AggregateError)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(unreachableCode(new TypeError('fetch failed', { cause: refused }))).toBe('ECONNREFUSED');
    expect(
      unreachableCode(
        new TypeError('fetch failed', { cause: Object.assign(new AggregateError([refused]), { code: undefined }) }),
      ),
    ).toBe('ECONNREFUSED');
    expect(
      unreachableCode(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) })),
    ).toBe('ENOTFOUND');
    expect(
      unreachableCode(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })),
    ).toBeUndefined();
  });

  it('only the first contact fails fast', async () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) });
    const calls: string[] = [];
    let answer = true;
    const wrapped = failFastFetch(
      (error) => calls.push(error.message),
      async () => {
        if (answer) return new Response('{}');
        throw refused;
      },
    );
    answer = false;
    await expect(wrapped('http://127.0.0.1:1/4/x')).rejects.toBe(refused);
    expect(calls).toHaveLength(1);
    answer = true;
    await wrapped('http://127.0.0.1:1/4/x');
    answer = false;
    await expect(wrapped('http://127.0.0.1:1/4/x')).rejects.toBe(refused);
    expect(calls).toHaveLength(1); // it had worked: no fail-fast, the client retries
  });
});
