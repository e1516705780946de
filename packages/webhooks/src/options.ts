/**
 * Checks of the options every entry point shares. Each failure is a {@link WebhookUsageError} that names the
 * option and never repeats its value (a secret may be in it).
 *
 * @module
 */
import { WebhookUsageError } from './errors.js';

/** Any object with `now()`: wall-clock epoch milliseconds (see CONTRIBUTING.md, "Options every package shares"). */
export interface WebhookClock {
  now(): number;
}

/** Five minutes, the replay window most webhook providers use. */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

/** The shared secrets as a non-empty list of non-empty strings. */
export function checkSecrets(sharedSecret: unknown): readonly string[] {
  const list = typeof sharedSecret === 'string' ? [sharedSecret] : sharedSecret;
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.length > 0)) {
    throw new WebhookUsageError(
      'sharedSecret',
      "a non-empty string (the subscription's sharedSecret) or a non-empty list of them",
    );
  }
  return list;
}

export function checkToleranceMs(toleranceMs: unknown): number {
  if (toleranceMs === undefined) return DEFAULT_TOLERANCE_MS;
  if (typeof toleranceMs !== 'number' || !Number.isFinite(toleranceMs) || toleranceMs < 0) {
    throw new WebhookUsageError('toleranceMs', 'a finite number of milliseconds, 0 or more');
  }
  return toleranceMs;
}

export function checkClock(clock: unknown): WebhookClock {
  if (clock === undefined) return Date;
  if (typeof (clock as WebhookClock | null)?.now !== 'function')
    throw new WebhookUsageError('clock', 'an object with a now() method');
  return clock as WebhookClock;
}

export function checkMaxBodyBytes(maxBodyBytes: unknown, fallback: number): number {
  if (maxBodyBytes === undefined) return fallback;
  if (typeof maxBodyBytes !== 'number' || !Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new WebhookUsageError('maxBodyBytes', 'a positive whole number of bytes');
  }
  return maxBodyBytes;
}
