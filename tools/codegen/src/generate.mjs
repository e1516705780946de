// The whole pipeline: spec -> bundle -> types + operation index, written into a types package folder.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { bundleSpec } from './redocly.mjs';
import { readFacts, renderFacts } from './facts.mjs';
import { renderOperationDocs } from './operation-docs.mjs';
import { buildOperationIndex, renderOperationIndex } from './operation-index.mjs';
import { generateTypes } from './types.mjs';
import { versionPrefix } from './version-prefix.mjs';

export { versionPrefix };

/** The spec's path relative to the workspace root, so generated banners do not depend on the cwd. */
function displayPath(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return relative(dir, file);
  }
  return file;
}

/**
 * Generates the bundle (`openapi.json`), `src/generated/schema.ts`, `src/generated/operation-index.ts`, unless
 * `facts` is false `src/generated/facts.ts` (Tempo's base URLs, OAuth endpoints and page limit; see facts.mjs) and,
 * unless `operationDocs` is false, `src/generated/operation-docs.ts` (each operation's summary, method and path as
 * doc comments, for the client facade's hovers; see operation-docs.mjs) in `outDir`. `bundle` and `generatedDir`
 * (relative to outDir) place them elsewhere, for a second document in the same package (see documents.mjs); `api`
 * names the API in the operation index's comments.
 * @param {{ spec: string, outDir: string, bundle?: string, generatedDir?: string, api?: string, facts?: boolean, operationDocs?: boolean }} options
 * @returns {Promise<{ operations: number, schemas: number, files: string[] }>}
 */
export async function generate({
  spec,
  outDir,
  bundle = 'openapi.json',
  generatedDir: generatedRel = 'src/generated',
  api,
  facts = true,
  operationDocs = true,
}) {
  const source = displayPath(spec);
  const doc = bundleSpec(spec);
  doc.info = { ...doc.info, 'x-generated': `Bundled from ${source} by tools/codegen; do not edit.` };
  const generatedDir = join(outDir, generatedRel);
  mkdirSync(generatedDir, { recursive: true });
  mkdirSync(dirname(join(outDir, bundle)), { recursive: true });

  const pathPrefix = versionPrefix(doc);
  const entries = buildOperationIndex(doc, { pathPrefix });
  const files = {
    [join(outDir, bundle)]: `${JSON.stringify(doc, null, 2)}\n`,
    [join(generatedDir, 'schema.ts')]: await generateTypes(doc, source),
    [join(generatedDir, 'operation-index.ts')]: renderOperationIndex(entries, source, api),
  };
  if (facts) files[join(generatedDir, 'facts.ts')] = renderFacts(readFacts(doc, { pathPrefix }), source);
  if (operationDocs) files[join(generatedDir, 'operation-docs.ts')] = renderOperationDocs(entries, source, doc.tags);
  for (const [file, text] of Object.entries(files)) writeFileSync(file, text);
  return {
    operations: entries.length,
    schemas: Object.keys(doc.components?.schemas ?? {}).length,
    files: Object.keys(files),
  };
}
