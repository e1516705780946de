#!/usr/bin/env node
// The public types of every published package compile for a consumer, under TypeScript 5.9 and 7 (what
// `npm i -D typescript` installs today), with `moduleResolution` NodeNext and Bundler, and `skipLibCheck` off so
// that our .d.ts files are checked, not skipped.
//
// A consumer project is written to .tmp/consumer-types: node_modules/@tempo-sdk/* link to the packages (built
// dist/ and the exports map, as a consumer resolves them), and one module imports every entry of every published
// package's exports map. Run after a build (`pnpm test` runs it after turbo's build).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = join(root, '.tmp', 'consumer-types');

/** The compilers: each a package in the root node_modules whose `tsc` bin is a node script. */
const COMPILERS = [
  ['TypeScript 5.9', 'typescript'],
  ['TypeScript 7', 'typescript7'],
];
const RESOLUTIONS = [
  { module: 'NodeNext', moduleResolution: 'NodeNext' },
  { module: 'ESNext', moduleResolution: 'Bundler' },
];

/**
 * Every published package under packages/ with the import specifiers of its JavaScript entries.
 * @returns {{ name: string, dir: string, specifiers: string[] }[]}
 */
function publishedEntries() {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'packages', entry.name))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({
      name: manifest.name,
      dir,
      specifiers: Object.entries(manifest.exports ?? { '.': manifest.main })
        .filter(([, target]) => typeof target === 'object' && target !== null && 'types' in target)
        .map(([subpath]) => (subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`)),
    }));
}

/**
 * Writes the consumer project.
 * @param {ReturnType<typeof publishedEntries>} packages
 */
function writeProject(packages) {
  rmSync(project, { recursive: true, force: true });
  for (const { name, dir } of packages) {
    mkdirSync(join(project, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(dir, join(project, 'node_modules', name), 'junction');
  }
  const specifiers = packages.flatMap((p) => p.specifiers);
  const lines = specifiers.map((specifier, i) => `import * as entry${i} from '${specifier}';`);
  // Using each namespace makes the compiler resolve every export's declared type.
  lines.push('', `export const entries = [${specifiers.map((_, i) => `entry${i}`).join(', ')}] as const;`);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' })}\n`,
  );
  writeFileSync(join(project, 'index.ts'), `${lines.join('\n')}\n`);
  return specifiers;
}

/**
 * Compiles the project with each compiler and resolution; returns the failures.
 * @returns {string[]}
 */
function compile() {
  const failures = [];
  for (const [label, pkg] of COMPILERS) {
    const tsc = join(root, 'node_modules', pkg, 'bin', 'tsc');
    for (const resolution of RESOLUTIONS) {
      const config = {
        compilerOptions: {
          ...resolution,
          target: 'ES2022',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: ['node'],
          typeRoots: [join(root, 'node_modules', '@types')],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          verbatimModuleSyntax: true,
        },
        files: ['index.ts'],
      };
      writeFileSync(join(project, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
      const run = spawnSync(process.execPath, [tsc, '-p', join(project, 'tsconfig.json')], { encoding: 'utf8' });
      const what = `${label}, moduleResolution ${resolution.moduleResolution}`;
      if (run.status === 0) console.log(`consumer types: ${what}: ok`);
      else failures.push(`${what}:\n${run.stdout}${run.stderr}`);
    }
  }
  return failures;
}

const specifiers = writeProject(publishedEntries());
console.log(`consumer types: ${specifiers.length} entries (${specifiers.join(', ')})`);
const failures = compile();
for (const failure of failures) console.error(`consumer types FAILED under ${failure}`);
process.exitCode = failures.length ? 1 : 0;
