#!/usr/bin/env node
// Usage: build [--out DIR]   (default: site/ at the repository root; `corepack pnpm docs` from the root)
// Builds the API reference site: index.html, and spec/<name>.html for each OpenAPI document (Redoc).
// Ends with one line giving the build time, which CI logs keep.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderIndex } from '../src/index-page.mjs';
import { renderSpecs } from '../src/redoc.mjs';

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
writeFileSync(join(site, 'index.html'), renderIndex({ specs }));

console.log(
  `docs: built ${relative(root, site) || '.'}/index.html in ${seconds(started)} (Redoc ${redocTime}: ${specs.map((s) => s.file).join(', ')})`,
);
