// The pipeline run straight on Tempo's published document (paths under /4, server without it, invalid component
// names, enums on arrays…): the generated types must compile and the index must read like our own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const referenceDir = process.env.TEMPO_REFERENCE_DIR
  ? resolve(process.env.TEMPO_REFERENCE_DIR)
  : join(repoRoot, '..', 'shared', 'reference');
const vendorDoc = join(referenceDir, 'tempo-v4-2026-04.yaml');
const present = existsSync(vendorDoc);
if (!present)
  console.warn(`${vendorDoc} not found: generation from the vendor document is SKIPPED (set TEMPO_REFERENCE_DIR)`);
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

const title = "generate() on Tempo's published 2026 document";
describe.skipIf(!present)(
  present ? title : `${title} SKIPPED: reference document not found (set TEMPO_REFERENCE_DIR)`,
  () => {
    const out = mkdtempSync(join(tmpdir(), 'codegen-vendor-'));
    let result;
    beforeAll(async () => {
      result = await generate({ spec: vendorDoc, outDir: out });
    }, 60_000);
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('indexes all 254 operations, with no /4 prefix on the v4 paths', async () => {
      expect(result.operations).toBe(254);
      // vitest compiles the generated TypeScript module on import.
      const { operationIndex } = await import(/* @vite-ignore */ join(out, 'src', 'generated', 'operation-index.ts'));
      const paths = Object.values(operationIndex).map((entry) => entry.path);
      expect(paths).toHaveLength(254);
      expect(paths.filter((p) => p.startsWith('/4/'))).toEqual([]);
      expect(paths.filter((p) => !p.startsWith('/papertrail/1/'))).toHaveLength(252);
      expect(operationIndex.getWorklogs).toEqual({
        method: 'get',
        path: '/worklogs',
        tag: 'Worklogs',
        group: 'worklogs',
        paginated: true,
        readOnly: true,
        idempotent: true,
      });
    });

    it("reads the facts the vendor document holds: one server (global, /4 from the paths) and limit's maximum", async () => {
      const facts = await import(/* @vite-ignore */ join(out, 'src', 'generated', 'facts.ts'));
      expect(facts.TEMPO_BASE_URLS).toEqual({ global: 'https://api.tempo.io/4' });
      expect(facts.TEMPO_PAGE_LIMIT_MAX).toBe(5000);
      // The published document declares no OAuth flow, so there is nothing to generate from.
      expect(facts.TEMPO_OAUTH_URLS).toBeUndefined();
    });

    it('generates types that compile under the workspace compiler settings', () => {
      writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(
        join(out, 'check.ts'),
        `import type { components, paths } from './src/generated/schema.js';
import type { ProjectsPage, Worklog } from './src/generated/schema.js';
import { operationIndex, type OperationId, type OperationsInGroup } from './src/generated/operation-index.js';
import { TEMPO_BASE_URLS, type TempoRegion } from './src/generated/facts.js';
import type { OperationDocs } from './src/generated/operation-docs.js';

export const id: OperationId = 'getWorklogs';
export const path: (typeof operationIndex)['getWorklogs']['path'] = '/worklogs';
export const search: OperationsInGroup<'worklogs'> = 'searchWorklogs';
export const region: TempoRegion = 'global';
export const base: string = TEMPO_BASE_URLS[region];
export type WorklogResponse = paths['/4/worklogs/{id}']['get']['responses'][200]['content']['application/json'];
export const same: Worklog extends WorklogResponse ? true : false = true;
export type Page = ProjectsPage extends components['schemas']['Projects by page'] ? true : false;
// @ts-expect-error an operationId that does not exist
export const wrong: OperationId = 'getWorklogz';
// The vendor's prose in doc comments (escaped) still parses, and documents every operation, each typed as its id.
export const documented: [keyof OperationDocs, OperationId] extends [OperationId, keyof OperationDocs] ? true : false = true;
export const ownId: OperationDocs['getWorklogs'] = 'getWorklogs';
`,
      );
      writeFileSync(
        join(out, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2022',
            noUncheckedIndexedAccess: true,
            verbatimModuleSyntax: true,
            types: [],
          },
          files: ['check.ts'],
        }),
      );
      const run = spawnSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json')], { encoding: 'utf8' });
      expect(run.stdout + run.stderr).toBe('');
      expect(run.status).toBe(0);
    }, 60_000);
  },
);
