import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  signTempoWebhook,
  verifyTempoSignature,
  WebhookError,
  WebhookUsageError,
  createTempoSignatureVerifier,
} from '../src/index.js';
import { SECRET, fixedClock, nodeSign } from './support.js';

const timestamp = '2026-03-18T09:30:00.000Z';
const clock = fixedClock(timestamp);
const body = '{"eventId":"e1","eventType":"worklog.created","payload":{"description":"Überstunden ☕"}}';

describe('verifyTempoSignature against an independent node:crypto signer', () => {
  it('accepts what createHmac signs, for a string body and for its bytes', async () => {
    const signature = nodeSign(body, timestamp, SECRET);
    expect(await verifyTempoSignature({ body, timestamp, signature, sharedSecret: SECRET, clock })).toBe(true);
    expect(
      await verifyTempoSignature({ body: Buffer.from(body), timestamp, signature, sharedSecret: SECRET, clock }),
    ).toBe(true);
    expect(
      await verifyTempoSignature({
        body: new TextEncoder().encode(body).buffer,
        timestamp,
        signature,
        sharedSecret: SECRET,
        clock,
      }),
    ).toBe(true);
    expect(
      await verifyTempoSignature({ body, timestamp, signature: signature.toUpperCase(), sharedSecret: SECRET, clock }),
    ).toBe(true);
  });

  it('signTempoWebhook equals createHmac over many bodies, secrets and timestamps', async () => {
    for (let i = 0; i < 50; i++) {
      const b = JSON.stringify({ i, text: 'x'.repeat(i * 7), emoji: '🎉'.repeat(i % 4) });
      const secret = `${SECRET.slice(i)}${i}`;
      const ts = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
      expect(await signTempoWebhook({ body: b, timestamp: ts, sharedSecret: secret })).toBe(nodeSign(b, ts, secret));
    }
  });
});

describe('refusals are false, never errors', () => {
  const signature = nodeSign(body, timestamp, SECRET);
  const base = { body, timestamp, signature, sharedSecret: SECRET, clock };

  it.each([
    ['a tampered body', { body: body.replace('e1', 'e2') }],
    ['a body with one more space', { body: `${body} ` }],
    ['a wrong secret', { sharedSecret: `${SECRET.slice(0, -1)}X` }],
    ['a timestamp other than the signed one', { timestamp: '2026-03-18T09:30:01.000Z' }],
    ['a missing signature', { signature: null }],
    ['a missing timestamp', { timestamp: undefined }],
    ['an empty signature', { signature: '' }],
    ['a signature that is not hex', { signature: 'z'.repeat(64) }],
    ['a truncated signature', { signature: signature.slice(0, 63) }],
    ['a signature with a sha256= prefix', { signature: `sha256=${signature}` }],
    ['a timestamp that is not ISO', { timestamp: 'yesterday' }],
  ])('%s', async (_, change) => {
    expect(await verifyTempoSignature({ ...base, ...change } as never)).toBe(false);
  });

  it('an old or future timestamp, correctly signed, is outside the tolerance (replay)', async () => {
    const old = '2026-03-18T09:24:59.000Z'; // 5 min 1 s before the clock
    const future = '2026-03-18T09:35:01.000Z';
    const edge = '2026-03-18T09:25:00.000Z'; // exactly 5 minutes
    for (const [ts, expected] of [
      [old, false],
      [future, false],
      [edge, true],
    ] as const) {
      expect(await verifyTempoSignature({ ...base, timestamp: ts, signature: nodeSign(body, ts, SECRET) })).toBe(
        expected,
      );
    }
    expect(
      await verifyTempoSignature({
        ...base,
        timestamp: old,
        signature: nodeSign(body, old, SECRET),
        toleranceMs: 10 * 60_000,
      }),
    ).toBe(true);
  });

  it('accepts a signature made with any of several secrets (one per subscription)', async () => {
    const other = 'other-secret';
    expect(await verifyTempoSignature({ ...base, sharedSecret: [other, SECRET] })).toBe(true);
    expect(await verifyTempoSignature({ ...base, sharedSecret: [other, 'third'] })).toBe(false);
  });

  it('a verifier reuses its keys and gives the same answers', async () => {
    const verifier = createTempoSignatureVerifier({ sharedSecret: SECRET, clock });
    expect(await verifier.verify({ body, timestamp, signature })).toBe(true);
    expect(await verifier.verify({ body: `${body}x`, timestamp, signature })).toBe(false);
    expect(await verifier.verify({ body, timestamp, signature })).toBe(true);
  });
});

describe('usage errors', () => {
  it.each([
    ['no secret', { sharedSecret: undefined }, 'sharedSecret'],
    ['an empty secret', { sharedSecret: '' }, 'sharedSecret'],
    ['an empty list', { sharedSecret: [] }, 'sharedSecret'],
    ['a list with a number', { sharedSecret: [SECRET, 5] }, 'sharedSecret'],
    ['a negative tolerance', { toleranceMs: -1 }, 'toleranceMs'],
    ['a tolerance that is not a number', { toleranceMs: '300' }, 'toleranceMs'],
    ['a clock without now()', { clock: {} }, 'clock'],
    ['a body that is an object', { body: { eventId: 'x' } }, 'body'],
  ])('%s: WebhookUsageError naming %s, without the secret in any view', async (_, change, option) => {
    const input = {
      body,
      timestamp,
      signature: nodeSign(body, timestamp, SECRET),
      sharedSecret: SECRET,
      clock,
      ...change,
    };
    const error = await verifyTempoSignature(input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookUsageError);
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as WebhookUsageError).option).toBe(option);
    const views = [String(error), (error as Error).stack, inspect(error), JSON.stringify(error)].join('\n');
    expect(views).not.toContain(SECRET.slice(0, 16));
    expect(views).not.toContain(SECRET.slice(-16));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'WebhookUsageError',
      message: (error as Error).message,
      option,
    });
  });
});
