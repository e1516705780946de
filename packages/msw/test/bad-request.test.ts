// Issue 12 item 17: the spec declares 400 on every operation that takes parameters or a body, and the mock answers
// Tempo's 400 (`{"errors":{"message":…}}`, valid against the declared response) for invalid input on each.
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import { exampleRequest } from '../src/example-request.js';
import { checkResponseBody } from '../src/response-validation.js';
import { getOperation, resolveSchema, type SchemaObject } from '../src/spec.js';
import { api, useMockServer } from './helpers.js';

const operationIds = Object.keys(operationIndex) as OperationId[];
const withInput = operationIds.filter((id) => {
  const info = operationIndex[id];
  const op = getOperation(info.method, info.path);
  return (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
});

/** A value `schema` refuses, or undefined when any string passes (free text, ids of strings). */
function invalidValue(schema: SchemaObject): string | undefined {
  const s = resolveSchema(schema);
  const type = s.type === 'array' && s.items ? resolveSchema(s.items as SchemaObject).type : s.type;
  const item = s.type === 'array' && s.items ? resolveSchema(s.items as SchemaObject) : s;
  if (type === 'integer' || type === 'number') return 'not-a-number';
  if (type === 'boolean') return 'maybe';
  if (item.enum) return 'NOT_ONE_OF_THEM';
  if (item.format === 'date') return '2026-3-1';
  return undefined;
}

describe('400 on every operation with input', () => {
  const { mock } = useMockServer();

  it('is declared in the spec on every operation that takes parameters or a body', () => {
    const missing = withInput.filter((id) => {
      const info = operationIndex[id];
      return !getOperation(info.method, info.path).responses?.['400'];
    });
    expect(missing).toEqual([]);
    expect(withInput.length).toBeGreaterThanOrEqual(240);
  });

  const answered: OperationId[] = [];
  it.each(withInput)('%s answers invalid input with Tempo’s 400', async (operationId) => {
    mock.reset();
    const info = operationIndex[operationId];
    const op = getOperation(info.method, info.path);
    const valid = exampleRequest(mock, operationId);
    let url: string | undefined;
    let body = valid.body;
    const jsonBody = op.requestBody
      ? resolveSchema(
          ((op.requestBody as { content?: Record<string, { schema?: SchemaObject }> }).content?.['application/json']
            ?.schema ?? {}) as SchemaObject,
        )
      : undefined;
    if (jsonBody && (jsonBody.type === 'object' || jsonBody.type === 'array' || jsonBody.properties)) {
      body = jsonBody.type === 'array' ? { not: 'a list' } : ['not', 'an', 'object'];
      url = valid.url;
    }
    for (const p of op.parameters ?? []) {
      if (url !== undefined) break;
      const bad = invalidValue(p.schema as SchemaObject);
      if (bad === undefined) continue;
      if (p.in === 'path') url = valid.url.replace(`/${encodeURIComponent(String(valid.path[p.name]))}`, `/${bad}`);
      else if (p.in === 'query') {
        const [path, search = ''] = valid.url.split('?');
        const params = new URLSearchParams(search);
        params.set(p.name, bad);
        url = `${path}?${params}`;
      }
    }
    if (url === undefined) {
      const required = (op.parameters ?? []).find((p) => p.in === 'query' && p.required);
      if (required) {
        const [path, search = ''] = valid.url.split('?');
        const params = new URLSearchParams(search);
        params.delete(required.name);
        url = params.size > 0 ? `${path}?${params}` : path!;
      }
    }
    // Free-text parameters only (e.g. an account key): no value is invalid by the spec, so ask for the answer.
    const headers: Record<string, string> = url === undefined ? { prefer: 'code=400' } : {};
    const res = await api(url ?? valid.url, {
      method: valid.method,
      headers,
      ...(body !== undefined ? { json: body } : {}),
    });
    expect(res.status, `${valid.method} ${url ?? valid.url}`).toBe(400);
    expect(res.body).toEqual({ errors: { message: expect.any(String) } });
    expect(checkResponseBody(operationId, 400, res.body)).toBeUndefined();
    if (url !== undefined) answered.push(operationId);
  });

  it('refuses real invalid input (not a Prefer header) on most of them', () => {
    // 174 of 244 on 2026-11-30: the rest take only free-text parameters (keys, accountIds), which no value breaks.
    expect(answered.length).toBeGreaterThanOrEqual(170);
  });
});
