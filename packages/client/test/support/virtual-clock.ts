import type { Clock } from '../../src/index.js';

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
  cleanup(): void;
}

/** A {@link Clock} whose time only moves when every caller is asleep: minutes of back-off pass in milliseconds. */
export interface VirtualClock extends Clock {
  /** Every `sleep` call's duration, in call order. */
  readonly sleeps: number[];
  /** Sets the value `random()` returns (default 0: no jitter). */
  setRandom(value: number): void;
  /** Virtual milliseconds elapsed since the clock was made. */
  elapsed(): number;
}

/**
 * Timers fire one at a time, earliest first, each on its own macrotask (setImmediate), so that the promise
 * chains a wake-up starts (acquire → fetch) run before virtual time moves again.
 */
export function createVirtualClock(start = Date.UTC(2026, 10, 27, 9, 0, 0)): VirtualClock {
  let now = start;
  let seq = 0;
  let random = 0;
  let scheduled = false;
  const timers: Timer[] = [];
  const sleeps: number[] = [];

  const schedule = () => {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const timer = timers.shift();
      if (!timer) return;
      now = Math.max(now, timer.at);
      timer.cleanup();
      timer.resolve();
      schedule();
    });
  };

  return {
    sleeps,
    now: () => now,
    monotonicNow: () => now - start,
    random: () => random,
    setRandom(value) {
      random = value;
    },
    elapsed: () => now - start,
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = () => {
          const index = timers.indexOf(timer);
          if (index !== -1) timers.splice(index, 1);
          reject(signal?.reason);
        };
        const timer: Timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          resolve,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        schedule();
      });
    },
  };
}
