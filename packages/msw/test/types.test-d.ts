/** Compile-time tests of the mock's typed overrides and typed seeding (run by `vitest` typecheck and `tsc`). */
import type { Account, Team, Worklog, WorklogInput } from '@tempo-sdk/types';
import type { RequestHandler } from 'msw';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createTempoMock,
  type ActiveFault,
  type MockUser,
  type PathsWithMethod,
  type TempoMock,
  type TempoMockOptions,
} from '../src/index.js';

const mock = createTempoMock();

describe('typed overrides (mock.http, mock.reply)', () => {
  it('types path parameters and allows only the statuses the spec declares', () => {
    mock.http.get('/worklogs/{id}', ({ params, response }) => {
      expectTypeOf(params.id).toEqualTypeOf<string>();
      return response(404).json({ errors: { message: 'gone' } });
    });
    mock.http.get('/worklogs/{id}', ({ response }) =>
      // @ts-expect-error 418 is not a status the spec declares for getWorklogById
      response(418).empty(),
    );
    mock.http.get('/worklogs/{id}', ({ response }) => response.untyped(new Response(null, { status: 500 })));
    // @ts-expect-error not a path of the spec
    mock.http.get('/worklog/{id}', () => undefined);
  });

  it('types the success body by the spec', () => {
    const account = {} as Account;
    mock.http.get('/accounts/{id}', ({ response }) =>
      // @ts-expect-error an Account's `key` is a string
      response(200).json({ ...account, key: 1 }),
    );
    mock.http.get('/accounts/{id}', ({ response }) => response(200).json(account));
  });

  it('reply takes a method, a path that has it, and any status', () => {
    expectTypeOf(mock.reply('get', '/worklogs/{id}', 500)).toEqualTypeOf<RequestHandler>();
    mock.reply('post', '/worklogs/search', 503, 'Down', { 'retry-after': '30' });
    // @ts-expect-error there is no PATCH /worklogs
    mock.reply('patch', '/worklogs', 500);
    // @ts-expect-error not a path of the spec
    mock.reply('get', '/nothing', 500);
    expectTypeOf<'/worklogs/{id}'>().toExtend<PathsWithMethod<'delete'>>();
  });
});

describe('typed seeding (mock.db)', () => {
  it('takes the API input and returns the stored record', () => {
    const user = mock.db.users.create({ accountId: 'a', displayName: 'A' });
    expectTypeOf(user).toEqualTypeOf<MockUser>();
    const worklog = mock.db.worklogs.create({
      issueId: 1,
      authorAccountId: 'a',
      startDate: '2026-03-18',
      timeSpentSeconds: 60,
    });
    expectTypeOf(worklog).toEqualTypeOf<Worklog>();
    expectTypeOf(mock.db.worklogs.get).parameter(0).toEqualTypeOf<number>();
    // @ts-expect-error startDate is required, as in WorklogInput
    mock.db.worklogs.create({ issueId: 1, authorAccountId: 'a', timeSpentSeconds: 60 });
    // @ts-expect-error timeSpentSeconds is a number
    mock.db.worklogs.create({ issueId: 1, authorAccountId: 'a', startDate: '2026-03-18', timeSpentSeconds: '60' });
    expectTypeOf<WorklogInput>().toExtend<Parameters<typeof mock.db.worklogs.create>[0]>();
    mock.db.worklogs.update(worklog.tempoWorklogId, { description: 'partial input is enough' });
  });

  it('keys collections by their id type', () => {
    expectTypeOf(mock.db.users.get).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(mock.db.workAttributes.get).parameter(0).toEqualTypeOf<string>();
    // Teams default their flags.
    expectTypeOf(mock.db.teams.create({ name: 'T' })).toEqualTypeOf<Team>();
    // @ts-expect-error ids of teams are numbers
    mock.db.teams.get('1');
    // @ts-expect-error no such collection
    mock.db.nothing;
  });
});

describe('options and faults use the shared vocabulary', () => {
  it('takes clock and logger shapes, units in names', () => {
    expectTypeOf<TempoMockOptions['clock']>().toEqualTypeOf<{ now(): number } | undefined>();
    createTempoMock({ clock: { now: () => 0 }, logger: console, requestLogLimit: 10, maxRecordsPerCollection: 10 });
    createTempoMock({ logger: { error: (message: string) => void message } });
    // @ts-expect-error a clock is an object with now()
    createTempoMock({ clock: () => 0 });
    expectTypeOf(mock.faults.add({ status: 429, retryAfterMs: 2000, times: 1 })).toEqualTypeOf<ActiveFault>();
    // @ts-expect-error retryAfterMs is a number of milliseconds
    mock.faults.add({ status: 429, retryAfterMs: '2' });
  });

  it('keeps standalone-only members off the public face', () => {
    expectTypeOf<TempoMock>().not.toHaveProperty('createHandlers');
    expectTypeOf<TempoMock>().not.toHaveProperty('overrides');
    expectTypeOf<TempoMock>().not.toHaveProperty('handleApiRequest');
    expectTypeOf<TempoMock>().not.toHaveProperty('handleApiReply');
  });
});
