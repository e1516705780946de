/** `shouldRetry` is a pure function: its rules as a table. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from '../src/index.js';
import { shouldRetry, type AttemptSummary, type RetryState } from '../src/transport/index.js';

const policy = { ...DEFAULT_RETRY_POLICY, jitter: 0 };
const fresh: RetryState = { retries: 0, pausedMs: 0 };
const noRandom = () => 0;

const cases: [string, AttemptSummary, RetryState, number | undefined][] = [
  ['200: never', { status: 200, idempotent: true }, fresh, undefined],
  ['404: never', { status: 404, idempotent: true }, fresh, undefined],
  ['401: never (the refresh is not a retry)', { status: 401, idempotent: true }, fresh, undefined],
  ['503 idempotent: first back-off', { status: 503, idempotent: true }, fresh, 5000],
  [
    '503 idempotent, 2nd retry: second back-off',
    { status: 503, idempotent: true },
    { retries: 1, pausedMs: 5000 },
    10000,
  ],
  [
    '503 idempotent, 4th retry: past maxRetries',
    { status: 503, idempotent: true },
    { retries: 3, pausedMs: 30000 },
    undefined,
  ],
  ['503 with Retry-After longer than the back-off', { status: 503, idempotent: true, retryAfterMs: 8000 }, fresh, 8000],
  ['501: never', { status: 501, idempotent: true }, fresh, undefined],
  ['503 non-idempotent: never', { status: 503, idempotent: false }, fresh, undefined],
  ['connection idempotent: back-off', { failure: 'connection', idempotent: true }, fresh, 5000],
  ['connection non-idempotent: never', { failure: 'connection', idempotent: false }, fresh, undefined],
  ['timeout idempotent: back-off', { failure: 'timeout', idempotent: true }, fresh, 5000],
  ['timeout non-idempotent: never', { failure: 'timeout', idempotent: false }, fresh, undefined],
  ['abort: never', { failure: 'abort', idempotent: true }, fresh, undefined],
  ['body over maxResponseBytes: never', { failure: 'tooLarge', idempotent: true }, fresh, undefined],
  ['429 idempotent, no Retry-After: minRateLimitDelay', { status: 429, idempotent: true }, fresh, 1000],
  [
    '429 non-idempotent (a POST that creates): retried, it was not processed',
    { status: 429, idempotent: false },
    fresh,
    1000,
  ],
  ['429 with Retry-After 4 s', { status: 429, idempotent: false, retryAfterMs: 4000 }, fresh, 4000],
  [
    '429 with Retry-After over maxDelay: not waited for',
    { status: 429, idempotent: true, retryAfterMs: 120_000 },
    fresh,
    undefined,
  ],
  ['429 past maxRetries', { status: 429, idempotent: true }, { retries: 3, pausedMs: 3000 }, undefined],
  [
    '429 past maxTotalDelay',
    { status: 429, idempotent: true, retryAfterMs: 50_000 },
    { retries: 1, pausedMs: 50_000 },
    undefined,
  ],
];

describe('shouldRetry', () => {
  it.each(cases)('%s', (_name, summary, state, expected) => {
    expect(shouldRetry(summary, state, policy, noRandom)).toBe(expected);
  });

  it('retries non-idempotent 5xx when the policy says retryNonIdempotent', () => {
    expect(
      shouldRetry({ status: 503, idempotent: false }, fresh, { ...policy, retryNonIdempotent: true }, noRandom),
    ).toBe(5000);
  });

  it('adds jitter on top, never below', () => {
    expect(shouldRetry({ status: 503, idempotent: true }, fresh, { ...policy, jitter: 0.2 }, () => 0.5)).toBe(5500);
  });
});
