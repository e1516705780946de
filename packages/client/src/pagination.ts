/**
 * Iterating Tempo's pages: `{ metadata: { next, … }, results }`. Follows the absolute `metadata.next` link until
 * there is none (a short page does not end iteration: only a missing `next` does), re-POSTing the body for search
 * operations. One page is held at a time; the next is fetched only when the consumer asks for more.
 */
import { TEMPO_PAGE_LIMIT_MAX } from '@tempo-sdk/types';
import type { TempoCore } from './core.js';
import { TempoError, TempoMaxItemsError, TempoUnsafeLinkError, TempoUsageError } from './errors.js';
import type { OperationItem, OperationPage, PaginatedOperationId, PaginateParams } from './operation-types.js';
import { lookupOperation, operationHints, type RawParams } from './operations.js';
import { sanitizeUrl } from './redact.js';
import { callService, type ServiceResult } from './transport/service-client.js';

/** The page size when none is given: large enough to keep request counts low under the 5-per-second limit. */
export const DEFAULT_PAGE_SIZE = 1000;

/** Options of `paginate` and `pages`. */
export interface PaginateOptions {
  /** Items per request (`limit`), 1 to `TEMPO_PAGE_LIMIT_MAX` (5000). Default `1000`. */
  pageSize?: number;
  /** Stop after this many items. Default: no limit. */
  maxItems?: number;
  /**
   * What happens when `maxItems` stops iteration while Tempo has more items: `'stop'` (default) ends quietly and
   * sets `limitReached`; `'throw'` throws a `TempoMaxItemsError` after the last allowed item.
   */
  onLimit?: 'stop' | 'throw';
  /** Aborts iteration, including a request in flight. */
  signal?: AbortSignal;
}

/** An async iterable of pages or items that also tells, once iteration ended, whether `maxItems` cut it short. */
export interface PageIterable<T> extends AsyncIterable<T> {
  /** `true` when the last iteration stopped at `maxItems` while more items existed. */
  readonly limitReached: boolean;
  /** Pages fetched by the last iteration. */
  readonly pagesFetched: number;
}

interface PageLike {
  metadata?: { next?: unknown };
  results?: unknown;
}

function checkCount(name: string, value: number | undefined, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < (name === 'maxItems' ? 0 : 1) || value > max) {
    const low = name === 'maxItems' ? 0 : 1;
    throw new TempoUsageError(`${name} must be an integer from ${low} to ${max}, got ${String(value)}`);
  }
}

/**
 * The `next` link as an absolute URL, if it stays under `baseUrl` (same scheme, host, port and base path); a link
 * anywhere else would carry the token to another server, so it is refused with {@link TempoUnsafeLinkError}.
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

interface IterationState {
  limitReached: boolean;
  pagesFetched: number;
}

async function* iteratePages(
  client: TempoCore,
  operationId: string,
  params: RawParams | undefined,
  options: PaginateOptions,
  state: IterationState,
): AsyncGenerator<PageLike & { results: unknown[] }, void, undefined> {
  const info = lookupOperation(operationId);
  if (!info.paginated) {
    throw new TempoUsageError(`"${operationId}" does not return pages; call it directly instead of paginating`);
  }
  const { pageSize = DEFAULT_PAGE_SIZE, maxItems, onLimit = 'stop', signal } = options;
  checkCount('pageSize', pageSize, TEMPO_PAGE_LIMIT_MAX);
  checkCount('maxItems', maxItems, Number.MAX_SAFE_INTEGER);
  if (onLimit !== 'stop' && onLimit !== 'throw') throw new TempoUsageError(`onLimit must be 'stop' or 'throw'`);
  const { baseUrl } = client;
  const hints = operationHints(operationId, info, signal);
  const { path, query, body, headers } = params ?? {};
  let remaining = maxItems ?? Infinity;
  if (remaining === 0) return;
  const visited = new Set<string>();

  let result: ServiceResult | undefined = await callService(
    client,
    info.method,
    info.path,
    { params: { path, query: { ...query, limit: Math.min(pageSize, remaining) } }, body, headers, signal },
    hints,
  );
  for (;;) {
    state.pagesFetched++;
    let page = result.data as PageLike | undefined;
    const current = result.url;
    result = undefined; // hold one page only
    if (!page || !Array.isArray(page.results)) {
      throw new TempoError(`${operationId} did not answer with a page (no results array)`);
    }
    const next = page.metadata?.next;
    const hasNext = typeof next === 'string' && next !== '';
    if (page.results.length >= remaining) {
      const more = page.results.length > remaining || hasNext;
      if (page.results.length > remaining) page.results = page.results.slice(0, remaining);
      state.limitReached = more;
      yield page as PageLike & { results: unknown[] };
      if (more && onLimit === 'throw') {
        throw new TempoMaxItemsError(`${operationId}: stopped at maxItems (${String(maxItems)}) with more items left`, {
          operationId,
          maxItems: maxItems as number,
        });
      }
      return;
    }
    remaining -= page.results.length;
    yield page as PageLike & { results: unknown[] };
    if (!hasNext) return;
    // Let go of this page before the next one arrives, so that two are never alive at once.
    page = undefined;

    const url = resolveNextLink(next, current, baseUrl);
    // A link back to any page already read (A → A, or A → B → A) would loop for ever. One short URL per page.
    visited.add(current);
    if (visited.has(url.href)) {
      throw new TempoError(`${operationId}: the next page link points back to a page already read; stopping to avoid a loop`);
    }
    const search = url.search.slice(1);
    result = await callService(
      client,
      info.method,
      url.pathname.slice(new URL(baseUrl).pathname.replace(/\/$/, '').length),
      { querySerializer: () => search, body, headers, signal },
      hints,
    );
  }
}

function iterable<T>(run: (state: IterationState) => AsyncIterator<T>): PageIterable<T> {
  const state: IterationState = { limitReached: false, pagesFetched: 0 };
  return {
    get limitReached() {
      return state.limitReached;
    },
    get pagesFetched() {
      return state.pagesFetched;
    },
    [Symbol.asyncIterator]() {
      state.limitReached = false;
      state.pagesFetched = 0;
      return run(state);
    },
  };
}

/**
 * Iterates the pages of a paginated operation (GET lists and POST searches), following `metadata.next`.
 * Only operations marked `paginated` in the index are accepted, at compile time and at run time.
 *
 * @example
 * ```ts
 * for await (const page of pages(tempo, 'searchWorklogs', { body: { from: '2026-11-01', to: '2026-11-30' } })) {
 *   console.log(page.metadata.offset, page.results.length);
 * }
 * ```
 */
export function pages<Id extends PaginatedOperationId>(
  client: TempoCore,
  operationId: Id,
  params?: PaginateParams<Id>,
  options: PaginateOptions = {},
): PageIterable<OperationPage<Id>> {
  return iterable((state) =>
    iteratePages(client, operationId, params as RawParams | undefined, options, state),
  ) as PageIterable<OperationPage<Id>>;
}

/**
 * Iterates the items of a paginated operation across all its pages, one page in memory at a time.
 *
 * @example
 * ```ts
 * for await (const worklog of paginate(tempo, 'getWorklogs', { query: { from: '2026-11-01' } }, { maxItems: 500 })) {
 *   console.log(worklog.tempoWorklogId);
 * }
 * ```
 */
export function paginate<Id extends PaginatedOperationId>(
  client: TempoCore,
  operationId: Id,
  params?: PaginateParams<Id>,
  options: PaginateOptions = {},
): PageIterable<OperationItem<Id>> {
  return iterable((state) =>
    itemsOf(iteratePages(client, operationId, params as RawParams | undefined, options, state)),
  ) as PageIterable<OperationItem<Id>>;
}

/**
 * The items of each page, in order. Hand-written rather than `yield*` in an async generator: that allocates several
 * promises per item, which shows in memory and speed over 100 000 items. Only the current page's results are held.
 */
function itemsOf(pageIterator: AsyncGenerator<{ results: unknown[] }, void, undefined>): AsyncIterator<unknown> {
  let items: unknown[] = [];
  let index = 0;
  let finished = false;
  return {
    async next() {
      while (index >= items.length) {
        items = [];
        if (finished) return { value: undefined, done: true };
        const step = await pageIterator.next();
        if (step.done) {
          finished = true;
          return { value: undefined, done: true };
        }
        items = step.value.results;
        index = 0;
      }
      return { value: items[index++], done: false };
    },
    async return(value?: unknown) {
      finished = true;
      items = [];
      await pageIterator.return(undefined);
      return { value, done: true };
    },
  };
}
