/**
 * Pagination links: which `next` links may be followed, when two page URLs name the same page, and where Tempo's
 * offset pages go next (`offset + limit`), so that pages can be requested before their link arrives.
 */
import { TempoUnsafeLinkError } from './errors.js';
import { sanitizeUrl } from './redact.js';

/**
 * The `next` link as an absolute URL, if it stays under `baseUrl` (same scheme, host, port and base path); a link
 * anywhere else would carry the token to another server, so it is refused.
 *
 * @throws {@link TempoUnsafeLinkError} when the link is not a URL or leaves `baseUrl`.
 */
export function resolveNextLink(next: string, current: string, baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(next, current);
  } catch {
    throw new TempoUnsafeLinkError('Tempo returned a pagination link that is not a URL', {
      link: sanitizeUrl(String(next)),
      baseUrl,
    });
  }
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`) || url.username || url.password) {
    throw new TempoUnsafeLinkError(
      `Refusing to follow a pagination link outside ${baseUrl}: ${sanitizeUrl(url.href)} (the token would be sent there)`,
      { link: sanitizeUrl(url.href), baseUrl },
    );
  }
  return url;
}

/** A whole number ≥ 0 written in a query parameter, or `undefined`. */
function count(value: string | null): number | undefined {
  if (value === null || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/** The page's `offset` (missing means 0, Tempo's default), or `undefined` when it is not a whole number. */
export function offsetOf(url: URL): number | undefined {
  const raw = url.searchParams.get('offset');
  return raw === null ? 0 : count(raw);
}

/**
 * What identifies a page: origin, path and query with the parameters sorted by name (their order does not change
 * the page) and a missing `offset` written as `offset=0`. Two URLs with one key are the same page.
 */
export function pageKey(url: URL | string): string {
  const parsed = new URL(url);
  const params = new URLSearchParams(parsed.search);
  if (!params.has('offset')) params.set('offset', '0');
  params.sort(); // stable: repeated parameters (projectId=1&projectId=2) keep their order
  return `${parsed.origin}${parsed.pathname}?${params.toString()}`;
}

/** `url` with its `offset` set to `offset`. */
export function withOffset(url: URL | string, offset: number): URL {
  const next = new URL(url);
  next.searchParams.set('offset', String(offset));
  return next;
}

/**
 * The URL Tempo's `next` is expected to name after the page at `url`: the same URL with `offset + limit`, or
 * `undefined` when `url` has no whole `limit` (then nothing can be predicted).
 */
export function predictNextUrl(url: URL): URL | undefined {
  const limit = count(url.searchParams.get('limit'));
  const offset = offsetOf(url);
  if (limit === undefined || limit < 1 || offset === undefined) return undefined;
  return withOffset(url, offset + limit);
}

/** The page's `limit`, when it is a whole number ≥ 1. */
export function limitOf(url: URL): number | undefined {
  const limit = count(url.searchParams.get('limit'));
  return limit !== undefined && limit >= 1 ? limit : undefined;
}
