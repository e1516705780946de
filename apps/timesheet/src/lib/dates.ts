/**
 * Calendar dates (`YYYY-MM-DD`, as Tempo sends and expects them), ISO weeks and start times.
 *
 * Dates are plain strings; arithmetic goes through UTC midnight so that daylight-saving changes never shift a
 * day. "Today" is the user's local date — a timesheet is about the wall calendar where the user sits.
 */
import { UsageError } from './errors.js';

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * Checks that `text` is a real calendar date in `YYYY-MM-DD` form (so `2026-02-30` is refused).
 *
 * @param what names the input in the error message, e.g. `--date`.
 * @throws {UsageError}
 */
export function parseDate(text: string, what = 'date'): IsoDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return text.trim();
    }
    throw new UsageError(`bad ${what} "${text}": no such day in the calendar`);
  }
  throw new UsageError(`bad ${what} "${text}": use YYYY-MM-DD, e.g. 2026-03-09`);
}

/**
 * A `--date` value: `today`, `yesterday`, or a `YYYY-MM-DD` date; `undefined` means today.
 *
 * @throws {UsageError}
 */
export function resolveDateOption(text: string | undefined, today: IsoDate, what = '--date'): IsoDate {
  if (text === undefined) return today;
  const word = text.trim().toLowerCase();
  if (word === 'today') return today;
  if (word === 'yesterday') return addDays(today, -1);
  return parseDate(text, what);
}

/** The local calendar date of `now` (defaults to the current time). */
export function localDate(now: Date = new Date()): IsoDate {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `date` moved by `days` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (`to` later → positive). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday (ISO order). */
export function isoWeekday(date: IsoDate): number {
  return (new Date(toUtc(date)).getUTCDay() + 6) % 7;
}

/** Short English weekday name (`Mon` … `Sun`). */
export function weekdayName(date: IsoDate): string {
  return WEEKDAYS[isoWeekday(date)]!;
}

/** The ISO 8601 week of a date: weeks start on Monday; week 1 holds the year's first Thursday. */
export interface IsoWeek {
  /** ISO week-numbering year (differs from the calendar year around New Year, e.g. 2024-12-30 is 2025-W01). */
  year: number;
  /** 1 … 53. */
  week: number;
  /** Monday of the week. */
  start: IsoDate;
  /** Sunday of the week. */
  end: IsoDate;
  /** The seven dates Monday … Sunday. */
  days: IsoDate[];
}

/** The ISO week containing `date`. */
export function isoWeekOf(date: IsoDate): IsoWeek {
  const start = addDays(date, -isoWeekday(date));
  const thursday = addDays(start, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  return { year, week, start, end: days[6]!, days };
}

/** `2026-W03` style label. */
export function formatIsoWeek(week: Pick<IsoWeek, 'year' | 'week'>): string {
  return `${week.year}-W${pad(week.week)}`;
}

/**
 * Checks a `--from`/`--to` pair: both valid dates and `from` not after `to`.
 *
 * @throws {UsageError}
 */
export function parseRange(from: string | undefined, to: string | undefined): { from: IsoDate; to: IsoDate } {
  if (from === undefined || to === undefined) {
    throw new UsageError('both --from and --to are required (YYYY-MM-DD)');
  }
  const range = { from: parseDate(from, '--from'), to: parseDate(to, '--to') };
  if (range.from > range.to) throw new UsageError(`--from ${range.from} is after --to ${range.to}`);
  return range;
}

/**
 * A start time as Tempo wants it, `HH:mm:ss`. People type `9:30` or `09:30`; seconds are optional.
 *
 * @throws {UsageError}
 */
export function parseStartTime(text: string): string {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (match) {
    const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
    if (hours <= 23 && minutes <= 59 && seconds <= 59) return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  }
  throw new UsageError(`bad start time "${text}": use HH:mm (24-hour), e.g. 09:30`);
}

function toUtc(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtc(ms: number): IsoDate {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
