/**
 * The app's own error types and the one place that turns any error into the single line a user sees.
 *
 * Rule of the CLI: a failure prints ONE line on stderr (`timesheet: …`) and exits non-zero — 2 for usage
 * errors (the user can fix the command line), 1 for everything that went wrong at run time. Stack traces
 * only with `--debug`. Messages never contain a token: {@link describeError} redacts every secret the
 * app knows about before anything is printed.
 */

/** Exit code of a successful run. */
export const EXIT_OK = 0;
/** Exit code of a run that failed at run time (network, Tempo refused, file not writable…). */
export const EXIT_RUNTIME = 1;
/** Exit code of a command line the app cannot run (unknown command, bad duration, bad date…). */
export const EXIT_USAGE = 2;
/** Exit code after Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** A command line the app cannot run. The message says what is wrong and, where useful, what would work. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A run-time failure whose message is already written for the user (e.g. "no account id: set TEMPO_ACCOUNT_ID").
 * Use it for conditions the app detects itself; errors from the SDK are mapped by {@link describeError}.
 */
export class AppError extends Error {
  override name = 'AppError';
}

/**
 * The signed-in session cannot be used any more (refresh token expired, revoked or rotated elsewhere).
 * Always tells the user to sign in again.
 */
export class LoginExpiredError extends AppError {
  override name = 'LoginExpiredError';
  constructor(detail?: string) {
    super(`your Tempo login has expired${detail ? ` (${detail})` : ''}; run \`timesheet login\` again`);
  }
}

/** How the app authenticated; it changes the advice given on a 401. */
export type AuthKind = 'demo' | 'api-token' | 'oauth';

/** What {@link describeError} needs to know about the run to phrase a message. */
export interface ErrorContext {
  /** How this run authenticated (changes what a 401 means). */
  auth?: AuthKind;
  /** Strings that must never appear in output (tokens, client secret). */
  secrets?: readonly (string | undefined)[];
}

/** A user-facing description of an error: one line and the exit code. */
export interface DescribedError {
  message: string;
  exitCode: number;
}

/**
 * Maps any thrown value to one line and an exit code.
 *
 * SDK errors are recognised by their `name` (not `instanceof`) so this module stays free of SDK imports and
 * works with errors from any copy of the client in `node_modules`.
 */
export function describeError(error: unknown, context: ErrorContext = {}): DescribedError {
  const { message, exitCode } = describeUnredacted(error, context);
  return { message: redact(oneLine(message), context.secrets ?? []), exitCode };
}

function describeUnredacted(error: unknown, context: ErrorContext): DescribedError {
  if (error instanceof UsageError) return { message: error.message, exitCode: EXIT_USAGE };
  if (error instanceof AppError) return { message: error.message, exitCode: EXIT_RUNTIME };
  if (!(error instanceof Error)) return { message: `unexpected error: ${String(error)}`, exitCode: EXIT_RUNTIME };

  const rawStatus: unknown = (error as { status?: unknown }).status;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const apiMessage = error.message;
  switch (error.name) {
    case 'TempoUsageError':
      // The client refused an argument before sending anything (a path value, an option): the command line's fault.
      return { message: error.message, exitCode: EXIT_USAGE };
    case 'TempoUnauthorizedError':
      return { message: unauthorizedAdvice(context.auth), exitCode: EXIT_RUNTIME };
    case 'TempoForbiddenError':
      return {
        message: `Tempo refused the request (403): ${apiMessage}. Your token may lack the permission or scope for this`,
        exitCode: EXIT_RUNTIME,
      };
    case 'TempoNotFoundError':
      return { message: `not found in Tempo (404): ${apiMessage}`, exitCode: EXIT_RUNTIME };
    case 'TempoBadRequestError':
      return { message: `Tempo rejected the request (400): ${apiMessage}`, exitCode: EXIT_RUNTIME };
    case 'TempoConflictError':
      return { message: `Tempo reported a conflict (409): ${apiMessage}`, exitCode: EXIT_RUNTIME };
    case 'TempoRateLimitError':
      return {
        message: 'Tempo is rate limiting this token (429); wait a minute and try again',
        exitCode: EXIT_RUNTIME,
      };
    case 'TempoServerError':
      return {
        message: `Tempo is having trouble (HTTP ${status ?? '5xx'}) and retries did not help; try again later`,
        exitCode: EXIT_RUNTIME,
      };
    case 'TempoConnectionError':
      return { message: `could not reach Tempo: ${apiMessage}`, exitCode: EXIT_RUNTIME };
    case 'TempoTimeoutError':
      return { message: `Tempo did not answer in time: ${apiMessage}`, exitCode: EXIT_RUNTIME };
    case 'TempoAbortError':
    case 'AbortError':
      // The app aborts a command itself with the reason as an AppError (Tempo unreachable): that is the message.
      if (error.cause instanceof AppError) return describeUnredacted(error.cause, context);
      return { message: 'interrupted', exitCode: EXIT_INTERRUPTED };
  }
  if (error.name.startsWith('Tempo') && status !== undefined) {
    return { message: `Tempo answered HTTP ${status}: ${apiMessage}`, exitCode: EXIT_RUNTIME };
  }
  const oauth = describeOAuthError(error);
  if (oauth) return { message: oauth, exitCode: EXIT_RUNTIME };
  const fsMessage = describeFsError(error);
  if (fsMessage) return { message: fsMessage, exitCode: EXIT_RUNTIME };
  // The client may wrap what the token function threw (e.g. a refused refresh) — look at the cause.
  if (error.cause instanceof Error) {
    const inner = describeUnredacted(error.cause, context);
    if (!inner.message.startsWith('unexpected error')) return inner;
  }
  return { message: `unexpected error: ${apiMessage} (run with --debug for details)`, exitCode: EXIT_RUNTIME };
}

/** Errors of @tempo-sdk/oauth, by name. */
function describeOAuthError(error: Error): string | undefined {
  switch (error.name) {
    case 'ReauthorizationRequiredError':
    case 'InvalidGrantError':
      return new LoginExpiredError().message;
    case 'InvalidClientError':
    case 'UnauthorizedClientError':
      return 'Tempo rejected the OAuth client; check TEMPO_CLIENT_ID and TEMPO_CLIENT_SECRET';
    case 'AuthorizationDeniedError':
      return 'access was not granted in the browser; run `timesheet login` again to retry';
    case 'StateMismatchError':
    case 'MissingCodeError':
    case 'AuthorizationCallbackError':
      return `the browser came back with an unusable answer (${error.message}); run \`timesheet login\` again`;
    case 'LoopbackTimeoutError':
      return 'no answer from the browser in time; run `timesheet login` again';
    case 'LoopbackServerError':
      return `could not listen for the browser's answer: ${error.message}`;
    case 'OAuthConnectionError':
    case 'OAuthTimeoutError':
      return `could not reach Tempo's sign-in service: ${error.message}`;
    case 'TokenPersistError':
    case 'TokenStoreError':
    case 'LockTimeoutError':
      return `cannot use the saved tokens: ${error.message}${error.cause instanceof Error ? ` (${describeFsError(error.cause) ?? error.cause.message})` : ''}`;
  }
  if (isOAuthGrantError(error)) return new LoginExpiredError().message;
  if (error.name.startsWith('OAuth')) return `Tempo's sign-in service refused: ${error.message}`;
  return undefined;
}

function unauthorizedAdvice(auth: AuthKind | undefined): string {
  switch (auth) {
    case 'oauth':
      return new LoginExpiredError('Tempo rejected the access token').message;
    case 'api-token':
      return 'Tempo rejected the API token (401); check TEMPO_API_TOKEN (Tempo > Settings > API integration) and --region/--base-url';
    default:
      return 'Tempo rejected the credentials (401)';
  }
}

/** An OAuth token endpoint refusing a refresh token (`invalid_grant`) means the login is gone. */
function isOAuthGrantError(error: Error): boolean {
  const code = (error as { code?: unknown; error?: unknown }).error ?? (error as { code?: unknown }).code;
  return code === 'invalid_grant' || /invalid_grant/.test(error.message);
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
};

function describeFsError(error: Error): string | undefined {
  const { code, path } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || !path) return undefined;
  const reason = FS_REASONS[code];
  return reason ? `${path}: ${reason}` : undefined;
}

/**
 * The one line for a failed write to stdout (`timesheet week > /dev/full`): Node reports it as an `error`
 * event on the stream, outside any command, so `cli.ts` prints this instead of an uncaught stack trace.
 */
export function describeOutputError(error: unknown): string {
  return `cannot write output: ${fsReason(error)}`;
}

/** Why a file operation failed, in words and without the path (`no space left on device`). */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && FS_REASONS[code]) ?? code ?? (error instanceof Error ? error.message : String(error));
}

/** Collapses a message to one line (API messages can contain newlines). */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Replaces every occurrence of each (non-trivial) secret with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would redact ordinary words; real tokens are long.
    if (secret && secret.length >= 8) out = out.split(secret).join('***');
  }
  // Belt and braces: a bearer header that slipped into a message from elsewhere.
  return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1***');
}
