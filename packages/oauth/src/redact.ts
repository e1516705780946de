/**
 * Scrubbing of secrets (client secret, code, access and refresh tokens) out of text that did not come from us:
 * error descriptions and pages from the network, messages of errors thrown by `fetch` or by a store. Messages we
 * write ourselves never contain secrets to begin with.
 *
 * The order is always: redact the whole text, then cut it to length. Cutting first would leave the part of a
 * secret that crosses the cut unrecognisable, and most of its characters in the error.
 *
 * @internal
 */

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not scrubbed: replacing a 1–3 character string would mangle text for nothing. */
const MIN_SECRET_LENGTH = 4;
/**
 * Any run of this many characters or more that is also part of a secret is scrubbed as well, so that a server
 * echoing a piece of a token (or a cut made by someone else) cannot leak it.
 */
export const MIN_FRAGMENT_LENGTH = 8;
/** How far past the cut the fragment scan looks, so that a fragment crossing the cut is found before cutting. */
const FRAGMENT_MARGIN = 256;

/** The ways a secret can appear in text: raw, URL-encoded, form-encoded, JSON-escaped. Longest first. */
function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of each secret (in each of its forms) in `text` with `[REDACTED]`, then every run of
 * at least {@link MIN_FRAGMENT_LENGTH} characters that is part of a secret.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const forms = secretForms(secrets);
  if (forms.length === 0) return text;
  return scrubFragments(scrubWhole(text, forms), forms);
}

/**
 * Redacts `text` and cuts it to at most `max` characters (plus an ellipsis). The whole text is scrubbed of full
 * secrets and the part that is kept (and a margin past the cut) of fragments before the cut is made.
 */
export function redactText(text: string, secrets: readonly (string | undefined)[], max: number): string {
  const forms = secretForms(secrets);
  if (forms.length === 0) return truncate(text, max);
  const whole = scrubWhole(text, forms);
  // The fragment scan is quadratic-ish, so it only looks at what can end up in the result.
  const window = whole.length > max + FRAGMENT_MARGIN ? whole.slice(0, max + FRAGMENT_MARGIN) : whole;
  const kept = truncate(scrubFragments(window, forms), max);
  return kept.length < whole.length && !kept.endsWith('…') ? `${kept}…` : kept;
}

function scrubWhole(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** Replaces maximal runs of `text` that occur inside one of `forms` and are long enough to matter. */
function scrubFragments(text: string, forms: readonly string[]): string {
  const candidates = forms.filter((form) => form.length >= MIN_FRAGMENT_LENGTH);
  if (candidates.length === 0 || text.length < MIN_FRAGMENT_LENGTH) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    let longest = 0;
    if (i + MIN_FRAGMENT_LENGTH <= text.length) {
      for (const form of candidates) longest = Math.max(longest, longestRunAt(text, i, form));
    }
    if (longest >= MIN_FRAGMENT_LENGTH) {
      out += REDACTED;
      i += longest;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/** Length of the longest prefix of `text.slice(start)` that occurs somewhere in `form`. */
function longestRunAt(text: string, start: number, form: string): number {
  // Only starts of `form` where the first MIN_FRAGMENT_LENGTH characters match are worth extending.
  const seed = text.slice(start, start + MIN_FRAGMENT_LENGTH);
  let best = 0;
  for (let j = form.indexOf(seed); j !== -1; j = form.indexOf(seed, j + 1)) {
    let length = MIN_FRAGMENT_LENGTH;
    while (start + length < text.length && j + length < form.length && text[start + length] === form[j + length])
      length++;
    best = Math.max(best, length);
  }
  return best;
}

/** Shortens `text` to at most `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/**
 * A copy of an error that is safe to keep as a `cause`: same `name`, `code` and (scrubbed) `message` and `stack`,
 * its own cause copied the same way. Errors from `fetch` or a store are not ours: their text may quote what they
 * were given (a form body, a token being saved). Our own errors are safe by construction and kept as they are.
 */
export function redactCause(cause: unknown, secrets: readonly (string | undefined)[], depth = 0): unknown {
  if (cause === undefined) return undefined;
  if (isOwnError(cause)) return cause;
  if (!(cause instanceof Error)) {
    return typeof cause === 'string'
      ? scrubSecrets(cause, secrets)
      : `thrown ${cause === null ? 'null' : typeof cause}`;
  }
  const copy = new Error(scrubSecrets(cause.message, secrets));
  copy.name = cause.name;
  copy.stack = cause.stack === undefined ? undefined : scrubSecrets(cause.stack, secrets);
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
  if (cause.cause !== undefined && depth < 4) copy.cause = redactCause(cause.cause, secrets, depth + 1);
  return copy;
}

/** Our own errors are marked so that {@link redactCause} keeps them (and `instanceof` on them) intact. */
export const OWN_ERROR = Symbol.for('@tempo-sdk/oauth.error');

function isOwnError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [OWN_ERROR]?: unknown })[OWN_ERROR] === true;
}
