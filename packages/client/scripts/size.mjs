#!/usr/bin/env node
/**
 * Size budget and tree-shaking check, run by `lint:package` (so CI runs it).
 *
 * Bundles small entry files that import parts of the built package (dist/) with esbuild — minified, ESM, every
 * dependency included (openapi-fetch and @tempo-sdk/types count) — and measures them gzipped. Fails when a bundle
 * is over its budget, or when a bundle contains code it must not (the core must not carry the operation index or
 * the facade).
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Strings that only exist in the operation index (paths and group names of the generated table). */
const INDEX_MARKERS = ['/worklogs/tempo-to-jira', 'timesheetApprovals', 'genericResourceTeamMembers'];
/** Strings that only exist in the facade, pagination and path matcher of this package. */
const FACADE_MARKERS = [
  'Unknown Tempo operation group',
  'does not return pages',
  'Refusing to follow a pagination link',
];

const entries = [
  {
    name: 'core: createTempoCore (openapi-fetch + auth, retries, rate limit, errors, logging)',
    code: `export { createTempoCore } from './dist/index.js';`,
    budget: 12_000,
    mustNotContain: [...INDEX_MARKERS, ...FACADE_MARKERS],
  },
  {
    name: 'core + callOperation (facade as a function, with the operation index)',
    code: `export { createTempoCore, callOperation } from './dist/index.js';`,
    budget: 17_000,
    mustNotContain: ['Unknown Tempo operation group', 'does not return pages'],
  },
  {
    name: 'createTempoClient (core + lazy groups + paginate/pages + operation index)',
    code: `export { createTempoClient } from './dist/index.js';`,
    budget: 20_000,
    mustNotContain: [],
  },
  {
    name: 'errors only: TempoNotFoundError',
    code: `export { TempoNotFoundError } from './dist/index.js';`,
    budget: 1_500,
    mustNotContain: [...INDEX_MARKERS, 'createClient', 'querySerializer'],
  },
  {
    name: 'reference: openapi-fetch alone',
    code: `export { default } from 'openapi-fetch';`,
    budget: Infinity,
    mustNotContain: [],
  },
  {
    name: 'reference: operationIndex of @tempo-sdk/types alone',
    code: `export { operationIndex } from '@tempo-sdk/types';`,
    budget: Infinity,
    mustNotContain: [],
  },
];

let failed = false;
const rows = [];
for (const entry of entries) {
  const result = await build({
    stdin: { contents: entry.code, resolveDir: root, sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const text = new TextDecoder().decode(code);
  const min = code.byteLength;
  const gz = gzipSync(code, { level: 9 }).byteLength;
  const leaks = entry.mustNotContain.filter((marker) => text.includes(marker));
  const over = gz > entry.budget;
  if (over || leaks.length) failed = true;
  rows.push({
    bundle: entry.name,
    'min (B)': min,
    'min+gz (B)': gz,
    budget: Number.isFinite(entry.budget) ? entry.budget : '-',
    status: over ? 'OVER BUDGET' : leaks.length ? `CONTAINS ${leaks.join(', ')}` : 'ok',
  });
}
console.table(rows);
if (failed) {
  console.error('size check failed: a bundle is over budget or pulls in code it must not');
  process.exit(1);
}
console.log('size check passed');
