/**
 * Iterating Tempo's pages: `{ metadata: { next, … }, results }`. Follows the absolute `metadata.next` link until
 * there is none (a short page does not end iteration: only a missing `next` does), re-POSTing the body for search
 * operations. Pages are read ahead (`prefetchPages`, default 3): while the caller uses one page, the next ones are
 * already requested at the URLs Tempo's offset paging makes predictable, through the client's rate limiter; a page
 * read ahead is used only when its URL is the one `next` names.
 */
import { TEMPO_PAGE_LIMIT_MAX } from '@tempo-sdk/types';
import { abortReason } from './clock.js';
import type { TempoCore } from './core.js';
import { TempoAbortError, TempoMaxItemsError, TempoPaginationError, TempoUsageError } from './errors.js';
import type { OperationItem, OperationPage, PaginatedOperationId, PaginateParams } from './operation-types.js';
import { lookupOperation, operationHints, type RawParams } from './operations.js';
import { DEFAULT_MAX_EMPTY_PAGES, PageLoopGuard } from './page-guards.js';
import { limitOf, pageKey, predictNextUrl, resolveNextLink, withOffset } from './page-links.js';
import { PageQueue, type PageSlot } from './page-queue.js';
import { sanitizeUrl } from './redact.js';
import { shownValue } from './shown-value.js';
import { callService, type ServiceResult } from './transport/service-client.js';

export { resolveNextLink } from './page-links.js';

/** The page size when none is given: large enough to keep request counts low under the 5-per-second limit. */
export const DEFAULT_PAGE_SIZE = 1000;
/**
 * Pages requested ahead by default: 3, Tempo's limit of requests in flight, so that a slow API is read at the
 * full allowed speed while the caller uses the current page.
 */
export const DEFAULT_PREFETCH_PAGES = 3;
/** The deepest read-ahead accepted (each page ahead may be held in memory). */
const MAX_PREFETCH_PAGES = 16;

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
  /**
   * Pages requested ahead of the one being used, 0–16. Default `3`. `0` reads one page at a time, asking for the
   * next only when the current one is used up. At most `1 + prefetchPages` pages are held in memory at once.
   */
  prefetchPages?: number;
  /**
   * Most empty pages in a row whose `next` link is followed: the link of the last one allowed is refused with a
   * `TempoPaginationError` (after that page is handed out). Default `50`. Tempo may answer a page with every row
   * filtered out, so a few are normal; endless ones are not.
   */
  maxEmptyPages?: number;
  /**
   * Aborts iteration: a request in flight, the pages read ahead, and the next step (even while items of a page
   * already read remain), which rejects with `TempoAbortError`.
   */
  signal?: AbortSignal;
}

/** An async iterable of pages or items that also tells, once iteration ended, whether `maxItems` cut it short. */
export interface PageIterable<T> extends AsyncIterable<T> {
  /** `true` when the last iteration stopped at `maxItems` while more items existed. */
  readonly limitReached: boolean;
  /**
   * Pages handed out so far by the current (or last) iteration, in order; pages read ahead are not counted until
   * their turn. Live: read it during iteration for a progress display.
   */
  readonly pagesFetched: number;
}

interface PageLike {
  metadata?: { next?: unknown };
  results?: unknown;
}

function checkCount(name: string, value: number | undefined, low: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < low || value > max) {
    throw new TempoUsageError(`${name} must be an integer from ${low} to ${max}, got ${shownValue(value)}`);
  }
}

/** The options with defaults filled in and values checked. */
function resolveOptions(options: PaginateOptions) {
  const {
    pageSize = DEFAULT_PAGE_SIZE,
    maxItems,
    onLimit = 'stop',
    prefetchPages = DEFAULT_PREFETCH_PAGES,
    maxEmptyPages = DEFAULT_MAX_EMPTY_PAGES,
    signal,
  } = options ?? {};
  checkCount('pageSize', pageSize, 1, TEMPO_PAGE_LIMIT_MAX);
  checkCount('maxItems', maxItems, 0, Number.MAX_SAFE_INTEGER);
  checkCount('prefetchPages', prefetchPages, 0, MAX_PREFETCH_PAGES);
  checkCount('maxEmptyPages', maxEmptyPages, 0, Number.MAX_SAFE_INTEGER);
  if (onLimit !== 'stop' && onLimit !== 'throw') throw new TempoUsageError(`onLimit must be 'stop' or 'throw'`);
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new TempoUsageError('signal must be an AbortSignal');
  return { pageSize, maxItems, onLimit, prefetchPages, maxEmptyPages, signal };
}

/** The error for the step taken after `signal` aborted. */
function abortedError(operationId: string, signal: AbortSignal): TempoAbortError {
  return new TempoAbortError(`Pagination of ${operationId} was aborted`, { cause: abortReason(signal) });
}

/** How many more pages of `limit` items `remaining` items can still fill (Infinity without `maxItems`). */
function pagesFor(remaining: number, limit: number): number {
  return remaining === Infinity ? Infinity : Math.ceil(remaining / limit);
}

interface IterationState {
  limitReached: boolean;
  pagesFetched: number;
}

/** Where a page request goes: the caller's parameters (first pages), or a URL (`next` and the pages after it). */
type PageTarget = { query: Record<string, unknown> } | { url: URL };

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
  const { pageSize, maxItems, onLimit, prefetchPages: depth, maxEmptyPages, signal } = resolveOptions(options);
  const { baseUrl } = client;
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const { path, query, body, headers } = params ?? {};
  let remaining = maxItems ?? Infinity;
  if (remaining === 0) return;
  if (signal?.aborted) throw abortedError(operationId, signal);

  const send = (target: PageTarget, pageSignal: AbortSignal): Promise<ServiceResult> => {
    const hints = operationHints(operationId, info, pageSignal);
    const init = { body, headers, signal: pageSignal };
    if ('query' in target)
      return callService(client, info.method, info.path, { ...init, params: { path, query: target.query } }, hints);
    const search = target.url.search.slice(1);
    const relative = target.url.pathname.slice(basePath.length);
    return callService(client, info.method, relative, { ...init, querySerializer: () => search }, hints);
  };
  const queue = new PageQueue(send, signal);
  const guard = new PageLoopGuard(operationId, maxEmptyPages);
  /** Whether the last link followed was `offset + limit` of its page, so that the pages after it can be guessed. */
  let predictable = false;

  /** Requests pages ahead, up to `depth` and to what `maxItems` can still use, while their URLs can be guessed. */
  const topUp = (pagesNeeded: number): void => {
    while (predictable && !queue.endSeen && queue.length < Math.min(depth, pagesNeeded)) {
      const lastUrl = queue.last()?.url;
      const url = lastUrl && predictNextUrl(lastUrl);
      if (!url) return;
      queue.push({ url }, url, pageKey(url));
    }
  };

  try {
    const firstLimit = Math.min(pageSize, remaining);
    const firstQuery = { ...query, limit: firstLimit };
    let current: PageSlot = queue.start({ query: firstQuery }, undefined, undefined);
    // Before the first page arrives nothing is known: guess one page ahead only (a single-page answer then costs
    // one request more), which is what it takes to keep Tempo's 3 slots busy from the first round trip.
    const firstOffset = query?.offset === undefined ? 0 : Number(query.offset);
    let guessed: PageSlot | undefined;
    if (depth > 0 && Number.isInteger(firstOffset) && firstOffset >= 0 && pagesFor(remaining, firstLimit) > 1) {
      guessed = queue.push({ query: { ...firstQuery, offset: firstOffset + firstLimit } }, undefined, undefined);
    }

    for (;;) {
      let result: ServiceResult | undefined = await current.result;
      const url = new URL(result.url);
      if (current.key !== undefined && pageKey(url) !== current.key) {
        // A page read ahead that went elsewhere than planned (a middleware rewrote it): never use it.
        throw new TempoPaginationError(`${operationId}: a page read ahead answered another URL than asked`, {
          operationId,
          reason: 'not-a-page',
          url: sanitizeUrl(url.href),
        });
      }
      let page = result.data as PageLike | undefined;
      result = undefined; // the page is held by `page` alone from here
      if (!page || !Array.isArray(page.results)) {
        throw new TempoPaginationError(`${operationId} did not answer with a page (no results array)`, {
          operationId,
          reason: 'not-a-page',
          url: sanitizeUrl(url.href),
        });
      }
      if (guessed) {
        // The page guessed before the first one arrived asked for the first page's URL at the next offset.
        const guessedUrl = withOffset(url, firstOffset + firstLimit);
        guessed.url = guessedUrl;
        guessed.key = pageKey(guessedUrl);
        guessed = undefined;
      }
      guard.checkPage(url, page.results);
      state.pagesFetched++;
      const next = page.metadata?.next;
      const hasNext = typeof next === 'string' && next !== '';
      if (page.results.length >= remaining) {
        queue.cancelAhead();
        const more = page.results.length > remaining || hasNext;
        if (page.results.length > remaining) page.results = page.results.slice(0, remaining);
        state.limitReached = more;
        yield page as PageLike & { results: unknown[] };
        if (more && onLimit === 'throw') {
          throw new TempoMaxItemsError(
            `${operationId}: stopped at maxItems (${String(maxItems)}) with more items left`,
            {
              operationId,
              maxItems: maxItems as number,
            },
          );
        }
        return;
      }
      remaining -= page.results.length;
      if (!hasNext) {
        // The last page: whatever was read ahead does not exist.
        queue.cancelAhead();
        yield page as PageLike & { results: unknown[] };
        return;
      }
      // A link that must not be followed is refused after this page, which is good, has been handed out.
      let nextUrl: URL;
      try {
        nextUrl = resolveNextLink(next, url.href, baseUrl);
        guard.checkLink(url, nextUrl, page.results.length);
      } catch (error) {
        queue.cancelAhead();
        yield page as PageLike & { results: unknown[] };
        throw error;
      }
      const nextKey = pageKey(nextUrl);
      // A page read ahead is used only when it is the one `next` names; otherwise everything guessed is wrong.
      if (queue.peek() && queue.peek()?.key !== nextKey) queue.cancelAhead();
      const predicted = predictNextUrl(url);
      predictable = predicted !== undefined && pageKey(predicted) === nextKey;
      if (depth > 0) {
        if (queue.length === 0) queue.push({ url: nextUrl }, nextUrl, nextKey);
        topUp(pagesFor(remaining, limitOf(nextUrl) ?? 1));
      }

      yield page as PageLike & { results: unknown[] };
      // Let go of this page before waiting for the next one.
      page = undefined;
      if (signal?.aborted) throw abortedError(operationId, signal);
      current = queue.shift() ?? queue.start({ url: nextUrl }, nextUrl, nextKey);
      if (depth > 0) topUp(pagesFor(remaining, limitOf(nextUrl) ?? 1) - 1);
    }
  } finally {
    await queue.close();
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
 * Iterates the items of a paginated operation across all its pages, reading up to `prefetchPages` pages ahead
 * (default 3; at most `1 + prefetchPages` pages in memory).
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
    itemsOf(
      iteratePages(client, operationId, params as RawParams | undefined, options, state),
      operationId,
      options?.signal,
    ),
  ) as PageIterable<OperationItem<Id>>;
}

/**
 * The items of each page, in order. Hand-written rather than `yield*` in an async generator: that allocates several
 * promises per item, which shows in memory and speed over 100 000 items. Only the current page's results are held
 * (besides the pages read ahead). Each step first checks `signal`: after an abort the next step rejects with
 * `TempoAbortError` at once, even while items of the current page remain, and the pages in flight are cancelled.
 */
function itemsOf(
  pageIterator: AsyncGenerator<{ results: unknown[] }, void, undefined>,
  operationId: string,
  signal: AbortSignal | undefined,
): AsyncIterator<unknown> {
  let items: unknown[] = [];
  let index = 0;
  let finished = false;
  const stop = async (): Promise<void> => {
    finished = true;
    items = [];
    await pageIterator.return(undefined);
  };
  return {
    async next() {
      if (!finished && signal?.aborted) {
        await stop();
        throw abortedError(operationId, signal);
      }
      while (index >= items.length) {
        items = [];
        if (finished) return { value: undefined, done: true };
        let step: IteratorResult<{ results: unknown[] }, void>;
        try {
          step = await pageIterator.next();
        } catch (error) {
          finished = true;
          throw error;
        }
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
      await stop();
      return { value, done: true };
    },
  };
}
