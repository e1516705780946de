import { describe, expect, it } from 'vitest';
import { diff, get, jsonBody, object, ok, post, ref, spec } from './helpers.mjs';

const worklog = object({ id: { type: 'integer' }, comment: { type: 'string' } }, ['id']);

describe('operations', () => {
  it('reports added and removed operations and operationId changes', () => {
    const before = spec({ paths: { '/a': get('getA', worklog), '/b': get('getB', worklog) } });
    const after = spec({
      paths: { '/a': get('listA', worklog), '/c': { ...get('getC', worklog), ...post('createC', worklog) } },
    });
    const { lines, result } = diff(before, after);
    expect(lines).toEqual([
      'GET /c operation.added',
      'POST /c operation.added',
      'GET /b operation.removed BREAKING',
      'GET /a operation.operationId BREAKING',
    ]);
    expect(result.summary).toMatchObject({ added: 2, removed: 1, changed: 1, breaking: 2, nonBreaking: 2 });
  });

  it('removes the /4 version prefix when the server URL does not carry it', () => {
    const vendor = spec({
      servers: [{ url: 'https://api.example.com' }],
      paths: { '/4/a': get('getA', worklog), '/audit/1/x': get('getX', worklog) },
    });
    const ours = spec({ servers: [{ url: 'https://api.example.com/4' }], paths: { '/a': get('getA', worklog) } });
    const { lines, result } = diff(vendor, ours);
    // Same base URL once the prefix moves into it; only the other API's operation differs.
    expect(lines).toEqual(['GET /audit/1/x operation.removed BREAKING']);
    expect(result.entries[0].api).toBe('/audit/1');
    expect(result.summary).toMatchObject({
      added: 0,
      removed: 0,
      changed: 0,
      otherApis: { '/audit/1': { removed: 1, breaking: 1 } },
    });
    expect(result.old).toEqual({ label: 'old', operations: 1, otherApiOperations: 1 });
  });

  it('pairs operations whose path parameters were renamed and reports the rename', () => {
    const param = (name) => ({ name, in: 'path', required: true, schema: { type: 'integer' } });
    const before = spec({ paths: { '/plans/{id}': get('getPlan', worklog, { parameters: [param('id')] }) } });
    const after = spec({ paths: { '/plans/{planId}': get('getPlan', worklog, { parameters: [param('planId')] }) } });
    expect(diff(before, after).lines).toEqual([
      'GET /plans/{planId} operation.path BREAKING',
      'GET /plans/{planId} path.id parameter.removed BREAKING',
      'GET /plans/{planId} path.planId parameter.added BREAKING',
    ]);
  });

  it('does not pair ambiguous renames (two old paths of the same shape)', () => {
    const before = spec({
      paths: { '/accounts/{id}': get('getById', worklog), '/accounts/{key}': get('getByKey', worklog) },
    });
    const after = spec({ paths: { '/accounts/{accountId}': get('getById', worklog) } });
    expect(diff(before, after).lines).toEqual([
      'GET /accounts/{accountId} operation.added',
      'GET /accounts/{id} operation.removed BREAKING',
      'GET /accounts/{key} operation.removed BREAKING',
    ]);
  });
});

describe('parameters', () => {
  const q = (name, schema, extra = {}) => ({ name, in: 'query', schema, ...extra });

  it('reports added (required or not), removed and re-flagged parameters, path-level ones included', () => {
    const before = spec({
      paths: {
        '/t': {
          parameters: [q('shared', { type: 'string' })],
          ...get('getT', worklog, { parameters: [q('a', { type: 'string' }), q('b', { type: 'string' })] }),
        },
      },
    });
    const after = spec({
      paths: {
        '/t': get('getT', worklog, {
          parameters: [
            q('shared', { type: 'string' }),
            q('a', { type: 'string' }, { required: true }),
            q('c', { type: 'array', items: { type: 'integer' } }),
            q('d', { type: 'string' }, { required: true }),
          ],
        }),
      },
    });
    const { lines, result } = diff(before, after);
    expect(lines).toEqual([
      'GET /t query.a parameter.required BREAKING',
      'GET /t query.b parameter.removed BREAKING',
      'GET /t query.c parameter.added',
      'GET /t query.d parameter.added BREAKING',
    ]);
    expect(result.entries.find((e) => e.path === 'query.c').after).toEqual({ required: false, type: 'array<integer>' });
  });

  it('compares parameter schemas (format, enum) as requests, and groups one change made to many operations', () => {
    const from = (schema) => ({ parameters: [q('from', schema)] });
    const paths = (schema) => ({ '/x': get('getX', worklog, from(schema)), '/y': get('getY', worklog, from(schema)) });
    const { result, lines } = diff(
      spec({ paths: paths({ type: 'string' }) }),
      spec({ paths: paths({ type: 'string', format: 'date' }) }),
    );
    expect(lines).toEqual(['query.from schema.format BREAKING']);
    expect(result.entries[0].operations.map((o) => o.operation)).toEqual(['GET /x', 'GET /y']);
  });
});

describe('request bodies and responses', () => {
  it('reports a request body becoming required, and field changes under requestBody', () => {
    const before = spec({
      paths: {
        '/w': {
          post: {
            operationId: 'create',
            requestBody: jsonBody(object({ a: { type: 'string' } }), false),
            responses: ok(worklog),
          },
        },
      },
    });
    const after = spec({
      paths: {
        '/w': {
          post: {
            operationId: 'create',
            requestBody: jsonBody(object({ a: { type: 'string' }, b: { type: 'string' } }, ['b'])),
            responses: ok(worklog),
          },
        },
      },
    });
    expect(diff(before, after).lines).toEqual([
      'POST /w requestBody requestBody.required BREAKING',
      'POST /w requestBody.b property.added BREAKING',
    ]);
  });

  it('reports a shared schema change once, listing every operation and full path it reaches', () => {
    const schemas = (extra) => ({
      Team: object({ id: { type: 'integer' }, ...extra }),
      TeamPage: object({ results: { type: 'array', items: ref('Team') } }),
    });
    const paths = {
      '/teams': get('getTeams', ref('TeamPage')),
      '/teams/{id}': get('getTeam', ref('Team')),
      '/links': post('link', object({ x: { type: 'string' } }), object({ team: ref('Team') })),
    };
    const { result, lines } = diff(
      spec({ paths, schemas: schemas({}) }),
      spec({ paths, schemas: schemas({ lead: { type: 'string' } }) }),
    );
    expect(lines).toEqual(['Team.lead property.added']);
    expect(result.entries[0].operations).toEqual([
      { operation: 'GET /teams/{id}', operationId: 'getTeam', path: 'response.lead' },
      { operation: 'POST /links', operationId: 'link', path: 'response.team.lead' },
      { operation: 'GET /teams', operationId: 'getTeams', path: 'response.results[].lead' },
    ]);
    expect(result.summary.changed).toBe(3);
  });

  it('classifies the same shared-schema change by direction: a new required field breaks requests only', () => {
    const schemas = (extra, required) => ({ Item: object({ id: { type: 'integer' }, ...extra }, required) });
    const paths = { '/items': post('createItem', ref('Item'), ref('Item')) };
    const { lines } = diff(
      spec({ paths, schemas: schemas({}, []) }),
      spec({ paths, schemas: schemas({ name: { type: 'string' } }, ['name']) }),
    );
    expect(lines).toEqual(['Item.name property.added BREAKING', 'Item.name property.added']);
  });

  it('reports success statuses, bodies and media types; error responses are not compared', () => {
    const before = spec({
      paths: {
        '/a': { get: { operationId: 'a', responses: { ...ok(worklog), 404: { description: 'x' } } } },
        '/b': { delete: { operationId: 'b', responses: ok(worklog) } },
      },
    });
    const after = spec({
      paths: {
        '/a': {
          get: {
            operationId: 'a',
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: worklog }, 'text/csv': { schema: { type: 'string' } } },
              },
              400: ok(worklog)[200],
            },
          },
        },
        '/b': { delete: { operationId: 'b', responses: { 204: { description: 'gone' } } } },
      },
    });
    expect(diff(before, after).lines).toEqual([
      'GET /a response mediaType.added',
      'DELETE /b response response.added',
      'DELETE /b response response.removed BREAKING',
    ]);
  });
});

describe('document-level changes', () => {
  it('reports servers and security once each, whatever the number of operations', () => {
    const paths = { '/a': get('a', worklog), '/b': get('b', worklog) };
    const before = spec({ paths, servers: [{ url: 'https://api.example.com/4' }] });
    const after = spec({
      paths,
      servers: [{ url: 'https://api.example.com/4/' }, { url: 'https://eu.example.com/4' }],
      security: [{ bearerAuth: [] }, { oauth2: [] }],
    });
    const { lines, result } = diff(before, after);
    expect(lines).toEqual(['security security BREAKING', 'servers server.added']);
    expect(result.entries[0].operations).toHaveLength(2);
    expect(result.entries[0].after).toEqual(['bearerAuth', 'oauth2']);
  });

  it('reports callbacks and deprecation of operations', () => {
    const callbacks = {
      onEvent: {
        '{$request.body#/url}': { post: { requestBody: jsonBody(worklog), responses: { 200: { description: 'ok' } } } },
      },
    };
    const before = spec({ paths: { '/subs': post('subscribe', worklog, worklog, { callbacks }) } });
    const after = spec({ paths: { '/subs': post('subscribe', worklog, worklog, { deprecated: true }) } });
    expect(diff(before, after).lines).toEqual([
      'POST /subs deprecated',
      'POST /subs callbacks callback.removed BREAKING',
    ]);
  });
});
