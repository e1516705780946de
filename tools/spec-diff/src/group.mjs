// Turns raw per-operation changes into report entries: a change that happened once, in a shared schema, becomes
// one entry listing every operation it reaches, instead of one line per operation.
import { isBreaking } from './classify.mjs';
import { joinPath } from './compare-schemas.mjs';
import { MAIN_API } from './normalize.mjs';

/**
 * @typedef {object} Entry  one difference between the documents, as reported
 * @property {string} kind
 * @property {'request' | 'response' | null} direction
 * @property {string} api                  `v4`, or another API's prefix (`/papertrail/1`)
 * @property {boolean} breaking
 * @property {string | undefined} schema   the component where the change is, when it is in one
 * @property {string | undefined} document   `servers` or `security` for changes of the whole document
 * @property {string} path                 within the component or document; else within each operation
 * @property {any} before
 * @property {any} after
 * @property {{ operation: string, operationId?: string, path: string }[]} operations  every operation it reaches
 * @property {string} [deviation]          id of the deviation that explains it (set by `explain`)
 * @property {string} [renamedTo]          on a removed parameter/field: the added one of the same type and place it may have become
 * @property {string} [renamedFrom]        on an added parameter/field: the removed one it may replace
 */

/**
 * @param {import('./compare-operations.mjs').RawChange[]} changes
 * @returns {Entry[]}
 */
export function groupChanges(changes) {
  const groups = new Map();
  for (const change of changes) {
    const { origin } = change;
    // The same change made to many operations' own (inline) parts, like one parameter's format everywhere, is one
    // entry too; only the operations' own identity changes (added, removed, renamed) stay one entry each.
    const where =
      origin.schema !== undefined
        ? `schema:${origin.schema}`
        : origin.document !== undefined
          ? `document:${origin.document}`
          : change.kind.startsWith('operation.') || change.kind.startsWith('callback.')
            ? `operation:${origin.operation}`
            : 'operations';
    const key = [
      change.kind,
      change.direction,
      where,
      origin.path,
      JSON.stringify(change.before),
      JSON.stringify(change.after),
    ].join('\u0000');
    let entry = groups.get(key);
    if (!entry) {
      entry = {
        kind: change.kind,
        direction: change.direction,
        api: change.api,
        breaking: isBreaking(change),
        schema: origin.schema,
        document: origin.document,
        path: origin.path,
        before: change.before,
        after: change.after,
        operations: [],
      };
      groups.set(key, entry);
    }
    // A shared schema reached by the main API and another one belongs to the main API's report.
    if (change.api === MAIN_API) entry.api = MAIN_API;
    if (change.operation && !entry.operations.some((o) => o.operation === change.operation && o.path === change.path)) {
      entry.operations.push({ operation: change.operation, operationId: change.operationId, path: change.path });
    }
  }
  for (const entry of groups.values()) entry.operations.sort(byDirectness);
  return [...groups.values()].sort(compareEntries);
}

/** Operations where the change sits closest to the surface first (`response.members.x` before `response.results[].team.members.x`). */
function byDirectness(a, b) {
  const depth = (p) => p.split(/\.|\[\]/).length;
  const route = (o) => o.operation.replace(/^\S+ /, '');
  return depth(a.path) - depth(b.path) || route(a).localeCompare(route(b)) || a.operation.localeCompare(b.operation);
}

const SECTION_ORDER = [
  'document',
  'operation.added',
  'operation.removed',
  'operation',
  'parameters',
  'requestBody',
  'response',
];

/** Which part of the report an entry belongs to. */
export function sectionOf(entry) {
  if (entry.document) return 'document';
  if (entry.kind === 'operation.added' || entry.kind === 'operation.removed') return entry.kind;
  if (
    entry.kind.startsWith('operation.') ||
    entry.kind.startsWith('callback.') ||
    (entry.kind === 'deprecated' && !entry.path)
  )
    return 'operation';
  const first = entry.operations[0]?.path ?? entry.path;
  if (first.startsWith('requestBody')) return 'requestBody';
  if (first.startsWith('response')) return 'response';
  return 'parameters';
}

function compareEntries(a, b) {
  return (
    SECTION_ORDER.indexOf(sectionOf(a)) - SECTION_ORDER.indexOf(sectionOf(b)) ||
    (a.api === MAIN_API ? 0 : 1) - (b.api === MAIN_API ? 0 : 1) ||
    sortKey(a).localeCompare(sortKey(b)) ||
    a.kind.localeCompare(b.kind)
  );
}

/** Like {@link location}, with an operation's route before its method so that one path's operations sit together. */
function sortKey(entry) {
  return location(entry).replace(/^([A-Z]+) (\S+)/, '$2 $1');
}

/** Where an entry is, for humans: `Team.members.teamMembers`, `GET /teams query.teamIds`, `servers`. */
export function location(entry) {
  if (entry.schema !== undefined) return joinPath(entry.schema, entry.path);
  if (entry.document !== undefined) return entry.document;
  if (entry.operations.length !== 1) return entry.path;
  const [{ operation }] = entry.operations;
  return entry.path ? `${operation} ${entry.path}` : operation;
}

/** Whether a report lists the operations an entry reaches (its location does not already name the one). */
export function isShared(entry) {
  return entry.schema !== undefined || entry.document !== undefined || entry.operations.length !== 1;
}

/**
 * Counts for the summary line, per API: operations added, removed and changed (in both documents, with at least one
 * entry), and entries breaking or not. Every entry counts as one change: an added operation is a non-breaking
 * change, a removed one a breaking change. The top-level numbers are the main API's; `breakingTotal` counts all APIs.
 * @param {Entry[]} entries
 */
export function summarize(entries) {
  const apis = new Map();
  const counts = (api) => {
    if (!apis.has(api)) apis.set(api, { added: 0, removed: 0, changed: new Set(), breaking: 0, nonBreaking: 0 });
    return apis.get(api);
  };
  counts(MAIN_API);
  for (const entry of entries) {
    const c = counts(entry.api);
    if (entry.breaking) c.breaking++;
    else c.nonBreaking++;
    if (entry.kind === 'operation.added') c.added++;
    else if (entry.kind === 'operation.removed') c.removed++;
    else for (const { operation } of entry.operations) c.changed.add(operation);
  }
  const byApi = Object.fromEntries([...apis].map(([api, c]) => [api, { ...c, changed: c.changed.size }]));
  const { [MAIN_API]: main, ...otherApis } = byApi;
  return { ...main, breakingTotal: entries.filter((e) => e.breaking).length, otherApis };
}
