/** Calendar helpers on `YYYY-MM-DD` strings, in UTC so results do not depend on the machine's time zone. */

/** Parses `YYYY-MM-DD` as a UTC midnight timestamp. */
export function parseDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** Formats a timestamp as its UTC `YYYY-MM-DD`. */
export function formatDay(time: number | Date): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  return formatDay(parseDay(day) + n * 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(parseDay(day)).getUTCDay();
}

/** The Monday on or before `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -((weekday(day) + 6) % 7));
}

/** Every day from `from` to `to`, both included (at most `max` days, to bound hostile ranges). */
export function eachDay(from: string, to: string, max = 3660): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < max; d = addDays(d, 1)) out.push(d);
  return out;
}

/** True for a syntactically valid and real calendar date. */
export function isDay(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  // Month 13 or day 45 parse to NaN, which formatDay cannot format (RangeError): refuse them here.
  const time = parseDay(text);
  return Number.isFinite(time) && formatDay(time) === text;
}

/** ISO-8601 UTC timestamp without milliseconds, as Tempo prints `createdAt`/`updatedAt`. */
export function isoSeconds(time: number | Date): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
