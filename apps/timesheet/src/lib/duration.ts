/**
 * Durations as people type them (`1h30m`, `90m`, `1.5h`, `2h`, `1:30`) and as the app prints them (`1h 30m`).
 * Tempo counts time in whole seconds, so everything here is seconds.
 */
import { UsageError } from './errors.js';

/** A worklog longer than a day is almost surely a typo (`80h` for `8h`); Tempo users split multi-day work. */
export const MAX_WORKLOG_SECONDS = 24 * 3600;

const UNIT_SECONDS = { h: 3600, m: 60, s: 1 } as const;

/**
 * Parses a duration into seconds.
 *
 * Accepted: unit groups in the order h, m, s with optional spaces (`1h30m`, `1h 30m`, `2h`, `45m`, `90s`),
 * decimals on a single unit (`1.5h`, `0.25h`, `7.5m`), and clock style `H:MM` (`1:30`). A bare number is
 * refused on purpose: `90` could mean minutes or hours. After a larger unit, minutes and seconds must be
 * under 60 (`1h90m` is refused like `1:75`: more likely a typo than a way of writing 2h30m).
 *
 * The result is rounded to whole minutes (`0.333h` → 20m, `90s` → 2m): the app and Tempo show time in
 * minutes, and a worklog with stray seconds makes the week table's rounded cells stop adding up to its
 * rounded totals. It must be at least one minute (anything less would show as `0m`) and at most
 * {@link MAX_WORKLOG_SECONDS}.
 *
 * @throws {UsageError} with a message that shows what would work.
 */
export function parseDuration(input: string): number {
  const text = input.trim().toLowerCase();
  // `-1h` reaches here as an argument (see args.ts); say what is wrong with it rather than "use e.g. …".
  if (text.startsWith('-')) throw new UsageError(`bad duration "${input}": a duration cannot be negative`);
  const seconds = parseClock(text) ?? parseDecimalUnit(text) ?? parseUnitGroups(text, input);
  if (seconds === undefined) {
    const hint = /^\d+(\.\d+)?$/.test(text) ? ` (add a unit: ${text}m or ${text}h)` : '';
    throw new UsageError(`bad duration "${input}"${hint}; use e.g. 1h30m, 90m, 1.5h or 2h`);
  }
  if (seconds <= 0) throw new UsageError(`bad duration "${input}": must be more than zero`);
  if (seconds < 60)
    throw new UsageError(`bad duration "${input}": less than 1 minute; time is logged in whole minutes`);
  if (seconds > MAX_WORKLOG_SECONDS) {
    throw new UsageError(`bad duration "${input}": more than 24h in one worklog; split it by day`);
  }
  return Math.round(seconds / 60) * 60;
}

function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60;
}

/** Unrounded: {@link parseDuration} checks the lower bound before rounding to minutes. */
function parseDecimalUnit(text: string): number | undefined {
  const match = /^(\d+\.\d+|\.\d+)\s*([hms])$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

function parseUnitGroups(text: string, input: string): number | undefined {
  const match = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) return undefined;
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map((group) =>
    group === undefined ? undefined : Number(group),
  );
  // A lone unit may be large (`90m`, `90s`); after a larger unit, 60 or more is a typo as in `1:75`.
  const total = (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0);
  const meant = `did you mean ${formatDuration(total)}?`;
  if (hours !== undefined && minutes !== undefined && minutes >= 60) {
    throw new UsageError(`bad duration "${input}": minutes must be under 60 after hours (${meant})`);
  }
  if ((hours !== undefined || minutes !== undefined) && seconds !== undefined && seconds >= 60) {
    throw new UsageError(
      `bad duration "${input}": seconds must be under 60 after ${minutes !== undefined ? 'minutes' : 'hours'} (${meant})`,
    );
  }
  return total;
}

/**
 * Formats seconds the way Tempo shows time: `7h 30m`, `45m`, `8h`, `0m`. Seconds are rounded to the minute
 * (Tempo's own UI does the same). Negative values get a leading minus.
 *
 * @param options.compact drop the space (`7h30m`) for narrow table cells.
 */
export function formatDuration(seconds: number, options: { compact?: boolean } = {}): string {
  const sign = seconds < 0 ? '-' : '';
  const totalMinutes = Math.round(Math.abs(seconds) / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours}h`);
  if (minutes || !hours) parts.push(`${minutes}m`);
  return sign + parts.join(options.compact ? '' : ' ');
}

/** Seconds as decimal hours with two decimals (`5400` → `1.50`), for CSV columns a spreadsheet can sum. */
export function formatDecimalHours(seconds: number): string {
  return (seconds / 3600).toFixed(2);
}
