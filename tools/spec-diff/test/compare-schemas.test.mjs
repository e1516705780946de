import { describe, expect, it } from 'vitest';
import { createSchemaComparer, joinPath } from '../src/compare-schemas.mjs';
import { object, ref, spec } from './helpers.mjs';

/** Compares `before` and `after` as top-level schemas of two documents sharing component definitions per side. */
function compare(before, after, { oldSchemas = {}, newSchemas = {}, direction = 'response' } = {}) {
  const oldDoc = spec({ schemas: oldSchemas });
  const newDoc = spec({ schemas: newSchemas });
  return createSchemaComparer(oldDoc, newDoc)(before, after, direction).map(
    ({ kind, path, before: b, after: a, origin }) => ({
      kind,
      path,
      before: b,
      after: a,
      ...(origin ? { origin: `${origin.schema}:${origin.path}` } : {}),
    }),
  );
}

describe('joinPath', () => {
  it('joins properties with dots and array/map/branch markers directly', () => {
    expect(joinPath('attributes', '[].key')).toBe('attributes[].key');
    expect(joinPath('members', 'teamMembers')).toBe('members.teamMembers');
    expect(joinPath('names', '{}')).toBe('names{}');
    expect(joinPath('payload', '<1>.id')).toBe('payload<1>.id');
    expect(joinPath('', 'x')).toBe('x');
    expect(joinPath('requestBody', '')).toBe('requestBody');
  });
});

describe('compareSchemas', () => {
  it('finds nothing between equal schemas', () => {
    const s = object({ id: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } }, ['id']);
    expect(compare(s, structuredClone(s))).toEqual([]);
  });

  it('reports added and removed properties with their type and required flag', () => {
    const changes = compare(
      object({ a: { type: 'string' } }),
      object({ b: { type: 'array', items: { type: 'integer', format: 'int64' } } }, ['b']),
    );
    expect(changes).toEqual([
      { kind: 'property.removed', path: 'a', before: { type: 'string', required: false }, after: null },
      { kind: 'property.added', path: 'b', before: null, after: { type: 'array<integer(int64)>', required: true } },
    ]);
  });

  it('reports required-set, type, format, nullable and enum changes at their path', () => {
    const before = object(
      {
        a: { type: 'string' },
        b: { type: 'string', format: 'date' },
        c: { type: 'string', enum: ['X', 'Y'] },
        d: { type: 'integer' },
      },
      ['a'],
    );
    const after = object(
      {
        a: { type: 'string' },
        b: { type: 'string' },
        c: { type: 'string', enum: ['Y', 'Z'] },
        d: { type: 'string', nullable: true },
      },
      [],
    );
    expect(compare(before, after)).toEqual([
      { kind: 'property.required', path: 'a', before: true, after: false },
      { kind: 'schema.format', path: 'b', before: 'date', after: null },
      { kind: 'schema.enum', path: 'c', before: ['X', 'Y'], after: ['Y', 'Z'] },
      // A type change stops the walk there: nullable is not compared between a string and an integer.
      { kind: 'schema.type', path: 'd', before: 'integer', after: 'string' },
    ]);
  });

  it('follows $refs into array items and records the innermost component as the origin', () => {
    const oldSchemas = {
      Team: object({ members: { type: 'array', items: ref('Member') } }),
      Member: object({ id: { type: 'integer' } }),
    };
    const newSchemas = {
      Team: object({ members: { type: 'array', items: ref('Member') } }),
      Member: object({ id: { type: 'integer' }, role: { type: 'string' } }),
    };
    expect(compare(ref('Team'), ref('Team'), { oldSchemas, newSchemas })).toEqual([
      {
        kind: 'property.added',
        path: 'members[].role',
        before: null,
        after: { type: 'string', required: false },
        origin: 'Member:role',
      },
    ]);
  });

  it('does not compare component names: a renamed component with the same structure is no change', () => {
    const oldSchemas = { 'Projects by page': object({ results: { type: 'array', items: { type: 'string' } } }) };
    const newSchemas = { ProjectsPage: object({ results: { type: 'array', items: { type: 'string' } } }) };
    expect(compare(ref('Projects%20by%20page'), ref('ProjectsPage'), { oldSchemas, newSchemas })).toEqual([]);
  });

  it('terminates on recursive schemas and reports a change inside the cycle once', () => {
    const node = (extra) =>
      object({ name: { type: 'string' }, children: { type: 'array', items: ref('Node') }, ...extra });
    const changes = compare(ref('Node'), ref('Node'), {
      oldSchemas: { Node: node({}) },
      newSchemas: { Node: node({ depth: { type: 'integer' } }) },
    });
    expect(changes).toEqual([
      {
        kind: 'property.added',
        path: 'depth',
        before: null,
        after: { type: 'integer', required: false },
        origin: 'Node:depth',
      },
    ]);
  });

  it('walks mutually recursive schemas reached from two entry points without losing changes', () => {
    const oldSchemas = { A: object({ b: ref('B'), y: { type: 'string' } }), B: object({ a: ref('A') }) };
    const newSchemas = { A: object({ b: ref('B'), y: { type: 'integer' } }), B: object({ a: ref('A') }) };
    const compareSchemas = createSchemaComparer(spec({ schemas: oldSchemas }), spec({ schemas: newSchemas }));
    // Entering at A walks B with A cut off by the cycle; that partial result for B must not be reused when an
    // operation enters at B, which does reach A's change.
    expect(compareSchemas(ref('A'), ref('A'), 'response').map((c) => c.path)).toEqual(['y']);
    expect(compareSchemas(ref('B'), ref('B'), 'response').map((c) => `${c.path} ${c.origin.schema}`)).toEqual([
      'a.y A',
    ]);
  });

  it("moves the vendor's enum on an array to its items, so the two spellings are equal", () => {
    const vendor = { type: 'array', enum: ['OPEN', 'CLOSED'], items: { type: 'string' } };
    const ours = { type: 'array', items: { type: 'string', enum: ['OPEN', 'CLOSED'] } };
    expect(compare(vendor, ours, { direction: 'request' })).toEqual([]);
    expect(compare(vendor, { type: 'array', items: { type: 'string', enum: ['OPEN'] } })).toEqual([
      { kind: 'schema.enum', path: '[]', before: ['CLOSED', 'OPEN'], after: ['OPEN'] },
    ]);
  });

  it('merges allOf parts into one object', () => {
    const before = { allOf: [object({ a: { type: 'string' } }, ['a']), object({ b: { type: 'string' } })] };
    const after = object({ a: { type: 'string' }, b: { type: 'string' } }, ['a', 'b']);
    expect(compare(before, after)).toEqual([{ kind: 'property.required', path: 'b', before: false, after: true }]);
  });

  it('infers object and array types left out, and treats no type at all as "any"', () => {
    expect(compare({ properties: { a: { type: 'string' } } }, object({ a: { type: 'string' } }))).toEqual([]);
    expect(compare({ items: { type: 'string' } }, { type: 'array', items: { type: 'string' } })).toEqual([]);
    expect(compare({}, { type: 'string' })).toEqual([
      { kind: 'schema.type', path: '', before: 'any', after: 'string' },
    ]);
  });

  it('pairs oneOf/anyOf branches by position and reports the keyword change', () => {
    const before = { oneOf: [object({ a: { type: 'string' } }), object({ b: { type: 'string' } })] };
    const after = {
      anyOf: [object({ a: { type: 'integer' } }), object({ b: { type: 'string' } }), object({ c: { type: 'string' } })],
    };
    expect(compare(before, after).map((c) => `${c.kind} ${c.path}`)).toEqual([
      'schema.composition ',
      'schema.type <0>.a',
      'schema.branch.added <2>',
    ]);
  });

  it('compares additionalProperties value schemas under {}', () => {
    const before = { type: 'object', additionalProperties: { type: 'string' } };
    const after = { type: 'object', additionalProperties: { type: 'integer' } };
    expect(compare(before, after)).toEqual([{ kind: 'schema.type', path: '{}', before: 'string', after: 'integer' }]);
  });

  it('reports a deprecated array once, not again for its items', () => {
    const before = object({ ids: { type: 'array', items: { type: 'integer' } } });
    const after = object({ ids: { type: 'array', deprecated: true, items: { type: 'integer', deprecated: true } } });
    expect(compare(before, after)).toEqual([{ kind: 'schema.deprecated', path: 'ids', before: false, after: true }]);
  });

  it('ignores siblings of a $ref, as OpenAPI 3.0 does', () => {
    const schemas = { Id: { type: 'integer' } };
    expect(
      compare(
        ref('Id'),
        { ...ref('Id'), type: 'string', description: 'x' },
        { oldSchemas: schemas, newSchemas: schemas },
      ),
    ).toEqual([]);
  });
});
