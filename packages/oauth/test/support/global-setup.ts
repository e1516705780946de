// Child-process tests run real `node` processes against the package; they import a fresh compile of src made
// here (into .tmp/dist), so they never depend on a stale `dist` or on the build having run first.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHILD_DIST = join(PACKAGE_DIR, '.tmp', 'dist');

export default function setup(): void {
  rmSync(CHILD_DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      'tsconfig.build.json',
      '--outDir',
      CHILD_DIST,
      '--declaration',
      'false',
      '--declarationMap',
      'false',
      '--sourceMap',
      'false',
    ],
    { cwd: PACKAGE_DIR, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`compiling src for child-process tests failed:\n${result.stdout}${result.stderr}`);
}
