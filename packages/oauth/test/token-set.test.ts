import { describe, expect, it } from 'vitest';
import { computeExpiresAt, toTokenSet } from '../src/index.js';

describe('computeExpiresAt', () => {
  const receivedAt = Date.UTC(2026, 2, 18, 12, 0, 0, 250);

  it('maps the server expiry onto the local clock when the local clock is 10 minutes fast', () => {
    const serverNow = receivedAt - 10 * 60_000; // the server's clock says it is 11:50
    const expiresAt = computeExpiresAt(3600, new Date(serverNow).toUTCString(), receivedAt);
    // Valid for one hour from the local point of view, not 50 minutes (and never compared with the raw Date header).
    expect(expiresAt).toBe(receivedAt + 3600_000);
  });

  it('maps the server expiry onto the local clock when the local clock is 2 hours slow', () => {
    const serverNow = receivedAt + 2 * 3600_000;
    expect(computeExpiresAt(60, new Date(serverNow).toUTCString(), receivedAt)).toBe(receivedAt + 60_000);
  });

  it('falls back to the receive time without a usable Date header', () => {
    expect(computeExpiresAt(120, null, receivedAt)).toBe(receivedAt + 120_000);
    expect(computeExpiresAt(120, 'not a date', receivedAt)).toBe(receivedAt + 120_000);
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
