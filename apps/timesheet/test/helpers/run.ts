/**
 * Runs the app in-process with captured streams, a fixed clock and a private config directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/app.js';
import type { AppContext } from '../../src/context.js';
import type { Env } from '../../src/lib/config.js';

/** Output of one in-process run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Browser URLs the app asked to open. */
  opened: string[];
}

/** A captured output stream; `isTTY` settable to exercise terminal-only output. */
export function captureStream(isTTY = false): {
  stream: PassThrough & { isTTY?: boolean; columns?: number };
  text: () => string;
} {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A fresh, empty config directory (so no developer's real login leaks into a test). */
export function tempConfigDir(): string {
  return mkdtempSync(join(tmpdir(), 'timesheet-test-'));
}

/** Options of {@link run}. */
export interface RunOptions {
  env?: Env;
  /** The app's "now" (default: 2026-03-18 10:00 local, the mock's fixed today). */
  now?: Date;
  stderrIsTTY?: boolean;
  /** Plays a terminal on stdout (the default is a pipe). */
  stdoutIsTTY?: boolean;
  signal?: AbortSignal;
  /** Sees each chunk of stdout as it is written. */
  onStdout?: (chunk: string) => void;
  /** Sees each chunk of stderr as it is written. */
  onStderr?: (chunk: string) => void;
  /** Called synchronously inside every `write` to stdout or stderr, so the order across both is exact. */
  onWrite?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  /** Plays the browser for `timesheet login` (default: only records the URL). */
  openBrowser?: (url: string) => Promise<void>;
}

/** Runs `timesheet <argv>` in-process. */
export async function run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const out = captureStream(options.stdoutIsTTY ?? false);
  const err = captureStream(options.stderrIsTTY ?? false);
  if (options.onStdout) out.stream.on('data', (chunk: Buffer) => options.onStdout!(chunk.toString('utf8')));
  if (options.onStderr) err.stream.on('data', (chunk: Buffer) => options.onStderr!(chunk.toString('utf8')));
  if (options.onWrite) {
    for (const [name, { stream }] of [
      ['stdout', out],
      ['stderr', err],
    ] as const) {
      const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        options.onWrite!(name, String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write;
    }
  }
  const opened: string[] = [];
  const ctx: AppContext = {
    stdout: out.stream,
    stderr: err.stream,
    env: { TEMPO_TIMESHEET_HOME: tempConfigDir(), ...options.env },
    now: () => options.now ?? new Date(2026, 2, 18, 10, 0),
    platform: process.platform,
    homedir: tempConfigDir(),
    signal: options.signal ?? new AbortController().signal,
    openBrowser: async (url) => {
      opened.push(url);
      await options.openBrowser?.(url);
    },
    version: '0.0.0-test',
  };
  const code = await runCli(argv, ctx);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.text(), stderr: err.text(), opened };
}
