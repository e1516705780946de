#!/usr/bin/env node
/**
 * Entry point of the `timesheet` binary: wires the real process (streams, environment, Ctrl-C, browser) into
 * {@link runCli} and sets the exit code. Everything else lives in `app.ts` and the modules it calls.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { runCli } from './app.js';
import { describeError, describeOutputError, EXIT_INTERRUPTED, EXIT_RUNTIME } from './lib/errors.js';
import { removeTempFilesSync } from './lib/temp-files.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// However the process ends, no temp file (`.FILE.<pid>.partial`) stays behind: a command removes its own in a
// `finally`; this catches the ends a `finally` never sees (process.exit below, an uncaught exception).
process.on('exit', removeTempFilesSync);

// Ctrl-C, SIGTERM (kill, a container stopping), SIGHUP (the terminal closed): abort what is in flight, so that
// the command unwinds through its `finally` (an export removes its partial file) and exits 128 + the signal's
// number. A second signal, or a command that does not finish unwinding in time, exits at once.
const controller = new AbortController();
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
let signalled: number | undefined;
for (const [name, number] of Object.entries(SIGNALS)) {
  process.on(name, () => {
    if (signalled !== undefined) process.exit(128 + signalled);
    signalled = number;
    controller.abort(Object.assign(new Error('interrupted'), { name: 'AbortError' }));
    setTimeout(() => process.exit(128 + number), 5000).unref();
  });
}

// A bug must not print a stack trace (which could quote a token) nor skip the cleanup: one line, exit 1, and the
// `exit` handler above removes temp files.
const secrets = [process.env.TEMPO_API_TOKEN, process.env.TEMPO_CLIENT_SECRET];
const crash = (error: unknown): void => {
  const { message } = describeError(error, { secrets });
  process.stderr.write(`timesheet: ${message}\n`);
  process.exit(EXIT_RUNTIME);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// `timesheet export … | head` closes stdout early: stop quietly, as Unix tools do. Any other failure to
// write the data (a full disk: `week > /dev/full`) is one line and exit 1, not an uncaught stack trace; it
// exits at once, since the command cannot deliver its output any more.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`timesheet: ${describeOutputError(error)}\n`);
  process.exit(EXIT_RUNTIME);
});
// A closed stderr (`2>&1 | head`, a terminal gone after SIGHUP) only loses messages: the command goes on (an
// export to --out still completes its file) rather than dying on an unhandled write error.
process.stderr.on('error', () => {});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
  platform: process.platform,
  homedir: homedir(),
  signal: controller.signal,
  openBrowser: async (url) => {
    const { openSystemBrowser } = await import('@tempo-sdk/oauth/node');
    await openSystemBrowser(url);
  },
  version,
});
// Interrupted by SIGTERM or SIGHUP rather than Ctrl-C: say so in the exit code, as shells expect.
if (process.exitCode === EXIT_INTERRUPTED && signalled !== undefined) process.exitCode = 128 + signalled;
