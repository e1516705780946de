import type { ServedRequest } from './engine.js';

/** One entry of the request log: what was asked and what the mock answered (never a header, so never a token). */
export interface LoggedRequest {
  method: string;
  /** Pathname and query, relative to the server (`/4/worklogs?limit=5`). */
  path: string;
  status: number;
  operationId?: string;
  /** Wall-clock epoch milliseconds of the answer. */
  atMs: number;
}

/** The newest API requests the mock answered, oldest first; bounded so a long-running mock keeps its memory. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private start = 0;

  /** @param limit entries kept; older ones are dropped first. */
  constructor(readonly limit: number) {}

  /**
   * Records one answered request (the mock's engine calls it).
   * @internal
   */
  record(served: ServedRequest): void {
    if (this.limit === 0) return;
    const entry: LoggedRequest = { method: served.method, path: served.path, status: served.status, atMs: served.atMs };
    if (served.operationId !== undefined) entry.operationId = served.operationId;
    if (this.entries.length < this.limit) this.entries.push(entry);
    else {
      // A ring: overwrite the oldest entry instead of shifting the array on every request.
      this.entries[this.start] = entry;
      this.start = (this.start + 1) % this.limit;
    }
  }

  /** Every entry kept, oldest first. */
  all(): LoggedRequest[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}
