import { MAX_TIMER_MS } from './constants.js';
import { TempoMockUsageError } from './errors.js';

/** One injected failure, for testing a client's retry, back-off and timeout logic. */
export interface FaultRule {
  /** Only requests with this method (any case); every method when omitted. */
  method?: string;
  /**
   * Only requests to this path: a template of the spec (`/worklogs/{id}`), a concrete path relative to the base
   * URL (`/worklogs/42`), an OAuth path (`/oauth/token/`), or a RegExp tested on the URL's pathname.
   * Every path when omitted.
   */
  path?: string | RegExp;
  /** Only this operation (an operationId of the spec). */
  operationId?: string;
  /** Answer with this status (e.g. 429, 500, 503) instead of serving the request. */
  status?: number;
  /**
   * For a status answer: send `Retry-After` asking the client to wait this many milliseconds. The header counts
   * whole seconds, so it carries `ceil(retryAfterMs / 1000)`. No header when neither this nor `retryAfterDate`
   * is given.
   */
  retryAfterMs?: number;
  /** For a status answer: send `Retry-After` as this HTTP date (a `Date`, or a string sent as it is). */
  retryAfterDate?: Date | string;
  /** @deprecated Use `retryAfterMs` (milliseconds) or `retryAfterDate`. Seconds (a number) or an HTTP date (a string). */
  retryAfter?: number | string;
  /** For a status answer: the message of the Tempo error body. */
  message?: string;
  /**
   * For a status answer: a JSON body to send instead of `{"errors":{"message":…}}`, e.g. the list form
   * `{"errors":[{"message":"…"}]}` some integrations see.
   */
  body?: unknown;
  /** Wait this long before answering (alone: then serve normally; with `status`: then fail). */
  delayMs?: number;
  /** Fail at the network level (msw `HttpResponse.error()`; the standalone server drops the connection). */
  networkError?: boolean;
  /** How many matching requests the fault affects; forever (until removed) when omitted. */
  times?: number;
}

/** A fault that is active; `remaining` counts down with each matching request. */
export interface ActiveFault {
  readonly rule: FaultRule;
  /** Requests still to affect (Infinity when `times` was omitted). */
  readonly remaining: number;
  /** Requests affected so far. */
  readonly hits: number;
  /** Stops the fault. */
  remove(): void;
}

/**
 * What a request looks like to the fault matcher.
 * @inline
 */
export interface FaultTarget {
  method: string;
  /** Pathname of the URL. */
  pathname: string;
  /** Path relative to the base URL (API requests only). */
  relativePath?: string;
  /** Spec path template of the matched operation. */
  template?: string;
  operationId?: string;
}

interface FaultEntry {
  rule: FaultRule;
  remaining: number;
  hits: number;
}

/** The mock's fault list: `add` rules, `clear` them; requests take the first matching rule with hits left. */
export class FaultInjector {
  private entries: FaultEntry[] = [];

  /**
   * Adds a fault; returns a handle to watch or remove it.
   *
   * @throws {TempoMockUsageError} when the rule injects nothing (no `status`, `delayMs` or `networkError`) or a
   * field is out of range (`status` not 100–599, a `delayMs`/`retryAfterMs` that is negative, non-finite or above 2^31−1, `times` not a
   * positive integer).
   */
  add(rule: FaultRule): ActiveFault {
    checkRule(rule);
    const entry: FaultEntry = { rule, remaining: rule.times ?? Infinity, hits: 0 };
    this.entries.push(entry);
    const entries = () => this.entries;
    const self = this;
    return {
      rule,
      get remaining() {
        return entry.remaining;
      },
      get hits() {
        return entry.hits;
      },
      remove() {
        self.entries = entries().filter((e) => e !== entry);
      },
    };
  }

  /** Removes every fault. */
  clear(): void {
    this.entries = [];
  }

  /** Faults still active. */
  list(): FaultRule[] {
    return this.entries.filter((e) => e.remaining > 0).map((e) => e.rule);
  }

  /** The rule to apply to this request (and counts it), or undefined. */
  take(target: FaultTarget): FaultRule | undefined {
    if (this.entries.length === 0) return undefined;
    for (const entry of this.entries) {
      if (entry.remaining <= 0 || !matches(entry.rule, target)) continue;
      entry.remaining--;
      entry.hits++;
      return entry.rule;
    }
    return undefined;
  }
}

/** The `Retry-After` header a rule asks for, or undefined. */
export function retryAfterHeader(rule: FaultRule): string | undefined {
  if (rule.retryAfterMs !== undefined) return String(Math.ceil(rule.retryAfterMs / 1000));
  if (rule.retryAfterDate !== undefined)
    return typeof rule.retryAfterDate === 'string' ? rule.retryAfterDate : rule.retryAfterDate.toUTCString();
  if (rule.retryAfter !== undefined) return String(rule.retryAfter);
  return undefined;
}

function checkRule(rule: FaultRule): void {
  if (rule === null || typeof rule !== 'object')
    throw new TempoMockUsageError('A fault must be an object such as { status: 503, times: 1 }');
  if (rule.status === undefined && rule.delayMs === undefined && !rule.networkError) {
    throw new TempoMockUsageError('A fault needs a status, a delayMs or networkError: true');
  }
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)) {
    throw new TempoMockUsageError(`A fault's status must be an integer from 100 to 599, got ${String(rule.status)}`);
  }
  for (const field of ['delayMs', 'retryAfterMs'] as const) {
    const value = rule[field];
    // setTimeout cannot wait longer than MAX_TIMER_MS: a longer delay would fire at once.
    if (
      value !== undefined &&
      (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS)
    ) {
      throw new TempoMockUsageError(
        `A fault's ${field} must be a number from 0 to ${MAX_TIMER_MS} (milliseconds), got ${String(value)}`,
      );
    }
  }
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
    throw new TempoMockUsageError(
      `A fault's times must be a positive integer (omit it for "until removed"), got ${String(rule.times)}`,
    );
  }
  const date = rule.retryAfterDate;
  if (
    date !== undefined &&
    (date instanceof Date ? Number.isNaN(date.getTime()) : typeof date !== 'string' || Number.isNaN(Date.parse(date)))
  )
    throw new TempoMockUsageError(
      `A fault's retryAfterDate must be a valid Date or an HTTP date such as 'Wed, 21 Oct 2026 07:28:00 GMT', got ${String(date)}`,
    );
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.method && rule.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (rule.operationId && rule.operationId !== target.operationId) return false;
  if (rule.path === undefined) return true;
  if (rule.path instanceof RegExp) return rule.path.test(target.pathname);
  const wanted = trimSlash(rule.path);
  return [target.template, target.relativePath, target.pathname].some(
    (p) => p !== undefined && trimSlash(p) === wanted,
  );
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
