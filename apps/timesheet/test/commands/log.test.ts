import { describe, expect, it } from 'vitest';
import { NOW, useTempoMock } from '../helpers/mock.js';
import { run } from '../helpers/run.js';

describe('timesheet log', () => {
  const { mock, me, env } = useTempoMock();
  const issueId = () => mock.db.issues.all()[0]!.id;

  it('creates the worklog with seconds, HH:mm:ss, attributes and the current user as author', async () => {
    const before = mock.db.worklogs.size;
    const result = await run(
      [
        'log',
        String(issueId()),
        '1h30m',
        '--date',
        '2026-03-17',
        '--start',
        '9:30',
        '-m',
        'Code review, "urgent"',
        '-a',
        '_Activity_=Review',
      ],
      { env: env(), now: NOW },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(mock.db.worklogs.size).toBe(before + 1);
    const created = mock.db.worklogs.all().at(-1)!;
    expect(created).toMatchObject({
      issue: { id: issueId() },
      timeSpentSeconds: 5400,
      startDate: '2026-03-17',
      startTime: '09:30:00',
      description: 'Code review, "urgent"',
      author: { accountId: me() },
      attributes: { values: [{ key: '_Activity_', value: 'Review' }] },
    });
    expect(result.stdout).toBe(
      `worklog ${created.tempoWorklogId} created: 1h 30m on issue ${issueId()}, Tue 2026-03-17 09:30\n`,
    );
  });

  it("logs on today's date by default and understands `yesterday`", async () => {
    await run(['log', String(issueId()), '45m'], { env: env(), now: NOW });
    expect(mock.db.worklogs.all().at(-1)).toMatchObject({ startDate: '2026-03-18', timeSpentSeconds: 2700 });
    await run(['log', String(issueId()), '2h', '-d', 'yesterday'], { env: env(), now: NOW });
    expect(mock.db.worklogs.all().at(-1)).toMatchObject({ startDate: '2026-03-17', timeSpentSeconds: 7200 });
  });

  it('takes an unquoted `1h 30m`, `-m=VALUE` for a description starting with "-", and trims attribute values', async () => {
    const result = await run(['log', String(issueId()), '1h', '30m', '-m=-dash', '-a', '_Account_ = ACME-SUPPORT'], {
      env: env(),
      now: NOW,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(mock.db.worklogs.all().at(-1)).toMatchObject({
      timeSpentSeconds: 5400,
      description: '-dash',
      attributes: { values: [{ key: '_Account_', value: 'ACME-SUPPORT' }] },
    });
  });

  it('sends whole minutes, so the week table adds up', async () => {
    const result = await run(['log', String(issueId()), '0.333h'], { env: env(), now: NOW });
    expect(mock.db.worklogs.all().at(-1)!.timeSpentSeconds).toBe(1200);
    expect(result.stdout).toMatch(/ created: 20m on issue /);
  });

  it.each([
    [
      ['log', '10001', '1h90m'],
      'timesheet: bad duration "1h90m": minutes must be under 60 after hours (did you mean 2h 30m?)\n',
    ],
    [['log', '10001', '20s'], 'timesheet: bad duration "20s": less than 1 minute; time is logged in whole minutes\n'],
    [['log', '10001', '-1h'], 'timesheet: bad duration "-1h": a duration cannot be negative\n'],
    [
      ['log', '10001', '1h', '-m', '-dash'],
      'timesheet: option -m needs a value (for a value starting with "-", write --description=VALUE or -m=VALUE)\n',
    ],
    [
      ['log', '10001', '90'],
      'timesheet: bad duration "90" (add a unit: 90m or 90h); use e.g. 1h30m, 90m, 1.5h or 2h\n',
    ],
    [['log', '10001', '1h', '--start', '9.30'], 'timesheet: bad start time "9.30": use HH:mm (24-hour), e.g. 09:30\n'],
    [
      ['log', '10001', '1h', '--date', '2026-02-30'],
      'timesheet: bad --date "2026-02-30": no such day in the calendar\n',
    ],
    [
      ['log', 'SUP 1', '1h'],
      /^timesheet: bad issue "SUP 1": use an issue key such as SUP-12, or the numeric Jira issue id/,
    ],
    [['log', '10001'], 'timesheet: missing arguments: timesheet log <issue> <duration>\n'],
  ])('refuses %j with exit 2, one line, and no request', async (argv, message) => {
    const before = mock.db.worklogs.size;
    const result = await run(argv, { env: env(), now: NOW });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
    expect(mock.db.worklogs.size).toBe(before);
  });

  it("reports Tempo's refusal in one line with exit 1", async () => {
    const result = await run(['log', '999999', '1h'], { env: env(), now: NOW });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('timesheet: Tempo rejected the request (400): Issue with id 999999 does not exist\n');
  });

  it('explains how to give the account id when a real token cannot tell it', async () => {
    const result = await run(['log', String(issueId()), '1h'], {
      env: { TEMPO_API_TOKEN: 'tempo-mock-token' },
      now: NOW,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^timesheet: Tempo's API v4 cannot say who you are .*set TEMPO_ACCOUNT_ID or pass --account-id/,
    );
  });

  it('accepts --account-id instead of the variable', async () => {
    const result = await run(['log', String(issueId()), '1h', '--account-id', me()], {
      env: { TEMPO_API_TOKEN: 'tempo-mock-token' },
      now: NOW,
    });
    expect(result.code).toBe(0);
    expect(mock.db.worklogs.all().at(-1)!.author.accountId).toBe(me());
  });
});
