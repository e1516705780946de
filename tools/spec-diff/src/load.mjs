// Reading an OpenAPI document from a file or from git into one plain object.
//
// Single-file documents (all `$ref`s internal, like Tempo's published YAML or our bundled openapi.json) are parsed
// directly: that is fast. Documents with external `$ref`s (our split spec/openapi.yaml) go through redocly's bundler
// (`bundleSpec` of tools/codegen), which resolves them the same way `pnpm generate` does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { bundleSpec } from '@tempo-sdk/codegen/src/redocly.mjs';

/** A document that cannot be read, parsed or bundled. The CLIs print its message (one line) and exit 2. */
export class SpecInputError extends Error {
  name = 'SpecInputError';
}

/** The file a bare `git:REV` source means: the committed bundle, which is what generation reads. */
export const DEFAULT_GIT_PATH = 'packages/types/openapi.json';

/**
 * Loads a document from `source`:
 * - a path to a YAML or JSON file (single-file or multi-file; multi-file ones are bundled), or
 * - `git:REV` / `git:REV:path` — the file as committed at REV (path defaults to {@link DEFAULT_GIT_PATH}, relative to
 *   the repository root), e.g. `git:HEAD` for the bundle of the last commit.
 * @param {string} source
 * @param {{ cwd?: string }} [options]
 * @returns {{ doc: Record<string, any>, label: string }}
 */
export function loadSpec(source, { cwd = process.cwd() } = {}) {
  if (source.startsWith('git:')) return loadFromGit(source, cwd);
  const file = resolve(cwd, source);
  if (!existsSync(file)) throw new SpecInputError(`${source}: no such file`);
  if (!statSync(file).isFile()) throw new SpecInputError(`${source}: not a file`);
  const doc = parseDocument(readFileSync(file, 'utf8'), source);
  return { doc: hasExternalRefs(doc) ? bundle(file, source) : doc, label: source };
}

/**
 * Parses YAML or JSON text and checks that it is an OpenAPI 3 document.
 * @param {string} text
 * @param {string} label used in error messages
 */
export function parseDocument(text, label) {
  let doc;
  try {
    // JSON is YAML, but JSON.parse is several times faster on a large bundle.
    doc = /^\s*\{/.test(text) ? JSON.parse(text) : parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new SpecInputError(`${label}: not valid YAML or JSON (${firstLine(error.message)})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new SpecInputError(`${label}: not an OpenAPI document (no top-level object)`);
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) {
    const found = doc.swagger
      ? `swagger ${doc.swagger}`
      : doc.openapi
        ? `openapi ${doc.openapi}`
        : 'no "openapi" field';
    throw new SpecInputError(`${label}: not an OpenAPI 3 document (${found})`);
  }
  if (!doc.paths || typeof doc.paths !== 'object') throw new SpecInputError(`${label}: the document has no "paths"`);
  return doc;
}

/** True when some `$ref` points into another file (it does not start with `#`). */
export function hasExternalRefs(node) {
  const stack = [node];
  while (stack.length) {
    const current = stack.pop();
    if (!current || typeof current !== 'object') continue;
    if (typeof current.$ref === 'string' && !current.$ref.startsWith('#')) return true;
    for (const value of Object.values(current)) if (value && typeof value === 'object') stack.push(value);
  }
  return false;
}

function bundle(file, label) {
  try {
    return bundleSpec(file);
  } catch (error) {
    // redocly's own report is long; its first error line says what is wrong.
    const detail = error.message
      .split('\n')
      .find((line) => /error|cannot|can't|not found/i.test(line) && !line.startsWith('redocly bundle failed'));
    throw new SpecInputError(`${label}: cannot bundle the document${detail ? ` (${detail.trim()})` : ''}`);
  }
}

function loadFromGit(source, cwd) {
  const [, rev, path = DEFAULT_GIT_PATH] = /^git:([^:]+)(?::(.+))?$/.exec(source) ?? [];
  if (!rev) throw new SpecInputError(`${source}: expected git:REV or git:REV:path`);
  const root = git(['rev-parse', '--show-toplevel'], cwd, source).trim();
  const show = (file) => git(['show', `${rev}:${file}`], root, source);
  const doc = parseDocument(show(path), source);
  if (!hasExternalRefs(doc)) return { doc, label: source };
  // A split spec at REV: copy every file it reaches out of git into a scratch folder, then bundle that.
  const dir = mkdtempSync(join(tmpdir(), 'spec-diff-git-'));
  try {
    const pending = [path];
    const copied = new Set();
    while (pending.length) {
      const file = /** @type {string} */ (pending.pop());
      if (copied.has(file)) continue;
      copied.add(file);
      const text = show(file);
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      writeFileSync(join(dir, file), text);
      for (const ref of externalRefs(parse(text, { maxAliasCount: -1 })))
        pending.push(posix.normalize(posix.join(posix.dirname(file), ref)));
    }
    return { doc: bundle(join(dir, path), source), label: source };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function externalRefs(node, out = new Set()) {
  if (!node || typeof node !== 'object') return out;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) out.add(node.$ref.split('#')[0]);
  for (const value of Object.values(node)) externalRefs(value, out);
  return out;
}

function git(args, cwd, label) {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    throw new SpecInputError(`${label}: ${firstLine(String(error.stderr || error.message)) || 'git failed'}`);
  }
}

function firstLine(text) {
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? ''
  ).replace(/:$/, '');
}
