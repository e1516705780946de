import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDeviations, glob, loadDeviations, matchesEntry } from '../src/deviations.mjs';
import { diffDocuments, SpecInputError } from '../src/index.mjs';
import { get, object, spec } from './helpers.mjs';

const entry = (fields) => ({
  kind: 'schema.format',
  direction: 'request',
  api: 'v4',
  breaking: true,
  path: 'query.from',
  before: null,
  after: 'date',
  operations: [{ operation: 'GET /worklogs', path: 'query.from' }],
  ...fields,
});

describe('glob', () => {
  it('matches whole values with * and {a,b}', () => {
    expect(glob('query.{from,to}').test('query.from')).toBe(true);
    expect(glob('query.{from,to}').test('query.fromX')).toBe(false);
    expect(glob('GET /worklogs*').test('GET /worklogs/{id}')).toBe(true);
    expect(glob('a.b').test('axb')).toBe(false); // dots are literal
  });
});

describe('matchesEntry', () => {
  it('requires every key to match', () => {
    expect(matchesEntry({ kind: 'schema.format', after: 'date' }, entry())).toBe(true);
    expect(matchesEntry({ kind: 'schema.format', after: 'date-time' }, entry())).toBe(false);
    expect(matchesEntry({ kind: 'schema.*', before: null }, entry())).toBe(true);
  });

  it('matches operation and fullPath against every operation the entry reaches', () => {
    const shared = entry({
      operations: [
        { operation: 'GET /worklogs', path: 'query.from' },
        { operation: 'GET /plans', path: 'query.from' },
      ],
    });
    expect(matchesEntry({ operation: 'GET /worklogs' }, shared)).toBe(false);
    expect(matchesEntry({ operation: 'GET /{worklogs,plans}' }, shared)).toBe(true);
    expect(matchesEntry({ fullPath: 'query.{from,to}' }, shared)).toBe(true);
  });

  it('compares lists as sets and objects key by key', () => {
    const security = entry({ kind: 'security', before: [], after: ['bearerAuth', 'oauth2'] });
    expect(matchesEntry({ kind: 'security', before: [], after: ['oauth2', 'bearerAuth'] }, security)).toBe(true);
    expect(matchesEntry({ kind: 'security', after: ['bearerAuth'] }, security)).toBe(false);
    const added = entry({ kind: 'parameter.added', before: null, after: { required: false, type: 'string' } });
    expect(matchesEntry({ after: { required: false } }, added)).toBe(true);
    expect(matchesEntry({ after: { required: true } }, added)).toBe(false);
  });
});

describe('loadDeviations and applyDeviations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spec-diff-dev-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('rejects files that would explain things silently or not at all', () => {
    expect(() => loadDeviations(file('a.yaml', 'deviations:\n  - id: x\n    what: w\n    match: []\n'))).toThrow(
      /"why" must be a non-empty string/,
    );
    expect(() => loadDeviations(file('b.yaml', 'deviations:\n  - { id: x, what: w, why: y, match: [] }\n'))).toThrow(
      /empty "match" needs "unobservable"/,
    );
    expect(() =>
      loadDeviations(file('c.yaml', 'deviations:\n  - { id: x, what: w, why: y, match: [{ knd: x }] }\n')),
    ).toThrow(/unknown: knd/);
    expect(() =>
      loadDeviations(
        file(
          'd.yaml',
          'deviations:\n  - { id: x, what: w, why: y, match: [{ kind: a }] }\n  - { id: x, what: w, why: y, match: [{ kind: a }] }\n',
        ),
      ),
    ).toThrow(/duplicate id/);
    expect(() => loadDeviations(join(dir, 'missing.yaml'))).toThrow(SpecInputError);
  });

  it('marks explained entries, leaves them out of the summary, and counts use per deviation', () => {
    const q = (schema) => ({
      parameters: [
        { name: 'from', in: 'query', schema },
        { name: 'to', in: 'query', schema },
      ],
    });
    const before = spec({ paths: { '/w': get('getW', object({ id: { type: 'integer' } }), q({ type: 'string' })) } });
    const after = spec({
      paths: {
        '/w': get(
          'getW',
          object({ id: { type: 'integer' }, x: { type: 'string' } }),
          q({ type: 'string', format: 'date' }),
        ),
      },
    });
    const deviations = loadDeviations(
      file(
        'ok.yaml',
        'deviations:\n  - id: dates\n    what: w\n    why: y\n    match: [{ kind: schema.format, fullPath: "query.{from,to}", after: date }]\n  - { id: unused, what: w, why: y, match: [{ kind: server.added }] }\n',
      ),
    );
    const result = diffDocuments(before, after, { deviations, deviationsFile: 'ok.yaml' });
    expect(result.entries.map((e) => e.deviation)).toEqual(['dates', 'dates', undefined]);
    expect(result.explained).toBe(2);
    expect(result.summary).toMatchObject({ breaking: 0, nonBreaking: 1 });
    expect(result.deviations).toEqual([
      { id: 'dates', entries: 2 },
      { id: 'unused', entries: 0 },
    ]);
    expect(applyDeviations([entry({ kind: 'other' })], deviations)).toEqual([
      { id: 'dates', entries: 0 },
      { id: 'unused', entries: 0 },
    ]);
  });
});
