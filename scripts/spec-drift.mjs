// @ts-check
// After a spec update: what in the hand-written code no longer matches the regenerated spec. Three kinds, each a
// line a human can act on:
//   compile   a TypeScript error in any package (a type the code uses changed or went away);
//   field     a response field the mock still sends that the spec no longer declares;
//   query     a query parameter the mock still filters on that the spec no longer declares (a renamed filter is
//             otherwise silently ignored, and the filter dropped).
// The last two come from @tempo-sdk/msw's drift test (test/drift.test.ts), which writes what it finds to the file
// named by TEMPO_DRIFT_REPORT: the mock's hand-written resolvers get their query behind a recording Proxy there, so a
// lookup of a name the operation no longer declares is seen even when no request sent it. The spec diff adds
// "renamed?" hints (tools/spec-diff/src/drift-lines.mjs renders the list).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** @typedef {import('../tools/spec-diff/src/drift-lines.mjs').DriftItem} DriftItem */

/** TypeScript's error lines (`src/a.ts(3,7): error TS2339: …`), without turbo's `pkg:task: ` prefix, deduplicated. */
export function compileErrors(/** @type {string} */ output) {
  const found = new Set();
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    const match = /^(?:(@?[\w/.-]+):(?:build|typecheck):\s+)?(\S+\(\d+,\d+\): error TS\d+: .*)$/.exec(line.trim());
    if (match) found.add(match[1] ? `${match[1]}: ${match[2]}` : match[2]);
  }
  return [...found];
}

/**
 * Builds and type-checks every package, then runs the mock's conformance and drift tests.
 * @param {string} root  the repository root
 * @returns {{ items: DriftItem[], mockTested: boolean }}
 */
export function findDrift(root) {
  /** @type {DriftItem[]} */
  const items = [];
  const turbo = (/** @type {string[]} */ ...args) =>
    spawnSync(process.execPath, ['scripts/turbo.mjs', 'run', ...args, '--output-logs=errors-only'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  // The mock's tests run from its sources (vitest compiles without type-checking), so they run even when the mock no
  // longer compiles: a field the spec removed is then a compile error *and* a field the mock still sends, and after
  // the one-line fix of the compile error the second remains. They need the generated package built from the new
  // spec, though; a stale one would test the old spec.
  const types = turbo('build', '--filter=@tempo-sdk/types');
  const all = turbo('build', 'typecheck', '--continue');
  const output = `${types.stdout}\n${types.stderr}\n${all.stdout}\n${all.stderr}`;
  for (const text of compileErrors(output)) items.push({ kind: 'compile', text });
  if (all.status !== 0 && !items.length)
    items.push({ kind: 'compile', text: 'the build failed without a TypeScript error line (see the log above)' });
  if (types.status !== 0) {
    items.push({ kind: 'test', text: "the mock's tests did not run: @tempo-sdk/types does not build" });
    return { items, mockTested: false };
  }

  const dir = mkdtempSync(join(tmpdir(), 'spec-drift-'));
  try {
    const report = join(dir, 'drift.json');
    const results = join(dir, 'results.json');
    const vitest = join(
      dirname(createRequire(join(root, 'packages/msw/package.json')).resolve('vitest/package.json')),
      'vitest.mjs',
    );
    spawnSync(
      process.execPath,
      [
        vitest,
        'run',
        'test/all-operations.test.ts',
        'test/drift.test.ts',
        '--typecheck.enabled=false',
        '--reporter=json',
        `--outputFile=${results}`,
      ],
      {
        cwd: join(root, 'packages/msw'),
        encoding: 'utf8',
        env: { ...process.env, TEMPO_DRIFT_REPORT: report },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    // One JSON object per line: the test's workers append to it side by side.
    if (existsSync(report))
      for (const line of readFileSync(report, 'utf8').split('\n')) if (line.trim()) items.push(JSON.parse(line));
    if (existsSync(results)) {
      const json = JSON.parse(readFileSync(results, 'utf8'));
      for (const file of json.testResults ?? []) {
        if (!String(file.name).endsWith('all-operations.test.ts')) continue;
        for (const test of file.assertionResults ?? []) {
          if (test.status !== 'failed') continue;
          const why = String(test.failureMessages?.[0] ?? '').split('\n')[0];
          items.push({ kind: 'test', text: `${test.title}: ${why}` });
        }
      }
    } else {
      items.push({ kind: 'test', text: "the mock's conformance tests did not run (see packages/msw)" });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { items, mockTested: true };
}
