/**
 * Turns a {@link WeekReport} into the lines `timesheet week` prints: a title, the issue × day table with
 * logged / required / gap rows, holiday notes and a one-sentence verdict.
 */
import { formatIsoWeek } from './dates.js';
import { formatDuration } from './duration.js';
import { renderTable } from './table.js';
import type { WeekReport } from './week-report.js';

/** What an empty cell shows: easier to scan than a column of `0m`. */
const EMPTY = '-';

function cell(seconds: number): string {
  return seconds === 0 ? EMPTY : formatDuration(seconds, { compact: true });
}

function signedCell(seconds: number): string {
  if (seconds === 0) return EMPTY;
  return (seconds > 0 ? '+' : '') + formatDuration(seconds, { compact: true });
}

/** The lines of the week view, without trailing newline. */
export function formatWeekReport(report: WeekReport): string[] {
  const { week, days } = report;
  const title = `Week ${formatIsoWeek(week)}: ${days[0]!.weekday} ${week.start} to ${days[6]!.weekday} ${week.end}`;

  const columns = [
    { header: 'Issue' },
    ...days.map((d) => ({ header: `${d.weekday} ${d.date.slice(8)}${d.holiday ? '*' : ''}`, align: 'right' as const })),
    { header: 'Total', align: 'right' as const },
  ];
  const issueRows = report.issues.map((row) => [
    row.issueId === undefined ? '(no issue)' : String(row.issueId),
    ...row.perDay.map(cell),
    cell(row.totalSeconds),
  ]);
  const logged = ['Logged', ...days.map((d) => cell(d.loggedSeconds)), cell(report.loggedSeconds)];
  const required = ['Required', ...days.map((d) => cell(d.requiredSeconds)), cell(report.requiredSeconds)];
  const gap = [
    'Gap',
    ...days.map((d) => signedCell(d.loggedSeconds - d.requiredSeconds)),
    signedCell(report.gapSeconds),
  ];
  const sections = issueRows.length > 0 ? [issueRows, [logged, required, gap]] : [[logged, required, gap]];

  const lines = [title, '', ...renderTable({ columns, sections })];
  const holidays = days.filter((d) => d.holiday);
  if (holidays.length > 0) {
    lines.push('');
    for (const d of holidays) lines.push(`* ${d.weekday} ${d.date}: ${d.holiday}`);
  }
  lines.push('', verdict(report));
  return lines;
}

/** One sentence: how much is logged against what is required, and what is left. */
export function verdict(report: WeekReport): string {
  const logged = formatDuration(report.loggedSeconds);
  const required = formatDuration(report.requiredSeconds);
  const count = `${report.worklogCount} worklog${report.worklogCount === 1 ? '' : 's'}`;
  const head = `Logged ${logged} of ${required} required (${count})`;
  if (report.gapSeconds < 0) return `${head}: ${formatDuration(-report.gapSeconds)} still to log.`;
  if (report.gapSeconds > 0) return `${head}: ${formatDuration(report.gapSeconds)} over.`;
  return `${head}: the week is complete.`;
}
