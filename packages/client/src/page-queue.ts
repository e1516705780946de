/**
 * The page requests of one iteration: the page being waited for and the pages fetched ahead of it, in order.
 * Each request has its own AbortController, so a page that turns out not to be needed (its URL is not what `next`
 * names, or an earlier page had no `next`) is cancelled alone, and closing the queue cancels everything it
 * started and waits until each request has settled: no request outlives its iteration.
 */
import { abortReason } from './clock.js';

/** What a page request resolves to: the success body, the response (body read) and the URL it went to. */
export interface PageResult {
  data: unknown;
  response: Response;
  url: string;
}

/** Sends one page request under `signal`. */
export type PageSender<T> = (target: T, signal: AbortSignal) => Promise<PageResult>;

/** One page request. */
export interface PageSlot {
  /** The page's URL key ({@link pageKey}), when known. */
  key: string | undefined;
  /** The page's absolute URL, when known (the first pages are sent from parameters). */
  url: URL | undefined;
  /** Settles with the result; rejects with the request's typed error (kept as handled until awaited). */
  readonly result: Promise<PageResult>;
  /** Set once the page arrived and named no `next` page: nothing after it exists. */
  last: boolean;
}

interface Entry extends PageSlot {
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

/** The cancellation reason of pages that are no longer needed. */
const notNeeded = () => new DOMException('Page no longer needed', 'AbortError');

/** Whether a page body names a next page. */
function hasNext(data: unknown): boolean {
  const next = (data as { metadata?: { next?: unknown } } | undefined)?.metadata?.next;
  return typeof next === 'string' && next !== '';
}

export class PageQueue<T> {
  /** Pages ahead of the one being consumed, in page order. */
  readonly #ahead: Entry[] = [];
  /** Every request started and not yet settled. */
  readonly #live = new Set<Entry>();
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly send: PageSender<T>,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    if (callerSignal) {
      this.#onCallerAbort = () => {
        for (const entry of this.#live) entry.controller.abort(abortReason(callerSignal));
      };
      callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
  }

  /** Pages started ahead (in flight or arrived, not yet taken). */
  get length(): number {
    return this.#ahead.length;
  }

  /** The page that comes next, if it was started ahead. */
  peek(): PageSlot | undefined {
    return this.#ahead[0];
  }

  /** The furthest page started ahead. */
  last(): PageSlot | undefined {
    return this.#ahead[this.#ahead.length - 1];
  }

  /** Whether a page ahead is known to be the last one. */
  get endSeen(): boolean {
    return this.#ahead.some((entry) => entry.last);
  }

  /** Starts a request that is not queued (the page asked for now). */
  start(target: T, url: URL | undefined, key: string | undefined): PageSlot {
    const controller = new AbortController();
    if (this.callerSignal?.aborted) controller.abort(abortReason(this.callerSignal));
    const result = this.send(target, controller.signal);
    const entry: Entry = {
      key,
      url,
      result,
      last: false,
      controller,
      settled: result.then(
        (value) => {
          entry.last = value.response.ok && !hasNext(value.data);
          if (entry.last) this.#dropAfter(entry);
        },
        () => undefined,
      ),
    };
    this.#live.add(entry);
    void entry.settled.then(() => this.#live.delete(entry));
    return entry;
  }

  /** Starts a request for the page after the last one queued. */
  push(target: T, url: URL | undefined, key: string | undefined): PageSlot {
    const entry = this.start(target, url, key) as Entry;
    this.#ahead.push(entry);
    return entry;
  }

  /** Takes the page that comes next, if it was started ahead. */
  shift(): PageSlot | undefined {
    return this.#ahead.shift();
  }

  /** Cancels every page started ahead (their URLs turned out wrong, or iteration is ending). */
  cancelAhead(): void {
    for (const entry of this.#ahead.splice(0)) entry.controller.abort(notNeeded());
  }

  /** Cancels everything still running and waits until every request has settled. Call once, at the end. */
  async close(): Promise<void> {
    if (this.#onCallerAbort) this.callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    this.#ahead.length = 0;
    const live = [...this.#live];
    for (const entry of live) entry.controller.abort(notNeeded());
    await Promise.all(live.map((entry) => entry.settled));
  }

  /** A page arrived without `next`: the pages queued after it do not exist. */
  #dropAfter(entry: Entry): void {
    const index = this.#ahead.indexOf(entry);
    if (index === -1) return;
    for (const later of this.#ahead.splice(index + 1)) later.controller.abort(notNeeded());
  }
}
