// Small OpenAPI documents built in code, so each test shows exactly what differs between OLD and NEW.
import { diffDocuments, location } from '../src/index.mjs';

/** A minimal OpenAPI 3.0 document. */
export function spec({ paths = {}, schemas = {}, servers = [{ url: 'https://api.example.com/4' }], security } = {}) {
  return {
    openapi: '3.0.3',
    info: { title: 'test', version: '1' },
    servers,
    ...(security ? { security } : {}),
    paths,
    components: { schemas },
  };
}

export const ref = (name) => ({ $ref: `#/components/schemas/${name}` });

/** A 200 response with a JSON body. */
export const ok = (schema) => ({ 200: { description: 'ok', content: { 'application/json': { schema } } } });

/** A JSON request body. */
export const jsonBody = (schema, required = true) => ({ required, content: { 'application/json': { schema } } });

/** A GET operation answering `schema`. */
export const get = (operationId, schema, extra = {}) => ({ get: { operationId, responses: ok(schema), ...extra } });

/** A POST operation taking `body` and answering `response`. */
export const post = (operationId, body, response = { type: 'object' }, extra = {}) => ({
  post: { operationId, requestBody: jsonBody(body), responses: ok(response), ...extra },
});

export const object = (properties, required = []) => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
});

/** Diffs two documents; `entries` is shortened to `location kind` strings for readable assertions. */
export function diff(oldDoc, newDoc, options) {
  const result = diffDocuments(oldDoc, newDoc, options);
  return { result, lines: result.entries.map((e) => `${location(e)} ${e.kind}${e.breaking ? ' BREAKING' : ''}`) };
}
