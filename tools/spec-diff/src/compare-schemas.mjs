// Walks two schemas side by side and lists how the second differs from the first: properties added or removed,
// required flags, types, formats, enums, nullability, oneOf/anyOf branches. `$ref`s are followed recursively; a pair
// of components already being compared higher up the walk (a cycle) is not entered again.
//
// Each change carries a path relative to the node compared (`attributes[].key`; `[]` = array items, `{}` = values
// of additionalProperties, `<1>` = second oneOf/anyOf branch) and its *origin*: the innermost schema component in
// which it happened, so that a change to a shared schema can be reported once with every operation it reaches.
import { describeType, schemaView } from './normalize.mjs';

/**
 * @typedef {'request' | 'response'} Direction  which way the data flows, which decides what breaks a client
 * @typedef {object} SchemaChange
 * @property {string} kind     `property.added`, `property.removed`, `property.required`, `schema.type`,
 *                             `schema.format`, `schema.enum`, `schema.nullable`, `schema.deprecated`, `schema.composition`,
 *                             `schema.branch.added`, `schema.branch.removed`
 * @property {string} path     relative to the node compared ('' = the node itself)
 * @property {any} before
 * @property {any} after
 * @property {{ schema: string, path: string } | undefined} origin  innermost component holding the change
 */

/** `attributes` + `[].key` -> `attributes[].key`; `members` + `teamMembers` -> `members.teamMembers`. */
export function joinPath(prefix, rest) {
  if (!prefix) return rest;
  if (!rest) return prefix;
  return /^[[{<]/.test(rest) ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

/**
 * A comparer for schemas of `oldDoc` against schemas of `newDoc`. Results for pairs of components are memoized,
 * so a schema shared by a hundred operations is walked once per direction.
 * @param {Record<string, any>} oldDoc
 * @param {Record<string, any>} newDoc
 * @returns {(oldNode: any, newNode: any, direction: Direction) => SchemaChange[]}
 */
export function createSchemaComparer(oldDoc, newDoc) {
  const memo = new Map();
  const active = new Set();

  /** @returns {{ changes: SchemaChange[], complete: boolean }} */
  function walk(oldNode, newNode, direction) {
    const o = schemaView(oldDoc, oldNode);
    const n = schemaView(newDoc, newNode);
    const key = o.ref && n.ref ? `${direction}\0${o.ref}\0${n.ref}` : null;
    if (key) {
      if (memo.has(key)) return { changes: memo.get(key), complete: true };
      // A cycle: what lies below was (or will be) reported where this pair was first entered.
      if (active.has(key)) return { changes: [], complete: false };
      active.add(key);
    }
    let complete = true;
    /** @type {SchemaChange[]} */
    const changes = [];
    const add = (kind, path, before, after) => changes.push({ kind, path, before, after, origin: undefined });
    const descend = (segment, oldChild, newChild) => {
      const sub = walk(oldChild, newChild, direction);
      complete &&= sub.complete;
      for (const change of sub.changes) {
        // Tempo marks a deprecated array's items deprecated too: one fact, reported once (on the array).
        if (
          segment === '[]' &&
          change.kind === 'schema.deprecated' &&
          change.path === '' &&
          o.deprecated !== n.deprecated
        )
          continue;
        changes.push({ ...change, path: joinPath(segment, change.path) });
      }
    };

    if (o.type !== n.type) {
      // Different kinds of value: what lies below cannot be compared field by field.
      add('schema.type', '', describeType(oldDoc, oldNode), describeType(newDoc, newNode));
    } else {
      if (o.format !== n.format) add('schema.format', '', o.format, n.format);
      if (!sameList(o.enum, n.enum)) add('schema.enum', '', o.enum?.map(parse), n.enum?.map(parse));
      if (o.nullable !== n.nullable) add('schema.nullable', '', o.nullable, n.nullable);
      if (o.deprecated !== n.deprecated) add('schema.deprecated', '', o.deprecated, n.deprecated);
      compareProperties(o, n, add, descend);
      if (o.items && n.items) descend('[]', o.items, n.items);
      if (o.additionalProperties && n.additionalProperties)
        descend('{}', o.additionalProperties, n.additionalProperties);
      compareComposition(o, n, add, descend);
    }

    const origin = n.ref ?? o.ref;
    if (origin) for (const change of changes) change.origin ??= { schema: origin, path: change.path };
    if (key) {
      active.delete(key);
      // A result cut short by a cycle is only right for this route into the pair: do not reuse it.
      if (complete) memo.set(key, changes);
    }
    return { changes, complete };
  }

  function compareProperties(o, n, add, descend) {
    const names = new Set([...Object.keys(o.properties), ...Object.keys(n.properties)]);
    for (const name of [...names].sort()) {
      const before = o.properties[name];
      const after = n.properties[name];
      if (before === undefined) {
        add('property.added', name, null, { type: describeType(newDoc, after), required: n.required.has(name) });
      } else if (after === undefined) {
        add('property.removed', name, { type: describeType(oldDoc, before), required: o.required.has(name) }, null);
      } else {
        if (o.required.has(name) !== n.required.has(name))
          add('property.required', name, o.required.has(name), n.required.has(name));
        descend(name, before, after);
      }
    }
  }

  function compareComposition(o, n, add, descend) {
    if (!o.composition && !n.composition) return;
    if (o.composition?.kind !== n.composition?.kind)
      add('schema.composition', '', o.composition?.kind ?? null, n.composition?.kind ?? null);
    if (!o.composition || !n.composition) return;
    const [ob, nb] = [o.composition.branches, n.composition.branches];
    // Branches are paired by position: their component names are not part of the comparison.
    for (let i = 0; i < Math.max(ob.length, nb.length); i++) {
      if (i >= nb.length) add('schema.branch.removed', `<${i}>`, describeType(oldDoc, ob[i]), null);
      else if (i >= ob.length) add('schema.branch.added', `<${i}>`, null, describeType(newDoc, nb[i]));
      else descend(`<${i}>`, ob[i], nb[i]);
    }
  }

  return (oldNode, newNode, direction) => walk(oldNode, newNode, direction).changes;
}

function sameList(a, b) {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function parse(key) {
  return JSON.parse(key);
}
