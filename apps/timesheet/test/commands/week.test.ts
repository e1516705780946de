import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/lib/duration.js';
import { NOW, useTempoMock } from '../helpers/mock.js';
import { run } from '../helpers/run.js';
import { JIRA_HINT } from '../../src/lib/jira.js';

const WEEK = ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22'];

describe('timesheet week', () => {
  const { mock, me, env, jiraEnv, requests } = useTempoMock();
  const mine = () => mock.db.worklogs.filter((w) => w.author.accountId === me() && WEEK.includes(w.startDate));
  const cells = (line: string | undefined) => line!.trim().split(/\s{2,}/);

  it("prints the user's hours per issue and day with totals against the schedule", async () => {
    const result = await run(['week'], { env: env(), now: NOW });
    // Without Jira credentials: numeric ids, and one line saying how to turn keys on.
    expect(result.stderr).toBe(`timesheet: ${JIRA_HINT}\n`);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Week 2026-W12: Mon 2026-03-16 to Sun 2026-03-22');

    const worklogs = mine();
    expect(worklogs.length).toBeGreaterThan(0);
    const total = worklogs.reduce((s, w) => s + w.timeSpentSeconds, 0);
    const logged = cells(lines.find((l) => l.startsWith('Logged ')));
    expect(logged.at(-1)).toBe(formatDuration(total, { compact: true }));
    // Every issue the user worked on is a row, with its own total.
    for (const issueId of new Set(worklogs.map((w) => w.issue.id))) {
      const row = cells(lines.find((l) => l.startsWith(`${issueId} `)));
      const seconds = worklogs.filter((w) => w.issue.id === issueId).reduce((s, w) => s + w.timeSpentSeconds, 0);
      expect(row.at(-1)).toBe(formatDuration(seconds, { compact: true }));
    }
    const required = mock.db.scheduleOf(me(), WEEK[0]!, WEEK[6]!).reduce((s, d) => s + d.requiredSeconds, 0);
    expect(cells(lines.find((l) => l.startsWith('Required'))).at(-1)).toBe(formatDuration(required, { compact: true }));
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^Logged ${formatDuration(total)} of ${formatDuration(required)} required \\(${worklogs.length} worklogs\\)`,
      ),
    );
  });

  it('reads every page: a week with more worklogs than one page is summed completely', async () => {
    const issue = mock.db.issues.all()[1]!.id;
    for (let i = 0; i < 1100; i++) {
      mock.db.worklogs.create({ issueId: issue, authorAccountId: me(), startDate: '2026-03-21', timeSpentSeconds: 60 });
    }
    const result = await run(['week', '--json'], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      worklogCount: number;
      loggedSeconds: number;
      days: { loggedSeconds: number }[];
    };
    const worklogs = mine();
    expect(worklogs.length).toBeGreaterThan(1100);
    expect(report.worklogCount).toBe(worklogs.length);
    expect(report.loggedSeconds).toBe(worklogs.reduce((s, w) => s + w.timeSpentSeconds, 0));
    expect(report.days[5]!.loggedSeconds).toBe(1100 * 60);
    // Two pages of 1000: the second one is what a truncating client would have dropped.
    const pages = requests.filter((url) => url.includes('/worklogs/user/'));
    expect(pages).toHaveLength(2);
    expect(new URL(pages[1]!).searchParams.get('offset')).toBe('1000');
  });

  it('says on stderr why it waits when Tempo asks it to retry, then reports as usual', async () => {
    mock.faults.add({ path: '/user-schedule', status: 429, retryAfterMs: 1000, times: 1 });
    const result = await run(['week'], { env: jiraEnv(), now: NOW });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^timesheet: HTTP 429; retrying GET \S+\/user-schedule\?\S+ in 1\d{3} ms \(retry 1 of 3\)\n$/,
    );
    expect(result.stderr).not.toContain(MOCK_API_TOKEN);
    expect(result.stdout).toMatch(/^Week 2026-W12/);
  });

  it('shows the week of --date', async () => {
    const result = await run(['week', '--date', '2026-03-04'], { env: env(), now: NOW });
    expect(result.stdout.split('\n')[0]).toBe('Week 2026-W10: Mon 2026-03-02 to Sun 2026-03-08');
  });

  it('answers a rejected token with one line and exit 1, never echoing the token', async () => {
    const token = 'not-a-valid-tempo-token-1234';
    const result = await run(['week'], { env: { TEMPO_API_TOKEN: token, TEMPO_ACCOUNT_ID: me() }, now: NOW });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^timesheet: Tempo rejected the API token \(401\); check TEMPO_API_TOKEN/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain(token);
  });

  it('--debug logs each request without the token', async () => {
    const result = await run(['week', '--debug'], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\[debug\] .*worklogs\/user/);
    expect(result.stderr).not.toContain(MOCK_API_TOKEN);
  });
});
