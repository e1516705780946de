/**
 * `timesheet login` and `timesheet logout`.
 *
 * login: the OAuth 2.0 authorization-code flow for a native app (`loopbackLogin` from `@tempo-sdk/oauth/node`):
 * a one-shot server on 127.0.0.1 receives the browser's redirect, the code is exchanged, and the tokens are
 * written by `FileTokenStore` (mode 0600). Next to them, `login.json` (also 0600) keeps what later runs need to
 * refresh: client id/secret, OAuth origin, API base URL and the account id if given.
 *
 * logout: revokes the refresh token and the access token at Tempo (`TokenManager.revoke`), then deletes both files.
 */
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { explicitAccountId, resolveOAuthSettings, type GlobalOptions, type SavedLogin } from '../lib/config.js';
import { AppError, UsageError } from '../lib/errors.js';
import { configPaths, readSavedLogin, tokensFilePath, type ConfigPaths } from '../lib/login-files.js';
import { writeFileAtomically } from '../lib/output-file.js';
import type { TokenSet, TokenStore } from '@tempo-sdk/oauth';
import { jiraAppError } from '../lib/jira.js';

/** Where the loopback server listens, from `TEMPO_REDIRECT_URI` when the Tempo app has a fixed one. */
export function loopbackAddress(redirectUri: string | undefined): {
  host?: '127.0.0.1' | '::1';
  port?: number;
  callbackPath?: string;
} {
  if (!redirectUri) return {};
  const url = new URL(redirectUri);
  const host = url.hostname === '[::1]' ? '::1' : url.hostname;
  if (url.protocol !== 'http:' || (host !== '127.0.0.1' && host !== '::1')) {
    throw new UsageError(
      `TEMPO_REDIRECT_URI must be a loopback address like http://127.0.0.1:8976/callback (got ${url.origin}); the CLI receives the redirect itself`,
    );
  }
  return { host, ...(url.port ? { port: Number(url.port) } : {}), callbackPath: url.pathname || '/' };
}

/** Runs `login`. */
export async function runLogin(ctx: AppContext, options: GlobalOptions & { noBrowser: boolean }): Promise<void> {
  const settings = resolveOAuthSettings(options, ctx.env);
  if (!settings.jiraUrl) {
    throw new UsageError(
      '`timesheet login` needs your Jira site: set TEMPO_JIRA_URL (e.g. https://acme.atlassian.net)',
    );
  }
  const address = loopbackAddress(settings.redirectUri);
  const accountId = explicitAccountId(options, ctx.env);
  const paths = configPaths(ctx, options);
  const { loopbackLogin, FileTokenStore } = await import('@tempo-sdk/oauth/node');
  const store = new FileTokenStore(await tokensFilePath(paths.tokensFile));
  const previous = await previousLogin(paths, store);

  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await loopbackLogin({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    tokenHost: settings.oauthOrigin,
    authorizeHost: settings.oauthOrigin,
    jiraUrl: settings.jiraUrl,
    ...address,
    store,
    signal: ctx.signal,
    onAuthorizeUrl: (url) => {
      writeLine(ctx.stderr, 'Open this URL in your browser to sign in to Tempo (waiting for the redirect):');
      writeLine(ctx.stderr, url);
    },
    ...(options.noBrowser ? {} : { openBrowser: ctx.openBrowser }),
  });

  const login: SavedLogin = {
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    oauthOrigin: settings.oauthOrigin,
    baseUrl: settings.baseUrl,
    ...(settings.redirectUri ? { redirectUri: settings.redirectUri } : {}),
    ...(accountId ? { accountId } : {}),
  };
  await writePrivateFile(paths.loginFile, `${JSON.stringify(login, null, 2)}\n`);
  // Signing in again replaces the saved tokens: revoke the old ones rather than leave them valid at Tempo.
  if (previous) await revokeQuietly(previous);
  writeLine(ctx.stdout, `signed in; tokens saved in ${paths.tokensFile}`);
  if (!accountId) {
    writeLine(
      ctx.stderr,
      'note: Tempo cannot tell the app your account id; set TEMPO_ACCOUNT_ID or run `timesheet login --account-id ID`',
    );
  }
}

interface PreviousLogin {
  login: SavedLogin;
  tokens: TokenSet;
}

/** The login being replaced, if a complete one exists (a damaged one is simply overwritten). */
async function previousLogin(paths: ConfigPaths, store: TokenStore): Promise<PreviousLogin | undefined> {
  try {
    const login = await readSavedLogin(paths);
    const tokens = login ? await store.get() : undefined;
    return login && tokens ? { login, tokens } : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: the new login already works, so a failure here must not fail the command. */
async function revokeQuietly({ login, tokens }: PreviousLogin): Promise<void> {
  if (!login.clientSecret) return;
  const { revokeToken } = await import('@tempo-sdk/oauth');
  const client = { clientId: login.clientId, clientSecret: login.clientSecret, tokenHost: login.oauthOrigin };
  await revokeToken({ ...client, token: tokens.refreshToken, tokenTypeHint: 'refresh_token' }).catch(() => undefined);
  await revokeToken({ ...client, token: tokens.accessToken, tokenTypeHint: 'access_token' }).catch(() => undefined);
}

/** Runs `logout`. */
export async function runLogout(ctx: AppContext, options: GlobalOptions): Promise<void> {
  const paths = configPaths(ctx, options);
  const login = await readSavedLogin(paths);
  const clientSecret = ctx.env.TEMPO_CLIENT_SECRET?.trim() || login?.clientSecret;
  if (login && !clientSecret) {
    throw new AppError('revoking needs the client secret: set TEMPO_CLIENT_SECRET and run `timesheet logout` again');
  }
  if (!login || !clientSecret) {
    await rm(paths.tokensFile, { force: true });
    writeLine(ctx.stdout, 'not signed in; nothing to revoke');
    return;
  }
  const { TokenManager } = await import('@tempo-sdk/oauth');
  const { FileTokenStore } = await import('@tempo-sdk/oauth/node');
  const manager = new TokenManager({
    clientId: ctx.env.TEMPO_CLIENT_ID?.trim() || login.clientId,
    clientSecret,
    tokenHost: login.oauthOrigin,
    store: new FileTokenStore(await tokensFilePath(paths.tokensFile)),
    logger: { warn: (message: string) => writeLine(ctx.stderr, `timesheet: ${message}`) },
  });
  // Revokes the refresh token, then the access token, then deletes the token file. If Tempo cannot be reached
  // this throws and nothing is deleted, so the user can retry rather than leave live tokens behind.
  await manager.revoke({ signal: ctx.signal });
  await rm(paths.loginFile, { force: true });
  writeLine(ctx.stdout, 'signed out; tokens revoked and deleted');
}

/** Writes a file only the owner can read (the umask cannot widen it), atomically and through a symlink. */
async function writePrivateFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomically(path, text, 0o600);
}

/**
 * `timesheet login --jira-site SITE --jira-email EMAIL`: checks the Jira credentials (`GET /rest/api/3/myself`)
 * and saves them in `jira.json` (mode 0600, like the Tempo tokens). The API token is read from `JIRA_API_TOKEN`,
 * never from the command line, where other users of the machine could see it; it is never printed.
 */
export async function runJiraLogin(
  ctx: AppContext,
  options: GlobalOptions & { site: string | undefined; email: string | undefined },
): Promise<void> {
  if (!options.site?.trim())
    throw new UsageError('--jira-email needs --jira-site (your Jira site, e.g. acme or acme.atlassian.net)');
  if (!options.email?.trim())
    throw new UsageError('--jira-site needs --jira-email (the email address of your Atlassian account)');
  const apiToken = ctx.env.JIRA_API_TOKEN?.trim();
  if (!apiToken)
    throw new UsageError(
      'set JIRA_API_TOKEN to your Jira API token (id.atlassian.com › Security › API tokens); it is not taken on the command line',
    );
  const credentials = { site: options.site.trim(), email: options.email.trim(), apiToken };
  const secrets = [apiToken, Buffer.from(`${credentials.email}:${apiToken}`).toString('base64')];
  const { createJiraClient, createJiraLookup, JiraUsageError } = await import('@tempo-sdk/jira');
  let me;
  try {
    me = await createJiraLookup(createJiraClient({ ...credentials, userAgent: `tempo-timesheet/${ctx.version}` })).me({
      signal: ctx.signal,
    });
  } catch (error) {
    if (error instanceof JiraUsageError) throw new UsageError(`bad Jira settings: ${error.message}`);
    if (ctx.signal.aborted) throw error;
    throw jiraAppError(error, secrets);
  }
  const paths = configPaths(ctx, options);
  await writePrivateFile(paths.jiraFile, `${JSON.stringify(credentials, null, 2)}\n`);
  writeLine(
    ctx.stdout,
    `Jira credentials saved for ${me.displayName} (${me.accountId}) in ${paths.jiraFile} (mode 0600)`,
  );
}
