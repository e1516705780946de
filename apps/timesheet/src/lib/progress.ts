/**
 * A one-line progress bar for long exports, drawn on stderr only when stderr is a terminal: pipes, files and
 * CI logs get nothing (no `\r` garbage in logs), and stdout — where the data goes — is never touched.
 *
 * Tempo's pages carry no grand total, so the bar measures how far through the date range the worklogs are
 * (they arrive in date order) and shows the running count.
 */
import { daysBetween, type IsoDate } from './dates.js';

/** The bits of a stream the bar needs (`process.stderr` fits). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  stream: ProgressStream;
  /** The exported range; the bar fills as worklog dates move from `from` to `to`. */
  from: IsoDate;
  to: IsoDate;
  /** Text before the bar. */
  label?: string;
  /** Milliseconds between redraws (default 100): redrawing per worklog would cost more than the export. */
  intervalMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** A running progress display. */
export interface Progress {
  /** Reports the running count and the date of the latest record. Redraws at most every `intervalMs`. */
  update(count: number, date?: IsoDate): void;
  /** Erases the bar (call before printing anything else to stderr, and at the end). */
  clear(): void;
}

const CLEAR_LINE = '\r\x1b[K';
/** A progress display that shows nothing. */
export const NO_PROGRESS: Progress = { update() {}, clear() {} };

/** Creates a progress bar, or a no-op when `stream` is not a TTY. */
export function createProgress(options: ProgressOptions): Progress {
  const { stream, from, to, label = 'exporting', intervalMs = 100, now = Date.now } = options;
  if (!stream.isTTY) return NO_PROGRESS;
  const span = daysBetween(from, to) + 1;
  let fraction = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(count, date) {
      // Monotonic: a worklog out of order must not move the bar back.
      if (date) fraction = Math.max(fraction, Math.min(1, Math.max(0, (daysBetween(from, date) + 1) / span)));
      const t = now();
      if (t - lastDraw < intervalMs) return;
      lastDraw = t;
      drawn = true;
      stream.write(CLEAR_LINE + renderProgressLine({ label, fraction, count, date, columns: stream.columns }));
    },
    clear() {
      if (drawn) stream.write(CLEAR_LINE);
      drawn = false;
    },
  };
}

/** The text of the bar, fitted to `columns` (default 80). Exported for tests. */
export function renderProgressLine(state: {
  label: string;
  fraction: number;
  count: number;
  date?: IsoDate | undefined;
  columns?: number | undefined;
}): string {
  const percent = `${Math.floor(state.fraction * 100)}%`.padStart(4);
  const tail = ` ${percent} ${state.count} worklog${state.count === 1 ? '' : 's'}${state.date ? ` ${state.date}` : ''}`;
  const room = (state.columns ?? 80) - 1 - state.label.length - 3 - tail.length;
  const width = Math.max(10, Math.min(30, room));
  const filled = Math.round(state.fraction * width);
  return `${state.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${tail}`;
}
