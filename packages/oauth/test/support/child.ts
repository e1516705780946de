// Runs a fixture script in a child `node` process and collects its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { CHILD_DIST, PACKAGE_DIR } from './global-setup.js';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `test/fixtures/<script>` with the compiled package's location in OAUTH_DIST. */
export function startFixture(
  script: string,
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<ChildResult> } {
  const child = spawn(process.execPath, [join(PACKAGE_DIR, 'test', 'fixtures', script)], {
    env: { ...process.env, ...env, OAUTH_DIST: CHILD_DIST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<ChildResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs a fixture to the end. */
export function runFixture(script: string, env: Record<string, string>): Promise<ChildResult> {
  return startFixture(script, env).done;
}
