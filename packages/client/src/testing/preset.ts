/**
 * Client options for tests: the same client, the same retry *logic*, none of the waiting.
 *
 * With the production defaults a test that meets two 503s waits 5 + 10 s of back-off (past vitest's 5 s timeout),
 * and the 5-per-second throttle turns a dozen pages into seconds. The preset keeps every decision the client makes
 * (what is retried, how often, which pause, Retry-After, the 401 refresh) and changes only time:
 * - `clock`: a {@link VirtualClock}, so pauses pass instantly and are recorded in `clock.sleeps`;
 * - `rateLimit: false`: no throttle (pass your own `rateLimit` to test it: it then runs on the virtual clock too);
 * - `timeoutMs`: 1 s per attempt instead of 30 s. Timeouts measure the real network, so they stay real; a mock
 *   answers in milliseconds, and 4 attempts of 1 s still end inside vitest's default 5 s test timeout.
 */
import type { TempoClientOptions } from '../core.js';
import { createVirtualClock, type VirtualClock, type VirtualClockOptions } from './virtual-clock.js';

/** Per-attempt timeout of the preset, in milliseconds. */
export const TEST_TIMEOUT_MS = 1000;

/** Options of {@link testClientOptions}. */
export interface TestClientOptionsInput extends VirtualClockOptions {
  /** A clock of your own (default: a new {@link createVirtualClock}). */
  clock?: VirtualClock;
  /** Per-attempt timeout in milliseconds (default {@link TEST_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** What {@link testClientOptions} returns: spread it into `createTempoClient`. */
export type TestClientOptions = Required<Pick<TempoClientOptions, 'rateLimit' | 'timeoutMs'>> & { clock: VirtualClock };

/**
 * Options that make a client fast to test: spread them into `createTempoClient({ token, ...options })`. Keep the
 * returned object to look at `clock.sleeps` (the pauses the client took) afterwards.
 *
 * @example
 * ```ts
 * const test = testClientOptions();
 * const tempo = createTempoClient({ token: MOCK_API_TOKEN, ...test });
 * mock.faults.add({ operationId: 'getWorklogs', status: 503, times: 2 });
 * await tempo.worklogs.getWorklogs(); // two retries, no real waiting
 * test.clock.sleeps; // [5000, 10000]
 * ```
 * @throws {RangeError} for a `random` outside [0, 1).
 */
export function testClientOptions(input: TestClientOptionsInput = {}): TestClientOptions {
  const clock = input.clock ?? createVirtualClock(input);
  return { clock, rateLimit: false, timeoutMs: input.timeoutMs ?? TEST_TIMEOUT_MS };
}
