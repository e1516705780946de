/**
 * `timesheet export --from DATE --to DATE [--format csv|json|ndjson] [--out FILE] [--all]`
 *
 * Streams every worklog in the range: `tempo.paginate(…)` yields one item at a time and fetches the next page
 * only when the current one is used up, and each record is written (with backpressure) before the next is
 * read — so memory holds one page however long the range is. With `--out`, the data goes to a temporary file
 * renamed into place at the end: an interrupted export never leaves a truncated file behind that looks whole.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join, sep } from 'node:path';
import type { Worklog } from '@tempo-sdk/types';
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import { stringOption, type OptionValues } from '../lib/args.js';
import { parseRange } from '../lib/dates.js';
import { formatDecimalHours } from '../lib/duration.js';
import { AppError, fsReason, UsageError } from '../lib/errors.js';
import { createProgress, NO_PROGRESS } from '../lib/progress.js';
import { createRecordWriter, EXPORT_FORMATS, type CsvLayout, type ExportFormat } from '../lib/record-writer.js';
import type { Session } from '../lib/session.js';

/** Tempo serves up to 5000 per page; 1000 keeps each response quick while making few requests. */
export const EXPORT_PAGE_SIZE = 1000;

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
 * Parses `--format`; `--json` (which every command printing data takes) is `--format json`.
 * @throws {UsageError}
 */
export function parseFormat(value: string | undefined, json = false): ExportFormat {
  const format = (value ?? (json ? 'json' : 'csv')).toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`bad --format "${value}": use csv, json or ndjson`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${value} contradict each other; give one`);
  return format as ExportFormat;
}

/** Parses `--page-size` (Tempo's limit is 5000). @throws {UsageError} */
export function parsePageSize(value: string | undefined): number {
  if (value === undefined) return EXPORT_PAGE_SIZE;
  const size = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (size >= 1 && size <= 5000) return size;
  throw new UsageError(`bad --page-size "${value}": use a whole number from 1 to 5000`);
}

/**
 * Checks `--out` before anything is fetched, in the user's own words: the export writes to a hidden temp file
 * next to FILE and renames it over FILE at the end, so without these checks a folder given as FILE would only
 * fail at that rename, after the whole export, naming the temp file. An existing regular file is replaced on
 * purpose (like `curl -o`); anything else that exists (a folder, a device such as /dev/null) is refused, since
 * the rename would replace it rather than write into it. @throws {UsageError}
 */
export async function checkOutPath(out: string): Promise<void> {
  const example = `give a file name, e.g. ${join(out, 'worklogs.csv')}`;
  if (out.endsWith('/') || out.endsWith(sep)) throw new UsageError(`--out ${out} names a directory; ${example}`);
  const target = await stat(out).catch(() => undefined);
  if (target?.isDirectory()) throw new UsageError(`--out ${out} is a directory; ${example}`);
  if (target && !target.isFile()) throw new UsageError(`--out ${out} is not a regular file; redirect instead: > ${out}`);
  const folder = dirname(out);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent) throw new UsageError(`--out ${out}: folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`--out ${out}: ${folder} is not a folder`);
}

/** Opens the temp file `--out` writes to; a failure names FILE (the temp file is an internal detail). */
async function openTempFile(out: string): Promise<{ stream: WriteStream; temp: string }> {
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
  const stream = createWriteStream(temp, { flags: 'wx' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new AppError(`cannot write --out ${out}: ${fsReason(error)}`, { cause: error });
  }
  return { stream, temp };
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
  const everyone = args.options.all === true;
  const pageSize = parsePageSize(stringOption(args.options, 'page-size'));

  if (out) await checkOutPath(out);

  let file: { stream: WriteStream; temp: string } | undefined;
  let session: Session | undefined;
  // The bar shares the terminal with the data when stdout is that terminal too: CSV rows would be cut by it.
  const showProgress = ctx.stderr.isTTY === true && (out !== undefined || ctx.stdout.isTTY !== true);
  const progress = showProgress ? createProgress({ stream: ctx.stderr, from: range.from, to: range.to }) : NO_PROGRESS;
  try {
    // Before connecting: a file that cannot be created costs no requests.
    if (out) file = await openTempFile(out);
    session = await openSession();
    const { tempo } = session;
    const pageOptions = { pageSize, signal: ctx.signal };
    const worklogs: AsyncIterable<Worklog> = everyone
      ? tempo.paginate('getWorklogs', { query: range }, pageOptions)
      : tempo.paginate('getWorklogsByUser', { path: { accountId: await session.accountId() }, query: range }, pageOptions);

    const sink = file?.stream ?? ctx.stdout;
    const writer = createRecordWriter(format, sink, WORKLOG_CSV);
    for await (const worklog of worklogs) {
      await writer.write(worklog);
      progress.update(writer.count, worklog.startDate);
    }
    await writer.end();
    progress.clear();

    if (file && out) {
      file.stream.end();
      await once(file.stream, 'finish');
      try {
        await rename(file.temp, out);
      } catch (error) {
        throw new AppError(`cannot write --out ${out}: ${fsReason(error)}`, { cause: error });
      }
      file = undefined;
      writeLine(ctx.stderr, `exported ${writer.count} worklog${writer.count === 1 ? '' : 's'} to ${out}`);
    }
  } finally {
    progress.clear();
    if (file) {
      file.stream.destroy();
      await rm(file.temp, { force: true });
    }
    await session?.close();
  }
}
