#!/usr/bin/env node
// Repository-wide checks that are not one package's tests:
//  1. spec/ lints with 0 errors and 0 warnings (redocly, recommended rules; see redocly.yaml);
//  2. the committed generated files equal what the generator produces from spec/ right now.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from '../tools/codegen/src/generate.mjs';
import { lintSpec } from '../tools/codegen/src/redocly.mjs';

let failed = false;

const lint = lintSpec();
if (lint.errors || lint.warnings || !lint.valid) {
  failed = true;
  console.error(`spec lint FAILED: ${lint.errors} errors, ${lint.warnings} warnings\n${lint.output}`);
} else {
  console.log('spec lint: 0 errors, 0 warnings');
}

const tmp = mkdtempSync(join(tmpdir(), 'tempo-generated-'));
try {
  await generate({ spec: resolve('spec', 'openapi.yaml'), outDir: tmp });
  const committed = 'packages/types';
  for (const file of ['openapi.json', 'src/generated/schema.ts', 'src/generated/operation-index.ts']) {
    const fresh = readFileSync(join(tmp, file), 'utf8');
    const current = readFileSync(join(committed, file), 'utf8');
    if (fresh !== current) {
      failed = true;
      console.error(`generated file is stale: ${committed}/${file} (run \`pnpm generate\` and commit)`);
    }
  }
  if (!failed) console.log('generated files: fresh');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
