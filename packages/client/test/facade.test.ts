/** The operation facade at run time, against @tempo-sdk/msw: CRUD, typed errors, and every operation routed right. */
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import {
  callOperation,
  createTempoCore,
  TempoApiError,
  TempoBadRequestError,
  TempoNotFoundError,
  TempoUnauthorizedError,
  TempoUsageError,
} from '../src/index.js';
import { createOperationGroup, operationGroups } from '../src/internal.js';
import { TODAY, useTempoMock } from './support/tempo-mock.js';

const { mock, client, requests } = useTempoMock();

function someone() {
  return mock.db.users.all()[1]!.accountId;
}
function anIssue() {
  return mock.db.issues.all()[0]!;
}

describe('facade calls', () => {
  it('create → get → update → delete → 404, with the mock', async () => {
    const { tempo } = client();
    const created = await tempo.worklogs.createWorklog({
      body: {
        issueId: anIssue().id,
        authorAccountId: someone(),
        startDate: TODAY,
        timeSpentSeconds: 3600,
        description: 'Pairing',
      },
    });
    expect(created).toMatchObject({ timeSpentSeconds: 3600, description: 'Pairing', startDate: TODAY });
    const id = String(created.tempoWorklogId);

    const fetched = await tempo.worklogs.getWorklogById({ path: { id } });
    expect(fetched.tempoWorklogId).toBe(created.tempoWorklogId);

    const updated = await tempo.worklogs.updateWorklog({
      path: { id },
      body: { authorAccountId: someone(), startDate: TODAY, timeSpentSeconds: 1800 },
    });
    expect(updated.timeSpentSeconds).toBe(1800);

    await expect(tempo.worklogs.deleteWorklog({ path: { id } })).resolves.toBeUndefined();
    const error = await tempo.worklogs.getWorklogById({ path: { id } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoNotFoundError);
    expect(error).toMatchObject({
      status: 404,
      method: 'GET',
      url: `https://api.tempo.io/4/worklogs/${id}`,
      operationId: 'getWorklogById',
    });
    expect((error as Error).message).toContain(id);
  });

  it('passes query parameters and returns the page', async () => {
    const { tempo } = client();
    const page = await tempo.worklogs.getWorklogs({ query: { from: TODAY, to: TODAY, limit: 3 } });
    expect(page.results.length).toBeLessThanOrEqual(3);
    expect(page.metadata.limit).toBe(3);
    expect(requests.at(-1)?.url).toBe(`https://api.tempo.io/4/worklogs?from=${TODAY}&to=${TODAY}&limit=3`);
  });

  it('throws TempoBadRequestError with Tempo’s validation message', async () => {
    const { tempo } = client();
    const error = await tempo.worklogs
      .createWorklog({
        body: { issueId: anIssue().id, authorAccountId: someone(), startDate: 'yesterday', timeSpentSeconds: 60 },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoBadRequestError);
    expect((error as TempoBadRequestError).message).toMatch(/startDate/);
    expect((error as TempoBadRequestError).messages.length).toBeGreaterThan(0);
  });

  it('throws TempoUnauthorizedError with a short message for the mock’s HTML 401', async () => {
    const { tempo } = client({ token: 'not-a-valid-token-000' });
    const error = await tempo.worklogs.getWorklogs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoUnauthorizedError);
    expect((error as Error).message).toBe('Unauthorized: the token is missing, invalid or expired');
    expect(JSON.stringify(error)).not.toMatch(/<html|not-a-valid-token/);
  });

  it('tempo.call and callOperation on a core client do the same', async () => {
    const { tempo } = client();
    const viaCall = await tempo.call('getWorklogs', { query: { limit: 2 } });
    const core = createTempoCore({ token: 'tempo-mock-token', rateLimit: false });
    const viaFunction = await callOperation(core, 'getWorklogs', { query: { limit: 2 } });
    expect(viaFunction.results.map((w) => w.tempoWorklogId)).toEqual(viaCall.results.map((w) => w.tempoWorklogId));
    const worklogs = createOperationGroup(core, 'worklogs');
    expect((await worklogs.getWorklogs({ query: { limit: 2 } })).results).toHaveLength(2);
  });

  it('rejects unknown operations and groups with TempoUsageError', async () => {
    const { tempo } = client();
    await expect(tempo.call('noSuchOperation' as OperationId)).rejects.toBeInstanceOf(TempoUsageError);
    await expect(tempo.call('toString' as OperationId)).rejects.toBeInstanceOf(TempoUsageError);
    expect(() => createOperationGroup(tempo, 'nope' as never)).toThrow(TempoUsageError);
  });
});

describe('every operation of the index', () => {
  const ids = Object.keys(operationIndex) as OperationId[];

  it('has a method on its group, and groups are built lazily', () => {
    const { tempo } = client();
    const own = Object.getOwnPropertyDescriptor(tempo, 'worklogs');
    expect(typeof own?.get).toBe('function'); // not built yet
    for (const id of ids) {
      const { group } = operationIndex[id];
      expect(typeof (tempo as unknown as Record<string, Record<string, unknown>>)[group]?.[id], id).toBe('function');
    }
    expect(Object.getOwnPropertyDescriptor(tempo, 'worklogs')?.value).toBe(tempo.worklogs); // built once, kept
    expect(new Set(operationGroups())).toEqual(new Set(ids.map((id) => operationIndex[id].group)));
  });

  it('reaches the mock as that very operation (method and path from the index)', async () => {
    const { tempo } = client();
    for (const id of ids) {
      const info = operationIndex[id];
      const path = Object.fromEntries([...info.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, 'p1']));
      mock.faults.add({ operationId: id, status: 418, message: `routed:${id}`, times: 1 });
      const params = { path, ...(info.method === 'post' || info.method === 'put' ? { body: {} } : {}) };
      const error = await (tempo.call as (id: string, p: unknown) => Promise<unknown>)(id, params).catch(
        (e: unknown) => e,
      );
      expect(error, id).toBeInstanceOf(TempoApiError);
      expect((error as TempoApiError).status, id).toBe(418);
      expect((error as TempoApiError).message, id).toBe(`routed:${id}`);
      expect((error as TempoApiError).method).toBe(info.method.toUpperCase());
    }
    expect(requests).toHaveLength(ids.length);
  });
});
