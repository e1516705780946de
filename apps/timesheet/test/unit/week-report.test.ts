import { describe, expect, it } from 'vitest';
import { buildWeekReport, type ReportScheduleDay, type ReportWorklog } from '../../src/lib/week-report.js';
import { formatWeekReport, verdict } from '../../src/lib/week-table.js';

const H = 3600;
const worklog = (issueId: number | undefined, startDate: string, seconds: number): ReportWorklog => ({
  issue: issueId === undefined ? {} : { id: issueId },
  startDate,
  timeSpentSeconds: seconds,
});
// Week 2026-W11: Mon 2026-03-09 … Sun 2026-03-15; 8h Mon–Fri.
const schedule: ReportScheduleDay[] = ['09', '10', '11', '12', '13', '14', '15'].map((d, i) => ({
  date: `2026-03-${d}`,
  requiredSeconds: i < 5 ? 8 * H : 0,
  type: i < 5 ? 'WORKING_DAY' : 'NON_WORKING_DAY',
}));

describe('buildWeekReport', () => {
  it('sums per day, per issue and in total, against the schedule', () => {
    const report = buildWeekReport(
      '2026-03-11',
      [
        worklog(100, '2026-03-09', 2 * H),
        worklog(200, '2026-03-09', 6 * H),
        worklog(100, '2026-03-10', 1.5 * H),
        worklog(100, '2026-03-10', 30 * 60),
        worklog(300, '2026-03-14', H),
      ],
      schedule,
    );
    expect(report.week.start).toBe('2026-03-09');
    expect(report.days.map((d) => d.loggedSeconds)).toEqual([8 * H, 2 * H, 0, 0, 0, H, 0]);
    expect(report.days.map((d) => d.requiredSeconds)).toEqual([8 * H, 8 * H, 8 * H, 8 * H, 8 * H, 0, 0]);
    expect(report.issues).toEqual([
      { issueId: 200, perDay: [6 * H, 0, 0, 0, 0, 0, 0], totalSeconds: 6 * H },
      { issueId: 100, perDay: [2 * H, 2 * H, 0, 0, 0, 0, 0], totalSeconds: 4 * H },
      { issueId: 300, perDay: [0, 0, 0, 0, 0, H, 0], totalSeconds: H },
    ]);
    expect(report.loggedSeconds).toBe(11 * H);
    expect(report.requiredSeconds).toBe(40 * H);
    expect(report.gapSeconds).toBe(-29 * H);
    expect(report.worklogCount).toBe(5);
  });

  it('ignores worklogs outside the week and schedule days outside it', () => {
    const report = buildWeekReport(
      '2026-03-15',
      [worklog(1, '2026-03-08', H), worklog(1, '2026-03-16', H), worklog(1, '2026-03-15', H)],
      [...schedule, { date: '2026-03-16', requiredSeconds: 8 * H }],
    );
    expect(report.worklogCount).toBe(1);
    expect(report.loggedSeconds).toBe(H);
    expect(report.requiredSeconds).toBe(40 * H);
  });

  it('orders issues with equal totals by id and keeps worklogs without an issue id', () => {
    const report = buildWeekReport(
      '2026-03-09',
      [worklog(9, '2026-03-09', H), worklog(undefined, '2026-03-09', H), worklog(3, '2026-03-09', H)],
      [],
    );
    expect(report.issues.map((r) => r.issueId)).toEqual([3, 9, undefined]);
    expect(report.requiredSeconds).toBe(0);
  });

  it('keeps holiday names from the schedule', () => {
    const report = buildWeekReport(
      '2026-03-09',
      [],
      [{ date: '2026-03-09', requiredSeconds: 0, type: 'HOLIDAY', holiday: { name: 'Founders day' } }],
    );
    expect(report.days[0]).toMatchObject({ type: 'HOLIDAY', holiday: 'Founders day', requiredSeconds: 0 });
  });
});

describe('formatWeekReport', () => {
  it('prints the issue × day table with logged, required and gap rows', () => {
    const report = buildWeekReport(
      '2026-03-11',
      [worklog(100, '2026-03-09', 2 * H), worklog(200, '2026-03-09', 6 * H), worklog(100, '2026-03-10', 1.5 * H)],
      schedule,
    );
    expect(formatWeekReport(report).join('\n')).toBe(
      [
        'Week 2026-W11: Mon 2026-03-09 to Sun 2026-03-15',
        '',
        'Issue     Mon 09  Tue 10  Wed 11  Thu 12  Fri 13  Sat 14  Sun 15    Total',
        '--------  ------  ------  ------  ------  ------  ------  ------  -------',
        '200           6h       -       -       -       -       -       -       6h',
        '100           2h   1h30m       -       -       -       -       -    3h30m',
        '--------  ------  ------  ------  ------  ------  ------  ------  -------',
        'Logged        8h   1h30m       -       -       -       -       -    9h30m',
        'Required      8h      8h      8h      8h      8h       -       -      40h',
        'Gap            -  -6h30m     -8h     -8h     -8h       -       -  -30h30m',
        '',
        'Logged 9h 30m of 40h required (3 worklogs): 30h 30m still to log.',
      ].join('\n'),
    );
  });

  it('marks holidays and explains them under the table', () => {
    const report = buildWeekReport(
      '2026-03-09',
      [],
      [{ date: '2026-03-13', requiredSeconds: 0, type: 'HOLIDAY', holiday: { name: 'Spring holiday' } }],
    );
    const lines = formatWeekReport(report);
    expect(lines[2]).toContain('Fri 13*');
    expect(lines).toContain('* Fri 2026-03-13: Spring holiday');
  });

  it('shows only the totals section for an empty week', () => {
    const lines = formatWeekReport(buildWeekReport('2026-03-09', [], schedule));
    expect(lines.filter((l) => l.startsWith('---'))).toHaveLength(1);
    expect(lines.at(-1)).toBe('Logged 0m of 40h required (0 worklogs): 40h still to log.');
  });
});

describe('verdict', () => {
  it('says complete or over when the hours are in', () => {
    const full = buildWeekReport('2026-03-09', [worklog(1, '2026-03-09', 40 * H)], schedule);
    expect(verdict(full)).toBe('Logged 40h of 40h required (1 worklog): the week is complete.');
    const over = buildWeekReport(
      '2026-03-09',
      [worklog(1, '2026-03-09', 40 * H), worklog(1, '2026-03-10', 45 * 60)],
      schedule,
    );
    expect(verdict(over)).toBe('Logged 40h 45m of 40h required (2 worklogs): 45m over.');
  });
});
