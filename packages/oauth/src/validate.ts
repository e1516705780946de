/**
 * Checks of caller-supplied options. Every failure is an {@link OAuthUsageError} naming the option, thrown before
 * anything is sent.
 *
 * @internal
 */

import { MAX_TIMER_MS } from './clock.js';
import { OAuthUsageError } from './errors.js';

/**
 * @throws {@link OAuthUsageError} unless `value` is a non-empty string (whitespace only counts as empty).
 */
export function requireText(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new OAuthUsageError(name, `${name} must be a non-empty string`);
}

/**
 * A duration option in milliseconds: `fallback` when absent.
 *
 * @throws {@link OAuthUsageError} unless `value` is a finite number ≥ 0.
 */
export function durationMs(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new OAuthUsageError(
      name,
      `${name} must be a finite number of milliseconds, 0 or more, got ${shownValue(value)}`,
    );
  }
  return value;
}

/**
 * A duration option that sets a timer (a timeout, a wait between tries): `fallback` when absent.
 *
 * @throws {@link OAuthUsageError} unless `value` is a number from 0 to {@link MAX_TIMER_MS} (2^31 − 1 ms, about
 *   24.8 days: `setTimeout` fires a longer delay after 1 ms).
 */
export function timerMs(value: unknown, fallback: number, name: string): number {
  const ms = durationMs(value, fallback, name);
  if (ms > MAX_TIMER_MS) {
    throw new OAuthUsageError(name, `${name} must be at most ${MAX_TIMER_MS} ms (about 24.8 days), got ${ms}`);
  }
  return ms;
}

/**
 * A size option in bytes: `fallback` when absent.
 *
 * @throws {@link OAuthUsageError} unless `value` is a whole number ≥ 1 (or `Infinity` for no limit).
 */
export function sizeBytes(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !(value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && value >= 1))
  ) {
    throw new OAuthUsageError(name, `${name} must be a whole number of bytes, 1 or more`);
  }
  return value;
}

/** A value as a message shows it: a number as it is, anything else quoted (`"100"` is not `100`). */
function shownValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : shown(value);
}

/** A value cut short for a message (user input is echoed only this far). */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
