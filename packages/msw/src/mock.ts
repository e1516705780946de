import type { TempoMock, TempoMockOptions } from './mock-types.js';
import { createMockRuntime } from './runtime.js';

export type { HttpMethodName, MockLogger, PathsWithMethod, TempoMock, TempoMockOptions } from './mock-types.js';

/**
 * Creates a Tempo mock: msw handlers for all of Tempo's REST API v4 (validated against the spec, stateful for
 * the main collections, generated from the response schemas for the rest) and Tempo's OAuth endpoints.
 *
 * @throws {TempoMockUsageError} when an option is malformed (`today` not `YYYY-MM-DD`, a `baseUrl` that is not a
 * URL, a `seed` that is not an integer, a `clock` without `now()`).
 * @example
 * ```ts
 * const mock = createTempoMock({ today: '2026-03-18' });
 * const server = setupServer(...mock.handlers);
 * ```
 */
export function createTempoMock(options: TempoMockOptions = {}): TempoMock {
  return createMockRuntime(options).mock;
}
