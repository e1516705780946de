/**
 * Pure aggregation behind `timesheet week`: worklogs and the user's schedule in, hours per day and per issue
 * with totals and the gap to the required hours out. No I/O, so every number in the table is unit-tested here.
 */
import { isoWeekOf, weekdayName, type IsoDate, type IsoWeek } from './dates.js';

/** The fields of a Tempo `Worklog` the report reads. */
export interface ReportWorklog {
  issue: { id?: number };
  startDate: string;
  timeSpentSeconds: number;
}

/** The fields of a Tempo `DaySchedule` the report reads. */
export interface ReportScheduleDay {
  date: string;
  requiredSeconds: number;
  type?: string;
  holiday?: { name?: string };
}

/** One column of the week. */
export interface DayTotal {
  date: IsoDate;
  /** `Mon` … `Sun`. */
  weekday: string;
  loggedSeconds: number;
  requiredSeconds: number;
  /** Tempo's day type (`WORKING_DAY`, `NON_WORKING_DAY`, `HOLIDAY`, …) when the schedule had the day. */
  type?: string;
  /** Name of the holiday on this day, if any. */
  holiday?: string;
}

/** One row of the week: an issue and its seconds per day. */
export interface IssueRow {
  /** Tempo v4 identifies issues by Jira's numeric id (worklogs carry no issue key). */
  issueId: number | undefined;
  /** Seconds per day, Monday first (length 7). */
  perDay: number[];
  totalSeconds: number;
}

/** Everything `timesheet week` prints. */
export interface WeekReport {
  week: IsoWeek;
  days: DayTotal[];
  /** Issues ordered by most time first, then by id, so the big items lead and the order is stable. */
  issues: IssueRow[];
  loggedSeconds: number;
  requiredSeconds: number;
  /** `logged − required`: negative means time still to log, positive means overtime. */
  gapSeconds: number;
  worklogCount: number;
}

/**
 * Builds the report for the ISO week containing `date`.
 *
 * Worklogs dated outside the week are ignored (a defensive choice: the API is asked for exactly this week),
 * and days missing from the schedule count as 0 required seconds.
 */
export function buildWeekReport(
  date: IsoDate,
  worklogs: Iterable<ReportWorklog>,
  schedule: Iterable<ReportScheduleDay>,
): WeekReport {
  const week = isoWeekOf(date);
  const dayIndex = new Map(week.days.map((d, i) => [d, i]));
  const days: DayTotal[] = week.days.map((d) => ({
    date: d,
    weekday: weekdayName(d),
    loggedSeconds: 0,
    requiredSeconds: 0,
  }));

  for (const day of schedule) {
    const i = dayIndex.get(day.date);
    if (i === undefined) continue;
    const column = days[i]!;
    column.requiredSeconds = day.requiredSeconds;
    if (day.type !== undefined) column.type = day.type;
    if (day.holiday?.name) column.holiday = day.holiday.name;
  }

  const rows = new Map<number | undefined, IssueRow>();
  let worklogCount = 0;
  for (const worklog of worklogs) {
    const i = dayIndex.get(worklog.startDate);
    if (i === undefined) continue;
    worklogCount++;
    const issueId = worklog.issue.id;
    let row = rows.get(issueId);
    if (!row) {
      row = { issueId, perDay: [0, 0, 0, 0, 0, 0, 0], totalSeconds: 0 };
      rows.set(issueId, row);
    }
    row.perDay[i]! += worklog.timeSpentSeconds;
    row.totalSeconds += worklog.timeSpentSeconds;
    days[i]!.loggedSeconds += worklog.timeSpentSeconds;
  }

  const issues = [...rows.values()].sort(
    (a, b) => b.totalSeconds - a.totalSeconds || (a.issueId ?? Infinity) - (b.issueId ?? Infinity),
  );
  const loggedSeconds = days.reduce((sum, d) => sum + d.loggedSeconds, 0);
  const requiredSeconds = days.reduce((sum, d) => sum + d.requiredSeconds, 0);
  return {
    week,
    days,
    issues,
    loggedSeconds,
    requiredSeconds,
    gapSeconds: loggedSeconds - requiredSeconds,
    worklogCount,
  };
}
