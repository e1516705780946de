import { appendFileSync } from 'node:fs';
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import { undeclaredFields, undeclaredResponseFields } from '../src/drift.js';
import { exampleRequest } from '../src/example-request.js';
import { successStatusOf } from '../src/response-validation.js';
import type { SchemaObject } from '../src/spec.js';
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

describe('the mock sends only fields the spec declares', () => {
  const { mock } = useMockServer();

  it.each(operationIds)('%s', async (operationId) => {
    const request = exampleRequest(mock, operationId);
    const res = await api(request.url, {
      method: request.method,
      ...(request.body !== undefined ? { json: request.body } : {}),
    });
    expect(res.status).toBe(successStatusOf(operationId));
    const undeclared = undeclaredResponseFields(operationId, res.status, res.body);
    report('field', operationId, undeclared);
    expect(undeclared).toEqual([]);
  });
});
