// The whole loop on loopback: the standalone Tempo mock (real HTTP), a real local receiver built with this package,
// and a verified, typed event arriving there. Also: the mock's deliveries agree with node:crypto and with
// verifyTempoSignature; a receiver that refuses (wrong secret) makes the mock retry and finally deactivate.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MOCK_API_TOKEN, startTempoMockServer, type TempoMockServer } from '@tempo-sdk/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempoWebhookHandler, type TempoWebhookEventOf, verifyTempoSignature } from '../src/index.js';
import { toNodeListener } from '../src/node/index.js';

let mockServer: TempoMockServer;
let receiver: Server;
let receiverUrl: string;
let nowMs = Date.parse('2026-03-18T09:00:00.000Z');
let secrets: string[] = [];
const received: TempoWebhookEventOf<'worklog.created'>[] = [];
const raw: { body: string; timestamp: string; signature: string }[] = [];

beforeAll(async () => {
  mockServer = await startTempoMockServer({ port: 0, today: '2026-03-18', clock: { now: () => nowMs } });
  mockServer.mock.webhooks.configure({ timers: false });
  receiver = createServer(async (req, res) => {
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      raw.push({
        body,
        timestamp: String(req.headers['tempo-timestamp']),
        signature: String(req.headers['tempo-signature']),
      });
      (req as { body?: unknown }).body = body;
    }
    // A handler per request: the secret is known only once the subscription exists (and the test changes it).
    const handler = createTempoWebhookHandler({
      sharedSecret: secrets.length ? secrets : ['none-yet'],
      clock: { now: () => nowMs },
      on: { 'worklog.created': (event) => void received.push(event) },
    });
    await toNodeListener(handler)(req, res);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tempo`;
});
afterAll(async () => {
  await mockServer?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${mockServer.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${MOCK_API_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
};

describe('standalone mock → local receiver', () => {
  it('subscribes (handshake over HTTP), then a worklog created through the API arrives verified and typed', async () => {
    const created = await api('POST', '/webhooks/subscriptions', { event: 'worklog.created', url: receiverUrl });
    expect(created.status).toBe(200);
    expect(created.body.active).toBe(true); // the receiver answered the handshake
    secrets = [created.body.sharedSecret];

    const issueId = mockServer.mock.db.issues.all()[0]!.id;
    const authorAccountId = mockServer.mock.db.users.all()[0]!.accountId;
    const worklog = (
      await api('POST', '/worklogs', {
        issueId,
        authorAccountId,
        startDate: '2026-03-18',
        timeSpentSeconds: 1800,
        description: 'over loopback',
      })
    ).body;
    await mockServer.mock.webhooks.whenIdle();

    expect(received).toHaveLength(1);
    expect(received[0]!.eventType).toBe('worklog.created');
    expect(received[0]!.payload.tempoWorklogId).toBe(worklog.tempoWorklogId);
    expect(received[0]!.payload.description).toBe('over loopback');
    expect(mockServer.mock.webhooks.deliveries.at(-1)).toMatchObject({
      status: 'delivered',
      attempts: [{ status: 204, ok: true }],
    });
  });

  it("the mock's signature agrees with node:crypto's createHmac and with verifyTempoSignature", async () => {
    const [secret] = secrets;
    expect(raw.length).toBeGreaterThan(0);
    for (const { body, timestamp, signature } of raw) {
      expect(signature).toBe(
        createHmac('sha256', secret!)
          .update(body + timestamp, 'utf8')
          .digest('hex'),
      );
      expect(
        await verifyTempoSignature({ body, timestamp, signature, sharedSecret: secret!, clock: { now: () => nowMs } }),
      ).toBe(true);
      expect(
        await verifyTempoSignature({
          body: `${body} `,
          timestamp,
          signature,
          sharedSecret: secret!,
          clock: { now: () => nowMs },
        }),
      ).toBe(false);
    }
  });

  it('a receiver with the wrong secret answers 401: the mock retries on its clock and deactivates', async () => {
    const good = secrets;
    secrets = ['not-the-secret'];
    mockServer.mock.db.worklogs.create({
      issueId: mockServer.mock.db.issues.all()[0]!.id,
      authorAccountId: mockServer.mock.db.users.all()[0]!.accountId,
      startDate: '2026-03-18',
      timeSpentSeconds: 60,
    });
    await mockServer.mock.webhooks.whenIdle();
    for (let i = 0; i < 10; i++) {
      nowMs += 15 * 60_000;
      await mockServer.mock.webhooks.runDue();
    }
    const delivery = mockServer.mock.webhooks.deliveries.at(-1)!;
    expect(delivery.attempts.map((a: { status?: number }) => a.status)).toEqual(Array(11).fill(401));
    expect(delivery.status).toBe('failed');
    const [subscription] = (await api('GET', '/webhooks/subscriptions')).body.results;
    expect(subscription.active).toBe(false);
    secrets = good;
    expect((await api('PATCH', `/webhooks/subscriptions/${subscription.id}/refresh`)).status).toBe(204);
    expect((await api('GET', `/webhooks/subscriptions/${subscription.id}`)).body.active).toBe(true);
  });
});
