import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_API_TOKEN, MOCK_OAUTH_CLIENT } from '../src/index.js';
import { startTempoMockServer, type TempoMockServer } from '../src/server/index.js';
import { createMockRuntime } from '../src/runtime.js';

const auth = { authorization: `Bearer ${MOCK_API_TOKEN}` };

describe('standalone server', () => {
  let server: TempoMockServer;
  beforeAll(async () => {
    server = await startTempoMockServer({ port: 0, seed: 1, today: '2026-03-18' });
  });
  afterEach(() => server.mock.reset());
  afterAll(() => server.close());

  it('serves the API under /4 with links on its own origin', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).toBe(`${server.url}/4`);
    const res = await fetch(`${server.baseUrl}/worklogs?limit=2`, { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { metadata: { next: string }; results: { self: string }[] };
    expect(body.metadata.next).toBe(`${server.baseUrl}/worklogs?limit=2&offset=2`);
    expect(body.results[0]!.self.startsWith(`${server.baseUrl}/worklogs/`)).toBe(true);
    const next = await fetch(body.metadata.next, { headers: auth });
    expect(((await next.json()) as { metadata: { previous: string } }).metadata.previous).toBe(
      `${server.baseUrl}/worklogs?limit=2&offset=0`,
    );
  });

  it('answers CORS preflights and marks answers readable cross-origin', async () => {
    const preflight = await fetch(`${server.baseUrl}/worklogs`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    const res = await fetch(`${server.baseUrl}/worklogs?limit=1`, {
      headers: { ...auth, origin: 'http://localhost:5173' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 401 text/html without a token', async () => {
    const res = await fetch(`${server.baseUrl}/worklogs`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('keeps state across HTTP requests: create, read, delete', async () => {
    const issueId = server.mock.db.issues.all()[0]!.id;
    const authorAccountId = server.mock.db.users.all()[0]!.accountId;
    const created = await fetch(`${server.baseUrl}/worklogs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ issueId, authorAccountId, startDate: '2026-03-18', timeSpentSeconds: 600 }),
    });
    const { tempoWorklogId, self } = (await created.json()) as { tempoWorklogId: number; self: string };
    expect(self).toBe(`${server.baseUrl}/worklogs/${tempoWorklogId}`);
    expect((await fetch(self, { headers: auth })).status).toBe(200);
    const deleted = await fetch(self, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await fetch(self, { headers: auth })).status).toBe(404);
  });

  it('runs the OAuth dance: the authorize endpoint auto-approves with a 302, the token endpoint issues tokens', async () => {
    const authorize = await fetch(
      `${server.url}/oauth/authorize/redirect?${new URLSearchParams({ client_id: MOCK_OAUTH_CLIENT.clientId, redirect_uri: 'http://127.0.0.1:45678/callback', state: 'abc' })}`,
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(302);
    const callback = new URL(authorize.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe('abc');
    const tokenRes = await fetch(`${server.url}/oauth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: 'http://127.0.0.1:45678/callback',
        client_id: MOCK_OAUTH_CLIENT.clientId,
        client_secret: MOCK_OAUTH_CLIENT.clientSecret,
      }),
    });
    expect(tokenRes.status).toBe(200);
    expect(tokenRes.headers.get('date')).not.toBeNull();
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    expect(
      (await fetch(`${server.baseUrl}/accounts`, { headers: { authorization: `Bearer ${access_token}` } })).status,
    ).toBe(200);
  });

  it('also serves the classic Jira-site authorize path', async () => {
    const res = await fetch(
      `${server.url}/plugins/servlet/ac/io.tempo.jira/oauth-authorize/?${new URLSearchParams({ client_id: MOCK_OAUTH_CLIENT.clientId, redirect_uri: MOCK_OAUTH_CLIENT.redirectUri, state: 's' })}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:8976\/callback\?code=code_[0-9a-f]+&state=s$/);
  });

  it('drops the connection for a network-error fault and answers injected statuses', async () => {
    server.mock.faults.add({ networkError: true, times: 1 });
    await expect(fetch(`${server.baseUrl}/worklogs`, { headers: auth })).rejects.toThrow(TypeError);
    server.mock.faults.add({ status: 429, retryAfterMs: 1000, times: 1 });
    const limited = await fetch(`${server.baseUrl}/worklogs`, { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await fetch(`${server.baseUrl}/worklogs?limit=1`, { headers: auth })).status).toBe(200);
  });

  it('refuses dot segments in the raw path (400), with or without overrides, and never serves them elsewhere', async () => {
    // fetch() would normalise the URL itself; a raw request line is what a hostile or odd client sends.
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${server.url}${path}`, { path, headers: auth }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of ['/4/../x/worklogs', '/4/%2e%2e/x/worklogs', '/4/../worklogs']) {
      const res = await raw(path);
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body).errors.message, path).toMatch(/'\.\.'/);
    }
    server.mock.use(http.get('https://example.invalid/never', () => HttpResponse.json({})));
    expect((await raw('/4/../x/worklogs')).status).toBe(400);
    server.mock.resetHandlers();
    expect((await raw('/4/./worklogs?limit=1')).status).toBe(200);
  });

  it('the pipeline itself refuses a request outside its base (404, before auth)', async () => {
    const runtime = createMockRuntime({ baseUrl: server.baseUrl, oauthOrigin: server.url });
    const reply = await runtime.serveApi(new Request(`${server.url}/x/worklogs`, { headers: auth }), server.baseUrl);
    expect(reply.status).toBe(404);
    expect((JSON.parse(reply.body!) as { errors: { message: string } }).errors.message).toMatch(/\/x\/worklogs/);
  });

  it('applies overrides registered with mock.use (typed or plain msw handlers)', async () => {
    server.mock.use(server.mock.http.get('/teams', ({ response }) => response(403).text('Not for you')));
    server.mock.use(http.get(`${server.baseUrl}/roles`, () => HttpResponse.json({ hello: 'override' })));
    expect((await fetch(`${server.baseUrl}/teams`, { headers: auth })).status).toBe(403);
    expect(await (await fetch(`${server.baseUrl}/roles`, { headers: auth })).json()).toEqual({ hello: 'override' });
    expect((await fetch(`${server.baseUrl}/accounts`, { headers: auth })).status).toBe(200); // falls through to the mock
    server.mock.resetHandlers();
    expect((await fetch(`${server.baseUrl}/teams`, { headers: auth })).status).toBe(200);
  });
});

// The bin runs dist/ (turbo builds before testing; run `npm run build` first when calling vitest directly).
const bin = fileURLToPath(new URL('../bin/tempo-mock.js', import.meta.url));

describe('tempo-mock bin', () => {
  it('prints the base URL and token, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0', '--seed', '3', '--today', '2026-03-18'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('today:')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const baseUrl = /base URL:\s+(\S+)/.exec(output)![1]!;
    expect(output).toContain(`API token:     ${MOCK_API_TOKEN}`);
    expect((await fetch(`${baseUrl}/worklogs?limit=1`, { headers: auth })).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses bad arguments with usage and exit code 2', async () => {
    const child = spawn(process.execPath, [bin, '--port', 'many'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--port must be/);
    expect(err).toMatch(/Usage: tempo-mock/);
  });
});
