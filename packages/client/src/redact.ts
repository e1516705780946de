/**
 * Keeping secrets out of messages, logs and errors.
 *
 * Everything the client writes (error messages, log lines, URLs stored on errors) goes through these helpers, so
 * a token can only leak if it is in none of the places they look: the query string, the Authorization header, a
 * `Bearer …` phrase, or the set of tokens this client has sent.
 */

/** The text that stands in for a removed secret. */
export const REDACTED = '[REDACTED]';

/** Query parameters whose values are credentials; they are removed from every URL the client reports. */
const SECRET_PARAMS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
  'code',
  'password',
  'api_key',
  'apikey',
]);

/** Headers whose values are credentials. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** `Bearer <token>` and `name=value` pairs that look like credentials, wherever they appear in free text. */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`],
  [
    /\b(access_token|refresh_token|id_token|client_secret|password|api_key)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    `$1$2${REDACTED}`,
  ],
];

/**
 * The URL without credentials: user info and secret query parameters (`access_token`, `token`, `client_secret`,
 * `code`, …) are removed; everything else is kept so the URL still says which resource was asked for.
 */
export function sanitizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not absolute: keep the path only, never a query string we cannot inspect.
    const cut = url.search(/[?#]/);
    return cut === -1 ? url : url.slice(0, cut);
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  if (parsed.search) {
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAMS.has(name.toLowerCase())) parsed.searchParams.delete(name);
    }
  }
  return parsed.href;
}

/** A plain object of headers (lower-case names) with credential headers replaced by `[REDACTED]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
  });
  return out;
}

/**
 * Remembers the secrets one client has handled (its tokens) and scrubs them from any text.
 * Only the last few tokens are kept: a token provider may rotate them, and old ones matter less.
 */
export class Redactor {
  readonly #secrets: string[] = [];

  /** Remembers `secret` so that later text containing it is scrubbed. Short strings are ignored (too many false hits). */
  add(secret: string): void {
    if (secret.length < 6 || this.#secrets.includes(secret)) return;
    this.#secrets.push(secret);
    if (this.#secrets.length > 8) this.#secrets.shift();
  }

  /** `text` with every known secret, bearer phrase and credential assignment replaced by `[REDACTED]`. */
  text(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }
}
