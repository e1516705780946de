#!/usr/bin/env node
// One command for "Tempo published a new spec": import it, regenerate, lint, show the diff, write the changeset.
//
//   pnpm spec:update path/to/tempo-openapi.yaml
//
// Each step is the project's own command, run in order from the repository root; the first one that fails stops
// the rest, except lint: a lint failure is reported at the end (CI requires 0 errors and 0 warnings), after the diff
// and the changeset, which help to decide the fix. What is left is a human's job: review `git diff` (new operations
// get derived summaries, listed by the import step, that deserve real ones) and commit. A breaking diff does not
// stop the update: it makes the changeset a major bump.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vendorArg = process.argv[2];
if (!vendorArg || vendorArg.startsWith('-') || process.argv.length > 3) {
  console.error('usage: spec-update <vendor-openapi.yaml>   (imports, regenerates, lints, diffs and writes a changeset)');
  process.exit(2);
}
const vendor = resolve(vendorArg);
if (!existsSync(vendor)) {
  console.error(`spec-update: ${vendorArg}: no such file`);
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
if (failedChecks.length) {
  console.error(`\nspec-update: updated, but "${failedChecks.join('", "')}" failed: fix spec/ (and list any deliberate deviation in spec/deviations.yaml) before committing.`);
  process.exit(1);
}
console.log('\nDone. Review `git diff` (write real summaries for the new operations listed above), then commit.');
