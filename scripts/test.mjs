#!/usr/bin/env node
// The repository's test command: repository checks (spec lint and generated files, Biome's linter and formatter,
// knip, the JSDoc types of the JavaScript tools), then every package's build, typecheck, test and package lint
// through turbo, then the published packages' types as a consumer compiles them (TypeScript 5.9 and 7) and their
// dependency ranges and packed sizes (scripts/packages.mjs), then one closing line that adds up the vitest results
// of all packages:
//   tests: 1234 passed, 0 failed, 0 skipped
// (turbo replays the logs of cached tasks, so the totals are complete on a cache hit too).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { turboBin, turboEnv } from './turbo-env.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The entry script of a package's bin, read from its package.json (some packages do not export their bin files). */
function binOf(pkg, name) {
  const dir = join(root, 'node_modules', pkg);
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return join(dir, typeof bin === 'string' ? bin : bin[name]);
}

// The spec and generated-files check stops everything when it fails: the packages build from its output.
const check = spawnSync(process.execPath, [join(root, 'scripts', 'check.mjs')], { stdio: 'inherit', cwd: root });
if (check.status !== 0) process.exit(check.status ?? 1);

/** @type {[name: string, args: string[]][]} The other repository-wide checks: each a node script and its arguments. */
const checks = [
  ['lint', [binOf('@biomejs/biome', 'biome'), 'lint', '--error-on-warnings', '.']],
  ['format:check', [binOf('@biomejs/biome', 'biome'), 'format', '.']],
  ['knip', [binOf('knip', 'knip'), '--no-progress', '--no-config-hints']],
  ['typecheck:tools', [binOf('typescript', 'tsc'), '-p', 'tsconfig.tools.json']],
];
/** @type {string[]} */
const failedChecks = [];
for (const [name, args] of checks) {
  console.log(`\n> ${name}`);
  const run = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
  if (run.status !== 0) failedChecks.push(name);
}

const tasks = [
  'run',
  'build',
  'typecheck',
  'test',
  'lint:package',
  '--concurrency=2',
  '--continue',
  ...process.argv.slice(2),
];
const turbo = spawn(process.execPath, [turboBin, ...tasks], { stdio: ['ignore', 'pipe', 'inherit'], env: turboEnv() });

const totals = { passed: 0, failed: 0, skipped: 0 };
/** Tasks turbo reports as failed ("Failed:    pkg#task, pkg#task"): a typecheck or lint can fail with every test green. */
let failedTasks = '';
let pending = '';
// vitest's summary line, e.g. "      Tests  12 failed | 140 passed | 2 skipped (154)", behind turbo's "pkg:test: " prefix.
const SUMMARY = /:test:\s+Tests\s+(.*)\(\d+\)\s*$/;
function count(line) {
  const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
  const failed = /^\s*Failed:\s+(.+)$/.exec(plain);
  if (failed) failedTasks = failed[1].trim();
  const match = SUMMARY.exec(plain);
  if (!match) return;
  for (const [, n, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped)/g)) totals[kind] += Number(n);
}
turbo.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (pending + chunk.toString('utf8')).split('\n');
  pending = lines.pop() ?? '';
  lines.forEach(count);
});
turbo.on('close', (code) => {
  count(pending);
  // Consumers' view of the built packages: their public types under TypeScript 5.9 and 7 (needs the builds above).
  // their public API against the checked reports (packages/*/api/*.api.md), and what a consumer installs: dependency
  // ranges and the packed/unpacked sizes against their budgets. They run when a test failed too (turbo --continue
  // still builds everything), and say so when a build is missing.
  {
    const afterBuild = [
      ['typecheck:consumers', 'consumer-types.mjs'],
      ['api:check', 'api-report.mjs'],
      ['packages:check', 'packages.mjs'],
    ];
    for (const [name, script] of afterBuild) {
      console.log(`\n> ${name}`);
      const run = spawnSync(process.execPath, [join(root, 'scripts', script)], { stdio: 'inherit', cwd: root });
      if (run.status !== 0) failedChecks.push(name);
    }
  }
  const tasks = code === 0 ? '' : `; FAILED tasks: ${failedTasks || 'see the log above'}`;
  const repo = failedChecks.length ? `; FAILED checks: ${failedChecks.join(', ')}` : '';
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${tasks}${repo}`);
  process.exit(code === 0 && !failedChecks.length ? 0 : code || 1);
});
