#!/usr/bin/env node
// What a consumer installs, checked for every published package (`pnpm packages:check`, part of `pnpm test`):
//  - third-party runtime dependencies take caret ranges (an exact pin makes consumers install duplicates), internal
//    ones `workspace:^`;
//  - devDependencies name no private workspace package (the published manifest would point at nothing);
//  - the packed and unpacked sizes (`npm pack --dry-run`) stay within the package's budget below; the table is printed
//    in CI output. Needs built packages (dist/).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bytes each package may take: packed (the tarball) and unpacked (on disk). Set about 15% above the size measured
 * when the budget was written; raise one in the commit that needs it, with the reason.
 * @type {Record<string, { packedBytes: number, unpackedBytes: number }>}
 */
const BUDGETS = {
  // types: packed 133,740 B with the facade's generated doc comments (operation-docs.d.ts, +16 kB packed, types only).
  '@tempo-sdk/types': { packedBytes: 154_000, unpackedBytes: 1_720_000 },
  '@tempo-sdk/client': { packedBytes: 162_000, unpackedBytes: 660_000 },
  '@tempo-sdk/msw': { packedBytes: 305_000, unpackedBytes: 1_310_000 },
  '@tempo-sdk/oauth': { packedBytes: 135_000, unpackedBytes: 550_000 },
  '@tempo-sdk/webhooks': { packedBytes: 33_000, unpackedBytes: 125_000 },
  '@tempo-sdk/jira': { packedBytes: 42_000, unpackedBytes: 170_000 },
};

/** @typedef {{ name: string, private?: boolean, dependencies?: Record<string, string>, devDependencies?: Record<string, string> }} Manifest */

/** @returns {{ dir: string, manifest: Manifest }[]} every workspace package (packages, apps, tools) */
function workspacePackages() {
  return ['packages', 'apps', 'tools'].flatMap((folder) =>
    readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const dir = join(root, folder, entry.name);
        try {
          return [
            { dir, manifest: /** @type {Manifest} */ (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))) },
          ];
        } catch {
          return [];
        }
      }),
  );
}

const all = workspacePackages();
const internal = new Set(all.map(({ manifest }) => manifest.name));
const privateNames = new Set(all.filter(({ manifest }) => manifest.private).map(({ manifest }) => manifest.name));
const published = all.filter(({ dir, manifest }) => !manifest.private && dir.startsWith(join(root, 'packages')));

/** @type {string[]} */
const problems = [];
for (const { manifest } of published) {
  for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
    if (internal.has(dep) && range !== 'workspace:^')
      problems.push(`${manifest.name}: dependency ${dep} is "${range}"; internal ones are "workspace:^"`);
    if (!internal.has(dep) && !range.startsWith('^'))
      problems.push(
        `${manifest.name}: dependency ${dep} is "${range}"; use a caret range so consumers can share one copy`,
      );
  }
  for (const dep of Object.keys(manifest.devDependencies ?? {})) {
    if (privateNames.has(dep))
      problems.push(`${manifest.name}: devDependency ${dep} is a private package (list it in the root package.json)`);
  }
}

const rows = [];
for (const { dir, manifest } of published) {
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const budget = BUDGETS[manifest.name];
  const over = [];
  if (!budget) problems.push(`${manifest.name}: no size budget (add one to BUDGETS in scripts/packages.mjs)`);
  else {
    if (pack.size > budget.packedBytes) over.push(`packed ${pack.size} > ${budget.packedBytes}`);
    if (pack.unpackedSize > budget.unpackedBytes) over.push(`unpacked ${pack.unpackedSize} > ${budget.unpackedBytes}`);
  }
  for (const reason of over) problems.push(`${manifest.name}: over budget, ${reason}`);
  rows.push({
    package: manifest.name,
    files: pack.entryCount,
    'packed (B)': pack.size,
    'packed budget (B)': budget?.packedBytes ?? '-',
    'unpacked (B)': pack.unpackedSize,
    'unpacked budget (B)': budget?.unpackedBytes ?? '-',
    status: over.length ? 'OVER BUDGET' : budget ? 'ok' : 'NO BUDGET',
  });
}
console.table(rows);
if (problems.length) {
  console.error(`package check FAILED:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else console.log('package check: dependency ranges ok, no private devDependencies, sizes within budget');
