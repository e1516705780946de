/**
 * Signs a delivery the way Tempo does: lower-case hex HMAC-SHA256 of the body's UTF-8 bytes followed by the
 * `Tempo-Timestamp` value, keyed with the subscription's shared secret (WebCrypto, so the mock signs in browsers
 * too). The mock plays Tempo, so it does not borrow the signer of `@tempo-sdk/webhooks`, the receiver it is used to
 * test: the two are written apart, and a test checks both against `node:crypto`.
 */
const encoder = new TextEncoder();

export async function signDelivery(body: string, timestamp: string, sharedSecret: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(sharedSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body + timestamp)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random letters and digits (shared secrets are 128 of them; handshake challenges too). */
export function randomToken(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 256 is not a multiple of 62: the tiny bias is irrelevant for a mock's secrets.
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}
