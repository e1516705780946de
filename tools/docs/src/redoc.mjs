// The OpenAPI documents rendered by `redocly build-docs`: one self-contained HTML page per document of
// tools/codegen/src/documents.mjs (Tempo's and Jira's), from the bundle `pnpm generate` writes and checks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS } from '../../codegen/src/documents.mjs';
import { redocly } from '../../codegen/src/redocly.mjs';

/**
 * @typedef {object} RenderedSpec
 * @property {string} name     the document's short name (`tempo`, `jira`)
 * @property {string} title    its `info.title`
 * @property {string} version  its `info.version`
 * @property {string} file     the page, relative to the site folder
 * @property {string} schemaTs the generated `schema.ts` of the document (absolute path), whose types it renders
 */

// Redoc draws its "API docs by Redocly" logo from Redocly's CDN even with --inlineBundle, so an offline reader's
// browser logs a failed request. The logo becomes the same words drawn inline; the link to Redocly stays.
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const TEXT_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#888">Redocly</text></svg>',
)}`;

/**
 * Makes a rendered page need nothing but itself and the site: the logo (above), and the site's icon (browsers
 * otherwise ask the server for `/favicon.ico`).
 * @param {string} html
 */
function selfContained(html) {
  return html
    .replace(CDN_LOGO, TEXT_LOGO)
    .replace('</head>', '<link rel="icon" type="image/svg+xml" href="../favicon.svg"></head>');
}

/**
 * Renders each document into `<site>/spec/<name>.html`. `--inlineBundle` puts Redoc's script into the page: the
 * default loads it from Redocly's CDN, which a reader offline (or a test with no network) cannot reach.
 * @param {string} root the repository root (redocly reads its redocly.yaml there)
 * @param {string} site the site folder
 * @returns {RenderedSpec[]}
 */
export function renderSpecs(root, site) {
  return DOCUMENTS.map((document) => {
    const bundle = join(root, document.outDir, document.bundle);
    const file = `spec/${document.name}.html`;
    const { title, version } = JSON.parse(readFileSync(bundle, 'utf8')).info;
    const out = join(site, file);
    const { code, output } = redocly(['build-docs', bundle, '--inlineBundle', '--title', title, '--output', out], {
      cwd: root,
    });
    if (code !== 0) throw new Error(`redocly build-docs failed for ${bundle}:\n${output}`);
    writeFileSync(out, selfContained(readFileSync(out, 'utf8')));
    const schemaTs = join(root, document.outDir, document.generatedDir, 'schema.ts');
    return { name: document.name, title, version, file, schemaTs };
  });
}
