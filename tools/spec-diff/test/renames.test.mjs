import { describe, expect, it } from 'vitest';
import { location, renderText } from '../src/index.mjs';
import { diff, get, object, ref, spec } from './helpers.mjs';

const query = (name, schema = { type: 'integer' }) => ({ name, in: 'query', schema });
const listing = (...parameters) => ({ '/items': get('getItems', { type: 'string' }, { parameters }) });
const hints = (result) =>
  result.entries
    .filter((e) => e.renamedTo || e.renamedFrom)
    .map((e) => `${location(e)} ${e.renamedTo ? `-> ${e.renamedTo}` : `<- ${e.renamedFrom}`}`);

describe('renamed? hints', () => {
  it('pairs a removed query parameter with an added one of the same type in the same operation', () => {
    const { result } = diff(
      spec({ paths: listing(query('projectId'), query('from', { type: 'string' })) }),
      spec({ paths: listing(query('jiraProjectId'), query('from', { type: 'string' })) }),
    );
    expect(hints(result)).toEqual([
      'GET /items query.jiraProjectId <- projectId',
      'GET /items query.projectId -> jiraProjectId',
    ]);
    const text = renderText(result);
    expect(text).toContain(
      '  - GET /items query.projectId: integer, was optional  (renamed to jiraProjectId?) [breaking]',
    );
    expect(text).toContain('  + GET /items query.jiraProjectId: integer, optional  (renamed from projectId?)');
  });

  it('pairs fields of one schema, and only when the type matches', () => {
    const item = (properties) => ({ Item: object(properties) });
    const paths = { '/items/{id}': get('getItem', ref('Item')) };
    const same = diff(
      spec({ paths, schemas: item({ note: { type: 'string' } }) }),
      spec({ paths, schemas: item({ comment: { type: 'string' } }) }),
    );
    expect(hints(same.result)).toEqual(['Item.comment <- note', 'Item.note -> comment']);
    const other = diff(
      spec({ paths, schemas: item({ note: { type: 'string' } }) }),
      spec({ paths, schemas: item({ billable: { type: 'boolean' } }) }),
    );
    expect(hints(other.result)).toEqual([]);
  });

  it('suggests nothing when the match is ambiguous or the places differ', () => {
    const ambiguous = diff(
      spec({ paths: listing(query('projectId')) }),
      spec({ paths: listing(query('a'), query('b')) }),
    );
    expect(hints(ambiguous.result)).toEqual([]);
    const elsewhere = diff(
      spec({ paths: { ...listing(query('projectId')), '/other': get('getOther', { type: 'string' }) } }),
      spec({
        paths: {
          ...listing(),
          '/other': get('getOther', { type: 'string' }, { parameters: [query('jiraProjectId')] }),
        },
      }),
    );
    expect(hints(elsewhere.result)).toEqual([]);
  });
});
