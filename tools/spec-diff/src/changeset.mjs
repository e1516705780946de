// A changeset (https://github.com/changesets/changesets, `.changeset/<slug>.md`) for a change of the spec:
// @tempo-sdk/types and every published package that depends on it get a bump (see `bumpFor`); the body is the diff
// in short.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { counts, describe, summaryLine } from './render.mjs';
import { isShared } from './group.mjs';
import { MAIN_API } from './normalize.mjs';
import { SpecInputError } from './load.mjs';

/** The package generated from the spec. */
export const TYPES_PACKAGE = '@tempo-sdk/types';

/** The folder holding pnpm-workspace.yaml, searching up from `start`. */
export function findWorkspaceRoot(start = process.cwd()) {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dir === dirname(dir)) throw new SpecInputError(`no pnpm-workspace.yaml in ${start} or above`);
  }
}

/**
 * The workspace's packages (their package.json contents), from the `packages` globs of pnpm-workspace.yaml.
 * Only the `dir/*` and `dir` forms are understood, which is all this workspace uses.
 * @param {string} root
 * @returns {Record<string, any>[]}
 */
export function workspacePackages(root) {
  const config = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) ?? {};
  const dirs = [];
  for (const pattern of config.packages ?? []) {
    if (pattern.startsWith('!')) continue;
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (existsSync(parent)) for (const name of readdirSync(parent).sort()) dirs.push(join(parent, name));
    } else {
      dirs.push(join(root, pattern));
    }
  }
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
}

/**
 * The published packages a change of `name` must release: itself, and each non-private package that depends on it
 * at run time (dependencies, peer or optional dependencies; a dev dependency ships nothing of it).
 * @param {string} name
 * @param {Record<string, any>[]} packages
 * @returns {string[]}
 */
export function packagesToRelease(name, packages) {
  const out = [];
  for (const pkg of packages) {
    if (pkg.private) continue;
    const deps = { ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies };
    if (pkg.name === name || name in deps) out.push(pkg.name);
  }
  // The changed package first, then its dependants by name.
  return out.sort((a, b) => (a === name ? -1 : b === name ? 1 : a.localeCompare(b)));
}

/**
 * The semver bump for a change: breaking → `major`, else `minor`; except before 1.0, where a caret range
 * (`^0.3.0` = `>=0.3.0 <0.4.0`) already treats the minor as the breaking position, so breaking → `minor` there.
 * @param {boolean} breaking
 * @param {string} version  the current version of the generated package (`0.1.0`)
 * @returns {'major' | 'minor'}
 */
export function bumpFor(breaking, version) {
  const major = Number.parseInt(String(version).split('.')[0] ?? '', 10);
  if (!breaking) return 'minor';
  return major === 0 ? 'minor' : 'major';
}

/**
 * Writes the changeset's text for a diff.
 * @param {import('./index.mjs').DiffResult} result
 * @param {{ packages: string[], version: string }} options  the packages to bump (see {@link packagesToRelease})
 *   and the generated package's current version (decides the bump, see {@link bumpFor})
 * @returns {{ bump: 'major' | 'minor', slug: string, text: string } | null}  null when nothing changed
 */
export function renderChangeset(result, { packages, version }) {
  const entries = result.entries.filter((e) => !e.deviation && e.api === MAIN_API);
  if (!entries.length) return null;
  const bump = bumpFor(
    entries.some((e) => e.breaking),
    version,
  );
  const added = entries.filter((e) => e.kind === 'operation.added');
  const breaking = entries.filter((e) => e.breaking);
  const others = entries.filter((e) => !e.breaking && e.kind !== 'operation.added');
  const lines = [
    '---',
    ...packages.map((name) => `"${name}": ${bump}`),
    '---',
    '',
    `Tempo API spec update: ${counts(result.summary)}.`,
  ];
  const section = (title, list, line) => {
    if (list.length) lines.push('', `${title}:`, '', ...list.map(line));
  };
  section('Breaking changes', breaking, bullet);
  section(
    'New operations',
    added,
    (e) => `- \`${e.operations[0].operation}\`${e.after.operationId ? ` (\`${e.after.operationId}\`)` : ''}`,
  );
  section('Other changes', others, bullet);
  const hash = createHash('sha256')
    .update(JSON.stringify(entries.map(({ deviation, ...e }) => e)))
    .digest('hex')
    .slice(0, 8);
  return { bump, slug: `tempo-spec-${hash}`, text: `${lines.join('\n')}\n` };
}

/**
 * The changeset of a diff for the workspace at `root`: its packages to bump and the generated package's version are
 * read from there. Null when the v4 API did not change.
 * @param {import('./index.mjs').DiffResult} result
 * @param {string} root
 */
export function changesetFor(result, root) {
  const packages = workspacePackages(root);
  const version = packages.find((pkg) => pkg.name === TYPES_PACKAGE)?.version ?? '0.0.0';
  return renderChangeset(result, { packages: packagesToRelease(TYPES_PACKAGE, packages), version });
}

/**
 * Writes the changeset of a diff into `dir` (default: the workspace's `.changeset`) and returns what to tell the
 * user: the file and its bump, or that nothing changed. `spec-changeset` and `spec-update` both write through here,
 * `spec-update` with the diff it already made for its report.
 * @param {import('./index.mjs').DiffResult} result
 * @param {{ root: string, dir?: string }} options
 * @returns {string}
 */
export function writeChangeset(result, { root, dir = join(root, '.changeset') }) {
  const changeset = changesetFor(result, root);
  if (!changeset) return noChangeLine(result);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${changeset.slug}.md`);
  writeFileSync(file, changeset.text);
  return `wrote ${relative(process.cwd(), file)} (${changeset.bump})\n${summaryLine(result)}`;
}

/** @param {import('./index.mjs').DiffResult} result */
export function noChangeLine(result) {
  return `no change to the v4 API between ${result.old.label} and ${relative(process.cwd(), result.new.label) || result.new.label}: no changeset written`;
}

const VERBS = { '+': 'added', '-': 'removed', '~': 'changed' };

function bullet(entry) {
  const { sign, text } = describe(entry);
  const reach =
    isShared(entry) && entry.operations.length
      ? ` (${entry.operations.length} operation${entry.operations.length === 1 ? '' : 's'})`
      : '';
  return `- ${VERBS[sign]}: ${text}${reach}`;
}
