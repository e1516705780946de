// Issue 12, items 1 and 2, as kinds: a path value never reaches another resource, and a malformed request gets a
// 4xx while the server keeps serving. Each place where the kind can happen has its own case.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_API_TOKEN } from '../src/index.js';
import { startTempoMockServer, type TempoMockServer } from '../src/server/index.js';
import { BASE, useMockServer } from './helpers.js';

const auth = { authorization: `Bearer ${MOCK_API_TOKEN}` };

/** Sends bytes as they are (no client-side normalisation) and returns the status line's code, or 0 when dropped. */
function rawHttp(port: number, text: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data }));
    socket.write(text, 'latin1');
    setTimeout(() => socket.end(), 150);
  });
}

const request = (method: string, path: string, extra = '') =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${MOCK_API_TOKEN}\r\nConnection: close\r\n${extra}\r\n`;

describe('path values stay inside their segment (msw handlers)', () => {
  const { mock } = useMockServer();
  // What a client sends after `encodeURIComponent('..')` and URL normalisation: the value's segment is gone.
  const cases: [string, string, string][] = [
    ['DELETE', '/holiday-schemes/1/', 'deleteHoliday with holidayId ".."'],
    ['DELETE', '/holiday-schemes/', 'a scheme id ".." and a holiday'],
    ['GET', '/worklogs/user/', 'getWorklogsByUser with accountId "."'],
    ['GET', '/worklogs/', 'getWorklogsByUser with accountId ".."'],
    ['GET', '/accounts/', 'getAccountById with ".."'],
    ['GET', '/worklogs//work-attribute-values', 'an empty worklog id'],
    ['DELETE', '/teams/1/', 'a team id with a trailing empty segment'],
    ['PUT', '/workload-schemes/1/', 'a trailing empty segment on a PUT'],
  ];
  for (const [method, path, what] of cases) {
    it(`${method} ${path} (${what}) is a 404 and changes nothing`, async () => {
      const before = mock.db.holidaySchemes.size + mock.db.holidays.size + mock.db.teams.size;
      const res = await fetch(`${BASE}${path}`, {
        method,
        headers: { ...auth, 'content-type': 'application/json' },
        ...(method === 'PUT' ? { body: '{"name":"x"}' } : {}),
      });
      expect(res.status, path).toBe(404);
      expect(mock.db.holidaySchemes.size + mock.db.holidays.size + mock.db.teams.size).toBe(before);
    });
  }

  it('a value that decodes to a dot or holds an encoded slash is a value, never a path', async () => {
    for (const value of ['%2e', '%2E%2E', '..%2F..', '%2F']) {
      const res = await fetch(`${BASE}/holiday-schemes/1/holidays/${value}`, { method: 'DELETE', headers: auth });
      expect([400, 404], value).toContain(res.status);
    }
    expect(mock.db.holidaySchemes.get(1)).toBeDefined();
  });
});

describe('standalone server: dot segments and malformed requests', () => {
  let server: TempoMockServer;
  let port: number;
  beforeAll(async () => {
    server = await startTempoMockServer({ today: '2026-03-18', onInternalError: (e) => expect.unreachable(String(e)) });
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server.close());

  const stillServing = async () => (await fetch(`${server.baseUrl}/worklogs?limit=1`, { headers: auth })).status;

  it.each([
    ['DELETE', '/4/holiday-schemes/1/holidays/..'],
    ['DELETE', '/4/holiday-schemes/1/holidays/%2e%2e'],
    ['DELETE', '/4/holiday-schemes/1/holidays/%2E%2e'],
    ['DELETE', '/4/holiday-schemes/1/holidays/.%2e'],
    ['DELETE', '/4/holiday-schemes/1/holidays\\..'],
    ['GET', '/4/worklogs/user/..'],
    ['GET', '/4/worklogs/user/..?from=2026-03-01'],
    ['POST', '/oauth/token/..'],
    ['POST', '/__admin/faults/..'],
    ['GET', 'http://127.0.0.1/4/worklogs/user/..'],
  ])('%s %s is refused with a 400 and acts on nothing', async (method, path) => {
    const schemes = server.mock.db.holidaySchemes.size;
    const res = await rawHttp(port, request(method, path, 'Content-Length: 0\r\n'));
    expect(res.status, path).toBe(400);
    expect(res.text).toContain("'..'");
    expect(server.mock.db.holidaySchemes.size).toBe(schemes);
  });

  it.each([
    ['GET //[', request('GET', '//[')],
    ['GET //', request('GET', '//')],
    ['GET //4/worklogs', request('GET', '//4/worklogs')],
    ['GET /4//worklogs', request('GET', '/4//worklogs')],
    ['GET *', request('GET', '*')],
    ['GET relative', request('GET', 'worklogs')],
    ['GET http://[', request('GET', 'http://[')],
    ['GET /%', request('GET', '/%')],
    ['GET /4/worklogs/%E0%A4%A', request('GET', '/4/worklogs/%E0%A4%A')],
    ['TRACE', request('TRACE', '/4/worklogs')],
    ['bad Host', 'GET /4/worklogs HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n'],
    ['two Hosts', 'GET /4/worklogs HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n'],
    ['no Host', 'GET /4/worklogs HTTP/1.1\r\nConnection: close\r\n\r\n'],
    ['garbage', 'this is not http\r\n\r\n'],
    ['binary', '\u0000\u0001\u0002\u00ff\r\n\r\n'],
    ['bad header', 'GET /4/worklogs HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n'],
    [
      'header value with latin-1',
      `GET /4/worklogs HTTP/1.1\r\nHost: x\r\nX-Name: caf\u00e9\r\nConnection: close\r\n\r\n`,
    ],
    ['bad content-length', 'POST /4/worklogs HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    [
      'bad chunked body',
      'POST /4/worklogs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n',
    ],
    ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
  ])(
    '%s gets a 4xx (or a closed socket for non-HTTP bytes), never a 500, and the server keeps serving',
    async (_name, text) => {
      const res = await rawHttp(port, text);
      expect(
        res.status === 0 || (res.status >= 400 && res.status < 500),
        `${res.status} ${res.text.slice(0, 200)}`,
      ).toBe(true);
      expect(await stillServing()).toBe(200);
    },
  );

  it('answers GET //[ with a Tempo-shaped 4xx body', async () => {
    const res = await rawHttp(port, request('GET', '//['));
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/"errors":\{"message":/);
  });
});

describe('state clients create is bounded (issue 12 item 13)', () => {
  const { mock } = useMockServer({ data: 'empty', maxRecordsPerCollection: 3 });

  it('caps every collection: the API answers 507 past maxRecordsPerCollection, seeding throws', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${BASE}/customers`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ key: `C${i}`, name: `C ${i}` }),
      });
      expect(res.status).toBe(200);
    }
    const over = await fetch(`${BASE}/customers`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"key":"C9","name":"Nine"}',
    });
    expect(over.status).toBe(507);
    expect(((await over.json()) as { errors: { message: string } }).errors.message).toMatch(/maxRecordsPerCollection/);
    expect(mock.db.customers.size).toBe(3);
    expect(
      () =>
        mock.db.skills.create({ name: 'a' }) &&
        mock.db.skills.create({ name: 'b' }) &&
        mock.db.skills.create({ name: 'c' }) &&
        mock.db.skills.create({ name: 'd' }),
    ).toThrow(/at most 3/);
    mock.db.customers.delete(mock.db.customers.all()[0]!.id);
    expect(
      (
        await fetch(`${BASE}/customers`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: '{"key":"C9","name":"Nine"}',
        })
      ).status,
    ).toBe(200);
  });
});
