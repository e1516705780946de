import { describe, expect, it } from 'vitest';
import { computeExpiresAt, toTokenSet } from '../src/index.js';

describe('computeExpiresAt', () => {
  const sentAt = Date.UTC(2026, 2, 18, 12, 0, 0, 250);

  it('counts expires_in from the local send time', () => {
    expect(computeExpiresAt(3600, sentAt)).toBe(sentAt + 3600_000);
    expect(computeExpiresAt(0, sentAt)).toBe(sentAt);
  });
});

describe('toTokenSet', () => {
  const valid = { accessToken: 'a', refreshToken: 'r', expiresAt: 1, tokenType: 'Bearer' };

  it('accepts a token set and drops unknown fields', () => {
    expect(toTokenSet({ ...valid, scope: 's', issuedAt: 0, extra: 1 })).toEqual({ ...valid, scope: 's', issuedAt: 0 });
  });

  it.each([
    null,
    'x',
    { ...valid, accessToken: '' },
    { ...valid, refreshToken: 3 },
    { ...valid, expiresAt: 'soon' },
    { ...valid, expiresAt: Number.NaN },
    { ...valid, tokenType: undefined },
    { ...valid, scope: 1 },
  ])('rejects %j', (value) => {
    expect(toTokenSet(value)).toBeUndefined();
  });
});
