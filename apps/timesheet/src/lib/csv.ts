/**
 * CSV as RFC 4180 defines it: fields separated by commas, records ended by CRLF, and a field quoted (with
 * inner quotes doubled) when it holds a comma, a quote, a line break or edge whitespace. Values are written
 * as they are — no spreadsheet "formula protection" that would change the data.
 */

/** Record separator (RFC 4180 §2.1). */
export const CSV_EOL = '\r\n';

/** A value a CSV cell can hold; `null`/`undefined` become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** Escapes one field. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its line ending. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + CSV_EOL;
}
