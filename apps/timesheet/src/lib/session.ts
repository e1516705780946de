/**
 * Opens the connection a command works with: decides demo / API token / OAuth (see `config.ts`), starts the
 * built-in mock in demo mode, builds the `@tempo-sdk/client` instance and knows who the user is.
 *
 * This is the one module that wires the SDK packages together:
 * - `@tempo-sdk/client` — `createTempoClient({ token, baseUrl, userAgent, logger })`;
 * - `@tempo-sdk/oauth` — `TokenManager` + `FileTokenStore`: `tokenProvider` is the client's `token` function, so
 *   expired access tokens are refreshed (and rotated refresh tokens saved) without the commands knowing;
 * - `@tempo-sdk/msw/server` — `startTempoMockServer` in demo mode, imported lazily so real runs never load msw.
 */
import { createTempoClient, type TempoClient, type TempoClientOptions, type TokenContext } from '@tempo-sdk/client';
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { explicitAccountId, resolveCredentials, type Credentials, type GlobalOptions } from './config.js';
import { configPaths, readSavedLogin, tokensFilePath } from './login-files.js';
import { AppError, redact, type AuthKind } from './errors.js';
import { localDate } from './dates.js';
import { failFastFetch, type TempoUnreachableError } from './first-contact.js';

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
  /** The user's Atlassian account id, or an {@link AppError} explaining how to set it. */
  accountId(): Promise<string>;
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
  const common: CommonOptions = {
    userAgent: `tempo-timesheet/${ctx.version}`,
    ...(options.onUnreachable ? { fetch: failFastFetch(options.onUnreachable) } : {}),
    // Without --debug, retries still get one line each: a CLI that waits 30 s in silence looks hung.
    ...(options.debug ? { logger: debugLogger(ctx), logLevel: 'debug' as const } : { logger: retryNotices(ctx), logLevel: 'warn' as const }),
  };
  switch (credentials.kind) {
    case 'demo':
      return openDemoSession(ctx, options, credentials, common);
    case 'api-token':
      return {
        tempo: createTempoClient({ ...common, token: credentials.token, baseUrl: credentials.baseUrl }),
        auth: 'api-token',
        baseUrl: credentials.baseUrl,
        accountId: async () => requireAccountId(explicitAccountId(options, ctx.env)),
        secrets: [credentials.token],
        close: async () => {},
      };
    case 'oauth':
      return openOAuthSession(ctx, options, credentials, common);
  }
}

async function openOAuthSession(
  ctx: AppContext,
  options: GlobalOptions,
  credentials: Extract<Credentials, { kind: 'oauth' }>,
  common: CommonOptions,
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
    accountId: async () => requireAccountId(explicitAccountId(options, ctx.env, login)),
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
  writeLine(ctx.stderr, `demo mode: ${why}; using the built-in mock Tempo at ${server.baseUrl}`);
  return {
    tempo: createTempoClient({ ...common, token: MOCK_API_TOKEN, baseUrl: server.baseUrl }),
    auth: 'demo',
    baseUrl: server.baseUrl,
    accountId: async () => explicitAccountId(options, ctx.env) ?? demoUser(server.mock),
    secrets: [],
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
    "Tempo's API v4 cannot say who you are (it has no \"myself\" endpoint): set TEMPO_ACCOUNT_ID or pass --account-id " +
      '(your Atlassian account id, e.g. from your Jira profile URL), or run `timesheet login --account-id ID` once',
  );
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
  const log = (level: string) => (message: string, ...rest: unknown[]) =>
    writeLine(ctx.stderr, redact(`[${level}] ${message}${rest.length ? ` ${rest.map((r) => safeJson(r)).join(' ')}` : ''}`, []));
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function safeJson(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}
