import { describe, expect, expectTypeOf, it } from 'vitest';
import { operationIndex, TEMPO_BASE_URLS, TEMPO_OAUTH_URLS, TEMPO_PAGE_LIMIT_MAX } from '../src/index.js';
import spec from '../openapi.json' with { type: 'json' };
import type {
  Account,
  OperationId,
  OperationsInGroup,
  PageableWorklog,
  Worklog,
  WorklogInput,
  operations,
  paths,
  TempoRegion,
} from '../src/index.js';

// The expectTypeOf lines are checked by `tsc` (the package's typecheck task); vitest runs the rest.
describe('@tempo-sdk/types', () => {
  it('types the body of POST /worklogs as WorklogInput', () => {
    type Body = paths['/worklogs']['post']['requestBody']['content']['application/json'];
    expectTypeOf<Body>().toEqualTypeOf<WorklogInput>();
    expectTypeOf<Body['issueId']>().toEqualTypeOf<number>();
    expectTypeOf<Body['startDate']>().toEqualTypeOf<string>();
    expectTypeOf<Body>().toHaveProperty('timeSpentSeconds');
    // @ts-expect-error authorAccountId is required
    const missing: Body = { issueId: 1, startDate: '2026-01-01', timeSpentSeconds: 60 };
    expect(missing).toBeDefined();
  });

  it('types the result of GET /worklogs/{id} as Worklog', () => {
    type Result = paths['/worklogs/{id}']['get']['responses'][200]['content']['application/json'];
    expectTypeOf<Result>().toEqualTypeOf<Worklog>();
    expectTypeOf<Result['tempoWorklogId']>().toEqualTypeOf<number>();
    expectTypeOf<Result['issue']['self']>().toEqualTypeOf<string>();
  });

  it('types list pages with metadata and results', () => {
    type Page = operations['getWorklogs']['responses'][200]['content']['application/json'];
    expectTypeOf<Page>().toEqualTypeOf<PageableWorklog>();
    expectTypeOf<Page['results']>().toEqualTypeOf<Worklog[]>();
    expectTypeOf<Account['status']>().toEqualTypeOf<'OPEN' | 'CLOSED' | 'ARCHIVED'>();
  });

  it('indexes every operation with its method, path and group', () => {
    expect(Object.keys(operationIndex)).toHaveLength(252);
    expect(operationIndex.getWorklogs).toEqual({
      method: 'get',
      path: '/worklogs',
      tag: 'Worklogs',
      group: 'worklogs',
      paginated: true,
      readOnly: true,
      idempotent: true,
    });
    expect(operationIndex.searchWorklogs).toMatchObject({
      method: 'post',
      paginated: true,
      readOnly: true,
      idempotent: true,
    });
    expect(operationIndex.createWorklog).toMatchObject({ method: 'post', readOnly: false, idempotent: false });
    expect(operationIndex.updateWorklog).toMatchObject({ method: 'put', readOnly: false, idempotent: true });
    expectTypeOf<'getWorklogs'>().toExtend<OperationId>();
    expectTypeOf<OperationsInGroup<'worklogs'>>().toExtend<OperationId>();
    expectTypeOf<'getAccounts'>().not.toExtend<OperationsInGroup<'worklogs'>>();
  });

  it('has no path with the version prefix and no duplicate method+path', () => {
    const seen = new Set<string>();
    for (const info of Object.values(operationIndex)) {
      expect(info.path.startsWith('/4/')).toBe(false);
      const key = `${info.method} ${info.path}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it("exports Tempo's facts as the spec states them", () => {
    expect(TEMPO_BASE_URLS).toEqual({
      global: 'https://api.tempo.io/4',
      eu: 'https://api.eu.tempo.io/4',
      us: 'https://api.us.tempo.io/4',
    });
    expect(Object.values(TEMPO_BASE_URLS)).toEqual(spec.servers.map((server) => server.url));
    expect(Object.keys(TEMPO_BASE_URLS)).toEqual(spec.servers.map((server) => server['x-tempo-region']));
    expect(Object.isFrozen(TEMPO_BASE_URLS)).toBe(true);
    const flow = spec.components.securitySchemes.oauth2.flows.authorizationCode;
    expect(TEMPO_OAUTH_URLS).toEqual({
      authorization: flow.authorizationUrl,
      token: flow.tokenUrl,
      revocation: flow['x-tempo-revocation-url'],
    });
    expect(TEMPO_OAUTH_URLS.revocation).toBe('https://api.tempo.io/oauth/revoke_token/');
    expect(TEMPO_PAGE_LIMIT_MAX).toBe(5000);
    expectTypeOf<TempoRegion>().toEqualTypeOf<'global' | 'eu' | 'us'>();
    expectTypeOf(TEMPO_BASE_URLS).toEqualTypeOf<Readonly<Record<TempoRegion, string>>>();
  });
});
