/**
 * The time source and the logger every part of the package takes as options (`clock`, `logger`), in the shapes
 * CONTRIBUTING.md describes. `@tempo-sdk/client`'s `Clock` and `console` both fit.
 *
 * @internal
 */

import { OAuthUsageError } from './errors.js';

/**
 * Where time comes from. `now()` is wall-clock epoch milliseconds, used only for wall-time facts (token
 * expiry). `monotonicNow()` measures elapsed time (cooldowns, lock waits) and never steps back; default
 * `performance.now()`. `sleep(ms, signal?)` waits; default `setTimeout`.
 */
export interface ClockOption {
  now(): number;
  monotonicNow?(): number;
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A clock with every part filled in. */
export interface Clock {
  now(): number;
  monotonicNow(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Where log lines go (`console` fits). Every line passes through the package's redactor first. */
export interface LoggerOption {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
  error?(message: string, details?: Record<string, unknown>): void;
}

/**
 * The longest delay `setTimeout` takes as given: 2^31 − 1 ms (about 24.8 days). A larger one fires after 1 ms, so
 * duration options are checked against it and {@link realSleep} waits longer ones out in steps.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * `setTimeout` as a promise, ending early with `signal.reason` when the signal aborts. A wait above
 * {@link MAX_TIMER_MS} is set again for the rest, never passed to `setTimeout` whole.
 */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    let remainingMs = Math.max(0, ms);
    const arm = (): void => {
      const stepMs = Math.min(remainingMs, MAX_TIMER_MS);
      remainingMs -= stepMs;
      timer = setTimeout(() => {
        if (remainingMs > 0) return arm();
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, stepMs);
    };
    arm();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock: `Date.now`, `performance.now`, `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonicNow: () => performance.now(),
  sleep: realSleep,
};

/**
 * Fills in the parts a given clock lacks.
 *
 * @throws {@link OAuthUsageError} when `clock` is given but has no `now()`.
 */
export function resolveClock(clock: ClockOption | undefined, option = 'clock'): Clock {
  if (clock === undefined) return systemClock;
  if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function') {
    throw new OAuthUsageError(
      option,
      `${option} must be an object with now() (and optionally monotonicNow() and sleep())`,
    );
  }
  return {
    now: () => clock.now(),
    monotonicNow:
      typeof clock.monotonicNow === 'function'
        ? () => (clock.monotonicNow as () => number)()
        : systemClock.monotonicNow,
    sleep: typeof clock.sleep === 'function' ? (ms, signal) => (clock.sleep as Clock['sleep'])(ms, signal) : realSleep,
  };
}

/**
 * Checks a logger option.
 *
 * @throws {@link OAuthUsageError} when `logger` is not an object.
 */
export function checkLogger(logger: unknown, option = 'logger'): LoggerOption | undefined {
  if (logger === undefined) return undefined;
  if (typeof logger !== 'object' || logger === null) {
    throw new OAuthUsageError(option, `${option} must be an object with debug/info/warn/error methods (console fits)`);
  }
  return logger as LoggerOption;
}
