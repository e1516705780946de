/**
 * Per-attempt timeouts without a timer per request. Creating and clearing a `setTimeout` (and an abort listener)
 * for every request costs more than the rest of the client's own work per request; instead, every attempt in
 * flight is registered here and one sweep timer, running only while attempts are registered, expires the overdue
 * ones. A timeout therefore fires between `timeoutMs` and `timeoutMs + granularity` ms after the attempt started,
 * where granularity is a tenth of the timeout (5 ms to 1 s).
 */

/** Something with a deadline: `expire` is called once if it is still registered when its time has come. */
export interface Expirable {
  /** Monotonic milliseconds (`performance.now()`) after which the attempt is overdue. */
  deadline: number;
  expire(): void;
}

/** The registry of attempts in flight for one client. */
export interface Deadlines {
  add(item: Expirable): void;
  delete(item: Expirable): void;
}

/** A {@link Deadlines} for attempts that may take at most `timeoutMs` milliseconds. */
export function createDeadlines(timeoutMs: number): Deadlines {
  const granularity = Math.min(1000, Math.max(5, Math.floor(timeoutMs / 10)));
  const active = new Set<Expirable>();
  let scheduled = false;

  const sweep = (): void => {
    scheduled = false;
    const now = performance.now();
    for (const item of active) {
      if (item.deadline <= now) {
        active.delete(item);
        item.expire();
      }
    }
    if (active.size > 0) schedule();
  };

  const schedule = (): void => {
    scheduled = true;
    const timer = setTimeout(sweep, granularity) as unknown as { unref?: () => void };
    // Node: the timer alone must not keep a process alive (a request in flight keeps its own socket open).
    timer.unref?.();
  };

  return {
    add(item) {
      active.add(item);
      if (!scheduled) schedule();
    },
    delete(item) {
      active.delete(item);
    },
  };
}
