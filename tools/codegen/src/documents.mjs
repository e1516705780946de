// The OpenAPI documents of this repository and where each one's generated output goes. One list, read by
// `pnpm generate` (bin/generate.mjs with no --spec) and by scripts/check.mjs (the drift check), so a document
// added here is generated and drift-checked with no other edit.

/**
 * @typedef {object} SpecDocument
 * @property {string} name          short name, shown in messages
 * @property {string} spec          the root file, relative to the repository root
 * @property {string} outDir        the package folder that receives the output, relative to the repository root
 * @property {string} bundle        the bundled document's path inside outDir
 * @property {string} generatedDir  the folder of schema.ts and operation-index.ts inside outDir
 * @property {string} [api]         the API's name in the operation index's comments (default: Tempo's wording)
 * @property {boolean} [facts]      whether to generate facts.ts (Tempo's base URLs, OAuth URLs, page limit); default true
 * @property {boolean} [operationDocs] whether to generate operation-docs.ts (doc comments for a facade's hovers);
 *                                     default true
 */

/** @type {readonly SpecDocument[]} */
export const DOCUMENTS = Object.freeze([
  {
    name: 'tempo',
    spec: 'spec/openapi.yaml',
    outDir: 'packages/types',
    bundle: 'openapi.json',
    generatedDir: 'src/generated',
  },
  // Jira's types go to the `@tempo-sdk/types/jira` subpath, not into @tempo-sdk/jira: @tempo-sdk/msw needs them for
  // its typed Jira overrides, and msw may not depend on @tempo-sdk/jira (whose tests depend on msw).
  {
    name: 'jira',
    spec: 'spec/jira/openapi.yaml',
    outDir: 'packages/types',
    bundle: 'jira/openapi.json',
    generatedDir: 'src/generated/jira',
    api: 'Jira Cloud platform REST API v3 (the operations Tempo needs)',
    facts: false,
    // @tempo-sdk/jira has no method-per-operation facade (only `jira.call(operationId)`), so nothing would carry
    // these doc comments to a hover: an editor shows no documentation for a string-literal argument.
    operationDocs: false,
  },
]);

/** The files `generate` writes for a document, relative to its outDir. */
export function generatedFiles(document) {
  const files = [document.bundle, `${document.generatedDir}/schema.ts`, `${document.generatedDir}/operation-index.ts`];
  if (document.facts !== false) files.push(`${document.generatedDir}/facts.ts`);
  if (document.operationDocs !== false) files.push(`${document.generatedDir}/operation-docs.ts`);
  return files;
}
