/**
 * Tempo's webhook signature: lower-case hex HMAC-SHA256 of the raw body bytes followed by the `Tempo-Timestamp`
 * header's UTF-8 bytes, keyed with the subscription's `sharedSecret`. WebCrypto only, so it runs in Node, browsers,
 * workers, Deno and Bun.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc2104 | RFC 2104} (HMAC)
 * @module
 */
import { WebhookError, WebhookUsageError } from './errors.js';
import { checkClock, checkSecrets, checkToleranceMs, type WebhookClock } from './options.js';

/** A body exactly as received: the text, or its bytes. */
export type WebhookBody = string | Uint8Array | ArrayBuffer;

/** What {@link verifyTempoSignature} checks. */
export interface VerifyTempoSignatureInput {
  /** The raw body as received (never re-serialised JSON: one changed byte changes the signature). */
  body: WebhookBody;
  /** The `Tempo-Timestamp` header (an ISO 8601 date-time); a missing header is `null`/`undefined`. */
  timestamp: string | null | undefined;
  /** The `Tempo-Signature` header (64 hex digits); a missing header is `null`/`undefined`. */
  signature: string | null | undefined;
  /**
   * The subscription's `sharedSecret`. One URL subscribed to several events has one subscription, and one secret,
   * per event: pass them all and a signature made with any of them is accepted.
   */
  sharedSecret: string | readonly string[];
  /** How far `timestamp` may be from the clock's now, either way, in milliseconds (default 300000: 5 minutes). */
  toleranceMs?: number;
  /** Time source (`now()`: wall-clock epoch milliseconds); default `Date`. */
  clock?: WebhookClock;
}

const encoder = new TextEncoder();
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function subtle(): SubtleCrypto {
  const found = globalThis.crypto?.subtle;
  if (!found) throw new WebhookError('WebCrypto (globalThis.crypto.subtle) is not available in this runtime');
  return found;
}

function bytesOf(body: WebhookBody): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new WebhookUsageError('body', 'the raw body as a string, a Uint8Array (a Buffer is one) or an ArrayBuffer');
}

/** Body bytes followed by the timestamp's UTF-8 bytes: the signed message. */
function message(body: WebhookBody, timestamp: string): Uint8Array<ArrayBuffer> {
  const head = bytesOf(body);
  const tail = encoder.encode(timestamp);
  const out = new Uint8Array(head.byteLength + tail.byteLength);
  out.set(head, 0);
  out.set(tail, head.byteLength);
  return out;
}

/** Imports a secret as an HMAC-SHA256 signing key (non-extractable: the key object never gives the secret back). */
function importKey(sharedSecret: string): Promise<CryptoKey> {
  return subtle().importKey('raw', encoder.encode(sharedSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

const HEX = '0123456789abcdef';
function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

/** 64 hex digits (either case) as 32 bytes, or `null`. */
function parseHexSignature(signature: string): Uint8Array | null {
  if (signature.length !== 64 || !/^[0-9a-fA-F]{64}$/.test(signature)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(signature.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Compares two equal-length byte strings in time that depends only on their length, not on where they differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Whether an ISO timestamp lies within `toleranceMs` of `nowMs`. */
function timestampIsFresh(timestamp: string, nowMs: number, toleranceMs: number): boolean {
  if (!ISO_DATE_TIME.test(timestamp)) return false;
  const at = Date.parse(timestamp);
  return Number.isFinite(at) && Math.abs(nowMs - at) <= toleranceMs;
}

/**
 * A verifier bound to its secrets: the keys are imported once, so each call costs one HMAC per secret.
 * {@link createTempoWebhookHandler} uses one; use it yourself when you verify many requests.
 */
export interface TempoSignatureVerifier {
  /** Same answer as {@link verifyTempoSignature} for these secrets and options. */
  verify(input: Pick<VerifyTempoSignatureInput, 'body' | 'timestamp' | 'signature'>): Promise<boolean>;
}

/**
 * Binds secrets and options once; see {@link verifyTempoSignature} for what is checked.
 * @throws {@link WebhookUsageError} when `sharedSecret`, `toleranceMs` or `clock` is not usable.
 */
export function createTempoSignatureVerifier(
  options: Pick<VerifyTempoSignatureInput, 'sharedSecret' | 'toleranceMs' | 'clock'>,
): TempoSignatureVerifier {
  const secrets = checkSecrets(options?.sharedSecret);
  const toleranceMs = checkToleranceMs(options.toleranceMs);
  const clock = checkClock(options.clock);
  let keys: Promise<CryptoKey[]> | undefined;
  return {
    async verify({ body, timestamp, signature }) {
      const bytes = bytesOf(body); // a wrong body type is the caller's mistake: throw it before any other check
      if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
      if (!timestampIsFresh(timestamp, clock.now(), toleranceMs)) return false;
      const expected = parseHexSignature(signature);
      if (!expected) return false;
      keys ??= Promise.all(secrets.map(importKey)).catch((error: unknown) => {
        keys = undefined;
        throw new WebhookError('WebCrypto refused the shared secret as an HMAC key', { cause: error });
      });
      const data = message(bytes, timestamp);
      let valid = false;
      // Every secret is tried, so the time taken does not say which one matched.
      for (const key of await keys) {
        const actual = new Uint8Array(await subtle().sign('HMAC', key, data));
        valid = constantTimeEqual(actual, expected) || valid;
      }
      return valid;
    },
  };
}

/**
 * Checks a Tempo webhook request's signature and the freshness of its timestamp.
 *
 * It is `true` only when `signature` is the hex HMAC-SHA256 of the raw body followed by `timestamp`, keyed with
 * (one of) the shared secret(s), compared in constant time, and `timestamp` is within `toleranceMs` of now (a
 * stale or future timestamp is a replay). Everything the network controls (a missing, malformed or wrong
 * signature or timestamp) is `false`, never an error; the secret appears in nothing returned or thrown.
 *
 * @example
 * ```ts
 * const ok = await verifyTempoSignature({
 *   body: rawBodyText,
 *   timestamp: request.headers.get('tempo-timestamp'),
 *   signature: request.headers.get('tempo-signature'),
 *   sharedSecret: subscription.sharedSecret,
 * });
 * ```
 * @throws {@link WebhookUsageError} when `sharedSecret`, `body`, `toleranceMs` or `clock` is not usable (a
 *   caller's mistake, before anything is computed).
 * @throws {@link WebhookError} when the runtime has no WebCrypto.
 * @see the `Webhook` callback of `createSubscription` in the project's spec (spec/webhooks/callbacks.yaml)
 */
export function verifyTempoSignature(input: VerifyTempoSignatureInput): Promise<boolean> {
  try {
    return createTempoSignatureVerifier(input).verify(input);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** What {@link signTempoWebhook} signs. */
export interface SignTempoWebhookInput {
  /** The exact body that will be sent. */
  body: WebhookBody;
  /** The `Tempo-Timestamp` value that will be sent with it. */
  timestamp: string;
  /** The subscription's `sharedSecret`. */
  sharedSecret: string;
}

/**
 * The `Tempo-Signature` Tempo would send for this body and timestamp: for tests, mocks and replaying recorded
 * deliveries.
 * @throws {@link WebhookUsageError} when `sharedSecret`, `body` or `timestamp` is not usable.
 */
export async function signTempoWebhook({ body, timestamp, sharedSecret }: SignTempoWebhookInput): Promise<string> {
  const [secret] = checkSecrets(sharedSecret);
  if (typeof timestamp !== 'string') throw new WebhookUsageError('timestamp', 'the Tempo-Timestamp string');
  const data = message(body, timestamp);
  const key = await importKey(secret!);
  return toHex(new Uint8Array(await subtle().sign('HMAC', key, data)));
}
