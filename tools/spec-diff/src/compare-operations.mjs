// Compares the operations of two documents: which were added or removed, and for those in both, their
// operationId, parameters, request body, success responses and security. Schema differences come from
// compare-schemas.mjs and are placed under the operation with a full path (`requestBody.attributes[].key`).
import { createSchemaComparer, joinPath } from './compare-schemas.mjs';
import { describeType, readOperations } from './normalize.mjs';

/**
 * @typedef {import('./compare-schemas.mjs').Direction} Direction
 * @typedef {object} RawChange  one difference as seen from one operation (grouping comes later)
 * @property {string} kind
 * @property {Direction | null} direction
 * @property {string} api            `v4` or another API's path prefix
 * @property {string | null} operation   operation key (`GET /teams`); null for document-level changes
 * @property {string | undefined} operationId
 * @property {string} path           full path within the operation (`query.teamIds`, `response.results[].id`)
 * @property {{ schema?: string, operation?: string, document?: string, path: string }} origin
 * @property {any} before
 * @property {any} after
 */

/**
 * @param {Record<string, any>} oldDoc
 * @param {Record<string, any>} newDoc
 * @returns {{ changes: RawChange[], oldOps: Map<string, any>, newOps: Map<string, any>, matched: [any, any][] }}
 */
export function compareDocuments(oldDoc, newDoc) {
  const before = readOperations(oldDoc);
  const after = readOperations(newDoc);
  const compareSchemas = createSchemaComparer(oldDoc, newDoc);
  /** @type {RawChange[]} */
  const changes = [];

  for (const url of before.servers.filter((s) => !after.servers.includes(s)))
    changes.push(documentChange('server.removed', 'servers', url, null));
  for (const url of after.servers.filter((s) => !before.servers.includes(s)))
    changes.push(documentChange('server.added', 'servers', null, url));

  const matched = matchOperations(before.operations, after.operations);
  const pairedOld = new Set(matched.map(([o]) => o.key));
  const pairedNew = new Set(matched.map(([, n]) => n.key));
  for (const op of before.operations.values())
    if (!pairedOld.has(op.key))
      changes.push(
        opChange(
          op,
          'operation.removed',
          null,
          '',
          { method: op.method, path: op.path, operationId: op.operationId },
          null,
        ),
      );
  for (const op of after.operations.values())
    if (!pairedNew.has(op.key))
      changes.push(
        opChange(op, 'operation.added', null, '', null, {
          method: op.method,
          path: op.path,
          operationId: op.operationId,
        }),
      );

  for (const [o, n] of matched) {
    const ctx = { oldDoc, newDoc, compareSchemas, op: n, out: changes };
    if (o.path !== n.path) changes.push(opChange(n, 'operation.path', null, '', o.path, n.path));
    if (o.operationId !== n.operationId)
      changes.push(opChange(n, 'operation.operationId', null, '', o.operationId ?? null, n.operationId ?? null));
    if (o.deprecated !== n.deprecated) emit(ctx, 'deprecated', null, '', o.deprecated, n.deprecated);
    for (const callback of o.callbacks.filter((c) => !n.callbacks.includes(c)))
      emit(ctx, 'callback.removed', null, 'callbacks', callback, null);
    for (const callback of n.callbacks.filter((c) => !o.callbacks.includes(c)))
      emit(ctx, 'callback.added', null, 'callbacks', null, callback);
    compareParameters(ctx, o.parameters, n.parameters);
    compareRequestBodies(ctx, o.requestBody, n.requestBody);
    compareResponses(ctx, o.responses, n.responses);
    compareSecurity(ctx, o.security, n.security);
  }
  return { changes, oldOps: before.operations, newOps: after.operations, matched };
}

/**
 * Pairs operations by method and path. Left-overs whose paths differ only in the names of path parameters
 * (`/plans/{id}` vs `/plans/{planId}`) are paired too when that is unambiguous, so a renamed parameter shows as such
 * rather than as a removed plus an added operation.
 * @param {Map<string, any>} oldOps
 * @param {Map<string, any>} newOps
 * @returns {[any, any][]}
 */
export function matchOperations(oldOps, newOps) {
  /** @type {[any, any][]} */
  const pairs = [];
  const restOld = [];
  for (const op of oldOps.values()) {
    const twin = newOps.get(op.key);
    if (twin) pairs.push([op, twin]);
    else restOld.push(op);
  }
  const restNew = [...newOps.values()].filter((op) => !oldOps.has(op.key));
  const shape = (op) => `${op.api} ${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
  const count = (ops) => ops.reduce((m, op) => m.set(shape(op), (m.get(shape(op)) ?? 0) + 1), new Map());
  const [oldShapes, newShapes] = [count(restOld), count(restNew)];
  for (const op of restOld) {
    if (oldShapes.get(shape(op)) !== 1 || newShapes.get(shape(op)) !== 1) continue;
    pairs.push([op, restNew.find((other) => shape(other) === shape(op))]);
  }
  return pairs;
}

function compareParameters(ctx, oldParams, newParams) {
  const { oldDoc, newDoc } = ctx;
  for (const [name, param] of oldParams) {
    if (!newParams.has(name))
      emit(
        ctx,
        'parameter.removed',
        'request',
        name,
        { required: isRequired(param), type: describeType(oldDoc, param.schema) },
        null,
      );
  }
  for (const [name, param] of newParams) {
    const old = oldParams.get(name);
    if (!old) {
      emit(ctx, 'parameter.added', 'request', name, null, {
        required: isRequired(param),
        type: describeType(newDoc, param.schema),
      });
      continue;
    }
    if (isRequired(old) !== isRequired(param))
      emit(ctx, 'parameter.required', 'request', name, isRequired(old), isRequired(param));
    if ((old.deprecated === true) !== (param.deprecated === true))
      emit(ctx, 'deprecated', 'request', name, old.deprecated === true, param.deprecated === true);
    if (old.schema || param.schema) schemaChanges(ctx, name, old.schema ?? {}, param.schema ?? {}, 'request');
  }
}

function isRequired(param) {
  return param.in === 'path' || param.required === true;
}

function compareRequestBodies(ctx, oldBody, newBody) {
  if (!oldBody && !newBody) return;
  if (!oldBody)
    return emit(ctx, 'requestBody.added', 'request', 'requestBody', null, { required: newBody.required === true });
  if (!newBody)
    return emit(ctx, 'requestBody.removed', 'request', 'requestBody', { required: oldBody.required === true }, null);
  if ((oldBody.required === true) !== (newBody.required === true))
    emit(ctx, 'requestBody.required', 'request', 'requestBody', oldBody.required === true, newBody.required === true);
  compareContent(ctx, 'requestBody', oldBody.content, newBody.content, 'request');
}

function compareResponses(ctx, oldResponses, newResponses) {
  for (const status of oldResponses.keys())
    if (!newResponses.has(status)) emit(ctx, 'response.removed', 'response', 'response', status, null);
  for (const status of newResponses.keys())
    if (!oldResponses.has(status)) emit(ctx, 'response.added', 'response', 'response', null, status);
  const common = [...newResponses.keys()].filter((s) => oldResponses.has(s)).sort();
  // The lowest common success status is "the" response (`response.…`); others, rare, are named (`response[201]…`).
  common.forEach((status, i) => {
    const prefix = i === 0 ? 'response' : `response[${status}]`;
    const [o, n] = [oldResponses.get(status), newResponses.get(status)];
    const hasBody = (r) => Object.keys(r.content ?? {}).length > 0;
    if (hasBody(o) && !hasBody(n)) emit(ctx, 'response.body.removed', 'response', prefix, status, null);
    else if (!hasBody(o) && hasBody(n)) emit(ctx, 'response.body.added', 'response', prefix, null, status);
    else compareContent(ctx, prefix, o.content, n.content, 'response');
  });
}

function compareContent(ctx, prefix, oldContent = {}, newContent = {}, direction) {
  for (const type of Object.keys(oldContent))
    if (!(type in newContent)) emit(ctx, 'mediaType.removed', direction, prefix, type, null);
  for (const type of Object.keys(newContent))
    if (!(type in oldContent)) emit(ctx, 'mediaType.added', direction, prefix, null, type);
  for (const type of Object.keys(newContent).filter((t) => t in oldContent)) {
    const [o, n] = [oldContent[type]?.schema, newContent[type]?.schema];
    if (!o && !n) continue;
    // JSON is what nearly every operation speaks: it gets the plain path; other media types are named.
    const path = /^application\/json\b/.test(type) ? prefix : `${prefix}(${type})`;
    schemaChanges(ctx, path, o ?? {}, n ?? {}, direction);
  }
}

function compareSecurity(ctx, oldSecurity, newSecurity) {
  const [o, n] = [oldSecurity.alternatives, newSecurity.alternatives];
  if (o.length === n.length && o.every((alt, i) => alt === n[i])) return;
  // Security is about the whole API as much as one operation: equal changes are reported once, listing operations.
  emit(ctx, 'security', 'request', 'security', o, n, { document: 'security', path: '' });
}

function schemaChanges(ctx, prefix, oldSchema, newSchema, direction) {
  for (const change of ctx.compareSchemas(oldSchema, newSchema, direction)) {
    emit(ctx, change.kind, direction, joinPath(prefix, change.path), change.before, change.after, change.origin);
  }
}

function emit(ctx, kind, direction, path, before, after, origin) {
  ctx.out.push({
    kind,
    direction,
    api: ctx.op.api,
    operation: ctx.op.key,
    operationId: ctx.op.operationId,
    path,
    origin: origin ?? { operation: ctx.op.key, path },
    before,
    after,
  });
}

function opChange(op, kind, direction, path, before, after) {
  return {
    kind,
    direction,
    api: op.api,
    operation: op.key,
    operationId: op.operationId,
    path,
    origin: { operation: op.key, path },
    before,
    after,
  };
}

function documentChange(kind, document, before, after) {
  return {
    kind,
    direction: null,
    api: 'v4',
    operation: null,
    operationId: undefined,
    path: document,
    origin: { document, path: '' },
    before,
    after,
  };
}
