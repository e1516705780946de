import { appendFileSync } from 'node:fs';
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import {
  observedQuery,
  QueryReadLog,
  undeclaredFields,
  undeclaredQueryReads,
  undeclaredResponseFields,
} from '../src/drift.js';
import { exampleRequest, type ExampleRequest } from '../src/example-request.js';
import { Prng } from '../src/prng.js';
import { successStatusOf } from '../src/response-validation.js';
import { sampleFromSchema } from '../src/sample.js';
import { getOperation, resolveSchema, type OperationObject, type SchemaObject } from '../src/spec.js';
import type { TempoMock } from '../src/mock.js';
import { api, useMockServer } from './helpers.js';

const operationIds = Object.keys(operationIndex) as OperationId[];

/** `pnpm spec:update` asks for what this test finds as JSON lines (scripts/spec-drift.mjs lists them). */
function report(kind: 'field' | 'query', operationId: OperationId, names: string[]): void {
  const file = process.env.TEMPO_DRIFT_REPORT;
  if (file && names.length) appendFileSync(file, `${JSON.stringify({ kind, operationId, names })}\n`);
}

describe('undeclaredFields', () => {
  const item: SchemaObject = {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
    },
  };

  it('names every field the schema does not declare, nested and in arrays', () => {
    expect(undeclaredFields(item, { id: 1, note: 'x', tags: [{ name: 'a', colour: 'red' }, { name: 'b' }] })).toEqual([
      'note',
      'tags[].colour',
    ]);
    expect(undeclaredFields({ type: 'array', items: item }, [{ id: 1, extra: true }])).toEqual(['[].extra']);
  });

  it('treats free-form objects and additionalProperties as declaring everything', () => {
    expect(undeclaredFields({ type: 'object' }, { anything: 1 })).toEqual([]);
    expect(undeclaredFields({ ...item, additionalProperties: true }, { id: 1, more: 2 })).toEqual([]);
  });

  it('takes allOf parts together and the best oneOf branch', () => {
    const both: SchemaObject = { allOf: [item, { type: 'object', properties: { self: { type: 'string' } } }] };
    expect(undeclaredFields(both, { id: 1, self: 'x', gone: 0 })).toEqual(['gone']);
    const either: SchemaObject = {
      oneOf: [
        { type: 'object', properties: { a: {} } },
        { type: 'object', properties: { b: {}, c: {} } },
      ],
    };
    expect(undeclaredFields(either, { b: 1, c: 2 })).toEqual([]);
    expect(undeclaredFields(either, { b: 1, d: 2 })).toEqual(['d']);
  });
});

/** A mock behind msw whose hand-written resolvers report the query parameters they look up. */
function useWatchedMock(): { mock: TempoMock; reads: QueryReadLog } {
  const reads = new QueryReadLog();
  return { mock: useMockServer({}, { queryReads: reads }).mock, reads };
}

/** `request` with every query parameter the operation declares (the example sends only required ones and from/to). */
function withEveryQueryParameter(mock: TempoMock, request: ExampleRequest): string {
  const info = operationIndex[request.operationId];
  const ctx = { rng: new Prng(11), today: mock.today, accountIds: mock.db.users.all().map((u) => u.accountId) };
  const url = new URL(request.url, 'https://x.invalid');
  for (const p of getOperation(info.method, info.path).parameters ?? []) {
    if (p.in !== 'query' || p.name in request.query) continue;
    const value = sampleFromSchema(resolveSchema(p.schema), ctx, p.name);
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(p.name, String(v));
  }
  return url.pathname + url.search;
}

describe('the mock sends only fields, and filters only on query parameters, that the spec declares', () => {
  const { mock, reads } = useWatchedMock();
  const send = (url: string, request: ExampleRequest) =>
    api(url, { method: request.method, ...(request.body !== undefined ? { json: request.body } : {}) });

  it.each(operationIds)('%s', async (operationId) => {
    const request = exampleRequest(mock, operationId);
    const res = await send(request.url, request);
    expect(res.status).toBe(successStatusOf(operationId));
    const undeclared = undeclaredResponseFields(operationId, res.status, res.body);
    report('field', operationId, undeclared);

    // Once more with every declared query parameter, so that filters read only when another one is given are
    // reached too (the answer may be anything: what counts is what the resolver looked up on the way).
    mock.reset();
    const full = exampleRequest(mock, operationId);
    await send(withEveryQueryParameter(mock, full), full);
    const filters = undeclaredQueryReads(operationId, reads.readsOf(operationId));
    report('query', operationId, filters);

    expect({ fields: undeclared, filters }).toEqual({ fields: [], filters: [] });
    // A resolver that copies its query (a spread) reads the copy unseen: a renamed filter there would go unnoticed.
    expect(reads.hasListed(operationId), `${operationId} lists its query's keys`).toBe(false);
  });
});

describe('query parameters a resolver looks up', () => {
  it('are recorded whether present or not, however looked up, and the answers are those of the plain object', () => {
    const log = new QueryReadLog();
    const plain = { from: '2026-03-01', limit: 50 };
    const query = observedQuery(plain, 'getWorklogs', log);
    expect(query.from).toBe('2026-03-01');
    expect((query as Record<string, unknown>).projectId).toBeUndefined();
    expect('issueId' in query).toBe(false);
    expect(Object.hasOwn(query, 'orderBy')).toBe(false);
    const { limit, updatedFrom } = query as Record<string, unknown>;
    expect([limit, updatedFrom]).toEqual([50, undefined]);
    expect(log.readsOf('getWorklogs')).toEqual(['from', 'projectId', 'issueId', 'orderBy', 'limit', 'updatedFrom']);
    expect(log.hasListed('getWorklogs')).toBe(false);
    expect(log.readsOf('getWorklogById')).toEqual([]);
  });

  it('notes a listing of the keys, which hides what is read from a copy', () => {
    const log = new QueryReadLog();
    const copy = { ...observedQuery({ from: '2026-03-01' }, 'getPlans', log) };
    expect(copy).toEqual({ from: '2026-03-01' });
    expect(log.hasListed('getPlans')).toBe(true);
  });

  it("leaves the language's own lookups out: symbols, then, toJSON, Object.prototype members", async () => {
    const log = new QueryReadLog();
    const query = observedQuery({ from: '2026-03-01' } as Record<string, unknown>, 'getWorklogs', log);
    expect(await Promise.resolve(query)).toBe(query);
    expect(JSON.stringify(query)).toBe('{"from":"2026-03-01"}');
    expect(String(query)).toBe('[object Object]');
    expect(query.constructor).toBe(Object);
    const names = log.readsOf('getWorklogs');
    expect(names).toEqual(expect.arrayContaining(['then', 'toJSON', 'toString', 'constructor', 'from']));
    expect(undeclaredQueryReads('getWorklogs', [...names, 'projectId'], { parameters: [] })).toEqual([
      'from',
      'projectId',
    ]);
  });

  it('counts every declared name as fine, offset and limit too', () => {
    const declared: Pick<OperationObject, 'parameters'> = {
      parameters: [
        { name: 'offset', in: 'query', schema: { type: 'integer' } },
        { name: 'limit', in: 'query', schema: { type: 'integer' } },
        { name: 'id', in: 'path', schema: { type: 'integer' } },
      ],
    };
    expect(undeclaredQueryReads('getWorklogs', ['offset', 'limit', 'id'], declared)).toEqual(['id']);
  });
});

describe('a spec that renamed a filter the mock applies', () => {
  const { mock, reads } = useWatchedMock();

  it('is reported: getWorklogs still filters on projectId after the spec renamed it to jiraProjectId', async () => {
    const request = exampleRequest(mock, 'getWorklogs');
    expect((await api(request.url)).status).toBe(200);
    const info = operationIndex.getWorklogs;
    const current = getOperation(info.method, info.path);
    expect(undeclaredQueryReads('getWorklogs', reads.readsOf('getWorklogs'), current)).toEqual([]);
    // The fixture: today's operation with the vendor's rename applied (same type, same place).
    const renamed = {
      parameters: (current.parameters ?? []).map((p) =>
        p.in === 'query' && p.name === 'projectId' ? { ...p, name: 'jiraProjectId' } : p,
      ),
    };
    expect(renamed.parameters.some((p) => p.name === 'jiraProjectId')).toBe(true);
    expect(undeclaredQueryReads('getWorklogs', reads.readsOf('getWorklogs'), renamed)).toEqual(['projectId']);
  });
});
