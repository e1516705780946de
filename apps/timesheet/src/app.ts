/**
 * Parse and dispatch: turns a command line into a command run and any failure into one line and an exit code.
 * `cli.ts` calls it with the real process; tests call it with fake streams.
 */
import type { AppContext } from './context.js';
import { writeLine } from './context.js';
import { runExport } from './commands/export.js';
import { commandHelp, generalHelp } from './commands/help.js';
import { runLog } from './commands/log.js';
import { runJiraLogin, runLogin, runLogout } from './commands/login.js';
import { runSubmit } from './commands/submit.js';
import { runWeek } from './commands/week.js';
import { parseCommandLine, type ParsedCommandLine } from './lib/args.js';
import { explicitAccountId } from './lib/config.js';
import { describeError, EXIT_OK, redact, type ErrorContext } from './lib/errors.js';
import { openSession, type Session } from './lib/session.js';

/** Runs the app for `argv` (without `node` and the script path) and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], ctx: AppContext): Promise<number> {
  // What the error message may mention, filled in as the run learns it (auth kind, secrets to redact).
  const errorContext: ErrorContext & { secrets: string[] } = {
    secrets: [ctx.env.TEMPO_API_TOKEN, ctx.env.TEMPO_CLIENT_SECRET, ctx.env.JIRA_API_TOKEN].filter(
      (s): s is string => !!s,
    ),
  };
  let debug = argv.includes('--debug');
  try {
    const parsed = parseCommandLine(argv);
    debug = parsed.global.debug;
    await dispatch(parsed, ctx, errorContext);
    return EXIT_OK;
  } catch (error) {
    const { message, exitCode } = describeError(error, errorContext);
    writeLine(ctx.stderr, `timesheet: ${message}`);
    if (debug) writeLine(ctx.stderr, redact(stackTrace(error), errorContext.secrets));
    return exitCode;
  }
}

/** The stack of an error and of its causes (for `--debug`). */
function stackTrace(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}

async function dispatch(
  parsed: ParsedCommandLine,
  ctx: AppContext,
  errorContext: ErrorContext & { secrets: string[] },
): Promise<void> {
  const { command, global } = parsed;
  if (global.version) {
    writeLine(ctx.stdout, ctx.version);
    return;
  }
  if (command === undefined || command === 'help' || global.help) {
    const topic = command === 'help' ? parsed.positionals[0] : global.help ? command : undefined;
    const lines = topic ? commandHelp(topic) : generalHelp();
    for (const line of lines) writeLine(ctx.stdout, line);
    return;
  }

  // A malformed account id (`--account-id ..`) is refused before a session, a server or a request exists.
  explicitAccountId(global, ctx.env);

  // Aborted with a one-line explanation when the first request finds no server (see lib/first-contact.ts);
  // commands only ever see the combined signal, so Ctrl-C and this stop them the same way.
  const unreachable = new AbortController();
  const runCtx: AppContext = { ...ctx, signal: AbortSignal.any([ctx.signal, unreachable.signal]) };
  const open = async (): Promise<Session> => {
    const session = await openSession(runCtx, { ...global, onUnreachable: (error) => unreachable.abort(error) });
    errorContext.auth = session.auth;
    // Live view: the OAuth session adds each access token it hands out.
    errorContext.secrets = session.secrets;
    errorContext.secrets.push(
      ...[ctx.env.TEMPO_API_TOKEN, ctx.env.TEMPO_CLIENT_SECRET, ctx.env.JIRA_API_TOKEN].filter((s): s is string => !!s),
    );
    return session;
  };
  const args = { positionals: parsed.positionals, options: parsed.options };
  switch (command) {
    case 'log':
      return runLog(runCtx, args, open);
    case 'week':
      return runWeek(runCtx, args, open);
    case 'submit':
      return runSubmit(runCtx, args, open);
    case 'export':
      return runExport(runCtx, args, open);
    case 'login':
      errorContext.auth = 'oauth';
      if (parsed.options['jira-site'] !== undefined || parsed.options['jira-email'] !== undefined) {
        return runJiraLogin(ctx, {
          ...global,
          site: parsed.options['jira-site'] as string | undefined,
          email: parsed.options['jira-email'] as string | undefined,
        });
      }
      return runLogin(ctx, { ...global, noBrowser: parsed.options['no-browser'] === true });
    case 'logout':
      errorContext.auth = 'oauth';
      return runLogout(ctx, global);
  }
}
