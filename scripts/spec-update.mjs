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
// The import, generate and lint steps are the project's own commands, run in order from the repository root; the
// diff and the changeset come from one in-process diff (tools/spec-diff), which also gives the drift list its
// "renamed?" hints. The first step that fails stops the rest, except lint: a lint failure is reported at the end (CI
// requires 0 errors and 0 warnings), after the diff and the changeset, which help to decide the fix. What is left is
// a human's job: review `git diff` (new operations get derived summaries, listed by the import step, that deserve
// real ones) and commit. A breaking diff does not stop the update: it decides the changeset's bump (minor before 1.0,
// major from 1.0 on).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeChangeset } from '../tools/spec-diff/src/changeset.mjs';
import { diffSources, renameHints, renderDrift, renderText } from '../tools/spec-diff/src/index.mjs';
import { parseDocument, SpecInputError } from '../tools/spec-diff/src/load.mjs';
import { findDrift } from './spec-drift.mjs';

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
/** @type {[title: string, args: string[], options?: { fatal?: boolean }][]} */
const steps = [
  ['import the structure, keep our prose', ['scripts/spec-import.mjs', vendor]],
  ['regenerate bundle, types and operation index', ['tools/codegen/bin/generate.mjs']],
  ['lint the spec', ['scripts/check.mjs', '--lint-only'], { fatal: false }],
];

const failedChecks = [];
for (const [title, args, { fatal = true } = {}] of steps) {
  console.log(`\n== ${title}`);
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (run.status === 0) continue;
  if (!fatal) {
    failedChecks.push(title);
    continue;
  }
  console.error(`spec-update: "${title}" failed (exit code ${run.status ?? run.signal}); nothing after it ran`);
  process.exit(1);
}

// One diff of the committed bundle against the new one serves the report, the changeset and the "renamed?" hints
// of the drift list. A breaking diff is no failure: the changeset says so with its bump.
console.log('\n== what changed in the API');
let diff;
try {
  diff = diffSources('git:HEAD', bundle, { cwd: root });
  process.stdout.write(renderText(diff));
  console.log('\n== write the changeset');
  console.log(writeChangeset(diff, { root }));
} catch (error) {
  if (!(error instanceof SpecInputError)) throw error;
  console.error(`spec-update: the diff failed (${error.message}); nothing after it ran`);
  process.exit(1);
}

console.log('\n== build, type-check, and run the mock against the new spec');
const { items } = findDrift(root);
if (items.length) {
  console.error(`\nThe hand-written code no longer matches the spec in ${items.length} place(s):`);
  console.error(renderDrift(items, renameHints(diff.entries)).join('\n'));
} else {
  console.log(
    'the code builds, and the mock sends no response field and filters on no query parameter the spec does not declare',
  );
}
if (failedChecks.length) {
  console.error(
    `\nspec-update: updated, but "${failedChecks.join('", "')}" failed: fix spec/ (and list any deliberate deviation in spec/deviations.yaml) before committing.`,
  );
}
if (items.length) console.error('\nspec-update: updated, but the code above must follow the spec before committing.');
if (failedChecks.length || items.length) process.exit(1);
console.log('\nDone. Review `git diff` (write real summaries for the new operations listed above), then commit.');
