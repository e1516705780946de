// The published packages and their public entries, read from each package.json's exports map, so that a package or
// subpath export added later is documented with no edit here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} PublishedEntry
 * @property {string} subpath  the export's subpath: `.`, `./transport`, …
 * @property {string} source   the TypeScript source behind it (absolute path)
 */

/**
 * @typedef {object} PublishedPackage
 * @property {string} name        e.g. `@tempo-sdk/client`
 * @property {string} dir         the package folder (absolute path)
 * @property {string} description package.json's description
 * @property {PublishedEntry[]} entries
 */

/**
 * The TypeScript source of a built entry: the packages compile `src/` into `dist/` one to one
 * (tsconfig.build.json's rootDir and outDir), so `./dist/transport/index.d.ts` comes from `src/transport/index.ts`.
 * @param {string} dir
 * @param {string} types the export's `types` target
 */
function sourceOf(dir, types) {
  const match = /^\.\/dist\/(.+)\.d\.ts$/.exec(types);
  if (!match) throw new Error(`${dir}: an export's types (${types}) are not under ./dist`);
  const source = join(dir, 'src', `${match[1]}.ts`);
  if (!existsSync(source)) throw new Error(`${dir}: ${types} has no source at ${source}`);
  return source;
}

/**
 * Puts each package after the published packages it depends on (a workspace has no cycles).
 * @param {(PublishedPackage & { uses: string[] })[]} packages
 * @returns {PublishedPackage[]}
 */
function dependenciesFirst(packages) {
  const ordered = [];
  const placed = new Set();
  const place = (/** @type {PublishedPackage & { uses: string[] }} */ pkg) => {
    if (placed.has(pkg.name)) return;
    placed.add(pkg.name);
    for (const used of packages.filter((other) => pkg.uses.includes(other.name))) place(used);
    const { uses, ...published } = pkg;
    ordered.push(published);
  };
  packages.forEach(place);
  return ordered;
}

/**
 * Every published (non-private) package under `packages/` with its code entries, each after the packages it
 * depends on; JSON exports (`./openapi.json`) and `./package.json` are not code and are left out.
 * @param {string} root the repository root
 * @returns {PublishedPackage[]}
 */
export function publishedPackages(root) {
  const found = [];
  for (const folder of readdirSync(join(root, 'packages')).sort()) {
    const dir = join(root, 'packages', folder);
    const manifestFile = join(dir, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.private) continue;
    const entries = Object.entries(manifest.exports ?? {})
      .filter(([, target]) => typeof target === 'object' && target !== null && typeof target.types === 'string')
      .map(([subpath, target]) => ({ subpath, source: sourceOf(dir, target.types) }));
    const uses = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
    found.push({ name: manifest.name, dir, description: manifest.description ?? '', entries, uses });
  }
  return dependenciesFirst(found);
}
