/**
 * A virtual {@link Clock}: time moves only when the client waits, and jumps straight to the end of the wait. Minutes
 * of retry pauses and rate-limit windows pass in milliseconds of real time, and the waits stay observable.
 */
import type { Clock } from '../clock.js';

/** A {@link Clock} whose time only moves when a `sleep` is due: minutes of back-off pass in milliseconds. */
export interface VirtualClock extends Clock {
  /** Milliseconds from an arbitrary origin that never steps back; advances with the virtual time. */
  monotonicNow(): number;
  /** Every `sleep` call's duration in milliseconds, in call order (the client's retry pauses and throttle waits). */
  readonly sleeps: readonly number[];
  /** Virtual milliseconds elapsed since the clock was made. */
  elapsed(): number;
  /** Sets what `random()` returns, in [0, 1) (default 0: no jitter, so pauses are exactly the policy's). */
  setRandom(value: number): void;
}

/** Options of {@link createVirtualClock}. */
export interface VirtualClockOptions {
  /** The wall-clock time the clock starts at, in epoch milliseconds. Default `Date.UTC(2026, 10, 27, 9)`. */
  startMs?: number;
  /** What `random()` returns (default 0). */
  random?: number;
}

interface Timer {
  atMs: number;
  seq: number;
  resolve(): void;
  cleanup(): void;
}

/**
 * Creates a virtual clock. Pass it as the client's `clock` (or use `testClientOptions()`, which does).
 *
 * Due sleeps are woken one at a time, earliest first, each on its own macrotask, so that the work a wake-up
 * starts (acquire a slot, send the retry) runs before virtual time moves again. No real timer is ever set.
 *
 * @throws {RangeError} when `random` is outside [0, 1).
 */
export function createVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
  const startMs = options.startMs ?? Date.UTC(2026, 10, 27, 9, 0, 0);
  let elapsedMs = 0;
  let seq = 0;
  let random = checkRandom(options.random ?? 0);
  let scheduled = false;
  const timers: Timer[] = [];
  const sleeps: number[] = [];

  const wakeNext = (): void => {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    // setImmediate where it exists (Node, Bun, Deno); a resolved-promise chain elsewhere would starve I/O.
    const { setImmediate } = globalThis as { setImmediate?: (run: () => void) => unknown };
    const later = setImmediate ?? ((run: () => void) => setTimeout(run, 0));
    later(() => {
      scheduled = false;
      timers.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
      const timer = timers.shift();
      if (!timer) return;
      elapsedMs = Math.max(elapsedMs, timer.atMs);
      timer.cleanup();
      timer.resolve();
      wakeNext();
    });
  };

  return {
    sleeps,
    now: () => startMs + elapsedMs,
    monotonicNow: () => elapsedMs,
    random: () => random,
    elapsed: () => elapsedMs,
    setRandom(value) {
      random = checkRandom(value);
    },
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = (): void => {
          const index = timers.indexOf(timer);
          if (index !== -1) timers.splice(index, 1);
          reject(signal?.reason);
        };
        const timer: Timer = {
          atMs: elapsedMs + Math.max(0, ms),
          seq: seq++,
          resolve,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        wakeNext();
      });
    },
  };
}

function checkRandom(value: number): number {
  if (!(value >= 0 && value < 1)) throw new RangeError(`random must be in [0, 1), got ${String(value)}`);
  return value;
}
