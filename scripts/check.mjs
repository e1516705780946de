#!/usr/bin/env node
// Repository-wide checks that are not one package's tests:
//  1. spec/ lints with 0 errors and 0 warnings (redocly, recommended rules; see redocly.yaml);
//  2. the committed generated files equal what the generator produces from spec/ right now, for every document
//     listed in tools/codegen/src/documents.mjs (Tempo's and Jira's).
// `--lint-only` runs the first check alone (spec:update uses it right after regenerating).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DOCUMENTS, generatedFiles } from '../tools/codegen/src/documents.mjs';
import { generate } from '../tools/codegen/src/generate.mjs';
import { lintSpec } from '../tools/codegen/src/redocly.mjs';

/** @returns whether spec/ lints clean. */
function checkLint() {
  const lint = lintSpec();
  if (lint.errors || lint.warnings || !lint.valid) {
    console.error(`spec lint FAILED: ${lint.errors} errors, ${lint.warnings} warnings\n${lint.output}`);
    return false;
  }
  console.log('spec lint: 0 errors, 0 warnings');
  return true;
}

/** @returns whether the committed generated files are what `generate` writes now. */
async function checkGenerated() {
  const tmp = mkdtempSync(join(tmpdir(), 'tempo-generated-'));
  try {
    let fresh = true;
    for (const document of DOCUMENTS) {
      const out = join(tmp, document.name);
      await generate({ ...document, spec: resolve(document.spec), outDir: out });
      for (const file of generatedFiles(document)) {
        const committed = join(document.outDir, file);
        if (!existsSync(committed) || readFileSync(join(out, file), 'utf8') !== readFileSync(committed, 'utf8')) {
          fresh = false;
          console.error(`generated file is stale: ${committed} (run \`pnpm generate\` and commit)`);
        }
      }
    }
    if (fresh) console.log('generated files: fresh');
    return fresh;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const lintOk = checkLint();
const generatedOk = process.argv.includes('--lint-only') ? true : await checkGenerated();
process.exitCode = lintOk && generatedOk ? 0 : 1;
