#!/usr/bin/env node
// Runs turbo with the given arguments (see turbo-env.mjs for why not `turbo` directly).
import { spawnSync } from 'node:child_process';
import { turboBin, turboEnv } from './turbo-env.mjs';

const result = spawnSync(process.execPath, [turboBin, ...process.argv.slice(2)], { stdio: 'inherit', env: turboEnv() });
process.exit(result.status ?? 1);
