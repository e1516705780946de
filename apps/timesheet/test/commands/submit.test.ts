import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/lib/duration.js';
import { NOW, useTempoMock } from '../helpers/mock.js';
import { run } from '../helpers/run.js';

describe('timesheet submit', () => {
  const { mock, me, env, requests } = useTempoMock();

  /** The approval as Tempo reports it (status and hours). */
  async function approvalOf(from: string, to: string) {
    const res = await mock.fetch(
      `https://api.tempo.io/4/timesheet-approvals/user/${encodeURIComponent(me())}?from=${from}&to=${to}`,
      {
        headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
      },
    );
    return (await res.json()) as {
      status: { key: string; comment?: string };
      timeSpentSeconds: number;
      requiredSeconds: number;
    };
  }

  it('submits the period containing the date and prints the new status', async () => {
    const result = await run(['submit', '--comment', 'All in'], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    const submit = requests.find((url) => url.includes('/submit'))!;
    const url = new URL(submit);
    expect(url.pathname).toBe(`/4/timesheet-approvals/user/${encodeURIComponent(me())}/submit`);
    // The period comes from GET /periods, not from a guess.
    const period = { from: url.searchParams.get('from')!, to: url.searchParams.get('to')! };
    expect(requests.some((u) => u.includes('/periods?'))).toBe(true);
    expect(period.from <= '2026-03-18' && '2026-03-18' <= period.to).toBe(true);
    expect(result.stdout).toMatch(
      new RegExp(`^timesheet ${period.from} to ${period.to} submitted: status IN_REVIEW \\(`),
    );

    // The mock now holds the submitted approval…
    const approval = await approvalOf(period.from, period.to);
    expect(approval.status).toMatchObject({ key: 'IN_REVIEW', comment: 'All in' });
    // …and the week was short (today is a Wednesday): submitted anyway, with one warning line.
    expect(approval.timeSpentSeconds).toBeLessThan(approval.requiredSeconds);
    expect(result.stderr).toBe(
      `timesheet: warning: only ${formatDuration(approval.timeSpentSeconds)} logged of ${formatDuration(approval.requiredSeconds)} required for ${period.from} to ${period.to}; submitting anyway\n`,
    );

    // Submitting again says why there is nothing to do, instead of Tempo's bare 400, and sends nothing.
    requests.length = 0;
    const again = await run(['submit'], { env: env(), now: NOW });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      new RegExp(
        `^timesheet: the timesheet ${period.from} to ${period.to} is already submitted and in review \\(reviewer \\S+\\); nothing to submit\\n$`,
      ),
    );
    expect(requests.filter((u) => u.includes('/submit'))).toEqual([]);
  });

  it('submits the period of --date, without a warning when the hours are complete', async () => {
    const [from, to] = ['2026-03-02', '2026-03-08'];
    const { timeSpentSeconds, requiredSeconds } = await approvalOf(from, to);
    if (timeSpentSeconds < requiredSeconds) {
      const issueId = mock.db.issues.all()[0]!.id;
      mock.db.worklogs.create({
        issueId,
        authorAccountId: me(),
        startDate: from,
        timeSpentSeconds: requiredSeconds - timeSpentSeconds,
      });
    }
    const result = await run(['submit', '--date', '2026-03-04'], { env: env(), now: NOW });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const url = new URL(requests.find((u) => u.includes('/submit'))!);
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual([from, to]);
  });

  it('says an approved timesheet is already approved', async () => {
    const reviewer = mock.db.users.all()[1]!.accountId;
    mock.db.setApproval({
      accountId: me(),
      from: '2026-03-02',
      to: '2026-03-08',
      status: 'APPROVED',
      reviewerAccountId: reviewer,
      actorAccountId: reviewer,
    });
    const result = await run(['submit', '--date', '2026-03-02'], { env: env(), now: NOW });
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `timesheet: the timesheet 2026-03-02 to 2026-03-08 is already approved (reviewer ${reviewer}); nothing to submit\n`,
    });
  });
});
