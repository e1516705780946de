// Deliberate deviations (spec/deviations.yaml): differences between Tempo's published document and ours that we
// made on purpose. Each carries matchers of spec-diff entries; an entry a matcher accepts is "explained".
//
// A matcher is an object whose keys are entry fields; every key must accept the entry:
//   kind, direction, api, schema, operation, document, path   string globs: `*` = any text, `{a,b}` = a or b
//   fullPath    glob that every operation's full path must match (`query.{from,to}`, `requestBody`)
//   operation   glob that every operation the entry reaches must match
//   before, after   a string (glob), number, boolean or null (equal), a list (the same values in any order), or an
//                   object (each of its keys matches the value's key the same way)
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SpecInputError } from './load.mjs';

/**
 * @typedef {object} Deviation
 * @property {string} id
 * @property {string} what
 * @property {string} why
 * @property {Record<string, unknown>[]} match   empty when the deviation shows in no spec-diff entry
 * @property {string} [unobservable]  for an empty `match`: why spec-diff cannot see it
 */

const MATCHER_KEYS = new Set([
  'kind',
  'direction',
  'api',
  'schema',
  'operation',
  'document',
  'path',
  'fullPath',
  'before',
  'after',
]);

/**
 * Reads and checks a deviations file.
 * @param {string} file
 * @returns {Deviation[]}
 */
export function loadDeviations(file) {
  if (!existsSync(file)) throw new SpecInputError(`${file}: no such file`);
  let doc;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpecInputError(`${file}: not valid YAML (${error.message.split('\n')[0]})`);
  }
  const list = doc?.deviations;
  if (!Array.isArray(list)) throw new SpecInputError(`${file}: expected a top-level "deviations" list`);
  const ids = new Set();
  for (const [i, d] of list.entries()) {
    const at = `${file}: deviation #${i + 1}${d?.id ? ` (${d.id})` : ''}`;
    for (const key of ['id', 'what', 'why']) {
      if (typeof d?.[key] !== 'string' || !d[key].trim())
        throw new SpecInputError(`${at}: "${key}" must be a non-empty string`);
    }
    if (ids.has(d.id)) throw new SpecInputError(`${at}: duplicate id`);
    ids.add(d.id);
    if (!Array.isArray(d.match))
      throw new SpecInputError(`${at}: "match" must be a list (empty if spec-diff cannot see it)`);
    if (!d.match.length && typeof d.unobservable !== 'string')
      throw new SpecInputError(`${at}: an empty "match" needs "unobservable" saying why`);
    for (const matcher of d.match) {
      const unknown = Object.keys(matcher ?? {}).filter((k) => !MATCHER_KEYS.has(k));
      if (!matcher || typeof matcher !== 'object' || !Object.keys(matcher).length || unknown.length) {
        throw new SpecInputError(
          `${at}: a matcher must be a non-empty object of ${[...MATCHER_KEYS].join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
        );
      }
    }
  }
  return list;
}

/**
 * Marks each entry that a deviation explains (`entry.deviation = id`; the first matching deviation wins).
 * @param {import('./group.mjs').Entry[]} entries
 * @param {Deviation[]} deviations
 * @returns {{ id: string, entries: number }[]} how many entries each deviation explained
 */
export function applyDeviations(entries, deviations) {
  const usage = new Map(deviations.map((d) => [d.id, 0]));
  for (const entry of entries) {
    const deviation = deviations.find((d) => d.match.some((m) => matchesEntry(m, entry)));
    if (!deviation) continue;
    entry.deviation = deviation.id;
    usage.set(deviation.id, (usage.get(deviation.id) ?? 0) + 1);
  }
  return [...usage].map(([id, count]) => ({ id, entries: count }));
}

/** Whether one matcher accepts an entry. */
export function matchesEntry(matcher, entry) {
  return Object.entries(matcher).every(([key, expected]) => {
    switch (key) {
      case 'operation': {
        const names = entry.operations.map((o) => o.operation);
        return names.length > 0 && names.every((name) => matchValue(expected, name));
      }
      case 'fullPath':
        return entry.operations.length > 0 && entry.operations.every((o) => matchValue(expected, o.path));
      default:
        return matchValue(expected, entry[key]);
    }
  });
}

function matchValue(expected, actual) {
  if (typeof expected === 'string') return typeof actual === 'string' && glob(expected).test(actual);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e) => actual.some((a) => matchValue(e, a)))
    );
  }
  if (expected && typeof expected === 'object') {
    return (
      !!actual && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => matchValue(v, actual[k]))
    );
  }
  // A matcher's null also accepts a field the entry does not have.
  return expected === null ? actual === null || actual === undefined : expected === actual;
}

const globCache = new Map();

/** `query.{from,to}` and `*Input.*` style patterns; the whole value must match. */
export function glob(pattern) {
  let regex = globCache.get(pattern);
  if (!regex) {
    let source = '';
    let depth = 0;
    for (const char of pattern) {
      if (char === '*') source += '.*';
      else if (char === '{') (source += '(?:'), depth++;
      else if (char === '}' && depth) (source += ')'), depth--;
      else if (char === ',' && depth) source += '|';
      else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    regex = new RegExp(`^${source}$`, 's');
    globCache.set(pattern, regex);
  }
  return regex;
}
