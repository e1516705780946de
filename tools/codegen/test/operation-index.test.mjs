import { describe, expect, it } from 'vitest';
import { buildOperationIndex, groupName, renderOperationIndex } from '../src/operation-index.mjs';
import { versionPrefix } from '../src/version-prefix.mjs';

const page = {
  type: 'object',
  properties: {
    metadata: { type: 'object', properties: { count: { type: 'integer' }, next: { type: 'string' } } },
    results: { type: 'array', items: { type: 'string' } },
  },
};
const ok = (schema) => ({ 200: { description: 'ok', content: { 'application/json': { schema } } } });
const doc = (paths, schemas = {}) => ({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths,
  components: { schemas },
});

describe('groupName', () => {
  it.each([
    ['Worklogs', 'worklogs'],
    ['Account - Categories', 'accountCategories'],
    ['Account - Category-Types', 'accountCategoryTypes'],
    ['Timesheet Approvals', 'timesheetApprovals'],
    ['Generic Resource Team Members', 'genericResourceTeamMembers'],
    ['Team', 'team'],
  ])('%s -> %s', (tag, group) => expect(groupName(tag)).toBe(group));
});

describe('buildOperationIndex', () => {
  it('marks a metadata.next + results[] page as paginated, through $refs, for GETs and POST searches', () => {
    const entries = buildOperationIndex(
      doc(
        {
          '/items': { get: { operationId: 'getItems', tags: ['Items'], responses: ok(page) } },
          '/items/search': {
            post: {
              operationId: 'searchItems',
              tags: ['Items'],
              'x-tempo-read-only': true,
              responses: ok({ $ref: '#/components/schemas/Page' }),
            },
          },
          '/items/{id}': {
            get: {
              operationId: 'getItem',
              tags: ['Items'],
              responses: ok({ type: 'object', properties: { results: { type: 'array' } } }),
            },
          },
        },
        { Page: page },
      ),
    );
    expect(entries.map((e) => [e.operationId, e.paginated])).toEqual([
      ['getItem', false],
      ['getItems', true],
      ['searchItems', true],
    ]);
  });

  it('follows a $ref to a shared response too', () => {
    const d = doc(
      {
        '/items': { get: { operationId: 'getItems', responses: { 200: { $ref: '#/components/responses/ItemPage' } } } },
      },
      { Page: page },
    );
    d.components.responses = { ItemPage: ok({ $ref: '#/components/schemas/Page' })[200] };
    expect(buildOperationIndex(d)[0].paginated).toBe(true);
  });

  it('does not mark a page without a next link, or with results that are not an array', () => {
    const noNext = {
      type: 'object',
      properties: {
        metadata: { type: 'object', properties: { count: { type: 'integer' } } },
        results: { type: 'array' },
      },
    };
    const notArray = {
      type: 'object',
      properties: { metadata: page.properties.metadata, results: { type: 'object' } },
    };
    const entries = buildOperationIndex(
      doc({
        '/a': { get: { operationId: 'a', responses: ok(noNext) } },
        '/b': { get: { operationId: 'b', responses: ok(notArray) } },
      }),
    );
    expect(entries.map((e) => e.paginated)).toEqual([false, false]);
  });

  it('derives readOnly and idempotent from the method and x-tempo-read-only', () => {
    const op = (operationId, extra = {}) => ({ operationId, responses: { 204: { description: 'done' } }, ...extra });
    const entries = buildOperationIndex(
      doc({
        '/r': { get: op('read'), put: op('replace'), delete: op('remove'), patch: op('patch'), post: op('create') },
        '/r/search': { post: op('search', { 'x-tempo-read-only': true }) },
      }),
    );
    const flags = Object.fromEntries(entries.map((e) => [e.operationId, [e.readOnly, e.idempotent]]));
    expect(flags).toEqual({
      read: [true, true],
      replace: [false, true],
      remove: [false, true],
      patch: [false, false],
      create: [false, false],
      search: [true, true],
    });
  });

  it('strips the path prefix, groups by first tag (Default without one), sorts by operationId and skips operations without one', () => {
    const entries = buildOperationIndex(
      doc({
        '/4/worklogs/{id}': { get: { operationId: 'getWorklog', tags: ['Worklogs', 'Other'], responses: {} } },
        '/4/accounts': { get: { operationId: 'getAccounts', responses: {} }, post: { responses: {} } },
        '/papertrail/1/events': { get: { operationId: 'getEvents', tags: ['Audit Events'], responses: {} } },
      }),
      { pathPrefix: '/4' },
    );
    expect(entries.map((e) => [e.operationId, e.path, e.group])).toEqual([
      ['getAccounts', '/accounts', 'default'],
      ['getEvents', '/papertrail/1/events', 'auditEvents'],
      ['getWorklog', '/worklogs/{id}', 'worklogs'],
    ]);
  });
});

describe('renderOperationIndex', () => {
  it('writes one typed entry per operation under the do-not-edit banner', () => {
    const entries = buildOperationIndex(
      doc({ '/w': { get: { operationId: 'getW', tags: ['Work "Logs"'], responses: ok(page) } } }),
    );
    const text = renderOperationIndex(entries, 'spec/openapi.yaml');
    expect(text.startsWith('// This file is generated by tools/codegen from spec/openapi.yaml.')).toBe(true);
    expect(text).toContain(
      `  getW: { method: 'get', path: '/w', tag: "Work \\"Logs\\"", group: 'workLogs', paginated: true, readOnly: true, idempotent: true },`,
    );
    expect(text).toContain('} as const satisfies Record<string, OperationInfo>;');
  });
});

describe('versionPrefix', () => {
  it('is /4 only when the server URL lacks it and paths carry it', () => {
    expect(versionPrefix({ servers: [{ url: 'https://api.tempo.io' }], paths: { '/4/worklogs': {} } })).toBe('/4');
    expect(versionPrefix({ servers: [{ url: 'https://api.tempo.io/4' }], paths: { '/worklogs': {} } })).toBe('');
    expect(versionPrefix({ servers: [{ url: 'https://api.tempo.io/4/' }], paths: { '/4/odd': {} } })).toBe('');
    expect(versionPrefix({ paths: { '/worklogs': {} } })).toBe('');
  });
});
