import { describe, expect, it } from 'vitest';
import { enumDelta, isBreaking } from '../src/classify.mjs';

const req = (kind, before, after) => isBreaking({ kind, direction: 'request', before, after });
const res = (kind, before, after) => isBreaking({ kind, direction: 'response', before, after });
const op = (kind, before = null, after = null) => isBreaking({ kind, direction: null, before, after });

describe('isBreaking', () => {
  it('operations: removing or renaming breaks, adding does not', () => {
    expect(op('operation.removed', { method: 'GET' })).toBe(true);
    expect(op('operation.operationId', 'a', 'b')).toBe(true);
    expect(op('operation.path', '/a/{id}', '/a/{key}')).toBe(true);
    expect(op('operation.added', null, { method: 'GET' })).toBe(false);
    expect(op('deprecated', false, true)).toBe(false);
  });

  it('parameters and request bodies: new required ones and removals break', () => {
    expect(req('parameter.added', null, { required: true, type: 'string' })).toBe(true);
    expect(req('parameter.added', null, { required: false, type: 'string' })).toBe(false);
    expect(req('parameter.removed', { required: false }, null)).toBe(true);
    expect(req('parameter.required', false, true)).toBe(true);
    expect(req('parameter.required', true, false)).toBe(false);
    expect(req('requestBody.added', null, { required: false })).toBe(false);
    expect(req('requestBody.required', false, true)).toBe(true);
  });

  it('properties: requests may only grow optional fields; responses may grow any', () => {
    expect(req('property.added', null, { required: true })).toBe(true);
    expect(req('property.added', null, { required: false })).toBe(false);
    expect(res('property.added', null, { required: true })).toBe(false);
    expect(req('property.removed', { required: false }, null)).toBe(true);
    expect(res('property.removed', { required: false }, null)).toBe(true);
    expect(req('property.required', false, true)).toBe(true);
    expect(res('property.required', false, true)).toBe(false);
    expect(res('property.required', true, false)).toBe(true);
  });

  it('enums: a request must not lose values, a response must not gain any', () => {
    expect(req('schema.enum', ['A', 'B'], ['A'])).toBe(true);
    expect(req('schema.enum', ['A'], ['A', 'B'])).toBe(false);
    expect(res('schema.enum', ['A'], ['A', 'B'])).toBe(true);
    expect(res('schema.enum', ['A', 'B'], ['A'])).toBe(false);
    // No enum = any value: adding one narrows, removing one widens.
    expect(req('schema.enum', null, ['A'])).toBe(true);
    expect(res('schema.enum', null, ['A'])).toBe(false);
    expect(req('schema.enum', ['A'], null)).toBe(false);
    expect(res('schema.enum', ['A'], null)).toBe(true);
  });

  it('types break, except widening a request or narrowing a response', () => {
    expect(req('schema.type', 'string', 'integer')).toBe(true);
    expect(res('schema.type', 'string', 'integer')).toBe(true);
    expect(req('schema.type', 'integer', 'number')).toBe(false);
    expect(res('schema.type', 'integer', 'number')).toBe(true);
    expect(res('schema.type', 'number', 'integer')).toBe(false);
    expect(req('schema.type', 'string', 'any')).toBe(false);
  });

  it('formats and nullability follow the same narrowing/widening rule', () => {
    expect(req('schema.format', null, 'date')).toBe(true);
    expect(res('schema.format', null, 'date')).toBe(false);
    expect(req('schema.format', 'date', null)).toBe(false);
    expect(res('schema.format', 'date', 'date-time')).toBe(true);
    expect(res('schema.nullable', false, true)).toBe(true);
    expect(req('schema.nullable', false, true)).toBe(false);
    expect(req('schema.nullable', true, false)).toBe(true);
  });

  it('oneOf <-> anyOf does not break; losing or gaining the union does', () => {
    expect(res('schema.composition', 'oneOf', 'anyOf')).toBe(false);
    expect(res('schema.composition', 'oneOf', null)).toBe(true);
    expect(res('schema.branch.added', null, 'object')).toBe(true);
    expect(req('schema.branch.added', null, 'object')).toBe(false);
  });

  it('security: breaking when an alternative the client could use is gone', () => {
    expect(req('security', [], ['bearerAuth'])).toBe(true);
    expect(req('security', ['bearerAuth'], ['bearerAuth', 'oauth2'])).toBe(false);
    expect(req('security', ['bearerAuth', 'oauth2'], ['oauth2'])).toBe(true);
    expect(req('security', ['bearerAuth'], [])).toBe(true);
    expect(req('security', ['none'], ['bearerAuth', 'none'])).toBe(false);
  });

  it('servers, media types and success statuses: removal breaks', () => {
    expect(op('server.removed', 'https://a', null)).toBe(true);
    expect(op('server.added', null, 'https://a')).toBe(false);
    expect(res('mediaType.removed', 'application/json', null)).toBe(true);
    expect(res('response.added', null, '201')).toBe(false);
    expect(res('response.removed', '200', null)).toBe(true);
    expect(res('response.body.removed', '200', null)).toBe(true);
  });

  it('treats a kind it has no rule for as breaking, so the gap shows', () => {
    expect(op('something.new', 1, 2)).toBe(true);
  });
});

describe('enumDelta', () => {
  it('lists added and removed values, by value', () => {
    expect(enumDelta(['A', 'B', 1], ['B', 'C', 1])).toEqual({ added: ['C'], removed: ['A'] });
    expect(enumDelta(null, ['A'])).toEqual({ added: ['A'], removed: [] });
  });
});
