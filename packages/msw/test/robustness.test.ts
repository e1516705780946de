import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_API_TOKEN } from '../src/index.js';
import { startTempoMockServer, type TempoMockServer } from '../src/server/index.js';
import { useMockServer } from './helpers.js';

interface Hostile {
  name: string;
  method?: string;
  path: string;
  body?: string | Uint8Array;
  contentType?: string;
  status: number;
}

const big = new Uint8Array(2 * 1024 * 1024).fill(0x20); // 2 MiB of spaces: valid JSON whitespace, too large
const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;

const HOSTILE: Hostile[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/worklogs',
    body: '{"issueId": 1,',
    contentType: 'application/json',
    status: 400,
  },
  { name: 'JSON null', method: 'POST', path: '/worklogs', body: 'null', contentType: 'application/json', status: 400 },
  {
    name: 'deeply nested JSON',
    method: 'POST',
    path: '/worklogs/search',
    body: `{"authorIds": ${deep}}`,
    contentType: 'application/json',
    status: 400,
  },
  {
    name: 'a prototype-polluting body',
    method: 'POST',
    path: '/worklogs/search',
    body: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    contentType: 'application/json',
    status: 200,
  },
  {
    name: 'the wrong content type',
    method: 'POST',
    path: '/worklogs',
    body: '<worklog/>',
    contentType: 'application/xml',
    status: 415,
  },
  { name: 'a 2 MiB body', method: 'POST', path: '/worklogs', body: big, contentType: 'application/json', status: 413 },
  { name: 'an unknown route', path: '/no/such/endpoint', status: 404 },
  { name: 'the API root', path: '', status: 404 },
  {
    name: 'a method the path does not have',
    method: 'PATCH',
    path: '/worklogs',
    body: '{}',
    contentType: 'application/json',
    status: 405,
  },
  { name: 'broken percent-encoding', path: '/worklogs/%E0%A4%A', status: 404 },
  { name: 'an emoji id', path: '/worklogs/user/%F0%9F%98%80', status: 404 },
  { name: 'a very long id', path: `/worklogs/${'9'.repeat(5000)}`, status: 404 },
  { name: 'a huge integer', path: '/worklogs?limit=99999999999999999999', status: 400 },
  { name: 'a negative offset', path: '/worklogs?offset=-5', status: 400 },
  { name: 'a limit of 0', path: '/worklogs?limit=0', status: 400 },
  {
    name: 'thousands of query parameters',
    path: `/worklogs?${Array.from({ length: 800 }, (_, i) => `projectId=${i}`).join('&')}`,
    status: 200,
  },
  {
    name: 'an int64 overflow in a body',
    method: 'POST',
    path: '/worklogs',
    body: '{"issueId": 1e30, "authorAccountId": "x", "startDate": "2026-03-18", "timeSpentSeconds": 60}',
    contentType: 'application/json',
    status: 400,
  },
  { name: 'a path traversal attempt', path: '/worklogs/..%2F..%2Fetc%2Fpasswd', status: 404 },
];

type Send = (h: Hostile) => Promise<{ status: number; contentType: string | null; text: string }>;

function runHostileSuite(label: string, send: () => Send) {
  describe(`hostile input via ${label}`, () => {
    it.each(HOSTILE.map((h) => [h.name, h] as const))('%s → a Tempo-shaped %#', async (_name, hostile) => {
      const res = await send()(hostile);
      expect(res.status).toBe(hostile.status);
      expect(res.status).not.toBe(500);
      if (res.status >= 400) {
        expect(res.contentType).toBe('application/json');
        expect(JSON.parse(res.text)).toEqual({ errors: { message: expect.any(String) } });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
}

const viaFetch =
  (base: string): Send =>
  async (h) => {
    const headers: Record<string, string> = { authorization: `Bearer ${MOCK_API_TOKEN}` };
    if (h.contentType) headers['content-type'] = h.contentType;
    const res = await fetch(`${base}${h.path}`, {
      method: h.method ?? 'GET',
      headers,
      ...(h.body !== undefined ? { body: h.body as BodyInit } : {}),
    });
    return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
  };

describe('robustness', () => {
  describe('msw setupServer + fetch', () => {
    useMockServer();
    runHostileSuite('msw', () => viaFetch('https://api.tempo.io/4'));
  });

  describe('standalone HTTP server', () => {
    let server: TempoMockServer;
    const internalErrors: unknown[] = [];
    beforeAll(async () => {
      server = await startTempoMockServer({ today: '2026-03-18', onInternalError: (e) => internalErrors.push(e) });
    });
    afterAll(async () => {
      expect(internalErrors).toEqual([]);
      await server.close();
    });
    runHostileSuite('HTTP', () => viaFetch(server.baseUrl));

    it('names the allowed methods on a 405', async () => {
      const res = await fetch(`${server.baseUrl}/worklogs`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST');
    });

    it('answers paths outside /4 and /oauth with a Tempo-shaped 404', async () => {
      const res = await fetch(`${server.url}/favicon.ico`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ errors: { message: expect.any(String) } });
    });

    it('keeps serving after a client aborts mid-upload', async () => {
      const controller = new AbortController();
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"authorIds": ['));
          setTimeout(() => controller.abort(), 20);
        },
      });
      await expect(
        fetch(`${server.baseUrl}/worklogs/search`, {
          method: 'POST',
          headers: { authorization: `Bearer ${MOCK_API_TOKEN}`, 'content-type': 'application/json' },
          body: stream,
          signal: controller.signal,
          duplex: 'half',
        } as RequestInit),
      ).rejects.toThrow();
      const after = await fetch(`${server.baseUrl}/worklogs?limit=1`, {
        headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
      });
      expect(after.status).toBe(200);
    });
  });

  it('turns an exception inside an implementation into a 500 with a message, not a crash', async () => {
    const errors: unknown[] = [];
    const server = await startTempoMockServer({ today: '2026-03-18', onInternalError: (e) => errors.push(e) });
    try {
      // Sabotage the data so the worklog list implementation throws.
      (server.mock.db.worklogs as unknown as { filter: () => never }).filter = () => {
        throw new Error('boom');
      };
      const res = await fetch(`${server.baseUrl}/worklogs`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ errors: { message: 'Internal error in the Tempo mock: boom' } });
      expect(errors).toHaveLength(1);
      expect(
        (await fetch(`${server.baseUrl}/accounts`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } })).status,
      ).toBe(200);
    } finally {
      await server.close();
    }
  });
});
