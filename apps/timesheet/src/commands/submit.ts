/**
 * `timesheet submit [--date DATE] [--comment TEXT] [--reviewer ACCOUNT_ID]`
 *
 * Finds the timesheet period containing the date (`GET /periods`), reads its approval
 * (`GET /timesheet-approvals/user/{accountId}?from&to`) and submits it for approval
 * (`POST /timesheet-approvals/user/{accountId}/submit?from&to`), then prints the status Tempo reports.
 */
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { stringOption, type OptionValues } from '../lib/args.js';
import { localDate, resolveDateOption, type IsoDate } from '../lib/dates.js';
import { formatDuration } from '../lib/duration.js';
import { AppError } from '../lib/errors.js';
import type { Session } from '../lib/session.js';

/** The period (`{from, to}`) that contains `date`, or `undefined`. */
export function periodContaining<P extends { from: string; to: string }>(
  periods: readonly P[],
  date: IsoDate,
): P | undefined {
  return periods.find((p) => p.from <= date && date <= p.to);
}

/** Approval statuses in which there is nothing to submit, and how to say so. */
const ALREADY: Record<string, string> = { IN_REVIEW: 'submitted and in review', APPROVED: 'approved' };

/** Runs `submit`. */
export async function runSubmit(
  ctx: AppContext,
  args: { options: OptionValues },
  openSession: () => Promise<Session>,
): Promise<void> {
  const date = resolveDateOption(stringOption(args.options, 'date'), localDate(ctx.now()));
  const comment = stringOption(args.options, 'comment');
  const reviewer = stringOption(args.options, 'reviewer');
  const session = await openSession();
  try {
    const { tempo } = session;
    const accountId = await session.accountId();
    const { periods = [] } = await tempo.periods.getPeriods({ query: { from: date, to: date }, signal: ctx.signal });
    const period = periodContaining(periods, date);
    if (!period) throw new AppError(`Tempo has no timesheet period containing ${date}`);

    const query = { from: period.from, to: period.to };
    // Tempo answers a second submit with a bare 400; the current status says what is really going on.
    const current = await tempo.timesheetApprovals.getTimesheetApprovalForUser({
      path: { accountId },
      query,
      signal: ctx.signal,
    });
    const already = ALREADY[current.status?.key ?? ''];
    if (already) {
      const by = current.reviewer?.accountId ? ` (reviewer ${current.reviewer.accountId})` : '';
      throw new AppError(`the timesheet ${period.from} to ${period.to} is already ${already}${by}; nothing to submit`);
    }
    // Tempo accepts a short timesheet (the reviewer decides), but the user should know before it goes out.
    if (current.timeSpentSeconds < current.requiredSeconds) {
      writeLine(
        ctx.stderr,
        `timesheet: warning: only ${formatDuration(current.timeSpentSeconds)} logged of ${formatDuration(current.requiredSeconds)} required for ${period.from} to ${period.to}; submitting anyway`,
      );
    }

    const approval = await tempo.timesheetApprovals.submitTimesheetForUser({
      path: { accountId },
      query,
      body: {
        ...(comment !== undefined ? { comment } : {}),
        ...(reviewer !== undefined ? { reviewerAccountId: reviewer } : {}),
      },
      signal: ctx.signal,
    });
    if (args.options.json === true) {
      writeLine(ctx.stdout, JSON.stringify(approval, null, 2));
      return;
    }
    const status = approval.status?.key ?? 'UNKNOWN';
    const hours = `${formatDuration(approval.timeSpentSeconds)} of ${formatDuration(approval.requiredSeconds)} required`;
    const reviewerText = approval.reviewer?.accountId ? `, reviewer ${approval.reviewer.accountId}` : '';
    writeLine(
      ctx.stdout,
      `timesheet ${period.from} to ${period.to} submitted: status ${status} (${hours}${reviewerText})`,
    );
  } finally {
    await session.close();
  }
}
