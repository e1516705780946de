// The README's Vitest example, verbatim apart from the import path: if this breaks, so does the README.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { createTempoMock, exampleRequest, MOCK_API_TOKEN } from '../src/index.js';

const mock = createTempoMock({ today: '2026-03-18' }); // fixed "today": the same data every run
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers(); // drop per-test overrides
  mock.reset(); // back to the default data, no faults, no OAuth tokens
});
afterAll(() => server.close());

it('logs time', async () => {
  const issueId = mock.db.issues.all()[0]!.id;
  const authorAccountId = mock.db.users.all()[0]!.accountId;
  const res = await fetch('https://api.tempo.io/4/worklogs', {
    method: 'POST',
    headers: { authorization: `Bearer ${MOCK_API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ issueId, authorAccountId, startDate: '2026-03-18', timeSpentSeconds: 3600 }),
  });
  expect(res.status).toBe(200);
  const worklog = (await res.json()) as { tempoWorklogId: number };
  expect(mock.db.worklogs.get(worklog.tempoWorklogId)?.timeSpentSeconds).toBe(3600);
});

it('README: seeding example', async () => {
  const empty = createTempoMock({ data: 'empty', today: '2026-03-18' });
  const user = empty.db.users.create({ accountId: '712020:tester', displayName: 'Tess Ter' });
  const project = empty.db.projects.create({ key: 'QA', name: 'Quality' });
  const issue = empty.db.issues.create({ key: 'QA-1', projectId: project.id, summary: 'Test things' });
  const worklog = empty.db.worklogs.create({
    issueId: issue.id,
    authorAccountId: user.accountId,
    startDate: '2026-03-18',
    timeSpentSeconds: 1800,
  });
  expect(empty.db.worklogs.filter((w) => w.startDate === '2026-03-18')).toEqual([worklog]);
  expect(empty.db.worklogs.update(worklog.tempoWorklogId, { description: 'Seeded' })?.description).toBe('Seeded');
  expect(() => {
    (empty.db.worklogs.get(worklog.tempoWorklogId) as { description: string }).description = 'changed by assignment';
  }).toThrow(TypeError); // records are frozen snapshots
});

it('README: validation error table', async () => {
  const get = (path: string) =>
    fetch(`https://api.tempo.io/4${path}`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } });
  expect(await (await get('/worklogs?limit=5001')).json()).toEqual({
    errors: { message: "'limit' must be an integer between 1 and 5000" },
  });
  expect(await (await get('/worklogs/999999')).json()).toEqual({
    errors: { message: 'Worklog with id 999999 does not exist' },
  });
});

it('README: a valid request for every operation', async () => {
  const failed: string[] = [];
  for (const operationId of Object.keys(operationIndex) as OperationId[]) {
    mock.reset(); // each request starts from the default data
    const request = exampleRequest(mock, operationId);
    const res = await fetch(`https://api.tempo.io/4${request.url}`, {
      method: request.method,
      headers: { authorization: `Bearer ${MOCK_API_TOKEN}`, 'content-type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    if (!res.ok) failed.push(`${operationId}: ${res.status}`);
  }
  expect(failed).toEqual([]);
  // 252 operations, each after a reset of the default data: seconds on a loaded CI machine (speed is `pnpm bench`'s).
}, 60_000);
