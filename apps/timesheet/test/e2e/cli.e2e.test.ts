/**
 * End to end: the built `timesheet` binary in a child process against the standalone mock server
 * (`startTempoMockServer`), over real HTTP — token auth, OAuth login with the loopback redirect, pagination,
 * exit codes, signals.
 */
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { MOCK_API_TOKEN, MOCK_OAUTH_CLIENT } from '@tempo-sdk/msw';
import { startTempoMockServer, type TempoMockServer } from '@tempo-sdk/msw/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoWeek, isoWeekOf, localDate } from '../../src/lib/dates.js';
import { CLI, cleanEnv, finished, runCli, startCli, tempDir, waitForStderr } from './helpers.js';

const TODAY = '2026-03-18';

describe('timesheet (built CLI) against the standalone mock', () => {
  let server: TempoMockServer;
  let me: string;
  /** The standalone mock's Jira (keys and names on), as a user sets it: site, email, API token. */
  const jiraVars = () => ({
    JIRA_SITE: server.jiraUrl,
    JIRA_EMAIL: server.mock.jira.credentials.email,
    JIRA_API_TOKEN: server.mock.jira.credentials.apiToken,
  });
  const tokenEnv = (extra: Record<string, string> = {}) =>
    cleanEnv({
      TEMPO_BASE_URL: server.baseUrl,
      TEMPO_API_TOKEN: MOCK_API_TOKEN,
      TEMPO_ACCOUNT_ID: me,
      ...jiraVars(),
      ...extra,
    });

  beforeAll(async () => {
    server = await startTempoMockServer({ host: '127.0.0.1', port: 0, seed: 1, today: TODAY });
    me = server.mock.db.users.all()[0]!.accountId;
  });
  afterEach(() => server.mock.reset());
  afterAll(() => server.close());

  it('demo mode: with no credentials, `week` starts its own mock and prints the current week', async () => {
    const result = await runCli(['week'], cleanEnv());
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^demo mode: no Tempo credentials found; using the built-in mock Tempo at http:\/\/127\.0\.0\.1:\d+\/4 \(and its Jira at http:\/\/127\.0\.0\.1:\d+\/jira\)\n$/,
    );
    const week = isoWeekOf(localDate());
    expect(result.stdout.split('\n')[0]).toBe(`Week ${formatIsoWeek(week)}: Mon ${week.start} to Sun ${week.end}`);
    expect(result.stdout).toMatch(/\nIssue +Mon \d\d +Tue \d\d .* Total\n/);
    expect(result.stdout).toMatch(/\nRequired +/);
  });

  it('demo mode shows keys (issue #11): week lists issue keys, log SUP-1 30m logs on it, export has issueKey', async () => {
    // Demo data fills the weeks up to the real today: last week is always full.
    const week = await runCli(
      ['week', '--date', new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)],
      cleanEnv(),
    );
    expect(week.code).toBe(0);
    expect(week.stdout).toMatch(/\n(SUP|WEB|INT)-\d+ \S/);
    const log = await runCli(['log', 'SUP-1', '30m'], cleanEnv());
    expect(log.code).toBe(0);
    expect(log.stdout).toMatch(/^worklog \d+ created: 30m on SUP-1 \(issue \d+\)/);
    const csv = await runCli(
      [
        'export',
        '--from',
        new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10),
        '--to',
        new Date().toISOString().slice(0, 10),
      ],
      cleanEnv(),
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]!.split(',')).toEqual(expect.arrayContaining(['issueKey', 'authorDisplayName']));
    expect(csv.stdout.split('\r\n')[1]!.split(',')[2]).toMatch(/^[A-Z]+-\d+$/);
  });

  it('--base-url + TEMPO_API_TOKEN: reads the week from the given server', async () => {
    const env = cleanEnv({ TEMPO_API_TOKEN: MOCK_API_TOKEN, TEMPO_ACCOUNT_ID: me, ...jiraVars() });
    const result = await runCli(['week', '--date', TODAY, '--base-url', server.baseUrl], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const worklogs = server.mock.db.worklogs.filter(
      (w) => w.author.accountId === me && w.startDate >= '2026-03-16' && w.startDate <= '2026-03-22',
    );
    expect(result.stdout).toContain(`(${worklogs.length} worklogs)`);
  });

  it('log: creates the worklog on the server and prints its id', async () => {
    const issueId = server.mock.db.issues.all()[0]!.id;
    const result = await runCli(
      ['log', String(issueId), '1h30m', '--date', TODAY, '--start', '09:30', '-m', 'e2e'],
      tokenEnv(),
    );
    expect(result.code).toBe(0);
    const id = Number(/^worklog (\d+) created/.exec(result.stdout)?.[1]);
    expect(server.mock.db.worklogs.get(id)).toMatchObject({
      startTime: '09:30:00',
      timeSpentSeconds: 5400,
      description: 'e2e',
    });
  });

  it('export: a range spanning several pages comes out complete (lines = worklogs in range)', async () => {
    const from = '2026-02-19';
    const to = TODAY;
    const expected = server.mock.db.worklogs.filter(
      (w) => w.author.accountId === me && w.startDate >= from && w.startDate <= to,
    ).length;
    expect(expected).toBeGreaterThan(3 * 8);
    const csv = await runCli(['export', '--from', from, '--to', to, '--page-size', '8'], tokenEnv());
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').filter(Boolean)).toHaveLength(expected + 1);

    const ndjson = await runCli(
      ['export', '--from', from, '--to', to, '--page-size', '8', '--format', 'ndjson'],
      tokenEnv(),
    );
    const ids = ndjson.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { tempoWorklogId: number }).tempoWorklogId);
    expect(new Set(ids).size).toBe(expected);
    expect(ndjson.stderr).toBe(''); // stderr is a pipe: no progress bar
  });

  it.each([
    [['frobnicate'], 2, /^timesheet: unknown command "frobnicate"; run `timesheet help` for the list\n$/],
    [['log', '10001', '1x'], 2, /^timesheet: bad duration "1x"; use e\.g\. 1h30m, 90m, 1\.5h or 2h\n$/],
    [['week', '--date', '2026-13-01'], 2, /^timesheet: bad --date "2026-13-01": no such day in the calendar\n$/],
    [
      ['export', '--from', '2026-03-10', '--to', '2026-03-01'],
      2,
      /^timesheet: --from 2026-03-10 is after --to 2026-03-01\n$/,
    ],
    [
      ['log', '99999999', '1h'],
      1,
      /^timesheet: Tempo rejected the request \(400\): Issue with id 99999999 does not exist\n$/,
    ],
  ])('%j exits %i with one line on stderr', async (args, code, message) => {
    const result = await runCli(args, tokenEnv());
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('a base URL where nothing listens: one line and exit 1 at once, no retries (issue 15 §7)', async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const result = await runCli(['week'], tokenEnv({ TEMPO_BASE_URL: `http://127.0.0.1:${port}/4` }));
    expect(result.stderr).toBe(
      `timesheet: cannot connect to Tempo at http://127.0.0.1:${port} (connection refused); check --base-url, TEMPO_BASE_URL or --region, and your network\n`,
    );
    expect(result.code).toBe(1);
  });

  it('a rejected token: exit 1, one line, the token never printed', async () => {
    const token = 'tempo-e2e-wrong-token-0123456789';
    const result = await runCli(['week'], tokenEnv({ TEMPO_API_TOKEN: token }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^timesheet: Tempo rejected the API token \(401\)[^\n]*\n$/);
    expect(result.stderr + result.stdout).not.toContain(token);
  });

  /** Runs `timesheet login` as a child and plays the browser: reads the URL, lets the mock consent, follows the 302. */
  async function loginViaBrowser() {
    const env = cleanEnv({
      TEMPO_BASE_URL: server.baseUrl, // OAuth lives on the same origin as the API here
      TEMPO_CLIENT_ID: MOCK_OAUTH_CLIENT.clientId,
      TEMPO_CLIENT_SECRET: MOCK_OAUTH_CLIENT.clientSecret,
      TEMPO_JIRA_URL: 'https://tempo-mock.atlassian.net',
    });
    const child = startCli(['login', '--no-browser', '--account-id', me], env);
    const done = finished(child);
    const [authorizeUrl] = await waitForStderr(child, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\/redirect\?\S+$/m);
    expect(new URL(authorizeUrl).origin).toBe(server.url);

    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const location = consent.headers.get('location')!;
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?code=/);
    const page = await fetch(location);
    expect(page.status).toBe(200);

    const result = await done;
    // Later runs get only the config dir: the saved login knows the server, the client and the account.
    const later = { PATH: env.PATH!, HOME: env.HOME!, TEMPO_TIMESHEET_HOME: env.TEMPO_TIMESHEET_HOME!, ...jiraVars() };
    return { result, later, tokensFile: join(env.TEMPO_TIMESHEET_HOME!, 'tokens.json') };
  }

  it('login: the loopback flow saves 0600 tokens; week then works with them; logout revokes both tokens', async () => {
    const { result: login, later, tokensFile } = await loginViaBrowser();
    expect(login.code).toBe(0);
    expect(statSync(tokensFile).mode & 0o777).toBe(0o600);
    const accessToken = server.mock.oauth.stats.issuedAccessTokens.at(-1)!;
    const refreshToken = server.mock.oauth.stats.issuedRefreshTokens.at(-1)!;
    expect(readFileSync(tokensFile, 'utf8')).toContain(refreshToken);
    expect(login.stdout + login.stderr).not.toContain(accessToken);

    const week = await runCli(['week', '--date', TODAY], later);
    expect(week.stderr).toBe('');
    expect(week.code).toBe(0);
    expect(week.stdout).toMatch(/^Week 2026-W12/);

    expect(server.mock.oauth.stats.revokedTokens).toEqual([]);
    const logout = await runCli(['logout'], later);
    expect(logout.code).toBe(0);
    expect(server.mock.oauth.stats.revokedTokens).toEqual(expect.arrayContaining([refreshToken, accessToken]));
    expect(server.mock.oauth.userOf(accessToken)).toBeUndefined();
    expect(existsSync(tokensFile)).toBe(false);
  });

  it('an expired login: exit 1 with "run `timesheet login` again"', async () => {
    const { result: login, later } = await loginViaBrowser();
    expect(login.code).toBe(0);
    server.mock.oauth.revoke(server.mock.oauth.stats.issuedRefreshTokens.at(-1)!); // also kills its access token
    const week = await runCli(['week'], later);
    expect(week.code).toBe(1);
    expect(week.stderr).toBe('timesheet: your Tempo login has expired; run `timesheet login` again\n');
  });

  /** Starts an export to a file that takes a while (a slow page after page), and waits until its temp file exists. */
  async function slowExportToFile(extraEnv: Record<string, string> = {}, nodeArgs: string[] = []) {
    server.mock.faults.add({ path: /\/worklogs\/user\//, delayMs: 300 });
    const dir = tempDir();
    const args = ['export', '--from', '2026-01-01', '--to', TODAY, '--page-size', '5', '--out', join(dir, 'out.csv')];
    const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], { env: tokenEnv(extraEnv), stdio: 'pipe' });
    const done = finished(child);
    for (let i = 0; i < 100 && readdirSync(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^\.out\.csv\.\d+\.partial$/)]); // mid-export
    return { child, done, dir };
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s during an export to a file: exit %i, one line, no partial file', async (signal, code) => {
    const { child, done, dir } = await slowExportToFile();
    await new Promise((r) => setTimeout(r, 400)); // a page or two in
    child.kill(signal);
    const result = await done;
    expect(result.code).toBe(code);
    expect(result.stderr).toBe('timesheet: interrupted\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a second signal exits at once, and still leaves no partial file', async () => {
    const { child, done, dir } = await slowExportToFile();
    child.kill('SIGTERM');
    child.kill('SIGTERM');
    const result = await done;
    expect([143, 130]).toContain(result.code);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an uncaught exception mid-export: one line, no stack trace, no token, exit 1, no partial file', async () => {
    const fixture = new URL('./fixtures/crash-mid-export.mjs', import.meta.url).pathname;
    const dir = tempDir();
    server.mock.faults.add({ path: /\/worklogs\/user\//, delayMs: 300 });
    const args = ['export', '--from', '2026-01-01', '--to', TODAY, '--page-size', '5', '--out', join(dir, 'out.csv')];
    const child = spawn(process.execPath, ['--import', fixture, CLI, ...args], {
      env: tokenEnv({ CRASH_WHEN_PARTIAL_IN: dir }),
      stdio: 'pipe',
    });
    const result = await finished(child);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'timesheet: unexpected error: bug in a test fixture; Bearer *** (run with --debug for details)\n',
    );
    expect(result.stderr).not.toContain(MOCK_API_TOKEN);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a closed stderr (broken pipe) does not kill an export to a file: it completes, no partial file', async () => {
    server.mock.faults.add({ path: /\/worklogs\/user\//, status: 503, times: 1 }); // a retry notice goes to stderr
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    const child = startCli(
      ['export', '--from', '2026-02-19', '--to', TODAY, '--page-size', '8', '--out', out],
      tokenEnv(),
    );
    child.stderr.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(out, 'utf8')).toMatch(/^worklogId,/);
  });

  // The shape of the root-only accident: `--out /dev/stdout` with stdout redirected to a file. A link of our own
  // to /proc/self/fd/1 stands in for /dev/stdout, so that a regression replaces only the test's link.
  it.runIf(existsSync('/proc/self/fd/1'))(
    '--out through a /dev/stdout-like link writes the file stdout is, keeping the link',
    async () => {
      const dir = tempDir();
      const link = join(dir, 'stdout');
      symlinkSync('/proc/self/fd/1', link);
      const data = join(dir, 'data.csv');
      const fd = openSync(data, 'w');
      const child = spawn(process.execPath, [CLI, 'export', '--from', '2026-03-16', '--to', TODAY, '--out', link], {
        env: tokenEnv(),
        stdio: ['ignore', fd, 'pipe'],
      });
      closeSync(fd);
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(stderr).toMatch(/^exported \d+ worklogs to /);
      expect(code).toBe(0);
      expect(readlinkSync(link)).toBe('/proc/self/fd/1');
      expect(readFileSync(data, 'utf8')).toMatch(/^worklogId,/);
      expect(readdirSync(dir).sort()).toEqual(['data.csv', 'stdout']);
    },
  );

  it
    .runIf(existsSync('/dev/full'))
    .each([[['week', '--date', TODAY]], [['export', '--from', '2026-02-19', '--to', TODAY]]])(
    '%j > /dev/full: one line, exit 1, no stack trace',
    async (args) => {
      const full = openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [CLI, ...args], { env: tokenEnv(), stdio: ['ignore', full, 'pipe'] });
      closeSync(full);
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(stderr).toBe('timesheet: cannot write output: no space left on device\n');
      expect(code).toBe(1);
    },
  );

  it('stops quietly when stdout is closed early (`| head`)', async () => {
    const child = startCli(
      ['export', '--from', '2026-01-01', '--to', TODAY, '--page-size', '5', '--format', 'ndjson'],
      tokenEnv(),
    );
    const done = finished(child);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
