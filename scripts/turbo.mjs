#!/usr/bin/env node
// Runs turbo with the given arguments. pnpm puts a *relative* `./node_modules/.bin` first on PATH for
// scripts; turbo would then resolve `pnpm` relative to each package folder and fail to spawn it. Dropping
// relative PATH entries and putting the workspace bin folder (where the pinned pnpm lives) in front makes
// turbo find the same pnpm whether it is started by `corepack pnpm …` or straight from a shell.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { delimiter, isAbsolute } from 'node:path';

const require = createRequire(import.meta.url);
const turbo = require.resolve('turbo/bin/turbo');
const workspaceBin = fileURLToPath(new URL('../node_modules/.bin', import.meta.url));
const inherited = (process.env.PATH ?? '').split(delimiter).filter((entry) => entry && isAbsolute(entry));
const PATH = [workspaceBin, ...inherited].join(delimiter);
const result = spawnSync(process.execPath, [turbo, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env, PATH },
});
process.exit(result.status ?? 1);
