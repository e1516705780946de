// The app with Jira (issue #11): keys in, keys and summaries out, display names in exports, the account id from
// Jira's myself, and every way Jira can fail while Tempo is up.
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { describe, expect, it } from 'vitest';
import { JIRA_HINT } from '../../src/lib/jira.js';
import { NOW, useTempoMock } from '../helpers/mock.js';
import { captureStream, run } from '../helpers/run.js';

const WEEK = ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22'];

describe('timesheet with Jira', () => {
  const { mock, me, env, jiraEnv, requests } = useTempoMock();
  /** Jira credentials, and no TEMPO_ACCOUNT_ID: the account id must come from Jira's myself. */
  const jiraOnly = () => {
    const { TEMPO_ACCOUNT_ID: _, ...rest } = jiraEnv();
    return rest;
  };

  it('log SUP-1 30m resolves the key through Jira and logs on that issue as the user Jira says', async () => {
    const issue = mock.db.issues.find((i) => i.key === 'SUP-1')!;
    const result = await run(['log', 'sup-1', '30m'], { env: jiraOnly(), now: NOW });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^worklog \\d+ created: 30m on SUP-1 \\(issue ${issue.id}\\)`));
    const created = mock.db.worklogs.all().at(-1)!;
    expect(created).toMatchObject({ issue: { id: issue.id }, timeSpentSeconds: 1800, author: { accountId: me() } });
    expect(mock.jira.stats.byOperation).toMatchObject({ getCurrentUser: 1, bulkFetchIssues: 1 });
  });

  it('a numeric id still works and asks Jira nothing', async () => {
    const result = await run(['log', '10100', '15m'], { env: jiraEnv(), now: NOW });
    expect(result.code).toBe(0);
    expect(mock.jira.stats.requests).toBe(0);
  });

  it('TEMPO_ACCOUNT_ID and --account-id stay overrides of Jira myself', async () => {
    const other = mock.db.users.all()[2]!.accountId;
    await run(['log', 'SUP-1', '15m', '--account-id', other], { env: jiraOnly(), now: NOW });
    expect(mock.db.worklogs.all().at(-1)!.author.accountId).toBe(other);
    expect(mock.jira.stats.byOperation.getCurrentUser).toBeUndefined();
  });

  it.each([['SUP 1'], ['..'], ['SUP-1/../x'], ['SUP-1?x'], ['%2e'], ['SUP-']])(
    'a malformed key %j: exit 2, one line, no request',
    async (key) => {
      const result = await run(['log', key, '30m'], { env: jiraEnv(), now: NOW });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^timesheet: bad issue/);
      expect(requests).toEqual([]);
    },
  );

  it('an unknown key, or one the user may not see: exit 1, one line naming it, nothing logged', async () => {
    mock.jira.hideIssue('SUP-2');
    const before = mock.db.worklogs.size;
    for (const key of ['NOPE-9', 'SUP-2']) {
      const result = await run(['log', key, '30m'], { env: jiraEnv(), now: NOW });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`timesheet: issue not found in Jira, or not visible to you: ${key}\n`);
    }
    expect(mock.db.worklogs.size).toBe(before);
  });

  it('a key without Jira credentials: exit 1 and how to turn keys on; ids still work', async () => {
    const result = await run(['log', 'SUP-1', '30m'], { env: env(), now: NOW });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^timesheet: "SUP-1" is an issue key: issue keys and names need Jira: set JIRA_SITE, JIRA_EMAIL and JIRA_API_TOKEN/,
    );
  });

  it('wrong Jira credentials (401): one line, exit 1, the token never printed', async () => {
    const token = 'ATATT-wrong-jira-token-0123456789';
    const result = await run(['log', 'SUP-1', '30m'], { env: { ...jiraEnv(), JIRA_API_TOKEN: token }, now: NOW });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^timesheet: Jira refused the credentials \(401\)/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr + result.stdout).not.toContain(token);
    expect(result.stderr).not.toContain(Buffer.from(`${mock.jira.credentials.email}:${token}`).toString('base64'));
  });

  it('incomplete Jira variables are a usage error naming the missing ones', async () => {
    const result = await run(['week'], { env: { ...env(), JIRA_SITE: 'acme' }, now: NOW });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'timesheet: Jira credentials are incomplete: set JIRA_EMAIL and JIRA_API_TOKEN too (or unset the others)\n',
    );
  });

  it('week shows keys and summaries, cut to the terminal width', async () => {
    const result = await run(['week'], { env: jiraEnv(), now: NOW, stdoutIsTTY: true });
    expect(result.stderr).toBe('');
    const mine = mock.db.worklogs.filter((w) => w.author.accountId === me() && WEEK.includes(w.startDate));
    const lines = result.stdout.split('\n');
    for (const id of new Set(mine.map((w) => w.issue.id))) {
      const issue = mock.db.issues.get(id!)!;
      expect(lines.some((l) => l.startsWith(`${issue.key} `))).toBe(true);
    }
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
    // A long summary is cut with an ellipsis to fit.
    const first = mock.db.issues.get(mine[0]!.issue.id!)!;
    mock.db.issues.update(first.id, { summary: 'A very long summary '.repeat(10) });
    const narrow = await run(['week'], { env: jiraEnv(), now: NOW, stdoutIsTTY: true });
    const row = narrow.stdout.split('\n').find((l) => l.startsWith(`${first.key} A very long`))!;
    expect(row).toContain('…');
    expect([...row].length).toBeLessThanOrEqual(100);
    const json = JSON.parse((await run(['week', '--json'], { env: jiraEnv(), now: NOW })).stdout);
    expect(json.issues[0]).toMatchObject({
      issueKey: expect.stringMatching(/^[A-Z]+-\d+$/),
      summary: expect.any(String),
    });
  });

  it.each([
    ['down (503)', { operationId: 'bulkFetchIssues', status: 503 }, /Jira is having trouble \(HTTP 503\)/],
    [
      'rate limited (429)',
      { operationId: 'bulkFetchIssues', status: 429, retryAfterMs: 0 },
      /Jira is rate limiting these credentials \(429\)/,
    ],
    ['unreachable', { path: /\/rest\/api\//, networkError: true }, /could not reach Jira/],
  ])(
    'Jira %s while Tempo is up: week still works with ids and says why in one line',
    async (_, fault, why) => {
      mock.faults.add(fault as never);
      const result = await run(['week'], { env: jiraEnv(), now: NOW });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Week 2026-W12/);
      expect(result.stdout).toMatch(/\n1\d{4} /); // numeric ids
      const notes = result.stderr.split('\n').filter((l) => l && !/retrying/.test(l));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(why);
      expect(notes[0]).toMatch(/showing numeric ids$/);
    },
    30_000,
  );

  it('Jira down: the account id cannot be guessed, so a command without an override stops with one line', async () => {
    mock.faults.add({ operationId: 'getCurrentUser', status: 503 });
    const result = await run(['week'], { env: jiraOnly(), now: NOW });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter((l) => l && !/retrying/.test(l))).toEqual([
      'timesheet: Jira is having trouble (HTTP 503) and retries did not help',
    ]);
  }, 30_000);

  it('export adds issueKey and authorDisplayName; --ids-only leaves them out and asks Jira nothing', async () => {
    const result = await run(['export', '--from', WEEK[0]!, '--to', WEEK[6]!, '--all'], { env: jiraEnv(), now: NOW });
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\r\n');
    const columns = header!.split(',');
    expect(columns.slice(0, 3)).toEqual(['worklogId', 'issueId', 'issueKey']);
    expect(columns).toContain('authorDisplayName');
    const users = new Map(mock.db.users.all().map((u) => [u.accountId, u.displayName]));
    for (const row of rows.slice(0, 20)) {
      const cells = row.split(',');
      const issue = mock.db.issues.get(Number(cells[1]))!;
      expect(cells[2]).toBe(issue.key);
      expect(cells[columns.indexOf('authorDisplayName')]).toBe(users.get(cells[columns.indexOf('authorAccountId')]!));
    }
    // Few Jira requests however many worklogs: per page of worklogs, one bulk fetch per 100 new issues and one
    // bulk user read per 100 new authors (here: one page).
    expect(mock.jira.stats.byOperation).toEqual({ bulkFetchIssues: 1, bulkGetUsers: 1 });
    mock.jira.reset();
    const plain = await run(['export', '--from', WEEK[0]!, '--to', WEEK[6]!, '--ids-only'], {
      env: jiraEnv(),
      now: NOW,
    });
    expect(plain.stdout.split('\r\n')[0]).toBe(
      'worklogId,issueId,date,startTime,hours,timeSpentSeconds,billableSeconds,authorAccountId,description,attributes,createdAt,updatedAt',
    );
    expect(mock.jira.stats.requests).toBe(0);
  });

  it('export with Jira down still exports every worklog, with empty keys, and says why once', async () => {
    mock.faults.add({ path: /\/rest\/api\//, status: 502 });
    const result = await run(['export', '--from', WEEK[0]!, '--to', WEEK[6]!, '--all', '--format', 'ndjson'], {
      env: jiraEnv(),
      now: NOW,
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(mock.db.worklogs.filter((w) => WEEK.includes(w.startDate)).length);
    expect(JSON.parse(lines[0]!).issueKey).toBeUndefined();
    expect(result.stderr.split('\n').filter((l) => l && !/retrying/.test(l))).toEqual([
      expect.stringMatching(/^timesheet: Jira is having trouble \(HTTP 502\).*showing numeric ids$/),
    ]);
  }, 30_000);

  it('without Jira credentials: everything works with ids and the hint is said once', async () => {
    const result = await run(['export', '--from', WEEK[0]!, '--to', WEEK[6]!, '--all'], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`timesheet: ${JIRA_HINT}\n`);
  });

  it('login --jira-site --jira-email checks the credentials and saves them 0600; later runs use them', async () => {
    const { mkdtempSync, statSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'timesheet-jira-'));
    const { email, apiToken } = mock.jira.credentials;
    const saved = await run(['login', '--jira-site', mock.jira.siteUrl, '--jira-email', email, '--config-dir', dir], {
      env: { JIRA_API_TOKEN: apiToken },
      now: NOW,
    });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/^Jira credentials saved for /);
    expect(saved.stdout + saved.stderr).not.toContain(apiToken);
    expect(statSync(join(dir, 'jira.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'jira.json'), 'utf8'))).toEqual({
      site: mock.jira.siteUrl,
      email,
      apiToken,
    });
    const week = await run(['week', '--config-dir', dir], { env: { TEMPO_API_TOKEN: MOCK_API_TOKEN }, now: NOW });
    expect(week.code).toBe(0);
    expect(week.stdout).toMatch(/\nSUP-\d+ /);
    const refused = await run(['login', '--jira-site', mock.jira.siteUrl, '--jira-email', email, '--config-dir', dir], {
      env: { JIRA_API_TOKEN: 'wrong' },
      now: NOW,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Jira refused the credentials \(401\)/);
    const noToken = await run(['login', '--jira-site', 'acme', '--jira-email', email], { env: {}, now: NOW });
    expect(noToken.code).toBe(2);
  });
});
void captureStream;
