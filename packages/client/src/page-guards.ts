/**
 * Bounds on pagination: a server (or a proxy, or a bug) can hand out `next` links for ever. Every way that can
 * happen while the links stay under the base URL stops with a {@link TempoPaginationError}:
 * - a link back to a page already read (A → A, A → B → A, also with the query parameters reordered);
 * - a link whose `offset` does not move forward (fresh-looking URLs that read the same rows again);
 * - a page holding the same items as the page before it (a server that ignores `offset`);
 * - `maxEmptyPages` empty pages in a row, each with a fresh `next` link (the last one's link is not followed).
 */
import { TempoPaginationError, type TempoPaginationErrorReason } from './errors.js';
import { offsetOf, pageKey } from './page-links.js';
import { sanitizeUrl } from './redact.js';

/** Consecutive empty pages (each with a `next` link) allowed by default: 10 s of requests at Tempo's 5 per second. */
export const DEFAULT_MAX_EMPTY_PAGES = 50;

/** The loop guard of one iteration. Holds one short key per page read, and two items of the last page. */
export class PageLoopGuard {
  readonly #visited = new Set<string>();
  #emptyRun = 0;
  #lastSignature: string | undefined;

  constructor(
    private readonly operationId: string,
    private readonly maxEmptyPages: number,
  ) {}

  /**
   * Checks the page read from `url` (its `results`) before it is handed out.
   * @throws {@link TempoPaginationError} `'repeated-page'` when it holds the same items as the page before.
   */
  checkPage(url: URL, results: readonly unknown[]): void {
    // First item, last item and length: cheap, and enough to tell a server that serves one page over and over.
    let signature: string | undefined;
    if (results.length > 0) {
      try {
        signature = JSON.stringify([results.length, results[0], results[results.length - 1]]);
      } catch {
        signature = undefined; // not JSON (cannot happen with a parsed body): no verdict
      }
    }
    if (signature !== undefined && signature === this.#lastSignature) {
      this.#fail('repeated-page', url, 'a page holds the same items as the page before it');
    }
    this.#lastSignature = signature;
  }

  /**
   * Checks the link from the page at `url` (with `itemCount` items) to `next`, before `next` is used.
   * @throws {@link TempoPaginationError} `'link-cycle'`, `'no-progress'` or `'empty-pages'`.
   */
  checkLink(url: URL, next: URL, itemCount: number): void {
    this.#visited.add(pageKey(url));
    if (this.#visited.has(pageKey(next))) {
      this.#fail('link-cycle', next, 'the next page link points back to a page already read');
    }
    const from = offsetOf(url);
    const to = offsetOf(next);
    if (from !== undefined && to !== undefined && to <= from) {
      this.#fail('no-progress', next, `the next page link does not move forward (offset ${from} → ${to})`);
    }
    this.#emptyRun = itemCount === 0 ? this.#emptyRun + 1 : 0;
    if (itemCount === 0 && this.#emptyRun >= this.maxEmptyPages) {
      this.#fail(
        'empty-pages',
        next,
        `${this.#emptyRun} empty pages in a row, each with a next link (maxEmptyPages is ${this.maxEmptyPages})`,
      );
    }
  }

  #fail(reason: TempoPaginationErrorReason, url: URL, what: string): never {
    throw new TempoPaginationError(`${this.operationId}: ${what}; stopping to avoid a loop`, {
      operationId: this.operationId,
      reason,
      url: sanitizeUrl(url.href),
    });
  }
}
