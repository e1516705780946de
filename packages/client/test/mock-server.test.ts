/**
 * The client over real HTTP (Node's fetch → node:http) against the standalone @tempo-sdk/msw server: what msw's
 * in-process interception cannot show (sockets, dropped connections, real body streams and aborts).
 */
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { startTempoMockServer, type TempoMockServer } from '@tempo-sdk/msw/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempoClient, TempoAbortError, TempoConnectionError, TempoTimeoutError } from '../src/index.js';
import { createVirtualClock } from './support/virtual-clock.js';

let server: TempoMockServer;
beforeAll(async () => {
  server = await startTempoMockServer({ today: '2026-11-27', onInternalError: () => undefined });
});
afterEach(() => server.mock.reset());
afterAll(() => server.close());

const client = (extra: Parameters<typeof createTempoClient>[0] extends infer O ? Partial<O> : never = {}) =>
  createTempoClient({ token: MOCK_API_TOKEN, baseUrl: server.baseUrl, clock: createVirtualClock(), ...extra });

describe('over real HTTP', () => {
  it('creates, reads and paginates; next links stay on the server’s base URL', async () => {
    const tempo = client();
    const { mock } = server;
    const created = await tempo.worklogs.createWorklog({
      body: {
        issueId: mock.db.issues.all()[0]!.id,
        authorAccountId: mock.db.users.all()[0]!.accountId,
        startDate: '2026-11-27',
        timeSpentSeconds: 900,
      },
    });
    expect(await tempo.worklogs.getWorklogById({ path: { id: String(created.tempoWorklogId) } })).toMatchObject({
      timeSpentSeconds: 900,
    });
    const all = mock.db.worklogs.size;
    const iterable = tempo.paginate('getWorklogs', {}, { pageSize: Math.ceil(all / 3) });
    const ids = new Set<number>();
    for await (const w of iterable) ids.add(w.tempoWorklogId);
    expect(ids.size).toBe(all);
    expect(iterable.pagesFetched).toBe(3);
  });

  it('a dropped connection is retried, then reported as TempoConnectionError', async () => {
    server.mock.faults.add({ operationId: 'getWorklogs', networkError: true, times: 1 });
    const tempo = client();
    await expect(tempo.worklogs.getWorklogs({ query: { limit: 1 } })).resolves.toBeDefined();

    server.mock.faults.add({ operationId: 'getWorklogs', networkError: true });
    const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoConnectionError);
    expect((error as TempoConnectionError).url).toBe(`${server.baseUrl}/worklogs`);
  });

  it('times out and aborts real sockets', async () => {
    server.mock.faults.add({ operationId: 'getWorklogs', delayMs: 1500 });
    const slow = client({ timeoutMs: 40, retry: false });
    await expect(slow.worklogs.getWorklogs()).rejects.toBeInstanceOf(TempoTimeoutError);
    const tempo = client();
    await expect(tempo.worklogs.getWorklogs({ signal: AbortSignal.timeout(40) })).rejects.toBeInstanceOf(
      TempoAbortError,
    );
  });

  it('a refused connection is TempoConnectionError with its code', async () => {
    const closed = await startTempoMockServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const tempo = createTempoClient({ token: MOCK_API_TOKEN, baseUrl, clock: createVirtualClock() });
    const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoConnectionError);
    expect((error as TempoConnectionError).code).toBe('ECONNREFUSED');
  });
});
