/**
 * `timesheet export --from DATE --to DATE [--format csv|json|ndjson] [--out FILE] [--all]`
 *
 * Streams every worklog in the range: `tempo.paginate(…)` yields one item at a time while it reads the next pages
 * ahead (the client's default, within Tempo's rate limits), and each record is written (with backpressure) before the
 * next is taken — so memory holds a few pages however long the range is. With `--out`, the data goes to a temporary file
 * renamed into place at the end: an interrupted export never leaves a truncated file behind that looks whole.
 */
import type { WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join, sep } from 'node:path';
import { TEMPO_PAGE_LIMIT_MAX, type Worklog } from '@tempo-sdk/types';
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { stringOption, type OptionValues } from '../lib/args.js';
import { parseRange } from '../lib/dates.js';
import { formatDecimalHours } from '../lib/duration.js';
import { AppError, fsReason, UsageError } from '../lib/errors.js';
import { openAtomicFile, resolveWriteTarget, type AtomicFile, type WriteTarget } from '../lib/output-file.js';
import { createProgress, NO_PROGRESS } from '../lib/progress.js';
import { createRecordWriter, EXPORT_FORMATS, type CsvLayout, type ExportFormat } from '../lib/record-writer.js';
import type { Session } from '../lib/session.js';
import { describeIssues, describeUsers } from '../lib/jira.js';

/** Tempo serves up to `TEMPO_PAGE_LIMIT_MAX` (5000) per page; 1000 keeps each response quick while making few requests. */
export const EXPORT_PAGE_SIZE = 1000;

/** A worklog as exported: Tempo's, plus the issue key and the author's name from Jira (unless `--ids-only`). */
export type ExportedWorklog = Worklog & { issueKey?: string; authorDisplayName?: string };

/** The CSV columns of an export: what a spreadsheet or payroll import needs, one worklog per row. */
export const WORKLOG_CSV: CsvLayout<Worklog> = {
  header: [
    'worklogId',
    'issueId',
    'date',
    'startTime',
    'hours',
    'timeSpentSeconds',
    'billableSeconds',
    'authorAccountId',
    'description',
    'attributes',
    'createdAt',
    'updatedAt',
  ],
  row: (w) => [
    w.tempoWorklogId,
    w.issue.id,
    w.startDate,
    w.startTime,
    formatDecimalHours(w.timeSpentSeconds),
    w.timeSpentSeconds,
    w.billableSeconds,
    w.author.accountId,
    w.description,
    (w.attributes.values ?? []).map((a) => `${a.key}=${a.value ?? ''}`).join('; '),
    w.createdAt,
    w.updatedAt,
  ],
};

/**
 * The CSV columns with Jira's facts: `issueKey` after `issueId`, `authorDisplayName` after `authorAccountId`
 * (empty where Jira could not say).
 */
export const WORKLOG_CSV_WITH_JIRA: CsvLayout<ExportedWorklog> = {
  header: WORKLOG_CSV.header.flatMap((h) =>
    h === 'issueId' ? [h, 'issueKey'] : h === 'authorAccountId' ? [h, 'authorDisplayName'] : [h],
  ),
  row: (w) => {
    const row = [...WORKLOG_CSV.row(w)];
    row.splice(WORKLOG_CSV.header.indexOf('authorAccountId') + 1, 0, w.authorDisplayName);
    row.splice(WORKLOG_CSV.header.indexOf('issueId') + 1, 0, w.issueKey);
    return row;
  },
};

/** Adds `issueKey` and `authorDisplayName` to a batch of worklogs, with whatever Jira can tell. */
async function withJira(session: Session, worklogs: Worklog[], signal: AbortSignal): Promise<ExportedWorklog[]> {
  const ids = worklogs.flatMap((w) => (w.issue.id === undefined ? [] : [w.issue.id]));
  const issues = await describeIssues(session.jira, ids, signal);
  const names = await describeUsers(session.jira, [...new Set(worklogs.map((w) => w.author.accountId))], signal);
  return worklogs.map((w) => ({
    ...w,
    issueKey: w.issue.id === undefined ? undefined : issues.get(w.issue.id)?.key,
    authorDisplayName: names.get(w.author.accountId),
  }));
}

/**
 * Parses `--format`; `--json` (which every command printing data takes) is `--format json`.
 * @throws {UsageError}
 */
export function parseFormat(value: string | undefined, json = false): ExportFormat {
  const format = (value ?? (json ? 'json' : 'csv')).toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`bad --format "${value}": use csv, json or ndjson`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${value} contradict each other; give one`);
  return format as ExportFormat;
}

/** Parses `--page-size` (1 to Tempo's largest page, `TEMPO_PAGE_LIMIT_MAX`). @throws {UsageError} */
export function parsePageSize(value: string | undefined): number {
  if (value === undefined) return EXPORT_PAGE_SIZE;
  const size = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (size >= 1 && size <= TEMPO_PAGE_LIMIT_MAX) return size;
  throw new UsageError(`bad --page-size "${value}": use a whole number from 1 to ${TEMPO_PAGE_LIMIT_MAX}`);
}

/**
 * Checks `--out` before anything is fetched, in the user's own words, and returns the file to replace: the
 * export writes to a hidden temp file next to FILE and renames it over FILE at the end, so without these checks
 * a folder given as FILE would only fail at that rename, after the whole export, naming the temp file. An
 * existing regular file is replaced on purpose (like `curl -o`); a symlink to one is written through (the link
 * stays, its target is replaced: see `lib/output-file.ts`); anything else that exists (a folder, a device such as
 * /dev/null, `/dev/stdout` on a terminal or pipe) is refused, since the rename would replace it rather than write
 * into it. @throws {UsageError}
 */
export async function checkOutPath(out: string): Promise<Extract<WriteTarget, { kind: 'file' }>> {
  const example = `give a file name, e.g. ${join(out, 'worklogs.csv')}`;
  if (out.endsWith('/') || out.endsWith(sep)) throw new UsageError(`--out ${out} names a directory; ${example}`);
  const target = await resolveWriteTarget(out);
  switch (target.kind) {
    case 'file':
      return target;
    case 'directory':
      throw new UsageError(`--out ${out} is a directory; ${example}`);
    case 'not-a-file':
      throw new UsageError(`--out ${out} is not a regular file; redirect instead: > ${out}`);
    case 'broken-link':
      throw new UsageError(`--out ${out} is a symlink to a file that does not exist; give the file itself`);
    case 'missing-folder':
      throw new UsageError(`--out ${out}: folder ${target.folder} does not exist`);
    case 'folder-not-a-folder':
      throw new UsageError(`--out ${out}: ${target.folder} is not a folder`);
  }
}

/** The temp file `--out` writes to, and the first write error it had (a full disk), if any. */
interface OutFile {
  file: AtomicFile;
  stream: WriteStream;
  /** @throws {AppError} naming FILE once a write to it has failed. */
  check(): void;
}

/** Opens the temp file `--out` writes to; a failure names FILE (the temp file is an internal detail). */
async function openTempFile(out: string, target: Extract<WriteTarget, { kind: 'file' }>): Promise<OutFile> {
  let file: AtomicFile;
  const fail = (error: unknown) => new AppError(`cannot write --out ${out}: ${fsReason(error)}`, { cause: error });
  try {
    file = await openAtomicFile(target);
  } catch (error) {
    throw fail(error);
  }
  const stream = file.stream();
  // A write that fails without backpressure pending (no `drain` awaited) would otherwise be an unhandled
  // 'error' event: a crash with the temp file left behind. Keep the first error and report it at the next record.
  let failed: unknown;
  stream.on('error', (error) => {
    failed ??= error;
  });
  return {
    file,
    stream,
    check() {
      if (failed !== undefined) throw fail(failed);
    },
  };
}

/** Runs `export`. */
export async function runExport(
  ctx: AppContext,
  args: { options: OptionValues },
  openSession: () => Promise<Session>,
): Promise<void> {
  const range = parseRange(stringOption(args.options, 'from'), stringOption(args.options, 'to'));
  const format = parseFormat(stringOption(args.options, 'format'), args.options.json === true);
  const out = stringOption(args.options, 'out');
  if (out !== undefined && out.trim() === '')
    throw new UsageError('--out needs a file name (or leave it out to write to stdout)');
  const everyone = args.options.all === true;
  const pageSize = parsePageSize(stringOption(args.options, 'page-size'));
  const idsOnly = args.options['ids-only'] === true;

  const target = out ? await checkOutPath(out) : undefined;

  let output: OutFile | undefined;
  let session: Session | undefined;
  // The bar shares the terminal with the data when stdout is that terminal too: CSV rows would be cut by it.
  const showProgress = ctx.stderr.isTTY === true && (out !== undefined || ctx.stdout.isTTY !== true);
  const progress = showProgress ? createProgress({ stream: ctx.stderr, from: range.from, to: range.to }) : NO_PROGRESS;
  try {
    // Before connecting: a file that cannot be created costs no requests.
    if (out && target) output = await openTempFile(out, target);
    session = await openSession();
    const { tempo } = session;
    const pageOptions = { pageSize, signal: ctx.signal };
    // Page by page: each page's issues and authors are looked up in Jira together (a few bulk requests per page,
    // fewer as the lookup's cache fills), and memory still holds one page.
    const pages: AsyncIterable<{ results: Worklog[] }> = everyone
      ? tempo.pages('getWorklogs', { query: range }, pageOptions)
      : tempo.pages('getWorklogsByUser', { path: { accountId: await session.accountId() }, query: range }, pageOptions);

    const sink = output?.stream ?? ctx.stdout;
    const writer = createRecordWriter<ExportedWorklog>(format, sink, idsOnly ? WORKLOG_CSV : WORKLOG_CSV_WITH_JIRA);
    for await (const page of pages) {
      const records = idsOnly ? page.results : await withJira(session, page.results, ctx.signal);
      for (const worklog of records) {
        // Ctrl-C stops within one record: the iterator may hold the rest of a page (and pages read ahead), which
        // would otherwise all be written before the next request noticed the abort. Leaving the loop ends the
        // iteration, which cancels the pages still in flight.
        ctx.signal.throwIfAborted();
        output?.check();
        await writer.write(worklog);
        // The bar counts what is written, not what is fetched: pages read ahead never move it early.
        progress.update(writer.count, worklog.startDate);
      }
    }
    ctx.signal.throwIfAborted();
    await writer.end();
    progress.clear();

    if (output && out) {
      output.stream.end();
      // Settles even when the stream failed or closed before this line (where once('close') would hang).
      await finished(output.stream).catch(() => undefined);
      output.check();
      try {
        await output.file.commit();
      } catch (error) {
        throw new AppError(`cannot write --out ${out}: ${fsReason(error)}`, { cause: error });
      }
      writeLine(ctx.stderr, `exported ${writer.count} worklog${writer.count === 1 ? '' : 's'} to ${out}`);
    }
  } finally {
    progress.clear();
    if (output) {
      output.stream.destroy();
      await output.file.discard();
    }
    await session?.close();
  }
}
