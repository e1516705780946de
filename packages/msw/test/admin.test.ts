import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_API_TOKEN } from '../src/index.js';
import { startTempoMockServer, type TempoMockServer } from '../src/server/index.js';

const auth = { authorization: `Bearer ${MOCK_API_TOKEN}` };
const python = spawnSync('python3', ['--version']).status === 0;

describe('admin API', () => {
  let server: TempoMockServer;
  beforeAll(async () => {
    server = await startTempoMockServer({ today: '2026-03-18' });
  });
  afterEach(() => server.mock.reset());
  afterAll(() => server.close());

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.adminUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });

  it.skipIf(!python)(
    'is driven from Python (standard library only)',
    async () => {
      // Asynchronously: the server answers from this process, so the test must not block its event loop.
      const script = fileURLToPath(new URL('./fixtures/admin_client.py', import.meta.url));
      const run = await promisify(execFile)('python3', [script, server.url], {
        encoding: 'utf8',
        timeout: 60_000,
      }).catch((error: { stdout: string; stderr: string }) => {
        throw new Error(`the Python client failed: ${error.stdout}${error.stderr}`);
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ checks: 'all passed' });
    },
    60_000,
  );

  it('resets, seeds (all or nothing) and lists records', async () => {
    expect(
      (
        await admin('POST', '/db/customers', [
          { key: 'A1', name: 'One' },
          { key: 'ACME', name: 'Clash' },
        ])
      ).status,
    ).toBe(400);
    expect(server.mock.db.customers.find((c) => c.key === 'A1')).toBeUndefined();
    const created = await admin('POST', '/db/customers', [
      { key: 'A1', name: 'One' },
      { key: 'A2', name: 'Two' },
    ]);
    expect(created.status).toBe(201);
    expect(((await created.json()) as { key: string }[]).map((c) => c.key)).toEqual(['A1', 'A2']);
    const page = (await (await admin('GET', '/db/customers?limit=1&offset=1')).json()) as {
      count: number;
      results: unknown[];
    };
    expect(page.results).toHaveLength(1);
    expect(page.count).toBe(server.mock.db.customers.size);
    expect((await admin('POST', '/reset')).status).toBe(204);
    expect(server.mock.db.customers.find((c) => c.key === 'A1')).toBeUndefined();
  });

  it('adds, lists and removes faults; reset clears them', async () => {
    const added = (await (await admin('POST', '/faults', { operationId: 'getAccounts', status: 503 })).json()) as {
      id: number;
      remaining: number | null;
    };
    expect(added.remaining).toBeNull(); // until removed
    expect((await fetch(`${server.baseUrl}/accounts`, { headers: auth })).status).toBe(503);
    expect(((await (await admin('GET', '/faults')).json()) as unknown[]).length).toBe(1);
    expect((await admin('DELETE', `/faults/${added.id}`)).status).toBe(204);
    expect((await admin('DELETE', `/faults/${added.id}`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/accounts`, { headers: auth })).status).toBe(200);
    await admin('POST', '/faults', [{ status: 500 }, { status: 502 }]);
    await admin('POST', '/reset');
    expect(await (await admin('GET', '/faults')).json()).toEqual([]);
  });

  it.each([
    ['POST', '/faults', { status: 500, path: { regexp: true }, extra: 1 }, 400, /Unknown fault field/],
    ['POST', '/faults', 'not json', 400, /JSON|object/],
    ['POST', '/faults', undefined, 400, /required/],
    ['POST', '/db/worklogs', { issueId: 1 }, 400, /./],
    ['GET', '/db', undefined, 404, /collection/],
    ['GET', '/db/constructor', undefined, 404, /No collection/],
    ['GET', '/db/users?limit=0', undefined, 400, /limit/],
    ['GET', '/nothing', undefined, 404, /admin route/],
    ['PUT', '/reset', undefined, 405, /not allowed/],
    ['GET', '/no-such-area/deliveries', undefined, 404, /admin route/],
    ['GET', '/webhooks/nothing', undefined, 404, /admin route/],
  ])('%s %s is a Tempo-shaped %s', async (method, path, body, status, message) => {
    const res = await fetch(`${server.adminUrl}${path}`, {
      method: method as string,
      ...(body === undefined
        ? {}
        : {
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          }),
    });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { errors: { message: string } }).errors.message).toMatch(message as RegExp);
  });
});

describe('Prefer: code=…', () => {
  let server: TempoMockServer;
  beforeAll(async () => {
    server = await startTempoMockServer({ today: '2026-03-18' });
  });
  afterAll(() => server.close());
  const get = (prefer: string, headers: Record<string, string> = auth) =>
    fetch(`${server.baseUrl}/worklogs?limit=1`, { headers: { ...headers, prefer } });

  it('answers the asked error status, before authentication, and changes nothing', async () => {
    const res = await get('code=429');
    expect(res.status).toBe(429);
    expect(res.headers.get('preference-applied')).toBe('code=429');
    expect((await get('code=401', {})).status).toBe(401);
    expect((await get('respond-async, code="500"')).status).toBe(500);
    const before = server.mock.db.worklogs.size;
    const post = await fetch(`${server.baseUrl}/worklogs`, {
      method: 'POST',
      headers: { ...auth, prefer: 'code=400', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(400);
    expect(server.mock.db.worklogs.size).toBe(before);
  });

  it('serves normally for the success status or without a code, and refuses other codes', async () => {
    expect((await get('code=200')).status).toBe(200);
    expect((await get('return=minimal')).status).toBe(200);
    for (const code of ['204', '302', '999', 'abc', '']) expect((await get(`code=${code}`)).status, code).toBe(400);
  });
});
