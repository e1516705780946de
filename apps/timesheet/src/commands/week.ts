/**
 * `timesheet week [--date DATE] [--json]`
 *
 * Reads the week's worklogs page by page (`tempo.paginate('getWorklogsByUser', …)`, so nothing is truncated
 * however many there are) and the user's schedule (`GET /user-schedule`, the signed-in user's required hours),
 * then prints hours per day and issue against the required hours.
 */
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { stringOption, type OptionValues } from '../lib/args.js';
import { isoWeekOf, localDate, resolveDateOption } from '../lib/dates.js';
import type { Session } from '../lib/session.js';
import { buildWeekReport, type ReportWorklog } from '../lib/week-report.js';
import { formatWeekReport } from '../lib/week-table.js';

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
        tempo.paginate('getWorklogsByUser', { path: { accountId }, query: range }, { pageSize: 1000, signal: ctx.signal }),
      ),
      tempo.userSchedule.getAuthenticatedUserSchedule({ query: range, signal: ctx.signal }),
    ]);
    const report = buildWeekReport(date, worklogs, schedule.results);
    if (args.options.json === true) {
      writeLine(ctx.stdout, JSON.stringify({ accountId, ...report }, null, 2));
      return;
    }
    for (const line of formatWeekReport(report)) writeLine(ctx.stdout, line);
  } finally {
    await session.close();
  }
}

/** Keeps only the fields the report needs, so a big week costs little memory. */
async function collectWorklogs(items: AsyncIterable<ReportWorklog>): Promise<ReportWorklog[]> {
  const worklogs: ReportWorklog[] = [];
  for await (const w of items) {
    worklogs.push({ issue: { ...(w.issue.id !== undefined ? { id: w.issue.id } : {}) }, startDate: w.startDate, timeSpentSeconds: w.timeSpentSeconds });
  }
  return worklogs;
}
