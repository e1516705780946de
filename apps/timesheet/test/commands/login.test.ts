import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { MOCK_OAUTH_CLIENT } from '@tempo-sdk/msw';
import { FileTokenStore } from '@tempo-sdk/oauth/node';
import { JIRA_HINT } from '../../src/lib/jira.js';
import { describe, expect, it } from 'vitest';
import { NOW, useTempoMock } from '../helpers/mock.js';
import { run, tempConfigDir } from '../helpers/run.js';

/** A consenting user in a browser: opens the authorize URL and follows the mock's redirect to the loopback server. */
async function browser(url: string): Promise<void> {
  const consent = await fetch(url, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = await fetch(consent.headers.get('location')!);
  expect(callback.status).toBe(200);
}

describe('timesheet login / logout', () => {
  const { mock, me } = useTempoMock();
  const oauthEnv = (home: string) => ({
    TEMPO_TIMESHEET_HOME: home,
    TEMPO_CLIENT_ID: MOCK_OAUTH_CLIENT.clientId,
    TEMPO_CLIENT_SECRET: MOCK_OAUTH_CLIENT.clientSecret,
    TEMPO_JIRA_URL: 'https://tempo-mock.atlassian.net',
  });

  it('signs in through the browser, keeps the tokens private, and later commands use them', async () => {
    const home = tempConfigDir();
    const login = await run(['login', '--account-id', me()], { env: oauthEnv(home), now: NOW, openBrowser: browser });
    expect(login.stderr).toMatch(
      /^Open this URL in your browser to sign in to Tempo \(waiting for the redirect\):\nhttps:\/\/api\.tempo\.io\/oauth\/authorize\/redirect\?/,
    );
    expect(login.code).toBe(0);
    expect(login.stdout).toBe(`signed in; tokens saved in ${join(home, 'tokens.json')}\n`);
    expect(mock.oauth.stats.codeExchanges).toBe(1);

    for (const file of ['tokens.json', 'login.json']) expect(statSync(join(home, file)).mode & 0o777).toBe(0o600);
    const issued = mock.oauth.stats.issuedAccessTokens[0]!;
    expect(readFileSync(join(home, 'tokens.json'), 'utf8')).toContain(issued);
    // Nothing printed may contain a token.
    expect(login.stdout + login.stderr).not.toContain(issued);

    // No API token, no client variables: the saved login is enough.
    const week = await run(['week'], { env: { TEMPO_TIMESHEET_HOME: home }, now: NOW });
    expect(week.stderr).toBe(`timesheet: ${JIRA_HINT}\n`); // no Jira credentials: ids, and how to get keys
    expect(week.code).toBe(0);
    expect(week.stdout).toMatch(/^Week 2026-W12/);

    const logout = await run(['logout'], { env: { TEMPO_TIMESHEET_HOME: home }, now: NOW });
    expect(logout).toMatchObject({ code: 0, stdout: 'signed out; tokens revoked and deleted\n' });
    expect(mock.oauth.stats.revokedTokens).toEqual(
      expect.arrayContaining([issued, mock.oauth.stats.issuedRefreshTokens[0]]),
    );
    expect(existsSync(join(home, 'tokens.json'))).toBe(false);
    expect(existsSync(join(home, 'login.json'))).toBe(false);

    expect(mock.oauth.userOf(issued)).toBeUndefined();
  });

  it('refreshes an expired access token by itself and saves the rotated refresh token', async () => {
    const home = tempConfigDir();
    await run(['login', '--account-id', me()], { env: oauthEnv(home), now: NOW, openBrowser: browser });
    const store = new FileTokenStore(join(home, 'tokens.json'));
    const first = (await store.get())!;
    mock.oauth.expire(mock.oauth.stats.issuedAccessTokens[0]!);

    const week = await run(['week'], { env: { TEMPO_TIMESHEET_HOME: home }, now: NOW });
    expect(week.code).toBe(0);
    expect(mock.oauth.stats.refreshes).toBe(1);
    const second = (await store.get())!;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.refreshToken).toBe(mock.oauth.stats.issuedRefreshTokens.at(-1));
  });

  it('says to log in again, in one line, when the login was revoked elsewhere', async () => {
    const home = tempConfigDir();
    await run(['login', '--account-id', me()], { env: oauthEnv(home), now: NOW, openBrowser: browser });
    mock.oauth.revoke(mock.oauth.stats.issuedRefreshTokens[0]!);

    const week = await run(['week'], { env: { TEMPO_TIMESHEET_HOME: home }, now: NOW });
    expect(week.code).toBe(1);
    expect(week.stderr).toBe('timesheet: your Tempo login has expired; run `timesheet login` again\n');
  });

  it('prints the URL and does not open a browser with --no-browser', async () => {
    const home = tempConfigDir();
    const controller = new AbortController();
    const pending = run(['login', '--no-browser'], { env: oauthEnv(home), now: NOW, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 200));
    controller.abort(Object.assign(new Error('interrupted'), { name: 'AbortError' }));
    const result = await pending;
    expect(result.opened).toEqual([]);
    expect(result.stderr).toMatch(
      /\nhttps:\/\/api\.tempo\.io\/oauth\/authorize\/redirect\?client_id=tempo-mock-client&/,
    );
    expect(result.stderr).toMatch(/timesheet: interrupted\n$/);
    expect(result.code).toBe(130);
  });

  it.each([
    [{}, /^timesheet: `timesheet login` needs an OAuth app: set TEMPO_CLIENT_ID and TEMPO_CLIENT_SECRET/],
    [
      { TEMPO_CLIENT_ID: 'x', TEMPO_CLIENT_SECRET: 'y' },
      /^timesheet: `timesheet login` needs your Jira site: set TEMPO_JIRA_URL/,
    ],
    [
      {
        TEMPO_CLIENT_ID: 'x',
        TEMPO_CLIENT_SECRET: 'y',
        TEMPO_JIRA_URL: 'acme',
        TEMPO_REDIRECT_URI: 'https://app.example.com/cb',
      },
      /must be a loopback address/,
    ],
  ])('refuses to start without its settings (%j)', async (env, message) => {
    const result = await run(['login'], { env: { TEMPO_TIMESHEET_HOME: tempConfigDir(), ...env }, now: NOW });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('reports a wrong client secret without printing it', async () => {
    const home = tempConfigDir();
    const secret = 'definitely-the-wrong-secret';
    const result = await run(['login'], {
      env: { ...oauthEnv(home), TEMPO_CLIENT_SECRET: secret },
      now: NOW,
      openBrowser: async (url) => {
        const consent = await fetch(url, { redirect: 'manual' });
        await fetch(consent.headers.get('location')!);
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /timesheet: Tempo rejected the OAuth client; check TEMPO_CLIENT_ID and TEMPO_CLIENT_SECRET\n$/,
    );
    expect(result.stderr).not.toContain(secret);
    expect(existsSync(join(home, 'tokens.json'))).toBe(false);
  });

  it('signing in again revokes the tokens it replaces', async () => {
    const home = tempConfigDir();
    await run(['login'], { env: oauthEnv(home), now: NOW, openBrowser: browser });
    const [firstAccess, firstRefresh] = [
      mock.oauth.stats.issuedAccessTokens[0]!,
      mock.oauth.stats.issuedRefreshTokens[0]!,
    ];
    const again = await run(['login'], { env: oauthEnv(home), now: NOW, openBrowser: browser });
    expect(again.code).toBe(0);
    expect(mock.oauth.stats.revokedTokens).toEqual(expect.arrayContaining([firstAccess, firstRefresh]));
    expect((await new FileTokenStore(join(home, 'tokens.json')).get())!.accessToken).toBe(
      mock.oauth.stats.issuedAccessTokens[1],
    );
    // Without --account-id, login says how to give one.
    expect(again.stderr).toMatch(
      /\nnote: Tempo cannot tell the app your account id; set TEMPO_ACCOUNT_ID or run `timesheet login --account-id ID`\n$/,
    );
  });

  it('writes login.json and tokens.json through symlinks (a dotfile manager links them elsewhere), 0600, links kept', async () => {
    const home = tempConfigDir();
    const store = tempConfigDir();
    for (const file of ['login.json', 'tokens.json']) {
      writeFileSync(join(store, file), '', { mode: 0o644 });
      symlinkSync(join(store, file), join(home, file));
    }
    const login = await run(['login', '--account-id', me()], { env: oauthEnv(home), now: NOW, openBrowser: browser });
    expect(login.code).toBe(0);
    for (const file of ['login.json', 'tokens.json']) {
      expect(lstatSync(join(home, file)).isSymbolicLink()).toBe(true);
      expect(statSync(join(store, file)).mode & 0o777).toBe(0o600);
    }
    expect(JSON.parse(readFileSync(join(store, 'login.json'), 'utf8'))).toMatchObject({ accountId: me() });
    expect(readFileSync(join(store, 'tokens.json'), 'utf8')).toContain(mock.oauth.stats.issuedRefreshTokens[0]!);
    expect(readdirSync(home).sort()).toEqual(['login.json', 'tokens.json']);
    expect(readdirSync(store).filter((f) => f.includes('partial') || f.includes('.tmp'))).toEqual([]);

    // The saved login works through the links; logout deletes the tokens (through the link) and the login link.
    const week = await run(['week'], { env: { TEMPO_TIMESHEET_HOME: home }, now: NOW });
    expect(week.code).toBe(0);
    expect((await run(['logout'], { env: { TEMPO_TIMESHEET_HOME: home }, now: NOW })).code).toBe(0);
    expect(existsSync(join(store, 'tokens.json'))).toBe(false);
    // Signing in again writes through the now dangling tokens link, creating its target.
    expect((await run(['login'], { env: oauthEnv(home), now: NOW, openBrowser: browser })).code).toBe(0);
    expect(lstatSync(join(home, 'tokens.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(store, 'tokens.json'), 'utf8')).toContain(mock.oauth.stats.issuedRefreshTokens.at(-1)!);
  });

  it.each([
    ['login.json', (home: string) => mkdirSync(join(home, 'login.json'))],
    ['tokens.json', (home: string) => symlinkSync('/dev/null', join(home, 'tokens.json'))],
  ])('refuses a %s that cannot hold a file, in one line, replacing nothing', async (file, prepare) => {
    const home = tempConfigDir();
    prepare(home);
    const result = await run(['login'], { env: oauthEnv(home), now: NOW, openBrowser: browser });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(`^timesheet: (cannot (use|write|read) ${join(home, file)}|${join(home, file)}: )`),
    );
    expect(existsSync('/dev/null') && statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  // Issue 12 item 2, the app's side: `GET //[` once made `new URL()` throw outside any handler and killed
  // `timesheet login` with a stack trace. Now each malformed request gets a 4xx and the login goes on.
  it.each([
    ['GET //[ HTTP/1.1'],
    ['GET /callback?code=%E0%A4%A HTTP/1.1'],
    ['GET http://[::1 HTTP/1.1'],
    ['BREW /callback HTTP/1.1'],
  ])(
    'answers a malformed request to its loopback server (%s) with a 4xx, keeps waiting, and signs in',
    async (requestLine) => {
      const home = tempConfigDir();
      const statuses: number[] = [];
      const result = await run(['login', '--account-id', me()], {
        env: oauthEnv(home),
        now: NOW,
        openBrowser: async (url) => {
          const port = Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
          statuses.push(
            await rawStatus(port, `${requestLine}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
          );
          await browser(url);
        },
      });
      expect(statuses).toHaveLength(1);
      expect(statuses[0]).toBeGreaterThanOrEqual(400);
      expect(statuses[0]).toBeLessThan(500);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`signed in; tokens saved in ${join(home, 'tokens.json')}\n`);
    },
  );

  it('logout without a login is a no-op', async () => {
    const result = await run(['logout'], { env: { TEMPO_TIMESHEET_HOME: tempConfigDir() }, now: NOW });
    expect(result).toMatchObject({ code: 0, stdout: 'not signed in; nothing to revoke\n' });
  });
});

/** Sends raw bytes (a request no HTTP client would build) to 127.0.0.1:port and returns the status code answered. */
function rawStatus(port: number, raw: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1];
      if (status) resolve(Number(status));
      else reject(new Error(`no HTTP answer: ${JSON.stringify(answer.slice(0, 200))}`));
    });
  });
}
