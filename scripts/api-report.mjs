#!/usr/bin/env node
// The checked public-API reports: `packages/<name>/api/<entry>.api.md`, one per entry of each published package's
// exports map, written by API Extractor from the built .d.ts files. `pnpm api:check` fails when a report differs
// from the built API (a public API change must update its report in the same commit: `pnpm api:update`).
//
// @tempo-sdk/types has no report: its whole API is generated from spec/, and the committed generated files are its
// reviewed, drift-checked record already (a second 500 kB copy would only repeat them).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const root = fileURLToPath(new URL('..', import.meta.url));
const update = process.argv.includes('--update');
/** Packages whose API is generated (see above). */
const GENERATED = new Set(['@tempo-sdk/types']);

/**
 * Every entry to report: the package folder, its name, the entry's .d.ts and the report's file name.
 * @returns {{ dir: string, name: string, subpath: string, dts: string, report: string }[]}
 */
function entries() {
  const found = [];
  for (const folder of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', folder);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.private || GENERATED.has(manifest.name)) continue;
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target !== 'object' || target === null || typeof target.types !== 'string') continue;
      const report = subpath === '.' ? 'index' : subpath.slice(2).replaceAll('/', '-');
      found.push({ dir, name: manifest.name, subpath, dts: join(dir, target.types), report });
    }
  }
  return found;
}

const temp = mkdtempSync(join(tmpdir(), 'api-report-'));
const stale = [];
try {
  for (const entry of entries()) {
    const reportFile = join(entry.dir, 'api', `${entry.report}.api.md`);
    if (update) mkdirSync(join(entry.dir, 'api'), { recursive: true });
    const label = `${entry.name}${entry.subpath === '.' ? '' : entry.subpath.slice(1)} -> ${reportFile.slice(root.length)}`;
    if (!update && !existsSync(reportFile)) {
      stale.push(`${label} (no report yet)`);
      continue;
    }
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: entry.dir,
        mainEntryPointFilePath: entry.dts,
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              module: 'NodeNext',
              moduleResolution: 'NodeNext',
              target: 'ES2022',
              lib: ['ES2023', 'DOM', 'DOM.Iterable'],
              strict: true,
              skipLibCheck: true,
              types: ['node'],
              typeRoots: [join(root, 'node_modules', '@types')],
            },
            files: [entry.dts],
          },
        },
        apiReport: {
          enabled: true,
          reportFolder: join(entry.dir, 'api'),
          reportTempFolder: join(temp, entry.report),
          reportFileName: entry.report,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
          // Release tags (@public/@beta) are not used in this repository: everything exported is public.
          extractorMessageReporting: {
            default: { logLevel: ExtractorLogLevel.None },
            'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        },
      },
      configObjectFullPath: undefined,
      packageJsonFullPath: join(entry.dir, 'package.json'),
    });
    const result = Extractor.invoke(config, {
      localBuild: update,
      messageCallback: (message) => {
        message.handled = message.category === 'Extractor' || message.logLevel === ExtractorLogLevel.None;
      },
    });
    if (!result.succeeded) stale.push(`${label} (API Extractor: ${result.errorCount} errors)`);
    else if (result.apiReportChanged && !update) stale.push(label);
    console.log(
      `api: ${label}: ${!result.succeeded ? 'FAILED' : result.apiReportChanged ? (update ? 'updated' : 'DIFFERS') : 'unchanged'}`,
    );
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
if (stale.length) {
  console.error(
    `public API differs from its checked report (review the change, then run \`corepack pnpm api:update\`):\n  ${stale.join('\n  ')}`,
  );
  process.exitCode = 1;
}
