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

  const tempo = Object.hasOwn(TEMPO_ERRORS, error.name) ? TEMPO_ERRORS[error.name] : undefined;
  if (tempo) return tempo(error, context);
  if (error.name.startsWith('Tempo') && statusOf(error) !== undefined) {
    return { message: `Tempo answered HTTP ${statusOf(error)}: ${error.message}`, exitCode: EXIT_RUNTIME };
  }
  const oauth = describeOAuthError(error);
  if (oauth) return oauth;
  // An abort is the run's (Ctrl-C, SIGTERM) whichever client was under way: said as one, with its exit code.
  if (error.name === 'JiraAbortError') return describeAbort(error, context);
  if (Object.hasOwn(JIRA_ERRORS, error.name)) return { message: describeJiraError(error), exitCode: EXIT_RUNTIME };
  const fsMessage = describeFsError(error);
  if (fsMessage) return { message: fsMessage, exitCode: EXIT_RUNTIME };
  // The client may wrap what the token function threw (e.g. a refused refresh) — look at the cause.
  if (error.cause instanceof Error) {
    const inner = describeUnredacted(error.cause, context);
    if (!inner.message.startsWith('unexpected error')) return inner;
  }
  return { message: `unexpected error: ${error.message} (run with --debug for details)`, exitCode: EXIT_RUNTIME };
}

function statusOf(error: Error): number | undefined {
  const status: unknown = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/** One error class of an SDK package, described: its line and exit code. */
type Describer = (error: Error, context: ErrorContext) => DescribedError;

const runtime =
  (line: (error: Error) => string): Describer =>
  (error) => ({ message: line(error), exitCode: EXIT_RUNTIME });

/**
 * Every error class `@tempo-sdk/client` exports, by name (a test checks that none is missing). A class the client
 * adds later without a line here falls to the generic lines below, and the test fails.
 */
const TEMPO_ERRORS: Record<string, Describer> = {
  TempoError: runtime((e) => `Tempo request failed: ${e.message}`),
  // The client refused an argument before sending anything (a path value, an option): the command line's fault.
  TempoUsageError: (e) => ({ message: e.message, exitCode: EXIT_USAGE }),
  TempoApiError: runtime((e) => `Tempo answered HTTP ${statusOf(e) ?? '?'}: ${e.message}`),
  TempoUnauthorizedError: (_e, context) => ({ message: unauthorizedAdvice(context.auth), exitCode: EXIT_RUNTIME }),
  TempoForbiddenError: runtime(
    (e) => `Tempo refused the request (403): ${e.message}. Your token may lack the permission or scope for this`,
  ),
  TempoNotFoundError: runtime((e) => `not found in Tempo (404): ${e.message}`),
  TempoBadRequestError: runtime((e) => `Tempo rejected the request (400): ${e.message}`),
  TempoConflictError: runtime((e) => `Tempo reported a conflict (409): ${e.message}`),
  TempoRateLimitError: runtime(() => 'Tempo is rate limiting this token (429); wait a minute and try again'),
  TempoServerError: runtime(
    (e) => `Tempo is having trouble (HTTP ${statusOf(e) ?? '5xx'}) and retries did not help; try again later`,
  ),
  TempoConnectionError: runtime((e) => `could not reach Tempo: ${e.message}`),
  TempoTimeoutError: runtime((e) => `Tempo did not answer in time: ${e.message}`),
  TempoAbortError: describeAbort,
  AbortError: describeAbort,
  TempoResponseTooLargeError: runtime((e) => `Tempo sent an answer too large to read: ${e.message}`),
  TempoInvalidResponseError: runtime((e) => `Tempo sent an answer the app cannot use: ${e.message}`),
  TempoUnsafeLinkError: runtime((e) => `stopped reading pages: ${e.message}`),
  TempoMaxItemsError: runtime((e) => `stopped reading pages: ${e.message}`),
  TempoPaginationError: runtime((e) => `stopped reading pages: ${e.message}`),
};

function describeAbort(error: Error, context: ErrorContext): DescribedError {
  // The app aborts a command itself with the reason as an AppError (Tempo unreachable): that is the message.
  if (error.cause instanceof AppError) return describeUnredacted(error.cause, context);
  return { message: 'interrupted', exitCode: EXIT_INTERRUPTED };
}

const loginExpired = runtime(() => new LoginExpiredError().message);
const callbackUnusable = runtime(
  (e) => `the browser came back with an unusable answer (${e.message}); run \`timesheet login\` again`,
);
const signInRefused = runtime((e) => `Tempo's sign-in service refused: ${e.message}`);
const unreachable = runtime((e) => `could not reach Tempo's sign-in service: ${e.message}`);
const storeUnusable = runtime(
  (e) =>
    `cannot use the saved tokens: ${e.message}${e.cause instanceof Error ? ` (${describeFsError(e.cause) ?? e.cause.message})` : ''}`,
);

/** Every error class `@tempo-sdk/oauth` exports, by name (a test checks that none is missing). */
const OAUTH_ERRORS: Record<string, Describer> = {
  OAuthError: signInRefused,
  // A bad option or argument (a client id, a redirect URI): fixable on the command line or in the environment.
  OAuthUsageError: (e) => ({ message: e.message, exitCode: EXIT_USAGE }),
  OAuthEndpointError: signInRefused,
  ReauthorizationRequiredError: loginExpired,
  InvalidGrantError: loginExpired,
  InvalidClientError: runtime(() => 'Tempo rejected the OAuth client; check TEMPO_CLIENT_ID and TEMPO_CLIENT_SECRET'),
  UnauthorizedClientError: runtime(
    () => 'Tempo rejected the OAuth client; check TEMPO_CLIENT_ID and TEMPO_CLIENT_SECRET',
  ),
  InvalidRequestError: signInRefused,
  UnsupportedGrantTypeError: signInRefused,
  InvalidScopeError: signInRefused,
  UnsupportedTokenTypeError: signInRefused,
  OAuthResponseError: runtime((e) => `Tempo's sign-in service sent an answer the app cannot use: ${e.message}`),
  OAuthResponseTooLargeError: runtime((e) => `Tempo's sign-in service sent an answer too large to read: ${e.message}`),
  OAuthConnectionError: unreachable,
  OAuthTimeoutError: unreachable,
  AuthorizationDeniedError: runtime(
    () => 'access was not granted in the browser; run `timesheet login` again to retry',
  ),
  AuthorizationCallbackError: callbackUnusable,
  StateMismatchError: callbackUnusable,
  MissingCodeError: callbackUnusable,
  LoopbackTimeoutError: runtime(() => 'no answer from the browser in time; run `timesheet login` again'),
  LoopbackServerError: runtime((e) => `could not listen for the browser's answer: ${e.message}`),
  TokenStoreError: storeUnusable,
  TokenPersistError: storeUnusable,
  LockTimeoutError: storeUnusable,
};

/** Errors of @tempo-sdk/oauth, by name; a refused refresh token (`invalid_grant`) in any of them is an expired login. */
function describeOAuthError(error: Error): DescribedError | undefined {
  const known = Object.hasOwn(OAUTH_ERRORS, error.name);
  if ((known || error.name.startsWith('OAuth')) && isOAuthGrantError(error)) return loginExpired(error, {});
  if (known) return (OAUTH_ERRORS[error.name] as Describer)(error, {});
  if (error.name.startsWith('OAuth')) return signInRefused(error, {});
  return undefined;
}

/** Every error class `@tempo-sdk/jira` exports, by name (a test checks that none is missing). */
const JIRA_ERRORS: Record<string, (message: string, error: Error) => string> = {
  JiraError: (m) => `Jira: ${m}`,
  JiraUsageError: (m) => `Jira: ${m}`,
  JiraApiError: (m, e) => `Jira answered HTTP ${statusOf(e) ?? '?'}: ${m}`,
  JiraBadRequestError: (m) => `Jira rejected the request (400): ${m}`,
  JiraUnauthorizedError: () =>
    'Jira refused the credentials (401): check JIRA_EMAIL and JIRA_API_TOKEN (an API token from id.atlassian.com, not a password)',
  JiraForbiddenError: (m) => `Jira refused the request (403): ${m}`,
  JiraNotFoundError: (m) => `not found in Jira (404): ${m}`,
  JiraRateLimitError: () => 'Jira is rate limiting these credentials (429) and retries did not help',
  JiraServerError: (_m, e) => `Jira is having trouble (HTTP ${statusOf(e) ?? '5xx'}) and retries did not help`,
  JiraRequestError: (m) => `Jira request failed: ${m}`,
  JiraConnectionError: (m) => `could not reach Jira: ${m}`,
  JiraTimeoutError: (m) => `could not reach Jira: ${m}`,
  JiraAbortError: () => 'Jira lookup interrupted',
  JiraResponseTooLargeError: (m) => `Jira sent an answer too large to read: ${m}`,
  JiraInvalidResponseError: (m) => `Jira sent an answer the app cannot use: ${m}`,
  JiraIssuesNotFoundError: (m) => m.replace(/^Issue /, 'issue ').replace(/^(\d+) issues /, '$1 issues '),
};

/**
 * One line for a Jira failure (the messages of @tempo-sdk/jira's errors carry no credentials; `secrets` are
 * scrubbed again all the same).
 */
export function describeJiraError(error: unknown, secrets: readonly string[] = []): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const known = Object.hasOwn(JIRA_ERRORS, name) ? JIRA_ERRORS[name] : undefined;
  let line = known
    ? known(message, error as Error)
    : name.startsWith('Jira')
      ? `Jira: ${message}`
      : `Jira lookup failed: ${message}`;
  for (const secret of secrets) if (secret) line = line.split(secret).join('***');
  return line;
}

/** The names of every SDK error class this module has a line for (the test compares them with the packages' exports). */
export const DESCRIBED_ERROR_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(TEMPO_ERRORS),
  ...Object.keys(OAUTH_ERRORS),
  ...Object.keys(JIRA_ERRORS),
]);

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
