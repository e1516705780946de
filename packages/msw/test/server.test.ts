import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_API_TOKEN } from '../src/index.js';
import { startTempoMockServer, type TempoMockServer } from '../src/server/index.js';

describe('standalone server', () => {
  let server: TempoMockServer;
  beforeAll(async () => {
    server = await startTempoMockServer({ port: 0, seed: 1, today: '2026-03-18' });
  });
  afterAll(() => server.close());

  it('serves the API under /4 with links on its own origin', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).toBe(`${server.url}/4`);
    const res = await fetch(`${server.baseUrl}/worklogs?limit=2`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { metadata: { next: string }; results: { self: string }[] };
    expect(body.metadata.next).toBe(`${server.baseUrl}/worklogs?limit=2&offset=2`);
    expect(body.results[0]!.self.startsWith(`${server.baseUrl}/worklogs/`)).toBe(true);
  });

  it('answers 401 text/html without a token', async () => {
    const res = await fetch(`${server.baseUrl}/worklogs`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });
});
