/**
 * Opens the connection a command works with: decides demo / API token / OAuth (see `config.ts`), starts the
 * built-in mock in demo mode, builds the `@tempo-sdk/client` instance and knows who the user is.
 *
 * This is the one module that wires the SDK packages together:
 * - `@tempo-sdk/client` — `createTempoClient({ token, baseUrl, userAgent, logger })`;
 * - `@tempo-sdk/oauth` — `TokenManager` + `FileTokenStore`: `tokenProvider` is the client's `token` function, so
 *   expired access tokens are refreshed (and rotated refresh tokens saved) without the commands knowing;
 * - `@tempo-sdk/msw/server` — `startTempoMockServer` in demo mode, imported lazily so real runs never load msw;
 * - `@tempo-sdk/jira` — `createJiraLookup` when Jira credentials exist (see `jira.ts`): keys, names, "myself".
 */
import { createTempoClient, type TempoClient, type TempoClientOptions, type TokenContext } from '@tempo-sdk/client';
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { explicitAccountId, resolveCredentials, type Credentials, type GlobalOptions } from './config.js';
import { configPaths, readSavedLogin, tokensFilePath } from './login-files.js';
import { AppError, redact, UsageError, type AuthKind } from './errors.js';
import { localDate } from './dates.js';
import { failFastFetch, type TempoUnreachableError } from './first-contact.js';
import { jiraAccess, jiraAppError, resolveJiraCredentials, type JiraAccess, type JiraCredentials } from './jira.js';
import { readSavedJira } from './login-files.js';

/** The client type the commands use. */
export type Tempo = TempoClient;

/** Client options every session shares. */
type CommonOptions = Pick<TempoClientOptions, 'userAgent' | 'logger' | 'logLevel' | 'fetch'>;

/** An open connection to Tempo (real or mock). */
export interface Session {
  tempo: Tempo;
  auth: AuthKind;
  /** API base URL in use. */
  baseUrl: string;
  /**
   * The user's Atlassian account id: `--account-id` › `TEMPO_ACCOUNT_ID` › Jira's `myself` (with Jira
   * credentials) › the id saved at login › (demo) the mock's user; or an {@link AppError} explaining how to set it.
   */
  accountId(): Promise<string>;
  /** Jira: issue keys, display names (undefined lookup without Jira credentials). */
  jira: JiraAccess;
  /** Values that must never be printed (tokens, client secret). */
  secrets: string[];
  /** Stops the demo server, if any. */
  close(): Promise<void>;
}

/** Options of {@link openSession}. */
export interface SessionOptions extends GlobalOptions {
  debug?: boolean;
  /**
   * Called when the very first request finds no server (refused, unknown host): the caller aborts the command
   * with this error rather than let the client retry for 30 s (see `first-contact.ts`).
   */
  onUnreachable?: (error: TempoUnreachableError) => void;
}

/** Opens a session for a command that talks to Tempo. The caller must `close()` it. */
export async function openSession(ctx: AppContext, options: SessionOptions): Promise<Session> {
  const paths = configPaths(ctx, options);
  const login = await readSavedLogin(paths);
  const credentials = resolveCredentials(options, ctx.env, { tokensFile: paths.tokensFile, login });
  const jiraCredentials =
    credentials.kind === 'demo' ? undefined : resolveJiraCredentials(ctx.env, await readSavedJira(paths));
  const common: CommonOptions = {
    userAgent: `tempo-timesheet/${ctx.version}`,
    ...(options.onUnreachable ? { fetch: failFastFetch(options.onUnreachable) } : {}),
    // Without --debug, retries still get one line each: a CLI that waits 30 s in silence looks hung.
    ...(options.debug
      ? { logger: debugLogger(ctx), logLevel: 'debug' as const }
      : { logger: retryNotices(ctx), logLevel: 'warn' as const }),
  };
  switch (credentials.kind) {
    case 'demo':
      return openDemoSession(ctx, options, credentials, common);
    case 'api-token': {
      const secrets = [credentials.token];
      const jira = await openJira(ctx, jiraCredentials, secrets);
      return {
        tempo: createTempoClient({ ...common, token: credentials.token, baseUrl: credentials.baseUrl }),
        auth: 'api-token',
        baseUrl: credentials.baseUrl,
        accountId: () => accountIdOf(ctx, options, jira, secrets, () => requireAccountId(undefined)),
        jira,
        secrets,
        close: async () => {},
      };
    }
    case 'oauth':
      return openOAuthSession(ctx, options, credentials, common, jiraCredentials);
  }
}

async function openOAuthSession(
  ctx: AppContext,
  options: GlobalOptions,
  credentials: Extract<Credentials, { kind: 'oauth' }>,
  common: CommonOptions,
  jiraCredentials: JiraCredentials | undefined,
): Promise<Session> {
  const { TokenManager } = await import('@tempo-sdk/oauth');
  const { FileTokenStore } = await import('@tempo-sdk/oauth/node');
  const { login } = credentials;
  const clientSecret = ctx.env.TEMPO_CLIENT_SECRET?.trim() || login.clientSecret;
  if (!clientSecret) {
    throw new AppError('the saved login has no client secret; set TEMPO_CLIENT_SECRET or run `timesheet login` again');
  }
  const manager = new TokenManager({
    clientId: ctx.env.TEMPO_CLIENT_ID?.trim() || login.clientId,
    clientSecret,
    tokenHost: login.oauthOrigin,
    ...(login.redirectUri ? { redirectUri: login.redirectUri } : {}),
    store: new FileTokenStore(await tokensFilePath(credentials.tokensFile)),
    logger: { warn: (message: string) => writeLine(ctx.stderr, `timesheet: ${message}`) },
  });
  const secrets = [clientSecret];
  const jira = await openJira(ctx, jiraCredentials, secrets);
  return {
    tempo: createTempoClient({
      ...common,
      baseUrl: credentials.baseUrl,
      // Remember every token handed out so that no message can ever print one.
      token: async (context: TokenContext) => {
        const token = await manager.tokenProvider(context);
        secrets.push(token);
        return token;
      },
    }),
    auth: 'oauth',
    baseUrl: credentials.baseUrl,
    accountId: () =>
      accountIdOf(ctx, options, jira, secrets, () => requireAccountId(explicitAccountId(options, ctx.env, login))),
    jira,
    secrets,
    close: async () => {},
  };
}

async function openDemoSession(
  ctx: AppContext,
  options: GlobalOptions,
  credentials: Extract<Credentials, { kind: 'demo' }>,
  common: CommonOptions,
): Promise<Session> {
  // Lazy: msw and the mock's data only load in demo mode.
  const { startTempoMockServer } = await import('@tempo-sdk/msw/server');
  const { MOCK_API_TOKEN } = await import('@tempo-sdk/msw');
  const server = await startTempoMockServer({ host: '127.0.0.1', port: 0, today: localDate(ctx.now()) });
  const why = credentials.reason === 'forced' ? '--demo given' : 'no Tempo credentials found';
  writeLine(
    ctx.stderr,
    `demo mode: ${why}; using the built-in mock Tempo at ${server.baseUrl} (and its Jira at ${server.jiraUrl})`,
  );
  // The mock's Jira serves the same users and issues as its Tempo: demo mode shows keys and names.
  const secrets: string[] = [];
  const jira = await openJira(ctx, { site: server.jiraUrl, ...server.mock.jira.credentials }, secrets);
  return {
    tempo: createTempoClient({ ...common, token: MOCK_API_TOKEN, baseUrl: server.baseUrl }),
    auth: 'demo',
    baseUrl: server.baseUrl,
    accountId: () => accountIdOf(ctx, options, jira, secrets, () => demoUser(server.mock)),
    jira,
    secrets,
    close: () => server.close(),
  };
}

/**
 * The user the mock acts for on `MOCK_API_TOKEN`: its "current user", which is the first user of its data when
 * no `currentUser` option is given (the mock has no "who am I" endpoint, just like Tempo).
 */
function demoUser(mock: { db: { users: { all(): readonly { accountId: string }[] } } }): string {
  const user = mock.db.users.all()[0];
  if (!user) throw new AppError('the demo data has no users');
  return user.accountId;
}

function requireAccountId(accountId: string | undefined): string {
  if (accountId) return accountId;
  throw new AppError(
    'Tempo\'s API v4 cannot say who you are (it has no "myself" endpoint): set JIRA_SITE, JIRA_EMAIL and JIRA_API_TOKEN so ' +
      'the app can ask Jira, or set TEMPO_ACCOUNT_ID or pass --account-id (your Atlassian account id, e.g. from your Jira ' +
      'profile URL), or run `timesheet login --account-id ID` once',
  );
}

/**
 * The account id: an explicit one (`--account-id`, `TEMPO_ACCOUNT_ID`) wins; then Jira's `myself` when Jira is
 * configured (a Jira failure stops the command: no worklog may be written or read for a guessed user); then
 * `fallback` (the saved login's id, the demo user, or an error saying how to set one).
 */
async function accountIdOf(
  ctx: AppContext,
  options: GlobalOptions,
  jira: JiraAccess,
  secrets: readonly string[],
  fallback: () => string,
): Promise<string> {
  const explicit = explicitAccountId(options, ctx.env);
  if (explicit) return explicit;
  if (jira.lookup) {
    try {
      return (await jira.lookup.me({ signal: ctx.signal })).accountId;
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      throw jiraAppError(error, secrets);
    }
  }
  return fallback();
}

/**
 * Jira for this run: a lookup over `credentials` (loaded only then), or none. The API token and the basic-auth
 * string made from it join `secrets`, so no message can print them.
 */
async function openJira(
  ctx: AppContext,
  credentials: JiraCredentials | undefined,
  secrets: string[],
): Promise<JiraAccess> {
  if (!credentials) return jiraAccess(ctx, undefined, secrets);
  const { createJiraClient, createJiraLookup, JiraUsageError } = await import('@tempo-sdk/jira');
  secrets.push(credentials.apiToken, Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64'));
  try {
    const client = createJiraClient({
      site: credentials.site,
      email: credentials.email,
      apiToken: credentials.apiToken,
      userAgent: `tempo-timesheet/${ctx.version}`,
      logger: retryNotices(ctx),
      logLevel: 'warn',
    });
    return jiraAccess(ctx, createJiraLookup(client), secrets);
  } catch (error) {
    if (error instanceof JiraUsageError)
      throw new UsageError(`bad Jira settings (JIRA_SITE, JIRA_EMAIL, JIRA_API_TOKEN or jira.json): ${error.message}`);
    throw error;
  }
}

/** `--debug`: one line per request on stderr, with anything token-like redacted. */
const RETRY_REASONS: Record<string, string> = { TempoConnectionError: 'no connection', TempoTimeoutError: 'timed out' };

/** The client's warnings (one per retry: why, and how long until the next try), already redacted by the client. */
function retryNotices(ctx: AppContext) {
  return {
    warn: (message: string, details?: Record<string, unknown>) => {
      const reason = details?.reason;
      const why = typeof reason === 'number' ? `HTTP ${reason}` : (RETRY_REASONS[String(reason)] ?? reason);
      const text = `${message.charAt(0).toLowerCase()}${message.slice(1)}`;
      writeLine(ctx.stderr, `timesheet: ${why ? `${String(why)}; ` : ''}${text}`);
    },
  };
}

function debugLogger(ctx: AppContext) {
  const log =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      writeLine(
        ctx.stderr,
        redact(`[${level}] ${message}${rest.length ? ` ${rest.map((r) => safeJson(r)).join(' ')}` : ''}`, []),
      );
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function safeJson(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}
