// The list `pnpm spec:update` ends with: what in the hand-written code no longer matches the new spec, one line per
// place, with a "renamed?" hint where the spec diff paired the removed name with an added one (renames.mjs).
// scripts/spec-drift.mjs finds the items; this renders them.

/**
 * @typedef {{ kind: 'compile', text: string }
 *   | { kind: 'field' | 'query', operationId: string, names: string[] }
 *   | { kind: 'test', text: string }} DriftItem
 *   compile: a TypeScript error; field: response fields the mock sends that the spec does not declare (paths such as
 *   `results[].description`); query: query parameters the mock looks up that the operation does not declare; test: a
 *   conformance test of the mock that failed.
 */

/**
 * "renamed?" hints from a diff's entries, keyed `query OPERATION name` for a removed query parameter and
 * `field OPERATION path` for a removed response field (its path inside the response, as the drift test names it).
 * @param {import('./group.mjs').Entry[]} entries
 * @returns {Map<string, string>}
 */
export function renameHints(entries) {
  const hints = new Map();
  for (const entry of entries) {
    if (!entry.renamedTo) continue;
    for (const op of entry.operations) {
      if (!op.operationId) continue;
      if (entry.kind === 'parameter.removed' && entry.path.startsWith('query.'))
        hints.set(`query ${op.operationId} ${entry.path.slice('query.'.length)}`, entry.renamedTo);
      if (entry.kind === 'property.removed' && entry.direction === 'response')
        hints.set(`field ${op.operationId} ${op.path.replace(/^response\.?/, '')}`, entry.renamedTo);
    }
  }
  return hints;
}

/**
 * One line per drift item (a line per name for fields and query parameters), with the hints of {@link renameHints}.
 * @param {DriftItem[]} items
 * @param {Map<string, string>} [hints]
 * @returns {string[]}
 */
export function renderDrift(items, hints = new Map()) {
  return items.flatMap((item) => {
    if (item.kind === 'compile') return [`  compile  ${item.text}`];
    if (item.kind === 'test') return [`  mock     ${item.text}`];
    const what = item.kind === 'field' ? 'sends response field' : 'filters on query parameter';
    return item.names.map((name) => {
      const hint = hints.get(`${item.kind} ${item.operationId} ${name}`);
      return `  ${item.kind.padEnd(8)} ${item.operationId}: the mock ${what} '${name}', which the spec no longer declares${hint ? ` (renamed to ${hint}?)` : ''}`;
    });
  });
}
