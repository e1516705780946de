import { describe, expect, it, vi } from 'vitest';
import {
  createTempoWebhookHandler,
  type TempoWebhookEvent,
  WebhookBodyTooLargeError,
  WebhookEventError,
  WebhookUsageError,
} from '../src/index.js';
import { SECRET, fixedClock, nodeSign, signedRequest, worklogEvent } from './support.js';

const clock = fixedClock('2026-03-18T09:30:00.000Z');

describe('handshake', () => {
  const handler = createTempoWebhookHandler({ sharedSecret: SECRET, clock });

  it('answers 200 text/plain with exactly the randomString', async () => {
    const value = 'MM08aZbMmzg7'.repeat(10).slice(0, 128);
    const res = await handler(new Request(`https://receiver.example/tempo?randomString=${value}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(value);
  });

  it('refuses a GET without a randomString, or with one over 128 characters', async () => {
    expect((await handler(new Request('https://receiver.example/tempo'))).status).toBe(400);
    expect((await handler(new Request(`https://receiver.example/tempo?randomString=${'a'.repeat(129)}`))).status).toBe(
      400,
    );
  });

  it('answers 405 to other methods', async () => {
    const res = await handler(new Request('https://receiver.example/tempo', { method: 'PUT', body: 'x' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
  });
});

describe('events', () => {
  it('verifies, parses and calls the callback of the event type, then answers 204', async () => {
    const seen: number[] = [];
    const other = vi.fn();
    const handler = createTempoWebhookHandler({
      sharedSecret: SECRET,
      clock,
      on: { 'worklog.created': (event) => void seen.push(event.payload.tempoWorklogId), 'team.created': other },
    });
    const res = await handler(signedRequest(worklogEvent()));
    expect(res.status).toBe(204);
    expect(seen).toEqual([37]);
    expect(other).not.toHaveBeenCalled();
  });

  it('verifies the raw bytes: a body with its own spacing and key order passes (re-serialising would not)', async () => {
    const raw = '{ "payload" : {"id":1,"name":"T"},\n  "eventType":"team.created", "eventId":"x-1" }';
    const events: TempoWebhookEvent[] = [];
    const handler = createTempoWebhookHandler({ sharedSecret: SECRET, clock, onEvent: (e) => void events.push(e) });
    expect((await handler(signedRequest(raw))).status).toBe(204);
    expect(events.map((e) => e.eventType)).toEqual(['team.created']);
    expect(JSON.stringify(JSON.parse(raw))).not.toBe(raw);
  });

  it('answers 2xx only after the callback has finished', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler = createTempoWebhookHandler({ sharedSecret: SECRET, clock, on: { 'worklog.created': () => gate } });
    let settled = false;
    const pending = handler(signedRequest(worklogEvent())).then((res) => ((settled = true), res));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    expect((await pending).status).toBe(204);
  });

  it('answers 500 when the callback throws, so that Tempo retries, and reports it', async () => {
    const onError = vi.fn();
    const failure = new Error('database down');
    const handler = createTempoWebhookHandler({
      sharedSecret: SECRET,
      clock,
      onError,
      on: { 'worklog.created': () => Promise.reject(failure) },
    });
    expect((await handler(signedRequest(worklogEvent()))).status).toBe(500);
    expect(onError).toHaveBeenCalledWith(failure, expect.objectContaining({ status: 500 }));
  });

  it('answers 204 to a verified event nobody handles', async () => {
    const handler = createTempoWebhookHandler({ sharedSecret: SECRET, clock, on: { 'plan.created': () => {} } });
    expect((await handler(signedRequest(worklogEvent()))).status).toBe(204);
  });
});

describe('refusals', () => {
  const onError = vi.fn();
  const callback = vi.fn();
  const handler = createTempoWebhookHandler({
    sharedSecret: SECRET,
    clock,
    onError,
    onEvent: callback,
    maxBodyBytes: 4096,
  });
  const ts = '2026-03-18T09:30:00.000Z';

  it.each([
    ['a tampered body', () => new Request(signedRequest(worklogEvent()), { body: worklogEvent('e2') }), 401],
    ['a wrong secret', () => signedRequest(worklogEvent(), { secret: 'not-the-secret' }), 401],
    ['an old timestamp', () => signedRequest(worklogEvent(), { timestamp: '2026-03-18T09:00:00.000Z' }), 401],
    ['a future timestamp', () => signedRequest(worklogEvent(), { timestamp: '2026-03-18T10:00:00.000Z' }), 401],
    [
      'no Tempo-Signature',
      () =>
        new Request('https://r.example/', { method: 'POST', headers: { 'tempo-timestamp': ts }, body: worklogEvent() }),
      401,
    ],
    [
      'no Tempo-Timestamp',
      () =>
        new Request('https://r.example/', {
          method: 'POST',
          headers: { 'tempo-signature': nodeSign(worklogEvent(), ts, SECRET) },
          body: worklogEvent(),
        }),
      401,
    ],
    ['signed text that is not JSON', () => signedRequest('not json'), 400],
    [
      'a signed event of an unknown type',
      () => signedRequest('{"eventId":"x","eventType":"flexplan.created","payload":{}}'),
      400,
    ],
    ['a signed event without eventId', () => signedRequest('{"eventType":"team.created","payload":{}}'), 400],
    [
      'a signed event whose payload is not an object',
      () => signedRequest('{"eventId":"x","eventType":"team.created","payload":[1]}'),
      400,
    ],
    [
      'a signed body that is not UTF-8',
      () => {
        const bytes = new Uint8Array([0x7b, 0xff, 0x7d]);
        const sig = nodeSign(bytes, ts, SECRET);
        return new Request('https://r.example/', {
          method: 'POST',
          headers: { 'tempo-timestamp': ts, 'tempo-signature': sig },
          body: bytes,
        });
      },
      400,
    ],
    [
      'a body over maxBodyBytes',
      () =>
        signedRequest(JSON.stringify({ eventId: 'x', eventType: 'team.created', payload: { name: 'x'.repeat(5000) } })),
      413,
    ],
  ])('%s → %i, the callback not called', async (_, make, status) => {
    callback.mockClear();
    onError.mockClear();
    const res = await handler(make());
    expect(res.status).toBe(status);
    expect(await res.text()).not.toContain(SECRET.slice(0, 12));
    expect(callback).not.toHaveBeenCalled();
    const error = onError.mock.calls[0]?.[0];
    expect(error).toBeInstanceOf(status === 413 ? WebhookBodyTooLargeError : WebhookEventError);
    expect(JSON.stringify(error) + String(error)).not.toContain(SECRET.slice(0, 12));
  });

  it('stops reading an endless body at the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await handler(
      new Request('https://r.example/', { method: 'POST', body: endless, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(16 * 1024);
  });
});

describe('options', () => {
  it.each([
    [{}, 'sharedSecret'],
    [{ sharedSecret: SECRET, maxBodyBytes: 0 }, 'maxBodyBytes'],
    [{ sharedSecret: SECRET, on: { 'worklog.created': 'nope' } }, "on['worklog.created']"],
    [{ sharedSecret: SECRET, onError: 1 }, 'onError'],
  ])('%o is a WebhookUsageError naming %s', (options, option) => {
    expect(() => createTempoWebhookHandler(options as never)).toThrow(WebhookUsageError);
    try {
      createTempoWebhookHandler(options as never);
    } catch (error) {
      expect((error as WebhookUsageError).option).toBe(option);
    }
  });
});
