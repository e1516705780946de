import { describe, expect, it } from 'vitest';
import { formatDecimalHours, formatDuration, parseDuration } from '../../src/lib/duration.js';
import { UsageError } from '../../src/lib/errors.js';

describe('parseDuration', () => {
  it.each([
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['90m', 5400],
    ['90min', 5400],
    ['1.5h', 5400],
    ['2h', 7200],
    ['0.25h', 900],
    ['.5h', 1800],
    ['45m', 2700],
    ['7.5m', 480], // 7m 30s, rounded to whole minutes
    ['90s', 120],
    ['60s', 60],
    ['1h2m3s', 3720],
    ['1h59m', 7140],
    ['1m59s', 120],
    ['100m', 6000], // a lone unit may be 60 or more
    ['1:30', 5400],
    ['0:45', 2700],
    [' 2H ', 7200],
    ['24h', 86400],
  ])('%s → %i seconds', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  it('rounds to whole minutes, so that the week table adds up', () => {
    expect(parseDuration('0.333h')).toBe(1200); // 19m 58.8s
    expect(parseDuration('0.33h')).toBe(1200); // 19m 48s
    for (const text of ['0.1h', '0.017h', '1.01h', '2.2m', '1h2m29s', '61s']) expect(parseDuration(text) % 60).toBe(0);
  });

  it.each([
    ['1h90m', 'bad duration "1h90m": minutes must be under 60 after hours (did you mean 2h 30m?)'],
    ['1h 60m', 'bad duration "1h 60m": minutes must be under 60 after hours (did you mean 2h?)'],
    ['1m60s', 'bad duration "1m60s": seconds must be under 60 after minutes (did you mean 2m?)'],
    ['1h75s', 'bad duration "1h75s": seconds must be under 60 after hours (did you mean 1h 1m?)'],
  ])('refuses %j: 60 or more after a larger unit, like 1:75', (input, message) => {
    expect(() => parseDuration(input)).toThrow(UsageError);
    expect(() => parseDuration(input)).toThrow(message);
  });

  it.each(['20s', '59s', '0.001h', '0.99m', '30s'])('refuses %j: under one minute would be logged as 0m', (input) => {
    expect(() => parseDuration(input)).toThrow(
      `bad duration "${input}": less than 1 minute; time is logged in whole minutes`,
    );
  });

  it('says a negative duration is negative', () => {
    expect(() => parseDuration('-1h')).toThrow('bad duration "-1h": a duration cannot be negative');
  });

  it.each(['', 'abc', '1x', 'h', '1m30h', '1h30', '1.5h30m', '-1h', '1:75', '1,5h'])('refuses %j', (input) => {
    expect(() => parseDuration(input)).toThrow(UsageError);
    expect(() => parseDuration(input)).toThrow(/bad duration/);
  });

  it('asks for a unit on a bare number instead of guessing', () => {
    expect(() => parseDuration('90')).toThrow('add a unit: 90m or 90h');
  });

  it('refuses zero and more than a day', () => {
    expect(() => parseDuration('0m')).toThrow(/more than zero/);
    expect(() => parseDuration('0h0m')).toThrow(/more than zero/);
    expect(() => parseDuration('24h1m')).toThrow(/more than 24h/);
    expect(() => parseDuration('80h')).toThrow(/split it by day/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0m'],
    [60, '1m'],
    [2700, '45m'],
    [3600, '1h'],
    [5400, '1h 30m'],
    [27000, '7h 30m'],
    [29, '0m'],
    [30, '1m'],
    [-5400, '-1h 30m'],
    [144000, '40h'],
  ])('%i → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('has a compact form for table cells', () => {
    expect(formatDuration(5400, { compact: true })).toBe('1h30m');
    expect(formatDuration(-900, { compact: true })).toBe('-15m');
  });

  it('round-trips what parseDuration reads', () => {
    for (const text of ['1h 30m', '45m', '8h', '23h 59m']) expect(formatDuration(parseDuration(text))).toBe(text);
  });
});

describe('formatDecimalHours', () => {
  it('prints two decimals', () => {
    expect(formatDecimalHours(5400)).toBe('1.50');
    expect(formatDecimalHours(1200)).toBe('0.33');
    expect(formatDecimalHours(0)).toBe('0.00');
  });
});
