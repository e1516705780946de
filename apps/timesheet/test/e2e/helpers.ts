/**
 * Runs the BUILT CLI (`dist/cli.js`) as a child process, the way a user runs it, with a clean environment:
 * no developer credentials or config leak in, and each test gets its own config directory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built entry point. turbo runs `test` after `build`; `global-setup.ts` builds it when run alone. */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What a finished child process left. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fresh directory for config or output files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'timesheet-e2e-'));
}

/** Environment with nothing from the developer's shell but PATH (and a private HOME/config). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = tempDir();
  return { PATH: process.env.PATH ?? '', HOME: home, TEMPO_TIMESHEET_HOME: join(home, 'config'), ...extra };
}

/** Starts `node dist/cli.js …`. */
export function startCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: build the app first (corepack pnpm --filter @tempo-sdk/timesheet build)`);
  return spawn(process.execPath, [CLI, ...args], { env, stdio: 'pipe' });
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return finished(startCli(args, env));
}

/** Resolves with the first match of `pattern` in the child's stderr. */
export function waitForStderr(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer | string): void => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        child.stderr.off('data', onData);
        resolve(match);
      }
    };
    child.stderr.on('data', onData);
    child.once('close', () => reject(new Error(`process exited before printing ${pattern}; stderr:\n${seen}`)));
  });
}
