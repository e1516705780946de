/**
 * `timesheet log <issue> <duration> [--date] [--start] [--description] [--attribute KEY=VALUE]…`
 *
 * Creates one worklog with `POST /worklogs` (`tempo.worklogs.createWorklog`). The issue is a key (`SUP-12`,
 * resolved to Jira's numeric id through @tempo-sdk/jira) or the numeric id itself. Everything the user typed is
 * checked before any connection is made, so a typo costs nothing.
 */
import type { WorklogInput } from '@tempo-sdk/types';
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { listOption, stringOption, type OptionValues } from '../lib/args.js';
import { localDate, parseStartTime, resolveDateOption, weekdayName } from '../lib/dates.js';
import { formatDuration, parseDuration } from '../lib/duration.js';
import { isIssueKey } from '@tempo-sdk/jira';
import { AppError, UsageError } from '../lib/errors.js';
import { JIRA_HINT, jiraAppError } from '../lib/jira.js';
import type { Session } from '../lib/session.js';

/** What `log` will send, validated. */
export interface LogRequest {
  /** The issue: Jira's numeric id, or a key (upper case) that Jira resolves to one. */
  issue: IssueArgument;
  timeSpentSeconds: number;
  startDate: string;
  startTime?: string;
  description?: string;
  attributes: { key: string; value: string }[];
}

/** Validates the command line of `log` (no I/O). @throws {UsageError} */
export function parseLogRequest(positionals: readonly string[], options: OptionValues, today: string): LogRequest {
  const request: LogRequest = {
    issue: parseIssueArgument(positionals[0] ?? ''),
    timeSpentSeconds: parseDuration(positionals[1] ?? ''),
    startDate: resolveDateOption(stringOption(options, 'date'), today),
    attributes: parseAttributes(listOption(options, 'attribute')),
  };
  const start = stringOption(options, 'start');
  if (start !== undefined) request.startTime = parseStartTime(start);
  const description = stringOption(options, 'description');
  if (description !== undefined) request.description = description;
  return request;
}

/** An issue as typed on the command line. */
export type IssueArgument = { id: number } | { key: string };

/**
 * An issue key (`SUP-12`, any case) or Jira's numeric issue id. Tempo's API takes only the id; a key is resolved
 * through Jira before sending. Anything else (`SUP 1`, `..`, `SUP-1/x`) is refused here.
 * @throws {UsageError}
 */
export function parseIssueArgument(text: string): IssueArgument {
  const trimmed = text.trim();
  if (/^[1-9]\d{0,15}$/.test(trimmed)) return { id: Number(trimmed) };
  if (isIssueKey(trimmed)) return { key: trimmed.toUpperCase() };
  throw new UsageError(
    `bad issue "${text.slice(0, 40)}": use an issue key such as SUP-12, or the numeric Jira issue id such as 10103`,
  );
}

/**
 * The numeric id of the issue: as typed, or the key resolved through Jira.
 * @throws {AppError} without Jira credentials (saying how to add them), or when Jira does not know the key, may not
 *   show it, refuses the credentials or cannot be reached.
 */
async function resolveIssueId(
  ctx: AppContext,
  session: Session,
  issue: IssueArgument,
): Promise<{ id: number; key?: string }> {
  if ('id' in issue) return issue;
  const { lookup } = session.jira;
  if (!lookup)
    throw new AppError(
      `"${issue.key}" is an issue key: ${JIRA_HINT.replace(/; showing numeric ids$/, '')}, or give the numeric issue id`,
    );
  try {
    const info = await lookup.issue(issue.key, { signal: ctx.signal });
    return { id: info.id, key: info.key };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw jiraAppError(error, session.secrets);
  }
}

/** `KEY=VALUE` pairs; the value may contain `=`; each key once. Spaces around key and value are dropped (`-a "K = V"`). */
export function parseAttributes(pairs: readonly string[]): { key: string; value: string }[] {
  const seen = new Set<string>();
  return pairs.map((pair) => {
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    if (!key) throw new UsageError(`bad --attribute "${pair}": use KEY=VALUE, e.g. _Account_=ACME-SUPPORT`);
    if (seen.has(key)) throw new UsageError(`--attribute ${key} given twice`);
    seen.add(key);
    // Tempo matches values exactly: " ACME-SUPPORT" would be an unknown account.
    return { key, value: pair.slice(at + 1).trim() };
  });
}

/** Runs `log` and prints the created worklog's id (`--json`: the whole worklog as Tempo returned it). */
export async function runLog(
  ctx: AppContext,
  args: { positionals: string[]; options: OptionValues },
  openSession: () => Promise<Session>,
): Promise<void> {
  const request = parseLogRequest(args.positionals, args.options, localDate(ctx.now()));
  const session = await openSession();
  try {
    const issue = await resolveIssueId(ctx, session, request.issue);
    const body: WorklogInput = {
      authorAccountId: await session.accountId(),
      issueId: issue.id,
      timeSpentSeconds: request.timeSpentSeconds,
      startDate: request.startDate,
      ...(request.startTime ? { startTime: request.startTime } : {}),
      ...(request.description !== undefined ? { description: request.description } : {}),
      ...(request.attributes.length ? { attributes: request.attributes } : {}),
    };
    const worklog = await session.tempo.worklogs.createWorklog({ body, signal: ctx.signal });
    if (args.options.json === true) {
      writeLine(ctx.stdout, JSON.stringify(worklog, null, 2));
      return;
    }
    const when = `${weekdayName(worklog.startDate)} ${worklog.startDate}${worklog.startTime ? ` ${worklog.startTime.slice(0, 5)}` : ''}`;
    writeLine(
      ctx.stdout,
      `worklog ${worklog.tempoWorklogId} created: ${formatDuration(worklog.timeSpentSeconds)} on ${issue.key ? `${issue.key} (issue ${worklog.issue.id ?? issue.id})` : `issue ${worklog.issue.id ?? issue.id}`}, ${when}`,
    );
  } finally {
    await session.close();
  }
}
