/**
 * `timesheet log <issue-id> <duration> [--date] [--start] [--description] [--attribute KEY=VALUE]…`
 *
 * Creates one worklog with `POST /worklogs` (`tempo.worklogs.createWorklog`). Everything the user typed is
 * checked before any connection is made, so a typo costs nothing.
 */
import type { WorklogInput } from '@tempo-sdk/types';
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { listOption, stringOption, type OptionValues } from '../lib/args.js';
import { localDate, parseStartTime, resolveDateOption, weekdayName } from '../lib/dates.js';
import { formatDuration, parseDuration } from '../lib/duration.js';
import { UsageError } from '../lib/errors.js';
import type { Session } from '../lib/session.js';

/** What `log` will send, validated. */
export interface LogRequest {
  issueId: number;
  timeSpentSeconds: number;
  startDate: string;
  startTime?: string;
  description?: string;
  attributes: { key: string; value: string }[];
}

/** Validates the command line of `log` (no I/O). @throws {UsageError} */
export function parseLogRequest(positionals: readonly string[], options: OptionValues, today: string): LogRequest {
  const request: LogRequest = {
    issueId: parseIssueId(positionals[0] ?? ''),
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

/**
 * Tempo v4 identifies issues by Jira's numeric issue id. A key like `PROJ-123` needs Jira's API to resolve,
 * which this app has no credentials for, so it says where to find the id instead of failing later with a 400.
 */
export function parseIssueId(text: string): number {
  const trimmed = text.trim();
  if (/^[1-9]\d{0,17}$/.test(trimmed)) return Number(trimmed);
  if (/^[A-Z][A-Z0-9_]*-\d+$/i.test(trimmed)) {
    throw new UsageError(
      `"${trimmed}" is an issue key; Tempo's API takes the numeric issue id (Jira shows it at /rest/api/3/issue/${trimmed.toUpperCase()}?fields=id)`,
    );
  }
  throw new UsageError(`bad issue id "${text}": use the numeric Jira issue id, e.g. 10103`);
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
    const body: WorklogInput = {
      authorAccountId: await session.accountId(),
      issueId: request.issueId,
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
      `worklog ${worklog.tempoWorklogId} created: ${formatDuration(worklog.timeSpentSeconds)} on issue ${worklog.issue.id ?? request.issueId}, ${when}`,
    );
  } finally {
    await session.close();
  }
}
