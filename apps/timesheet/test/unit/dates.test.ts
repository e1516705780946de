import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatIsoWeek,
  isoWeekOf,
  isoWeekday,
  localDate,
  parseDate,
  parseRange,
  parseStartTime,
  resolveDateOption,
  weekdayName,
} from '../../src/lib/dates.js';
import { UsageError } from '../../src/lib/errors.js';

describe('parseDate', () => {
  it('accepts real calendar dates', () => {
    expect(parseDate('2026-03-09')).toBe('2026-03-09');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
  });

  it.each([
    ['2026-02-29', /no such day/],
    ['2026-13-01', /no such day/],
    ['2026-04-31', /no such day/],
    ['2026-00-10', /no such day/],
    ['2026-3-9', /use YYYY-MM-DD/],
    ['09/03/2026', /use YYYY-MM-DD/],
    ['tomorrow', /use YYYY-MM-DD/],
    ['', /use YYYY-MM-DD/],
  ])('refuses %j', (text, message) => {
    expect(() => parseDate(text, '--date')).toThrow(UsageError);
    expect(() => parseDate(text, '--date')).toThrow(message);
  });

  it('names the option in the message', () => {
    expect(() => parseDate('x', '--from')).toThrow('bad --from "x"');
  });
});

describe('resolveDateOption', () => {
  it('defaults to today and understands today/yesterday', () => {
    expect(resolveDateOption(undefined, '2026-03-01')).toBe('2026-03-01');
    expect(resolveDateOption('today', '2026-03-01')).toBe('2026-03-01');
    expect(resolveDateOption('Yesterday', '2026-03-01')).toBe('2026-02-28');
    expect(resolveDateOption('2025-12-31', '2026-03-01')).toBe('2025-12-31');
    expect(() => resolveDateOption('someday', '2026-03-01')).toThrow(/bad --date/);
  });
});

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-29', 7)).toBe('2026-04-05'); // across a European DST change
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('numbers weekdays Monday first', () => {
    expect(isoWeekday('2026-03-09')).toBe(0);
    expect(weekdayName('2026-03-09')).toBe('Mon');
    expect(weekdayName('2026-03-15')).toBe('Sun');
  });

  it('takes the local calendar date of a time', () => {
    expect(localDate(new Date(2026, 2, 9, 23, 59))).toBe('2026-03-09');
    expect(localDate(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });
});

describe('isoWeekOf', () => {
  it('returns Monday to Sunday of the week', () => {
    const week = isoWeekOf('2026-03-12'); // Thursday
    expect(week.start).toBe('2026-03-09');
    expect(week.end).toBe('2026-03-15');
    expect(week.days).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(formatIsoWeek(week)).toBe('2026-W11');
  });

  it.each([
    ['2024-12-30', 2025, 1], // Monday belonging to next year's week 1
    ['2021-01-03', 2020, 53], // Sunday belonging to the previous year's week 53
    ['2026-01-01', 2026, 1],
    ['2027-01-01', 2026, 53],
    ['2020-12-31', 2020, 53],
    ['2026-12-31', 2026, 53],
    ['2026-06-15', 2026, 25],
  ])('%s is in ISO week %i-W%i', (date, year, week) => {
    expect(isoWeekOf(date)).toMatchObject({ year, week });
  });

  it('gives every day of a week the same week', () => {
    const days = isoWeekOf('2025-12-29').days;
    expect(new Set(days.map((d) => formatIsoWeek(isoWeekOf(d))))).toEqual(new Set(['2026-W01']));
  });
});

describe('parseRange', () => {
  it('checks both ends and their order', () => {
    expect(parseRange('2026-01-01', '2026-01-31')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(parseRange('2026-01-01', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(() => parseRange('2026-02-01', '2026-01-31')).toThrow('--from 2026-02-01 is after --to 2026-01-31');
    expect(() => parseRange(undefined, '2026-01-31')).toThrow(/both --from and --to/);
    expect(() => parseRange('2026-01-01', '2026-02-30')).toThrow(/bad --to/);
  });
});

describe('parseStartTime', () => {
  it.each([
    ['09:30', '09:30:00'],
    ['9:30', '09:30:00'],
    ['00:00', '00:00:00'],
    ['23:59', '23:59:00'],
    ['13:05:07', '13:05:07'],
  ])('%s → %s', (input, output) => {
    expect(parseStartTime(input)).toBe(output);
  });

  it.each(['24:00', '9', '9.30', '09:60', '9:3', '12:00:60', 'noon', '-1:00'])('refuses %j', (input) => {
    expect(() => parseStartTime(input)).toThrow(/bad start time/);
  });
});
