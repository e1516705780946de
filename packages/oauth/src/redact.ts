/**
 * Scrubbing of secrets out of text that came from the network (error descriptions, error pages) before it is
 * kept in an error. Messages we write ourselves never contain secrets to begin with.
 *
 * @internal
 */

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret (raw, URL-encoded and form-encoded) in `text` with `[REDACTED]`.
 * Very short "secrets" are ignored: replacing a 1–3 character string would mangle text without protecting much.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

/** Shortens `text` to at most `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
