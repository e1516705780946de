// Turns a parsed OpenAPI 3.0 document into what the comparison needs: operations keyed by method and normalized
// path, with parameters, request body, success responses and security resolved; and a normalized view of any
// schema node. Only structure that a client sees is kept: prose, examples, component *names* and error responses
// play no part.
import { versionPrefix } from '@tempo-sdk/codegen/src/version-prefix.mjs';
import { SpecInputError } from './load.mjs';

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** The API the SDK covers. Operations of other APIs found in the same document (Papertrail) are labelled apart. */
export const MAIN_API = 'v4';

/**
 * @typedef {object} Operation
 * @property {string} key          `GET /teams/{id}`: method and normalized path
 * @property {string} method       upper case
 * @property {string} path         normalized path (version prefix removed)
 * @property {string} api          {@link MAIN_API}, or the path's first two segments for another API (`/papertrail/1`)
 * @property {string | undefined} operationId
 * @property {boolean} deprecated
 * @property {string[]} callbacks  `<name> <METHOD> <url expression>` of each callback request the operation declares
 * @property {Map<string, any>} parameters  by `<in>.<name>`, resolved
 * @property {any} requestBody     resolved, or undefined
 * @property {Map<string, any>} responses   2xx responses by status, resolved
 * @property {{ alternatives: string[] }} security  effective requirement (the operation's, else the document's)
 */

/**
 * Reads every operation of `doc`.
 * @param {Record<string, any>} doc
 * @returns {{ operations: Map<string, Operation>, prefix: string, servers: string[] }}
 */
export function readOperations(doc) {
  const prefix = versionPrefix(doc);
  const operations = new Map();
  for (const [rawPath, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolveRef(doc, rawItem).node ?? {};
    const { path, api } = normalizePath(rawPath, prefix);
    for (const method of METHODS) {
      const op = item[method];
      if (!op || typeof op !== 'object') continue;
      const key = `${method.toUpperCase()} ${path}`;
      operations.set(key, {
        key,
        method: method.toUpperCase(),
        path,
        api,
        operationId: op.operationId,
        deprecated: op.deprecated === true,
        callbacks: readCallbacks(doc, op.callbacks),
        parameters: readParameters(doc, item.parameters, op.parameters),
        requestBody: op.requestBody ? resolveRef(doc, op.requestBody).node : undefined,
        responses: new Map(
          Object.entries(op.responses ?? {})
            .filter(([status]) => /^2(\d\d|XX)$/i.test(status))
            .map(([status, response]) => [status.toUpperCase(), resolveRef(doc, response).node ?? {}]),
        ),
        security: readSecurity(op.security ?? doc.security),
      });
    }
  }
  // The base URLs of the main API: a document that keeps the version in its paths serves it at server + prefix.
  const servers = (doc.servers ?? []).map((s) => `${String(s.url ?? '').replace(/\/+$/, '')}${prefix}`);
  return { operations, prefix, servers };
}

/**
 * `/4/worklogs` -> `/worklogs` when the document keeps the version in its paths. Paths outside the prefix belong to
 * another API published in the same document (Tempo's Papertrail audit API under `/papertrail/1/`).
 */
export function normalizePath(rawPath, prefix) {
  if (!prefix) return { path: rawPath, api: MAIN_API };
  if (rawPath === prefix || rawPath.startsWith(`${prefix}/`))
    return { path: rawPath.slice(prefix.length) || '/', api: MAIN_API };
  const api = rawPath.split('/').slice(0, 3).join('/');
  return { path: rawPath, api };
}

function readParameters(doc, pathLevel = [], opLevel = []) {
  const parameters = new Map();
  // Operation-level parameters override path-level ones with the same name and location.
  for (const raw of [...pathLevel, ...opLevel]) {
    const param = resolveRef(doc, raw).node;
    if (!param?.name || !param.in) continue;
    parameters.set(`${param.in}.${param.name}`, param);
  }
  return parameters;
}

function readCallbacks(doc, callbacks) {
  const out = [];
  for (const [name, raw] of Object.entries(callbacks ?? {})) {
    for (const [expression, rawItem] of Object.entries(resolveRef(doc, raw).node ?? {})) {
      const item = resolveRef(doc, rawItem).node ?? {};
      for (const method of METHODS) if (item[method]) out.push(`${name} ${method.toUpperCase()} ${expression}`);
    }
  }
  return out.sort();
}

/** Each alternative of a security requirement list as `schemeA+schemeB`; `none` for an anonymous alternative. */
function readSecurity(requirements) {
  const alternatives = (requirements ?? []).map(
    (req) =>
      Object.keys(req ?? {})
        .sort()
        .join('+') || 'none',
  );
  return { alternatives: [...new Set(alternatives)].sort() };
}

const pointerCache = new WeakMap();
const labels = new WeakMap();

/** Names a document in error messages (`NEW.yaml: unresolved $ref …`). */
export function labelDocument(doc, label) {
  labels.set(doc, label);
}

function inputError(doc, message) {
  return new SpecInputError(labels.has(doc) ? `${labels.get(doc)}: ${message}` : message);
}

/**
 * Follows `$ref`s (internal ones: the document is bundled). Siblings of a `$ref` are ignored, as OpenAPI 3.0 says.
 * @returns {{ node: any, ref: string | null }} the target and, if a schema component was reached, its name
 */
export function resolveRef(doc, node) {
  let current = node;
  let ref = null;
  const seen = new Set();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const pointer = current.$ref;
    if (seen.has(pointer)) throw inputError(doc, `circular $ref ${pointer}`);
    seen.add(pointer);
    if (!pointer.startsWith('#'))
      throw inputError(doc, `external $ref ${pointer} in a document that should be bundled`);
    const parts = pointer
      .slice(1)
      .split('/')
      .filter(Boolean)
      .map((part) => decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~'));
    if (parts[0] === 'components' && parts[1] === 'schemas' && parts.length === 3) ref = parts[2];
    current = lookup(doc, pointer, parts);
    if (current === undefined) throw inputError(doc, `unresolved $ref ${pointer}`);
  }
  return { node: current, ref };
}

function lookup(doc, pointer, parts) {
  let cache = pointerCache.get(doc);
  if (!cache) pointerCache.set(doc, (cache = new Map()));
  if (!cache.has(pointer))
    cache.set(
      pointer,
      parts.reduce((obj, key) => (obj && typeof obj === 'object' ? obj[key] : undefined), doc),
    );
  return cache.get(pointer);
}

/**
 * @typedef {object} SchemaView
 * @property {string | null} ref        the schema component this node is (innermost `$ref` followed), if any
 * @property {string} type              `object`, `array`, `string`, … or `any` when nothing constrains it
 * @property {string | null} format
 * @property {string[] | null} enum     values as JSON text, sorted; null when any value is allowed
 * @property {boolean} nullable
 * @property {boolean} deprecated
 * @property {Record<string, any>} properties  raw property schemas
 * @property {Set<string>} required
 * @property {any} items                raw items schema
 * @property {any} additionalProperties raw schema, or null when not a schema
 * @property {{ kind: 'oneOf' | 'anyOf', branches: any[] } | null} composition
 */

const viewCache = new WeakMap();

/**
 * The normalized view of a schema node: `$ref` followed, `allOf` merged, the type inferred when left out, and the
 * vendor's `enum` on `type: array` moved to the items (where it means something).
 * @returns {SchemaView}
 */
export function schemaView(doc, node) {
  if (node && typeof node === 'object') {
    let cache = viewCache.get(doc);
    if (!cache) viewCache.set(doc, (cache = new WeakMap()));
    if (!cache.has(node)) cache.set(node, buildView(doc, node, 0));
    return cache.get(node);
  }
  return buildView(doc, node, 0);
}

function buildView(doc, raw, depth) {
  const { node, ref } = resolveRef(doc, raw);
  const schema = node && typeof node === 'object' ? node : {};
  if (depth > 32) throw inputError(doc, 'allOf nested more than 32 levels deep');
  const view = {
    ref,
    type: Array.isArray(schema.type) ? [...schema.type].sort().join('|') : (schema.type ?? null),
    format: schema.format ?? null,
    enum: Array.isArray(schema.enum) ? enumKeys(schema.enum) : null,
    nullable: schema.nullable === true,
    deprecated: schema.deprecated === true,
    properties: { ...(schema.properties ?? {}) },
    required: new Set(Array.isArray(schema.required) ? schema.required : []),
    items: schema.items ?? null,
    additionalProperties:
      schema.additionalProperties && typeof schema.additionalProperties === 'object'
        ? schema.additionalProperties
        : null,
    composition: /** @type {SchemaView['composition']} */ (null),
  };
  // allOf is one schema written in parts: merge the parts (their own refs do not name the whole).
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const sub = buildView(doc, part, depth + 1);
    if (!view.type && sub.type !== 'any' && sub.type !== 'composition') view.type = sub.type;
    view.format ??= sub.format;
    view.enum ??= sub.enum;
    view.nullable ||= sub.nullable;
    view.deprecated ||= sub.deprecated;
    view.properties = { ...sub.properties, ...view.properties };
    for (const name of sub.required) view.required.add(name);
    view.items ??= sub.items;
    view.additionalProperties ??= sub.additionalProperties;
    view.composition ??= sub.composition;
  }
  for (const kind of /** @type {const} */ (['oneOf', 'anyOf'])) {
    if (Array.isArray(schema[kind]) && !view.composition) view.composition = { kind, branches: schema[kind] };
  }
  if (!view.type) {
    if (Object.keys(view.properties).length || view.additionalProperties || schema.additionalProperties === true)
      view.type = 'object';
    else if (view.items) view.type = 'array';
    else view.type = view.composition ? 'composition' : 'any';
  }
  // Tempo writes `type: array, enum: [...]`; the values are those of the items.
  if (view.type === 'array' && view.enum) {
    const items = view.items && typeof view.items === 'object' ? view.items : { type: 'string' };
    view.items = items.$ref
      ? { allOf: [items], enum: enumValues(view.enum) }
      : { ...items, enum: enumValues(view.enum) };
    view.enum = null;
  }
  return view;
}

function enumKeys(values) {
  return [...new Set(values.map((v) => JSON.stringify(v)))].sort();
}

function enumValues(keys) {
  return keys.map((k) => JSON.parse(k));
}

/** A short type description for messages: `string(date)`, `array<integer>`, `object`. */
export function describeType(doc, node, depth = 0) {
  const view = schemaView(doc, node);
  const base = view.format ? `${view.type}(${view.format})` : view.type;
  if (view.type === 'array' && view.items && depth < 3) return `array<${describeType(doc, view.items, depth + 1)}>`;
  if (view.type === 'composition' && view.composition) return view.composition.kind;
  return base;
}
