import { describe, expect, it } from 'vitest';
import { renameHints, renderDrift } from '../src/index.mjs';
import { diff, get, object, ref, spec } from './helpers.mjs';

// Today's shape of GET /worklogs in miniature, and the vendor's next document: `projectId` renamed to `jiraProjectId`
// (same type), `description` removed from Worklog and `billable` added (another type: no rename).
const query = (name, schema = { type: 'integer' }) => ({ name, in: 'query', schema });
const worklogs = (filter, properties) =>
  spec({
    paths: {
      '/worklogs': get('getWorklogs', object({ results: { type: 'array', items: ref('Worklog') } }), {
        parameters: [query('from', { type: 'string' }), query(filter)],
      }),
    },
    schemas: { Worklog: object({ tempoWorklogId: { type: 'integer' }, ...properties }) },
  });
const before = worklogs('projectId', { description: { type: 'string' } });
const after = worklogs('jiraProjectId', { billable: { type: 'boolean' } });

describe('the drift list of spec:update', () => {
  it('lists each kind, with "renamed?" for the query parameter the diff pairs with an added one', () => {
    const { result } = diff(before, after);
    const lines = renderDrift(
      [
        { kind: 'compile', text: '@tempo-sdk/msw: src/x.ts(3,7): error TS2339: Property description does not exist' },
        { kind: 'field', operationId: 'getWorklogs', names: ['results[].description'] },
        { kind: 'query', operationId: 'getWorklogs', names: ['projectId'] },
        { kind: 'test', text: 'getWorklogs answers …: expected 200' },
      ],
      renameHints(result.entries),
    );
    expect(lines).toEqual([
      '  compile  @tempo-sdk/msw: src/x.ts(3,7): error TS2339: Property description does not exist',
      "  field    getWorklogs: the mock sends response field 'results[].description', which the spec no longer declares",
      "  query    getWorklogs: the mock filters on query parameter 'projectId', which the spec no longer declares (renamed to jiraProjectId?)",
      '  mock     getWorklogs answers …: expected 200',
    ]);
  });

  it('hints a response field renamed to one of the same type, by its path in the response', () => {
    const { result } = diff(before, worklogs('projectId', { comment: { type: 'string' } }));
    const hints = renameHints(result.entries);
    expect(hints.get('field getWorklogs results[].description')).toBe('comment');
    expect(
      renderDrift([{ kind: 'field', operationId: 'getWorklogs', names: ['results[].description'] }], hints),
    ).toEqual([
      "  field    getWorklogs: the mock sends response field 'results[].description', which the spec no longer declares (renamed to comment?)",
    ]);
  });

  it('hints nothing without a pairing: a removed parameter alone, or another operation', () => {
    const { result } = diff(before, worklogs('jiraProjectId', { description: { type: 'string' } }));
    const hints = renameHints(result.entries);
    expect([...hints]).toEqual([['query getWorklogs projectId', 'jiraProjectId']]);
    expect(renderDrift([{ kind: 'query', operationId: 'getWorklogsByUser', names: ['projectId'] }], hints)).toEqual([
      "  query    getWorklogsByUser: the mock filters on query parameter 'projectId', which the spec no longer declares",
    ]);
  });
});
