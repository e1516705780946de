/**
 * Streaming writers for `timesheet export`: records go out one at a time, honouring the sink's backpressure,
 * so memory stays flat however many worklogs there are.
 *
 * - `csv`: a header row, then one row per record (see {@link csvRecord});
 * - `json`: one valid JSON array, `[` first, records separated by commas, `]` at the end — valid even when
 *   empty or when consumers read it only after the end;
 * - `ndjson`: one JSON document per line (for `jq -c`, log shippers, line-by-line processing).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvRecord, type CsvValue } from './csv.js';

/** Output formats of `timesheet export`. */
export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes records of type `T` to a sink. Call {@link RecordWriter.end} once after the last record. */
export interface RecordWriter<T> {
  write(record: T): Promise<void>;
  /** Writes the closing text (the JSON array's `]`); does not close the sink. */
  end(): Promise<void>;
  /** Records written so far. */
  readonly count: number;
}

/** How a record becomes a CSV row. */
export interface CsvLayout<T> {
  header: readonly string[];
  row(record: T): readonly CsvValue[];
}

/** Writes `chunk` and waits for `drain` when the sink's buffer is full (rejects if the sink errors meanwhile). */
export async function writeChunk(sink: Writable, chunk: string): Promise<void> {
  if (!sink.write(chunk)) await once(sink, 'drain');
}

/**
 * Creates the writer for `format`.
 *
 * @param csv how records map to CSV columns (used only for `csv`); JSON formats write records as they are.
 */
export function createRecordWriter<T>(format: ExportFormat, sink: Writable, csv: CsvLayout<T>): RecordWriter<T> {
  let count = 0;
  let started = false;
  const start = async (): Promise<void> => {
    if (started) return;
    started = true;
    if (format === 'csv') await writeChunk(sink, csvRecord(csv.header));
    if (format === 'json') await writeChunk(sink, '[');
  };
  return {
    get count() {
      return count;
    },
    async write(record) {
      await start();
      if (format === 'csv') await writeChunk(sink, csvRecord(csv.row(record)));
      else if (format === 'json') await writeChunk(sink, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
      else await writeChunk(sink, `${JSON.stringify(record)}\n`);
      count++;
    },
    async end() {
      await start();
      if (format === 'json') await writeChunk(sink, count === 0 ? ']\n' : '\n]\n');
    },
  };
}
