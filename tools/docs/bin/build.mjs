#!/usr/bin/env node
// Usage: build [--out DIR]   (default: site/ at the repository root; `corepack pnpm run docs` from the root, which
// builds the packages first)
// Builds the API reference site: index.html; spec/<name>.html for each OpenAPI document (Redoc); api/ with TypeDoc
// for every published package and each of its public entries. Ends with one line giving the build time and the
// TypeDoc warning count, which CI logs keep; any TypeDoc warning or error fails the build.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { publishedPackages } from '../src/entries.mjs';
import { renderIndex } from '../src/index-page.mjs';
import { renderSpecs } from '../src/redoc.mjs';
import { renderTypedoc } from '../src/typedoc.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'site') } } });
const site = resolve(values.out);

const started = performance.now();
const seconds = (/** @type {number} */ since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
rmSync(site, { recursive: true, force: true });
mkdirSync(join(site, 'spec'), { recursive: true });
copyFileSync(fileURLToPath(new URL('../static/favicon.svg', import.meta.url)), join(site, 'favicon.svg'));

const specs = renderSpecs(root, site);
const redocTime = seconds(started);

const typedocStarted = performance.now();
const packages = publishedPackages(root);
const specPages = new Map(specs.map((spec) => [spec.schemaTs, spec.file]));
const typedoc = await renderTypedoc({
  packages,
  out: join(site, 'api'),
  name: 'Tempo SDK for TypeScript',
  specPageOf: (file) => specPages.get(file),
});
const typedocTime = seconds(typedocStarted);

/** TypeDoc's page of a module: `api/modules/<name with @ and / as _>.html`. */
const modulePage = (/** @type {string} */ name) => `api/modules/${name.replace(/[^\w.-]/g, '_')}.html`;
const links = packages.map((pkg) => ({
  name: pkg.name,
  description: pkg.description,
  entries: pkg.entries.map((entry) => {
    const specifier = entry.subpath === '.' ? pkg.name : `${pkg.name}${entry.subpath.slice(1)}`;
    // A package with one entry is one module; with several, each entry is a module inside the package's.
    const page = pkg.entries.length === 1 ? modulePage(pkg.name) : modulePage(`${pkg.name}.${specifier}`);
    return { specifier, page };
  }),
}));
writeFileSync(join(site, 'index.html'), renderIndex({ specs, packages: links }));

console.log(
  `docs: built ${relative(root, site) || '.'}/index.html in ${seconds(started)} ` +
    `(Redoc ${redocTime}: ${specs.map((s) => s.file).join(', ')}; TypeDoc ${typedocTime}: ${packages.length} packages, ` +
    `${packages.reduce((n, p) => n + p.entries.length, 0)} entries); ` +
    `TypeDoc warnings: ${typedoc.warnings}, errors: ${typedoc.errors}`,
);
if (typedoc.warnings || typedoc.errors) {
  console.error('docs: TypeDoc warnings fail the build: fix their causes in the TSDoc (see the lines above)');
  process.exitCode = 1;
}
