// The Jira client on @tempo-sdk/client's transport, against the mock's Jira: auth, Jira's error body, retries with
// Retry-After, timeouts, abort, maxResponseBytes, bodies that are not JSON, safe path values and redaction.
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MOCK_JIRA_OAUTH_TOKEN } from '@tempo-sdk/msw';
import {
  createJiraClient,
  JiraAbortError,
  JiraBadRequestError,
  JiraError,
  JiraInvalidResponseError,
  JiraNotFoundError,
  JiraRateLimitError,
  JiraResponseTooLargeError,
  JiraServerError,
  JiraTimeoutError,
  JiraUnauthorizedError,
  JiraUsageError,
} from '../src/index.js';
import { useJiraMock } from './support/mock.js';

const { mock, server, client } = useJiraMock();

/** Every view of an error a user or a log could see. */
function views(error: unknown): string {
  const e = error as Error;
  return [
    e.message,
    e.stack,
    String(e),
    inspect(e, { depth: 5 }),
    JSON.stringify(e),
    inspect((e as { cause?: unknown }).cause),
  ].join('\n');
}

describe('auth and errors', () => {
  it('basic auth on the site URL: the signed-in user', async () => {
    const me = await client().call('getCurrentUser');
    expect(me.accountId).toBe(mock.db.users.all()[0]!.accountId);
  });

  it('OAuth bearer token on the gateway URL (cloudId → https://api.atlassian.com/ex/jira/{cloudId})', async () => {
    const cloudId = mock.jira.gatewayUrl.split('/').pop()!;
    const jira = createJiraClient({ token: MOCK_JIRA_OAUTH_TOKEN, cloudId });
    expect(jira.baseUrl).toBe(mock.jira.gatewayUrl);
    expect((await jira.call('getIssue', { path: { issueIdOrKey: 'SUP-1' } })).key).toBe('SUP-1');
  });

  it('a wrong API token is a JiraUnauthorizedError with Jira message, and no fragment of the credentials anywhere', async () => {
    const apiToken = 'ATATT3xFfGF0-wrong-token-0123456789abcdefghij';
    const error = await client({ apiToken })
      .call('getCurrentUser')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraUnauthorizedError);
    expect((error as JiraUnauthorizedError).status).toBe(401);
    expect((error as Error).message).toMatch(/email address or the API token is wrong/);
    const seen = views(error);
    const basic = btoa(`${mock.jira.credentials.email}:${apiToken}`);
    for (const secret of [apiToken, basic])
      for (let i = 0; i + 8 <= secret.length; i += 4) expect(seen).not.toContain(secret.slice(i, i + 8));
  });

  it('text from Jira is redacted before it is cut: a token crossing the cut leaves no fragment', async () => {
    const { apiToken, email } = mock.jira.credentials;
    const basic = btoa(`${email}:${apiToken}`);
    for (let pad = 280; pad <= 320; pad += 7) {
      server.use(
        mock.jira.reply(
          'get',
          '/rest/api/3/myself',
          400,
          `${'x'.repeat(pad)} ${apiToken} Basic ${basic} Bearer abcdefghijklmnop ${'y'.repeat(400)}`,
        ),
      );
      const error = await client()
        .call('getCurrentUser')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JiraBadRequestError);
      const seen = views(error);
      for (const secret of [apiToken, basic])
        for (let i = 0; i + 6 <= secret.length; i += 3) expect(seen).not.toContain(secret.slice(i, i + 6));
      server.resetHandlers();
    }
  });

  it("parses Jira's error body: errorMessages, then field errors as 'field: message'", async () => {
    const error = await client()
      .call('bulkFetchIssues', { body: { issueIdsOrKeys: [] } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraBadRequestError);
    expect((error as JiraBadRequestError).messages).toEqual(['issueIdsOrKeys: Name at least one issue id or key.']);
    const notFound = await client()
      .call('getIssue', { path: { issueIdOrKey: 'NOPE-1' } })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(JiraNotFoundError);
    expect((notFound as Error).message).toMatch(/does not exist/);
    expect(notFound).toBeInstanceOf(JiraError);
  });
});

describe('resilience', () => {
  it('429 is retried after Retry-After, also on the read-only POST', async () => {
    mock.faults.add({ operationId: 'bulkFetchIssues', status: 429, retryAfterMs: 0, times: 2 });
    const result = await client().call('bulkFetchIssues', { body: { issueIdsOrKeys: ['SUP-1'] } });
    expect(result.issues).toHaveLength(1);
    expect(mock.faults.list()).toHaveLength(0);
  });

  it('a 429 that persists is a JiraRateLimitError with retryAfterMs', async () => {
    mock.faults.add({ operationId: 'getCurrentUser', status: 429, retryAfterMs: 0 });
    const error = await client()
      .call('getCurrentUser')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraRateLimitError);
    expect((error as JiraRateLimitError).retryAfterMs).toBe(0);
  });

  it('a Retry-After longer than maxDelay is not waited out', async () => {
    mock.faults.add({ operationId: 'getCurrentUser', status: 429, retryAfterMs: 3_600_000, times: 1 });
    const started = performance.now();
    await expect(client().call('getCurrentUser')).rejects.toBeInstanceOf(JiraRateLimitError);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('5xx on a read is retried; after the retries it is a JiraServerError', async () => {
    mock.faults.add({ operationId: 'getIssue', status: 503, times: 1 });
    expect((await client().call('getIssue', { path: { issueIdOrKey: 'SUP-1' } })).key).toBe('SUP-1');
    mock.faults.add({ operationId: 'getIssue', status: 502 });
    await expect(client().call('getIssue', { path: { issueIdOrKey: 'SUP-1' } })).rejects.toBeInstanceOf(
      JiraServerError,
    );
  });

  it('an attempt slower than timeoutMs is a JiraTimeoutError', async () => {
    mock.faults.add({ operationId: 'getCurrentUser', delayMs: 300 });
    await expect(client({ timeoutMs: 50, retry: false }).call('getCurrentUser')).rejects.toBeInstanceOf(
      JiraTimeoutError,
    );
  });

  it('the signal aborts a call in flight with a JiraAbortError', async () => {
    mock.faults.add({ operationId: 'getCurrentUser', delayMs: 300 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(client().call('getCurrentUser', { signal: controller.signal })).rejects.toBeInstanceOf(JiraAbortError);
  });

  it('a body over maxResponseBytes is a JiraResponseTooLargeError', async () => {
    await expect(client({ maxResponseBytes: 100 }).call('getCurrentUser')).rejects.toBeInstanceOf(
      JiraResponseTooLargeError,
    );
    server.use(mock.jira.reply('get', '/rest/api/3/myself', 500, 'z'.repeat(10_000)));
    await expect(client({ maxResponseBytes: 100, retry: false }).call('getCurrentUser')).rejects.toBeInstanceOf(
      JiraResponseTooLargeError,
    );
  });

  it('a body over maxResponseBytes that a middleware of `raw` supplies is a JiraResponseTooLargeError too', async () => {
    // openapi-fetch would read such an error body whole itself (response.text()); the client reads it bounded.
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(65_536)) }),
        { status: 503 },
      );
    for (const middleware of [{ onRequest: endless }, { onResponse: endless }]) {
      const jira = client({ maxResponseBytes: 64 * 1024, retry: false }); // room for Jira's own answer
      jira.raw.use(middleware);
      const error = await jira.call('getCurrentUser').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JiraResponseTooLargeError);
      expect(error).toMatchObject({ status: 503, maxResponseBytes: 64 * 1024 });
    }
  });

  it.each([
    [
      'not JSON',
      () => new HttpResponse('<html>Atlassian</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ],
    [
      'JSON that does not parse',
      () => new HttpResponse('{"accountId":', { status: 200, headers: { 'content-type': 'application/json' } }),
    ],
    ['empty', () => new HttpResponse(null, { status: 200 })],
  ])(
    'a 200 that is %s is a JiraInvalidResponseError naming the operation, never quoting the body',
    async (_, reply) => {
      server.use(http.get('*/rest/api/3/myself', reply));
      const error = await client()
        .call('getCurrentUser')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JiraInvalidResponseError);
      expect((error as Error).message).toContain('getCurrentUser');
      expect(views(error)).not.toContain('Atlassian</html>');
    },
  );
});

describe('bad input', () => {
  it.each(['..', '.', ''])('the path value %j is refused before sending (JiraUsageError)', async (value) => {
    await expect(client().call('getIssue', { path: { issueIdOrKey: value } })).rejects.toBeInstanceOf(JiraUsageError);
    expect(mock.jira.stats.requests).toBe(0);
  });

  it.each(['SUP-1/../../myself', '?x=1', '%2e%2e', '100%', '#frag'])(
    'the path value %j stays in its segment (404 from Jira)',
    async (value) => {
      await expect(client().call('getIssue', { path: { issueIdOrKey: value } })).rejects.toBeInstanceOf(
        JiraNotFoundError,
      );
      expect(mock.jira.stats.byOperation).toEqual({ getIssue: 1 });
    },
  );

  it.each([
    [{}],
    [{ email: 'a@b.c' }],
    [{ email: 'a@b.c', apiToken: 't' }],
    [{ email: 'not-an-email', apiToken: 't', site: 'acme' }],
    [{ email: 'a@b.c', apiToken: '', site: 'acme' }],
    [{ email: 'a@b.c', apiToken: 't', site: 'https://u:p@acme.atlassian.net' }],
    [{ email: 'a@b.c', apiToken: 't', site: 'ftp://acme' }],
    [{ email: 'a@b.c', apiToken: 't', site: 'acme?x' }],
    [{ token: 'x' }],
    [{ token: 'x', cloudId: '../x' }],
    [{ token: 'x', email: 'a@b.c', apiToken: 't', site: 'acme' }],
    [{ email: 'a@b.c', apiToken: 'tök\u0000en', site: 'acme' }],
  ])('options %j are a JiraUsageError naming what is wrong', (options) => {
    expect(() => createJiraClient(options as never)).toThrow(JiraUsageError);
  });

  it('the site may be a name, a host or a URL', () => {
    const make = (site: string) => createJiraClient({ site, email: 'a@b.c', apiToken: 't' }).baseUrl;
    expect(make('acme')).toBe('https://acme.atlassian.net');
    expect(make('Acme.atlassian.net')).toBe('https://acme.atlassian.net');
    expect(make('https://acme.atlassian.net/')).toBe('https://acme.atlassian.net');
  });
});
