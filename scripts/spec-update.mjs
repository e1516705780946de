#!/usr/bin/env node
// One command for "Tempo published a new spec": import it, regenerate, lint, show the diff, write the changeset,
// then build, type-check and run the mock's conformance and drift tests against the new spec.
//
//   pnpm spec:update path/to/tempo-openapi.yaml
//
// It ends non-zero with a list of what in the hand-written code no longer matches (scripts/spec-drift.mjs):
// compile errors, response fields the mock still sends that the spec dropped, query parameters the mock still
// filters on that the spec no longer declares ("renamed?" where the diff pairs a removed name with an added one).
//
// Each step is the project's own command, run in order from the repository root; the first one that fails stops
// the rest, except lint: a lint failure is reported at the end (CI requires 0 errors and 0 warnings), after the diff
// and the changeset, which help to decide the fix. What is left is a human's job: review `git diff` (new operations
// get derived summaries, listed by the import step, that deserve real ones) and commit. A breaking diff does not
// stop the update: it makes the changeset a major bump.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffSources } from '../tools/spec-diff/src/index.mjs';
import { parseDocument, SpecInputError } from '../tools/spec-diff/src/load.mjs';
import { findDrift, renderDrift } from './spec-drift.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vendorArg = process.argv[2];
if (!vendorArg || vendorArg.startsWith('-') || process.argv.length > 3) {
  console.error(
    'usage: spec-update <vendor-openapi.yaml>   (imports, regenerates, lints, diffs and writes a changeset)',
  );
  process.exit(2);
}
const vendor = resolve(vendorArg);
// Checked before any step runs, so that a wrong file costs one line and changes nothing.
try {
  if (!existsSync(vendor)) throw new SpecInputError(`${vendorArg}: no such file`);
  if (!statSync(vendor).isFile()) throw new SpecInputError(`${vendorArg}: not a file`);
  parseDocument(readFileSync(vendor, 'utf8'), vendorArg);
} catch (error) {
  if (!(error instanceof SpecInputError)) throw error;
  console.error(`spec-update: ${error.message}`);
  process.exit(2);
}

const bundle = 'packages/types/openapi.json';
/** @type {[title: string, args: string[], options?: { okExitCodes?: number[], fatal?: boolean }][]} */
const steps = [
  ['import the structure, keep our prose', ['scripts/spec-import.mjs', vendor]],
  ['regenerate bundle, types and operation index', ['tools/codegen/bin/generate.mjs']],
  ['lint the spec', ['scripts/check.mjs', '--lint-only'], { fatal: false }],
  // Exit code 1 only means "breaking": reported in the changeset, not a failure of the update.
  ['what changed in the API', ['tools/spec-diff/bin/spec-diff.mjs', 'git:HEAD', bundle], { okExitCodes: [0, 1] }],
  ['write the changeset', ['tools/spec-diff/bin/spec-changeset.mjs']],
];

const failedChecks = [];
for (const [title, args, { okExitCodes = [0], fatal = true } = {}] of steps) {
  console.log(`\n== ${title}`);
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (okExitCodes.includes(run.status ?? 1)) continue;
  if (!fatal) {
    failedChecks.push(title);
    continue;
  }
  console.error(`spec-update: "${title}" failed (exit code ${run.status ?? run.signal}); nothing after it ran`);
  process.exit(1);
}

console.log('\n== build, type-check, and run the mock against the new spec');
const { items } = findDrift(root);
if (items.length) {
  const hints = renameHints();
  console.error(`\nThe hand-written code no longer matches the spec in ${items.length} place(s):`);
  console.error(
    renderDrift(items, (item, name) =>
      'operationId' in item ? hints.get(`${item.kind} ${item.operationId} ${name}`) : undefined,
    ).join('\n'),
  );
} else {
  console.log('the code builds, and the mock sends no response field the spec does not declare');
}
if (failedChecks.length) {
  console.error(
    `\nspec-update: updated, but "${failedChecks.join('", "')}" failed: fix spec/ (and list any deliberate deviation in spec/deviations.yaml) before committing.`,
  );
}
if (items.length) console.error('\nspec-update: updated, but the code above must follow the spec before committing.');
if (failedChecks.length || items.length) process.exit(1);
console.log('\nDone. Review `git diff` (write real summaries for the new operations listed above), then commit.');

/**
 * "renamed?" hints for drift lines, from the diff of the committed bundle against the new one: `query OP name` for
 * a removed query parameter, `field OP name` for a removed response field (matched by its last path segment).
 */
function renameHints() {
  const hints = new Map();
  const { entries } = diffSources('git:HEAD', bundle, { cwd: root });
  for (const entry of entries) {
    if (!entry.renamedTo) continue;
    const name = entry.path.split('.').pop();
    for (const op of entry.operations) {
      if (entry.kind === 'parameter.removed' && entry.path.startsWith('query.'))
        hints.set(`query ${op.operationId} ${name}`, entry.renamedTo);
      if (entry.kind === 'property.removed')
        hints.set(`field ${op.operationId} ${op.path.replace(/^response\.?/, '')}`, entry.renamedTo);
    }
  }
  return hints;
}
