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

/** How issues are shown in the week view. */
export interface WeekTableOptions {
  /** A label per issue id (`SUP-1 Fix the login`); ids without one show the id. */
  labels?: ReadonlyMap<number, string>;
  /** The terminal's width: labels are cut so that rows fit it. Default 100 (a pipe or a file). */
  width?: number | undefined;
}

/** Widest label that keeps a row within `width`: 8 time columns of up to 6 characters, 2 spaces apart. */
function labelWidth(width: number | undefined): number {
  return Math.max(16, (width ?? 100) - 8 * 8 - 1);
}

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function cutLabel(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** The lines of the week view, without trailing newline. */
export function formatWeekReport(report: WeekReport, options: WeekTableOptions = {}): string[] {
  const { week, days } = report;
  const title = `Week ${formatIsoWeek(week)}: ${days[0]!.weekday} ${week.start} to ${days[6]!.weekday} ${week.end}`;

  const columns = [
    { header: 'Issue' },
    ...days.map((d) => ({ header: `${d.weekday} ${d.date.slice(8)}${d.holiday ? '*' : ''}`, align: 'right' as const })),
    { header: 'Total', align: 'right' as const },
  ];
  const issueRows = report.issues.map((row) => [
    row.issueId === undefined
      ? '(no issue)'
      : cutLabel(options.labels?.get(row.issueId) ?? String(row.issueId), labelWidth(options.width)),
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
