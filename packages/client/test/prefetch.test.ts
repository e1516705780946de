/**
 * Read-ahead in paginate/pages against @tempo-sdk/msw with injected latency and faults: order, no duplicates, the
 * `next` link as the only authority, the memory bound, and no request left in flight however iteration ends.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  TempoAbortError,
  TempoServerError,
  type PaginateOptions,
  type TempoClient,
} from '../src/index.js';
import { useTempoMock } from './support/tempo-mock.js';
import { createVirtualClock } from './support/virtual-clock.js';
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { createTempoClient } from '../src/index.js';

const { mock, requests, server } = useTempoMock();

/** A seeded PRNG (mulberry32): the same "random" latencies on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every request waits a random 0–maxMs (real time) before the mock answers it. */
function randomLatency(seed: number, maxMs: number): void {
  const random = prng(seed);
  server.use(
    http.all('*/4/*', async () => {
      await sleep(Math.floor(random() * maxMs));
    }),
  );
}

/**
 * A client on the mock whose fetch is watched on the wire: how many requests are open (sent, response not yet
 * received or failed), the most at once, and each request's URL and signal. It sends through msw unchanged.
 */
function watchedClient(options: { retry?: { delays: number[] } } = {}) {
  const clock = createVirtualClock();
  const limiter = createRateLimiter({}, clock);
  const wire = {
    open: 0,
    maxOpen: 0,
    sent: [] as { url: string; signal: AbortSignal | null | undefined; done: boolean }[],
  };
  const watchedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const entry = { url: String(input), signal: init?.signal, done: false };
    wire.sent.push(entry);
    wire.open++;
    wire.maxOpen = Math.max(wire.maxOpen, wire.open);
    // A request leaves the wire when its response arrives or when it is aborted (the connection is dropped then,
    // even if the mock's handler is still sleeping).
    const finish = () => {
      if (entry.done) return;
      entry.done = true;
      wire.open--;
    };
    init?.signal?.addEventListener('abort', finish, { once: true });
    try {
      return await globalThis.fetch(input, init);
    } finally {
      finish();
    }
  }) as typeof fetch;
  const tempo: TempoClient = createTempoClient({
    token: MOCK_API_TOKEN,
    clock,
    fetch: watchedFetch,
    rateLimit: limiter,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  /** Nothing in flight: no open request on the wire, no slot taken or waited for in the limiter. */
  const idle = () => ({ open: wire.open, inFlight: limiter.inFlight, pending: limiter.pending });
  return { tempo, wire, limiter, idle };
}

const IDLE = { open: 0, inFlight: 0, pending: 0 };

async function allWorklogIds(tempo: TempoClient): Promise<number[]> {
  const page = await tempo.worklogs.getWorklogs({ query: { limit: 5000 } });
  return page.results.map((w) => w.tempoWorklogId);
}

const offsetOf = (url: string) => Number(new URL(url).searchParams.get('offset') ?? 0);

/**
 * Serves GET /worklogs from the mock's data by offset/limit with `next` links chosen by `nextOffset`
 * (`undefined`: no next). Counts the requests per offset.
 */
function serveWorklogPages(nextOffset: (offset: number, limit: number, total: number) => number | undefined) {
  const served = new Map<number, number>();
  server.use(
    mock.http.get('/worklogs', ({ request, response }) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      served.set(offset, (served.get(offset) ?? 0) + 1);
      const all = mock.db.worklogs.all();
      const results = all.slice(offset, offset + limit);
      const next = nextOffset(offset, limit, all.length);
      const nextUrl = new URL(url);
      nextUrl.searchParams.set('offset', String(next));
      nextUrl.searchParams.set('limit', String(limit));
      return response(200).json({
        metadata: { count: results.length, offset, limit, ...(next === undefined ? {} : { next: nextUrl.href }) },
        results,
        self: url.href,
      } as never);
    }),
  );
  return served;
}

describe('order and completeness under random latencies', () => {
  it.each([
    ['GET', 1, 11],
    ['GET', 3, 12],
    ['GET', 5, 13],
    ['POST', 2, 14],
    ['POST', 3, 15],
  ] as const)(
    '%s with prefetchPages %i: every page in order, never twice, at most 1 + N held',
    async (method, depth, seed) => {
      const { tempo, wire, idle } = watchedClient();
      const expected =
        method === 'GET'
          ? await allWorklogIds(tempo)
          : (await tempo.worklogs.searchWorklogs({ body: { from: '2000-01-01' }, query: { limit: 5000 } })).results.map(
              (w) => w.tempoWorklogId,
            );
      expect(expected.length).toBeGreaterThan(100);
      wire.sent.length = 0;
      wire.maxOpen = 0;
      randomLatency(seed, 25);
      const options: PaginateOptions = { pageSize: 10, prefetchPages: depth };
      const iterable =
        method === 'GET'
          ? tempo.pages('getWorklogs', {}, options)
          : tempo.pages('searchWorklogs', { body: { from: '2000-01-01' } }, options);
      const seen: number[] = [];
      const offsets: number[] = [];
      for await (const page of iterable) {
        // Requests sent but not yet handed out (in flight or waiting here): never more than N besides this page.
        expect(wire.sent.length - iterable.pagesFetched).toBeLessThanOrEqual(depth);
        offsets.push(page.metadata.offset);
        for (const w of page.results) seen.push(w.tempoWorklogId);
        await sleep(3); // the caller's own work, while the next pages are on their way
      }
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
      expect(offsets).toEqual(offsets.map((_, i) => i * 10));
      expect(iterable.pagesFetched).toBe(Math.ceil(expected.length / 10));
      // It did read ahead, within Tempo's 3 in flight; and nothing is left running.
      expect(wire.maxOpen).toBeGreaterThanOrEqual(Math.min(depth + 1, 3) > 1 ? 2 : 1);
      expect(wire.maxOpen).toBeLessThanOrEqual(3);
      expect(idle()).toEqual(IDLE);
      if (method === 'POST') expect(requests.every((r) => r.method === 'POST')).toBe(true);
    },
  );

  it('prefetchPages: 0 reads one page at a time, asking only when the page is used up', async () => {
    const { tempo, wire, idle } = watchedClient();
    const expected = await allWorklogIds(tempo);
    wire.sent.length = 0;
    wire.maxOpen = 0;
    randomLatency(3, 10);
    const iterable = tempo.paginate('getWorklogs', {}, { pageSize: 25, prefetchPages: 0 });
    const seen: number[] = [];
    for await (const w of iterable) {
      seen.push(w.tempoWorklogId);
      expect(wire.sent.length).toBe(iterable.pagesFetched);
    }
    expect(seen).toEqual(expected);
    expect(wire.maxOpen).toBe(1);
    expect(wire.sent.map((r) => offsetOf(r.url))).toEqual(wire.sent.map((_, i) => i * 25));
    expect(idle()).toEqual(IDLE);
  });

  it('keeps the caller’s other calls within the shared limiter while reading ahead', async () => {
    const { tempo, wire, idle } = watchedClient();
    randomLatency(21, 15);
    const others: Promise<unknown>[] = [];
    let n = 0;
    for await (const _ of tempo.paginate('getWorklogs', {}, { pageSize: 10 })) {
      if (n++ % 20 === 0) others.push(tempo.worklogs.getWorklogs({ query: { limit: 1 } }));
    }
    await Promise.all(others);
    expect(others.length).toBeGreaterThan(5);
    expect(wire.maxOpen).toBeLessThanOrEqual(3);
    expect(idle()).toEqual(IDLE);
  });
});

describe('the next link decides', () => {
  it('throws away a page read ahead when next names another URL, and follows next', async () => {
    // Page 0 names offset 15 (not 10); the rest go on by offset + limit.
    const served = serveWorklogPages((offset, limit, total) => {
      const next = offset === 0 ? 15 : offset + limit;
      return next < total ? next : undefined;
    });
    const { tempo, idle } = watchedClient();
    const all = mock.db.worklogs.all().map((w) => w.tempoWorklogId);
    const seen: number[] = [];
    const iterable = tempo.paginate('getWorklogs', {}, { pageSize: 10 });
    for await (const w of iterable) seen.push(w.tempoWorklogId);
    expect(seen).toEqual([...all.slice(0, 10), ...all.slice(15)]);
    expect(served.get(10)).toBe(1); // the guess was sent, and dropped
    expect(served.get(15)).toBe(1);
    expect(idle()).toEqual(IDLE);
  });

  it('never guesses again after a link that did not follow offset + limit until one does', async () => {
    // Each link skips one row: guessed pages would all be wrong, so after the first miss only next is followed.
    const served = serveWorklogPages((offset, limit, total) =>
      offset + limit + 1 < total ? offset + limit + 1 : undefined,
    );
    const { tempo } = watchedClient();
    const all = mock.db.worklogs.all().map((w) => w.tempoWorklogId);
    const seen: number[] = [];
    for await (const w of tempo.paginate('getWorklogs', {}, { pageSize: 10 })) seen.push(w.tempoWorklogId);
    const expected: number[] = [];
    for (let offset = 0; offset < all.length; offset += 11) expected.push(...all.slice(offset, offset + 10));
    expect(seen).toEqual(expected);
    const wasted = [...served.keys()].filter((offset) => offset % 11 !== 0);
    expect(wasted).toEqual([10]); // only the one guess made before the first page arrived
  });

  it('ends at a page without next in the middle, and drops what was read ahead', async () => {
    const served = serveWorklogPages((offset, limit, total) =>
      offset === 30 ? undefined : offset + limit < total ? offset + limit : undefined,
    );
    const { tempo, idle } = watchedClient();
    randomLatency(5, 10);
    const all = mock.db.worklogs.all().map((w) => w.tempoWorklogId);
    const seen: number[] = [];
    const iterable = tempo.paginate('getWorklogs', {}, { pageSize: 10 });
    for await (const w of iterable) seen.push(w.tempoWorklogId);
    expect(seen).toEqual(all.slice(0, 40));
    expect(iterable.pagesFetched).toBe(4);
    // Read-ahead went at most 3 pages past the end, and nothing is still running.
    expect(Math.max(...served.keys())).toBeLessThanOrEqual(60);
    expect(idle()).toEqual(IDLE);
  });

  it('a short page does not end iteration; only a missing next does', async () => {
    const served = serveWorklogPages((offset, limit, total) => (offset + limit < total ? offset + limit : undefined));
    server.use(
      mock.http.get('/worklogs', ({ request, response }) => {
        const url = new URL(request.url);
        if (url.searchParams.get('offset') !== '20') return undefined;
        const next = new URL(url);
        next.searchParams.set('offset', '30');
        return response(200).json({
          metadata: { count: 2, offset: 20, limit: 10, next: next.href },
          results: mock.db.worklogs.all().slice(20, 22),
          self: url.href,
        } as never);
      }),
    );
    const { tempo } = watchedClient();
    const all = mock.db.worklogs.all().map((w) => w.tempoWorklogId);
    const seen: number[] = [];
    for await (const w of tempo.paginate('getWorklogs', {}, { pageSize: 10 })) seen.push(w.tempoWorklogId);
    expect(seen).toEqual([...all.slice(0, 22), ...all.slice(30)]);
    expect(served.size).toBeGreaterThan(10);
  });
});

describe('no request outlives its iteration', () => {
  const slow = () => mock.faults.add({ path: '/worklogs', delayMs: 40 });

  it('break with pages in flight cancels them all', async () => {
    const { tempo, wire, idle } = watchedClient();
    slow();
    for await (const _ of tempo.paginate('getWorklogs', {}, { pageSize: 10 })) {
      expect(wire.open + wire.sent.filter((r) => r.done).length).toBeGreaterThan(1); // pages are being read ahead
      break;
    }
    expect(idle()).toEqual(IDLE);
    const unfinished = wire.sent.filter((r) => !r.done);
    expect(unfinished).toEqual([]);
    // Every request either answered or was aborted.
    expect(wire.sent.some((r) => r.signal?.aborted)).toBe(true);
  });

  it('a throw in the loop body cancels them all', async () => {
    const { tempo, wire, idle } = watchedClient();
    slow();
    const run = async () => {
      for await (const page of tempo.pages('getWorklogs', {}, { pageSize: 10 })) {
        if (page.metadata.offset === 10) throw new Error('caller failed');
      }
    };
    await expect(run()).rejects.toThrow('caller failed');
    expect(idle()).toEqual(IDLE);
    expect(wire.sent.every((r) => r.done)).toBe(true);
  });

  it('abort: the next step rejects with TempoAbortError even while the page has items left', async () => {
    const { tempo, wire, idle } = watchedClient();
    slow();
    const controller = new AbortController();
    const seen: unknown[] = [];
    const run = async () => {
      for await (const w of tempo.paginate('getWorklogs', {}, { pageSize: 10, signal: controller.signal })) {
        seen.push(w);
        controller.abort();
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoAbortError);
    expect(seen).toHaveLength(1); // 9 items of the first page were left: none was handed out after the abort
    expect(idle()).toEqual(IDLE);
    expect(wire.sent.every((r) => r.done)).toBe(true);
  });

  it('abort while waiting for a page in flight rejects at once and leaves nothing in flight', async () => {
    const { tempo, wire, idle } = watchedClient();
    mock.faults.add({ path: '/worklogs', delayMs: 5_000 });
    const controller = new AbortController();
    const iterator = tempo
      .pages('getWorklogs', {}, { pageSize: 10, signal: controller.signal })
      [Symbol.asyncIterator]();
    const pending = iterator.next();
    await sleep(20);
    expect(wire.open).toBeGreaterThan(1); // the first page and the one guessed after it
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(TempoAbortError);
    expect(idle()).toEqual(IDLE);
    // Both requests were cut off, not answered (the mock would answer only after 5 s).
    expect(wire.sent.length).toBeGreaterThanOrEqual(2);
    expect(wire.sent.every((r) => r.done && r.signal?.aborted)).toBe(true);
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('an abort before the first step sends nothing', async () => {
    const { tempo, wire } = watchedClient();
    const controller = new AbortController();
    controller.abort();
    const iterator = tempo.paginate('getWorklogs', {}, { signal: controller.signal })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBeInstanceOf(TempoAbortError);
    expect(wire.sent).toHaveLength(0);
  });
});

describe('a page read ahead that fails', () => {
  /** Answers 503 for GET /worklogs?offset=`offset`, `times` times (Infinity: always). */
  function failOffset(offset: number, times: number) {
    let left = times;
    const hits = { count: 0 };
    server.use(
      http.get('*/4/worklogs', ({ request }) => {
        if (offsetOf(request.url) !== offset || left <= 0) return undefined;
        left--;
        hits.count++;
        return HttpResponse.json({ errors: { message: 'Unavailable' } }, { status: 503 });
      }),
    );
    return hits;
  }

  it('is retried by the normal policy and used when the retry succeeds', async () => {
    const hits = failOffset(20, 2);
    const { tempo, idle } = watchedClient({ retry: { delays: [10] } });
    const expected = await allWorklogIds(tempo);
    const seen: number[] = [];
    for await (const w of tempo.paginate('getWorklogs', {}, { pageSize: 10 })) seen.push(w.tempoWorklogId);
    expect(seen).toEqual(expected);
    expect(hits.count).toBe(2);
    expect(idle()).toEqual(IDLE);
  });

  it('is raised in its place, after the pages before it, when it keeps failing', async () => {
    const hits = failOffset(20, Infinity);
    const { tempo, idle } = watchedClient({ retry: { delays: [10] } });
    const expected = await allWorklogIds(tempo);
    const seen: number[] = [];
    const run = async () => {
      for await (const w of tempo.paginate('getWorklogs', {}, { pageSize: 10 })) seen.push(w.tempoWorklogId);
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoServerError);
    expect(seen).toEqual(expected.slice(0, 20));
    expect(hits.count).toBe(4); // 1 + the default 3 retries
    expect(idle()).toEqual(IDLE);
  });

  it('is never raised when the page turns out not to be needed', async () => {
    failOffset(40, Infinity);
    serveWorklogPages((offset, limit) => (offset < 30 ? offset + limit : undefined));
    const { tempo } = watchedClient({ retry: { delays: [10] } });
    const seen: unknown[] = [];
    for await (const w of tempo.paginate('getWorklogs', {}, { pageSize: 10 })) seen.push(w);
    expect(seen).toHaveLength(40);
  });
});

describe('maxItems with read-ahead', () => {
  it('requests no page that maxItems cannot use', async () => {
    const { tempo, wire } = watchedClient();
    const iterable = tempo.paginate('getWorklogs', {}, { pageSize: 7, maxItems: 17 });
    let n = 0;
    for await (const _ of iterable) n++;
    expect(n).toBe(17);
    expect(iterable.limitReached).toBe(true);
    expect(wire.sent.map((r) => offsetOf(r.url))).toEqual([0, 7, 14]);
  });
});
