// The node:http / Express adapter on a real loopback server.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTempoWebhookHandler, WebhookUsageError } from '../src/index.js';
import { toNodeListener, type NodeWebhookRequest } from '../src/node/index.js';
import { SECRET, fixedClock, nodeSign, worklogEvent } from './support.js';

const clock = fixedClock('2026-03-18T09:30:00.000Z');
const ts = '2026-03-18T09:30:00.000Z';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'tempo-timestamp': ts,
      'tempo-signature': nodeSign(body, ts, SECRET),
      ...headers,
    },
  });

describe('toNodeListener', () => {
  it('answers the handshake and delivers a verified event from the stream', async () => {
    const ids: string[] = [];
    const url = await serve(
      toNodeListener(
        createTempoWebhookHandler({ sharedSecret: SECRET, clock, onEvent: (e) => void ids.push(e.eventId) }),
      ),
    );
    const handshake = await fetch(`${url}/hook?randomString=abc123`);
    expect([handshake.status, await handshake.text()]).toEqual([200, 'abc123']);
    expect((await post(`${url}/hook`, worklogEvent('n1'))).status).toBe(204);
    expect((await post(`${url}/hook`, worklogEvent('n2'), { 'tempo-signature': '0'.repeat(64) })).status).toBe(401);
    expect(ids).toEqual(['n1']);
  });

  it('takes an Express-style raw body (a Buffer or a string in req.body)', async () => {
    const ids: string[] = [];
    const listener = toNodeListener(
      createTempoWebhookHandler({ sharedSecret: SECRET, clock, onEvent: (e) => void ids.push(e.eventId) }),
    );
    for (const asString of [false, true]) {
      const url = await serve((req: NodeWebhookRequest, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          req.body = asString ? Buffer.concat(chunks).toString('utf8') : Buffer.concat(chunks); // what express.raw() / express.text() do
          void listener(req, res);
        });
      });
      expect((await post(url, worklogEvent(asString ? 'str' : 'buf'))).status).toBe(204);
    }
    expect(ids).toEqual(['buf', 'str']);
  });

  it('refuses a body an earlier middleware parsed (express.json()): 500 and a usage error naming the fix', async () => {
    const onError = vi.fn();
    const listener = toNodeListener(createTempoWebhookHandler({ sharedSecret: SECRET, clock }), { onError });
    const url = await serve((req: NodeWebhookRequest, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c));
      req.on('end', () => {
        req.body = JSON.parse(text);
        void listener(req, res);
      });
    });
    expect((await post(url, worklogEvent())).status).toBe(500);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(WebhookUsageError);
    expect(String(onError.mock.calls[0]?.[0])).toContain('express.raw');
  });

  it('answers 413 past maxBodyBytes, by Content-Length or while streaming', async () => {
    const url = await serve(
      toNodeListener(createTempoWebhookHandler({ sharedSecret: SECRET, clock }), { maxBodyBytes: 1000 }),
    );
    expect((await post(url, 'x'.repeat(5000))).status).toBe(413);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.write('y'.repeat(800));
      req.write('y'.repeat(800));
      req.end();
    }).catch(() => 413); // the server may close the socket before the client reads the answer
    expect(status).toBe(413);
  });

  it('survives a malformed request target', async () => {
    const url = await serve(toNodeListener(createTempoWebhookHandler({ sharedSecret: SECRET, clock })));
    const { port } = new URL(url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '//[', method: 'GET' }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    expect((await fetch(`${url}/?randomString=still-here`)).status).toBe(200);
  });
});
