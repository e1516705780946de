// @tempo-sdk/spec-diff: what changed between two OpenAPI 3.0 documents, from a client's point of view.
//
//   load (load.mjs) -> normalize (normalize.mjs) -> compare (compare-operations.mjs, compare-schemas.mjs)
//   -> classify (classify.mjs) and group (group.mjs) -> explain by deviations (deviations.mjs) -> render (render.mjs)
import { compareDocuments } from './compare-operations.mjs';
import { applyDeviations } from './deviations.mjs';
import { groupChanges, summarize } from './group.mjs';
import { loadSpec } from './load.mjs';
import { labelDocument, MAIN_API } from './normalize.mjs';
import { suggestRenames } from './renames.mjs';

export { SpecInputError, loadSpec, parseDocument } from './load.mjs';
export { loadDeviations, matchesEntry } from './deviations.mjs';
export { isBreaking } from './classify.mjs';
export { suggestRenames } from './renames.mjs';
export { renameHints, renderDrift } from './drift-lines.mjs';
export { location, summarize } from './group.mjs';
export { renderJson, renderText, summaryLine } from './render.mjs';

/**
 * @typedef {object} DiffResult
 * @property {{ label: string, operations: number, otherApiOperations: number }} old
 * @property {{ label: string, operations: number, otherApiOperations: number }} new
 * @property {ReturnType<typeof summarize>} summary   counts of entries not explained by a deviation
 * @property {import('./group.mjs').Entry[]} entries
 * @property {number} [explained]         entries explained by deviations (when deviations were given)
 * @property {string} [deviationsFile]
 * @property {{ id: string, entries: number }[]} [deviations]  how many entries each deviation explains
 */

/**
 * Compares two parsed documents.
 * @param {Record<string, any>} oldDoc
 * @param {Record<string, any>} newDoc
 * @param {{ oldLabel?: string, newLabel?: string, deviations?: import('./deviations.mjs').Deviation[], deviationsFile?: string }} [options]
 * @returns {DiffResult}
 */
export function diffDocuments(oldDoc, newDoc, { oldLabel = 'old', newLabel = 'new', deviations, deviationsFile } = {}) {
  labelDocument(oldDoc, oldLabel);
  labelDocument(newDoc, newLabel);
  const { changes, oldOps, newOps } = compareDocuments(oldDoc, newDoc);
  const entries = groupChanges(changes);
  suggestRenames(entries);
  const count = (ops) => {
    const main = [...ops.values()].filter((op) => op.api === MAIN_API).length;
    return { operations: main, otherApiOperations: ops.size - main };
  };
  /** @type {DiffResult} */
  const result = {
    old: { label: oldLabel, ...count(oldOps) },
    new: { label: newLabel, ...count(newOps) },
    summary: summarize(entries),
    entries,
  };
  if (deviations) {
    const usage = applyDeviations(entries, deviations);
    result.summary = summarize(entries.filter((e) => !e.deviation));
    result.explained = entries.filter((e) => e.deviation).length;
    result.deviationsFile = deviationsFile ?? 'deviations';
    result.deviations = usage;
  }
  return result;
}

/**
 * Loads two documents (paths or `git:REV[:path]`) and compares them.
 * @param {string} oldSource
 * @param {string} newSource
 * @param {{ cwd?: string, deviations?: import('./deviations.mjs').Deviation[], deviationsFile?: string }} [options]
 */
export function diffSources(oldSource, newSource, { cwd, ...options } = {}) {
  const before = loadSpec(oldSource, { cwd });
  const after = loadSpec(newSource, { cwd });
  return diffDocuments(before.doc, after.doc, { oldLabel: before.label, newLabel: after.label, ...options });
}

/** 0 = nothing breaking, 1 = at least one breaking change in any API (not explained by a deviation). */
export function exitCodeOf(result) {
  return result.summary.breakingTotal > 0 ? 1 : 0;
}
