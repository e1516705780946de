#!/usr/bin/env node
/**
 * Entry point of the `timesheet` binary: wires the real process (streams, environment, Ctrl-C, browser) into
 * {@link runCli} and sets the exit code. Everything else lives in `app.ts` and the modules it calls.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { runCli } from './app.js';
import { describeOutputError, EXIT_INTERRUPTED, EXIT_RUNTIME } from './lib/errors.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

// Ctrl-C: abort requests in flight (an export removes its partial file); a second Ctrl-C exits at once.
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort(Object.assign(new Error('interrupted'), { name: 'AbortError' }));
  process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
});

// `timesheet export … | head` closes stdout early: stop quietly, as Unix tools do. Any other failure to
// write the data (a full disk: `week > /dev/full`) is one line and exit 1, not an uncaught stack trace; it
// exits at once, since the command cannot deliver its output any more.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`timesheet: ${describeOutputError(error)}\n`);
  process.exit(EXIT_RUNTIME);
});

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
