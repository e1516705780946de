/**
 * Optional logging. Silent unless a logger is given; every line and every detail value passes through the
 * client's redactor, so tokens, `Authorization` headers and client secrets never reach the sink.
 */
import type { Redactor } from './redact.js';

/** Log levels, most verbose first. `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Where log lines go. `console` fits, as do pino/winston-style loggers. Each method gets a message and a flat
 * object of details (method, url, status, attempt, delay…).
 */
export interface TempoLogger {
  /** Every request and response. */
  debug?(message: string, details?: Record<string, unknown>): void;
  /** Token refreshes after a 401. */
  info?(message: string, details?: Record<string, unknown>): void;
  /** Retries and their reasons. */
  warn?(message: string, details?: Record<string, unknown>): void;
  /** A call that failed after all retries. */
  error?(message: string, details?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** The client's internal logging handle. */
export interface Log {
  /** Whether `level` would be written (check before building expensive messages). */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
  /** Writes one line at `level`, redacted. */
  write(level: Exclude<LogLevel, 'silent'>, message: string, details?: Record<string, unknown>): void;
}

/** A {@link Log} that drops everything. */
export const silentLog: Log = { enabled: () => false, write: () => {} };

function redactValue(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') return redactor.text(value);
  if (value instanceof Error) return redactor.text(`${value.name}: ${value.message}`);
  if (value !== null && typeof value === 'object') {
    // Details are meant to be flat; anything nested is flattened to redacted JSON.
    try {
      return redactor.text(JSON.stringify(value));
    } catch {
      return '[unserializable]';
    }
  }
  return value;
}

/** A {@link Log} writing to `logger` at `level` and above (default `info`), through `redactor`. */
export function createLog(logger: TempoLogger | undefined, level: LogLevel | undefined, redactor: Redactor): Log {
  if (!logger || level === 'silent') return silentLog;
  const threshold = RANK[level ?? 'info'] ?? RANK.info;
  return {
    enabled: (lvl) => RANK[lvl] >= threshold && typeof logger[lvl] === 'function',
    write(lvl, message, details) {
      if (RANK[lvl] < threshold) return;
      const sink = logger[lvl];
      if (typeof sink !== 'function') return;
      let clean: Record<string, unknown> | undefined;
      if (details) {
        clean = {};
        for (const [key, value] of Object.entries(details)) clean[key] = redactValue(value, redactor);
      }
      try {
        if (clean) sink.call(logger, redactor.text(message), clean);
        else sink.call(logger, redactor.text(message));
      } catch {
        // A failing logger must not fail the request.
      }
    },
  };
}
