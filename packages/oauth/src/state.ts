/**
 * CSRF `state` values: generation with WebCrypto and constant-time comparison. Works in Node >= 20, browsers,
 * Deno and Bun (no `node:` import).
 *
 * @module
 */

/** Bytes of randomness in a generated state (256 bits). */
const STATE_BYTES = 32;

/**
 * Returns a new cryptographically random `state` value: 32 bytes from `crypto.getRandomValues`, base64url
 * encoded (43 characters, URL-safe, no padding).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-10.12 | RFC 6749 §10.12} (CSRF protection)
 */
export function generateState(): string {
  const bytes = new Uint8Array(STATE_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return base64url(bytes);
}

/** Base64url without padding (RFC 4648 §5), without relying on Node's Buffer. */
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const encoder = new TextEncoder();

/**
 * Compares two strings in time that depends only on their lengths, not on where they first differ, so that an
 * attacker who can time the callback handler learns nothing about the expected state.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  // Walk the longer input completely and fold the length difference in, so unequal lengths take no shortcut.
  let diff = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}
