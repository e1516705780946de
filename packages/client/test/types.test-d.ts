/** Compile-time tests of the facade's and pagination's types (run by `vitest` typecheck). */
import type {
  Account,
  OperationGroup,
  OperationDocs,
  OperationGroupDocs,
  OperationId,
  OperationsInGroup,
  PageableWorklog,
  Worklog,
  WorklogIdMapper,
  WorklogInput,
} from '@tempo-sdk/types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  callOperation,
  createTempoClient,
  createTempoCore,
  paginate,
  type OperationParams,
  type OperationResult,
  type PageIterable,
  type PaginatedOperationId,
  type TempoFacade,
} from '../src/index.js';

const tempo = createTempoClient({ token: 't' });

describe('facade', () => {
  it('has one group per operation group and nothing else', () => {
    expectTypeOf<keyof TempoFacade>().toEqualTypeOf<OperationGroup>();
  });

  it('maps each group over the documented operations (OperationDocs), one method per operationId of the group', () => {
    expectTypeOf<keyof OperationDocs>().toEqualTypeOf<OperationId>();
    expectTypeOf<keyof OperationGroupDocs>().toEqualTypeOf<OperationGroup>();
    expectTypeOf<keyof TempoFacade['worklogs']>().toEqualTypeOf<OperationsInGroup<'worklogs'>>();
    expectTypeOf<keyof TempoFacade['accounts']>().toEqualTypeOf<OperationsInGroup<'accounts'>>();
  });

  it('types getWorklogs: optional params with a typed query, page out', () => {
    expectTypeOf(tempo.worklogs.getWorklogs).parameter(0).toEqualTypeOf<OperationParams<'getWorklogs'> | undefined>();
    expectTypeOf<NonNullable<OperationParams<'getWorklogs'>['query']>['projectId']>().toEqualTypeOf<
      number[] | undefined
    >();
    expectTypeOf(tempo.worklogs.getWorklogs).returns.resolves.toEqualTypeOf<PageableWorklog>();
    tempo.worklogs.getWorklogs();
    tempo.worklogs.getWorklogs({ query: { from: '2026-11-01', orderBy: 'UPDATED' } });
    // @ts-expect-error orderBy is an enum
    tempo.worklogs.getWorklogs({ query: { orderBy: 'NEWEST' } });
    // @ts-expect-error no such query parameter
    tempo.worklogs.getWorklogs({ query: { fromDate: '2026-11-01' } });
  });

  it('requires the body of createWorklog and returns a Worklog', () => {
    expectTypeOf<OperationParams<'createWorklog'>['body']>().toEqualTypeOf<WorklogInput>();
    expectTypeOf(tempo.worklogs.createWorklog).returns.resolves.toEqualTypeOf<Worklog>();
    // @ts-expect-error body is required
    tempo.worklogs.createWorklog();
    // @ts-expect-error body is required
    tempo.worklogs.createWorklog({});
  });

  it('requires path parameters with their spec types', () => {
    expectTypeOf<OperationParams<'getAccountById'>['path']>().toEqualTypeOf<{ id: number }>();
    expectTypeOf(tempo.accounts.getAccountById).returns.resolves.toEqualTypeOf<Account>();
    tempo.accounts.getAccountById({ path: { id: 7 } });
    // @ts-expect-error id is a number
    tempo.accounts.getAccountById({ path: { id: '7' } });
    // @ts-expect-error path is required
    tempo.accounts.getAccountById();
  });

  it('has no path section where the spec has none', () => {
    expectTypeOf<OperationParams<'getWorklogs'>>().not.toHaveProperty('path');
    expectTypeOf<OperationParams<'getWorklogs'>>().not.toHaveProperty('body');
    expectTypeOf<OperationParams<'getWorklogs'>>().toHaveProperty('signal');
    expectTypeOf<OperationParams<'getWorklogs'>>().toHaveProperty('headers');
  });

  it('resolves void for 204 operations', () => {
    expectTypeOf(tempo.worklogs.deleteWorklog).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf<OperationResult<'deleteWorklog'>>().toEqualTypeOf<void>();
  });

  it('only puts an operation in its own group', () => {
    expectTypeOf(tempo.worklogs).toHaveProperty('searchWorklogs');
    expectTypeOf(tempo.worklogs).not.toHaveProperty('getAccounts');
    expectTypeOf(tempo.accounts).toHaveProperty('getAccounts');
  });

  it('call and callOperation take any operationId with the same types', () => {
    expectTypeOf(tempo.call<'getWorklogById'>).returns.resolves.toEqualTypeOf<Worklog>();
    const core = createTempoCore({ token: 't' });
    expectTypeOf(callOperation(core, 'getAccountById', { path: { id: 1 } })).resolves.toEqualTypeOf<Account>();
    // @ts-expect-error path is required
    callOperation(core, 'getAccountById');
    // @ts-expect-error unknown operation
    callOperation(core, 'getEverything');
    // @ts-expect-error the core client has no facade
    core.worklogs;
  });
});

describe('pagination', () => {
  it('accepts only paginated operations', () => {
    expectTypeOf<'getWorklogs' | 'searchWorklogs' | 'getAccounts'>().toMatchTypeOf<PaginatedOperationId>();
    expectTypeOf<'createWorklog'>().not.toMatchTypeOf<PaginatedOperationId>();
    expectTypeOf<'getWorklogById'>().not.toMatchTypeOf<PaginatedOperationId>();
    expectTypeOf<PaginatedOperationId>().toMatchTypeOf<OperationId>();
    // @ts-expect-error not paginated
    tempo.paginate('getWorklogById', { path: { id: '1' } });
  });

  it('yields items of the page type', () => {
    expectTypeOf(tempo.paginate('getWorklogs')).toEqualTypeOf<PageIterable<Worklog>>();
    expectTypeOf(tempo.pages('getWorklogs')).toEqualTypeOf<PageIterable<PageableWorklog>>();
    expectTypeOf(tempo.paginate('getTempoWorklogIdsByJiraWorklogIds', { body: { jiraWorklogIds: [1] } })).toEqualTypeOf<
      PageIterable<WorklogIdMapper>
    >();
    const core = createTempoCore({ token: 't' });
    expectTypeOf(paginate(core, 'searchWorklogs', { body: {} })).toEqualTypeOf<PageIterable<Worklog>>();
  });

  it('takes the operation’s parameters without limit (pageSize replaces it)', () => {
    tempo.paginate('getWorklogs', { query: { from: '2026-11-01', offset: 100 } }, { pageSize: 5000, maxItems: 10 });
    tempo.paginate('getWorklogsByTeam', { path: { teamId: '3' } });
    // @ts-expect-error use pageSize instead of limit
    tempo.paginate('getWorklogs', { query: { limit: 10 } });
    // @ts-expect-error onLimit is 'stop' | 'throw'
    tempo.paginate('getWorklogs', {}, { onLimit: 'ignore' });
  });
});

describe('low level', () => {
  it('is openapi-fetch over the Tempo paths', async () => {
    const { data } = await tempo.GET('/worklogs/{id}', { params: { path: { id: '1' } } });
    expectTypeOf(data).toEqualTypeOf<Worklog | undefined>();
    // @ts-expect-error no such path (paths have no /4 prefix)
    tempo.GET('/4/worklogs');
  });
});
