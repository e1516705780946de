// Signing per Tempo's documented algorithm with node:crypto, independently of the package's WebCrypto code:
// hex HMAC-SHA256 of the raw UTF-8 body followed by the Tempo-Timestamp value, keyed with the shared secret.
import { createHmac, randomBytes } from 'node:crypto';

export function nodeSign(body: string | Uint8Array, timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(body).update(timestamp, 'utf8').digest('hex');
}

/** A 128-character secret like Tempo's. */
export const SECRET = randomBytes(96).toString('base64').replace(/[+/]/g, 'x').slice(0, 128);

export const fixedClock = (iso: string) => ({ now: () => Date.parse(iso) });

export function signedRequest(
  body: string,
  options: { secret?: string; timestamp?: string; url?: string; headers?: Record<string, string> } = {},
): Request {
  const timestamp = options.timestamp ?? '2026-03-18T09:30:00.000Z';
  return new Request(options.url ?? 'https://receiver.example/tempo', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'tempo-timestamp': timestamp,
      'tempo-signature': nodeSign(body, timestamp, options.secret ?? SECRET),
      ...options.headers,
    },
    body,
  });
}

export const worklogEvent = (id = 'e1') =>
  JSON.stringify({
    eventId: id,
    eventType: 'worklog.created',
    payload: {
      tempoWorklogId: 37,
      issue: { id: 10001 },
      author: { accountId: 'a' },
      updater: { accountId: 'a' },
      timeSpentSeconds: 3600,
      startDate: '2026-03-18',
      createdAt: '2026-03-18T09:00:00Z',
      updatedAt: '2026-03-18T09:00:00Z',
    },
  });
