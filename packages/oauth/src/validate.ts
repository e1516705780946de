/**
 * Checks of caller-supplied options. Every failure is an {@link OAuthUsageError} naming the option, thrown before
 * anything is sent.
 *
 * @internal
 */

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
    throw new OAuthUsageError(name, `${name} must be a finite number of milliseconds, 0 or more`);
  }
  return value;
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

/** A value cut short for a message (user input is echoed only this far). */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
