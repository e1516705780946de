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
  /** For a status answer: `Retry-After` as seconds or an HTTP date; omitted when undefined. */
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

/** What a request looks like to the fault matcher. */
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

  /** Adds a fault; returns a handle to watch or remove it. */
  add(rule: FaultRule): ActiveFault {
    if (rule.status === undefined && rule.delayMs === undefined && !rule.networkError) {
      throw new TypeError('A fault needs a status, a delayMs or networkError: true');
    }
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

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.method && rule.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (rule.operationId && rule.operationId !== target.operationId) return false;
  if (rule.path === undefined) return true;
  if (rule.path instanceof RegExp) return rule.path.test(target.pathname);
  const wanted = trimSlash(rule.path);
  return [target.template, target.relativePath, target.pathname].some((p) => p !== undefined && trimSlash(p) === wanted);
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
