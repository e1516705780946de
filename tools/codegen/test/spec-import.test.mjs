// scripts/spec-import.mjs: the vendor's structure comes in, the vendor's prose never does, and ours survives a
// re-import. On the reference documents (when present): re-importing the 2026 document into a copy of spec/ changes
// nothing, and importing the 2025 one keeps our prose on every operation that still exists.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintSpec } from '../src/redocly.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const importScript = join(repoRoot, 'scripts', 'spec-import.mjs');
const referenceDir = process.env.TEMPO_REFERENCE_DIR
  ? resolve(process.env.TEMPO_REFERENCE_DIR)
  : join(repoRoot, '..', 'shared', 'reference');
const reference2026 = join(referenceDir, 'tempo-v4-2026-04.yaml');
const reference2025 = join(referenceDir, 'tempo-core-2025-02.yaml');
const referencesPresent = existsSync(reference2026) && existsSync(reference2025);
if (!referencesPresent)
  console.warn(
    `reference documents not found in ${referenceDir}: their import tests are SKIPPED (set TEMPO_REFERENCE_DIR)`,
  );

const temps = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'spec-import-'));
  temps.push(dir);
  return dir;
}

function runImport(vendorFile, specDir) {
  const run = spawnSync(process.execPath, [importScript, vendorFile, '--spec-dir', specDir], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

/** Every operation under specDir/paths, by operationId. */
function operationsIn(specDir) {
  const ops = new Map();
  for (const file of readdirSync(join(specDir, 'paths'))) {
    for (const [path, item] of Object.entries(parse(readFileSync(join(specDir, 'paths', file), 'utf8')))) {
      for (const [method, op] of Object.entries(item)) ops.set(op.operationId, { ...op, method, path, file });
    }
  }
  return ops;
}

/** Every file below dir, relative path → contents. */
function treeOf(dir, prefix = '') {
  const files = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(files, treeOf(dir, rel));
    else files[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return files;
}

const VENDOR_PROSE = 'Vendor prose that must never reach our spec';
const vendorDoc = `openapi: 3.0.1
info: { title: Vendor, version: '4' }
servers: [{ url: https://api.tempo.io }]
tags: [{ name: Worklogs, description: ${VENDOR_PROSE} (tag) }]
paths:
  /4/worklogs:
    get:
      tags: [Worklogs]
      operationId: getWorklogs
      summary: ${VENDOR_PROSE} (summary)
      description: ${VENDOR_PROSE} (description)
      parameters:
        - { name: project, in: query, description: '${VENDOR_PROSE} (parameter)', schema: { type: array, enum: [A, B], items: { type: string } } }
      responses:
        '200':
          description: ${VENDOR_PROSE} (response)
          content: { application/json: { schema: { $ref: '#/components/schemas/Worklog' } } }
components:
  schemas:
    Worklog:
      type: object
      description: ${VENDOR_PROSE} (schema)
      example: { id: 1 }
      properties:
        id: { type: integer, description: '${VENDOR_PROSE} (property)' }
`;

describe('spec-import on a hand-made vendor document', () => {
  const specDir = tempDir();
  const vendorFile = join(specDir, '..', `${specDir.split('/').pop()}-vendor.yaml`);
  writeFileSync(vendorFile, vendorDoc);
  temps.push(vendorFile);

  it('imports the structure without the /4 prefix and without any vendor prose or example', () => {
    const stdout = runImport(vendorFile, specDir);
    expect(stdout).toContain('1 operation(s) have no summary of ours yet');
    const op = operationsIn(specDir).get('getWorklogs');
    expect(op).toMatchObject({ method: 'get', path: '/worklogs' });
    // The enum Tempo put on the array moves to its items.
    expect(op.parameters[0].schema).toEqual({ type: 'array', items: { type: 'string', enum: ['A', 'B'] } });
    const tree = treeOf(specDir);
    expect(Object.keys(tree)).toEqual(
      expect.arrayContaining(['openapi.yaml', join('components', 'schemas', 'Worklog.yaml')]),
    );
    expect(Object.entries(tree).filter(([, text]) => text.includes(VENDOR_PROSE) || text.includes('example'))).toEqual(
      [],
    );
    // Only the shared error responses some operation uses: 400 for an operation with input, no 404 or 409 here.
    expect(Object.keys(parse(tree['openapi.yaml']).components.responses)).toEqual([
      'BadRequest',
      'Unauthorized',
      'Forbidden',
      'TooManyRequests',
    ]);
  });

  it('keeps our summaries and descriptions on re-import', () => {
    const file = join(specDir, 'paths', operationsIn(specDir).get('getWorklogs').file);
    const ours = readFileSync(file, 'utf8')
      .replace(/summary: .*/, 'summary: List the worklogs (ours)')
      .replace(/description: Get worklogs\./, 'description: Our own description.');
    writeFileSync(file, ours);
    const schemaFile = join(specDir, 'components', 'schemas', 'Worklog.yaml');
    writeFileSync(
      schemaFile,
      readFileSync(schemaFile, 'utf8').replace('type: object', 'type: object\ndescription: One worklog (ours).'),
    );

    expect(runImport(vendorFile, specDir)).not.toContain('have no summary of ours yet');
    expect(operationsIn(specDir).get('getWorklogs')).toMatchObject({
      summary: 'List the worklogs (ours)',
      description: 'Our own description.',
    });
    expect(parse(readFileSync(schemaFile, 'utf8')).description).toBe('One worklog (ours).');
  });
});

describe.skipIf(!referencesPresent)('spec-import on the reference documents', () => {
  it('re-importing the 2026 document into a copy of spec/ changes no file', () => {
    const copy = tempDir();
    cpSync(join(repoRoot, 'spec'), copy, { recursive: true });
    runImport(reference2026, copy);
    expect(treeOf(copy)).toEqual(treeOf(join(repoRoot, 'spec')));
  }, 60_000); // about 5 s alone; more on the shared 2-core machine

  it('importing the 2025 document keeps our prose on the 154 operations it has, and lints clean', () => {
    const workspace = tempDir();
    const copy = join(workspace, 'spec');
    cpSync(join(repoRoot, 'spec'), copy, { recursive: true });
    cpSync(join(repoRoot, 'redocly.yaml'), join(workspace, 'redocly.yaml'));
    const stdout = runImport(reference2025, copy);
    expect(stdout).not.toContain('have no summary of ours yet');
    const ours = operationsIn(join(repoRoot, 'spec'));
    const imported = [...operationsIn(copy).values()].filter((op) => !op.path.startsWith('/papertrail'));
    expect(imported).toHaveLength(154);
    const proseChanged = imported.filter(
      (op) =>
        op.summary !== ours.get(op.operationId).summary || op.description !== ours.get(op.operationId).description,
    );
    expect(proseChanged.map((op) => op.operationId)).toEqual([]);
    // No 409 anywhere in 2025: the shared Conflict response goes, or lint would warn that it is unused.
    const lint = lintSpec({ cwd: workspace });
    expect({ errors: lint.errors, warnings: lint.warnings, valid: lint.valid }).toEqual({
      errors: 0,
      warnings: 0,
      valid: true,
    });
  }, 60_000);
});
