/**
 * `timesheet week [--date DATE] [--json]`
 *
 * Reads the week's worklogs page by page (`tempo.paginate('getWorklogsByUser', …)`, so nothing is truncated
 * however many there are) and the user's schedule (`GET /user-schedule`, the signed-in user's required hours),
 * then prints hours per day and issue against the required hours. With Jira credentials (and in demo mode) each
 * issue shows its key and summary, cut to the terminal's width; without them, numeric ids and one hint.
 */
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { stringOption, type OptionValues } from '../lib/args.js';
import { isoWeekOf, localDate, resolveDateOption } from '../lib/dates.js';
import type { Session } from '../lib/session.js';
import { buildWeekReport, type ReportWorklog } from '../lib/week-report.js';
import { formatWeekReport } from '../lib/week-table.js';
import { describeIssues } from '../lib/jira.js';

/** Runs `week`. */
export async function runWeek(
  ctx: AppContext,
  args: { options: OptionValues },
  openSession: () => Promise<Session>,
): Promise<void> {
  const date = resolveDateOption(stringOption(args.options, 'date'), localDate(ctx.now()));
  const { start, end } = isoWeekOf(date);
  const session = await openSession();
  try {
    const { tempo } = session;
    const accountId = await session.accountId();
    const range = { from: start, to: end };
    const [worklogs, schedule] = await Promise.all([
      collectWorklogs(
        tempo.paginate(
          'getWorklogsByUser',
          { path: { accountId }, query: range },
          { pageSize: 1000, signal: ctx.signal },
        ),
      ),
      tempo.userSchedule.getAuthenticatedUserSchedule({ query: range, signal: ctx.signal }),
    ]);
    const report = buildWeekReport(date, worklogs, schedule.results);
    const ids = report.issues.flatMap((row) => (row.issueId === undefined ? [] : [row.issueId]));
    const issues = await describeIssues(session.jira, ids, ctx.signal);
    if (args.options.json === true) {
      const described = report.issues.map((row) => {
        const info = row.issueId === undefined ? undefined : issues.get(row.issueId);
        return info ? { ...row, issueKey: info.key, summary: info.summary } : row;
      });
      writeLine(ctx.stdout, JSON.stringify({ accountId, ...report, issues: described }, null, 2));
      return;
    }
    const labels = new Map([...issues].map(([id, info]) => [id, `${info.key} ${info.summary}`]));
    for (const line of formatWeekReport(report, { labels, width: ctx.stdout.isTTY ? ctx.stdout.columns : undefined }))
      writeLine(ctx.stdout, line);
  } finally {
    await session.close();
  }
}

/** Keeps only the fields the report needs, so a big week costs little memory. */
async function collectWorklogs(items: AsyncIterable<ReportWorklog>): Promise<ReportWorklog[]> {
  const worklogs: ReportWorklog[] = [];
  for await (const w of items) {
    worklogs.push({
      issue: { ...(w.issue.id !== undefined ? { id: w.issue.id } : {}) },
      startDate: w.startDate,
      timeSpentSeconds: w.timeSpentSeconds,
    });
  }
  return worklogs;
}
