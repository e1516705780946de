// How to start turbo from a script. pnpm puts a *relative* `./node_modules/.bin` first on PATH for scripts;
// turbo would then resolve `pnpm` relative to each package folder and fail to spawn it. Dropping relative PATH
// entries and putting the workspace bin folder (where the pinned pnpm lives) in front makes turbo find the same
// pnpm whether it is started by `corepack pnpm …` or straight from a shell.
import { createRequire } from 'node:module';
import { delimiter, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The turbo CLI's entry script. */
export const turboBin = require.resolve('turbo/bin/turbo');

/** The environment turbo runs in: telemetry off unless asked for, and the PATH fix above. */
export function turboEnv(env = process.env) {
  const workspaceBin = fileURLToPath(new URL('../node_modules/.bin', import.meta.url));
  const inherited = (env.PATH ?? '').split(delimiter).filter((entry) => entry && isAbsolute(entry));
  return { TURBO_TELEMETRY_DISABLED: '1', ...env, PATH: [workspaceBin, ...inherited].join(delimiter) };
}
