/** paginate/pages against @tempo-sdk/msw: GET lists and POST searches over ≥ 3 pages, limits, unsafe links. */
import { describe, expect, it } from 'vitest';
import {
  TempoAbortError,
  TempoError,
  TempoMaxItemsError,
  TempoUnsafeLinkError,
  TempoUsageError,
} from '../src/index.js';
import { resolveNextLink } from '../src/internal.js';
import { TODAY, useTempoMock } from './support/tempo-mock.js';

const { mock, client, requests, server } = useTempoMock();
const BASE = 'https://api.tempo.io/4';

/** The ids of every worklog, in the mock's list order, read in one big page. */
async function allWorklogIds(): Promise<number[]> {
  const { tempo } = client();
  const page = await tempo.worklogs.getWorklogs({ query: { limit: 5000 } });
  expect(page.metadata.next).toBeUndefined();
  return page.results.map((w) => w.tempoWorklogId);
}

describe('GET lists', () => {
  it.each([0, 3])(
    'follows metadata.next through every page (≥ 3) and yields every item once (prefetchPages %i)',
    async (prefetchPages) => {
      const expected = await allWorklogIds();
      expect(expected.length).toBeGreaterThanOrEqual(30);
      requests.length = 0;
      const pageSize = Math.ceil(expected.length / 4);
      const { tempo } = client();
      const seen: number[] = [];
      const iterable = tempo.paginate('getWorklogs', {}, { pageSize, prefetchPages });
      for await (const worklog of iterable) seen.push(worklog.tempoWorklogId);
      expect(seen).toEqual(expected);
      expect(iterable.pagesFetched).toBe(4);
      expect(iterable.limitReached).toBe(false);
      const offsets = requests.map((r) => new URL(r.url).searchParams.get('offset'));
      expect(offsets.slice(0, 4)).toEqual([null, ...[1, 2, 3].map((i) => String(i * pageSize))]);
      // Read-ahead may have asked for pages past the end (cancelled or empty), never more than prefetchPages of them.
      expect(offsets.length - 4).toBeLessThanOrEqual(prefetchPages);
      expect(offsets.slice(4).every((o) => Number(o) >= expected.length)).toBe(true);
      expect(requests.every((r) => r.authorization === 'Bearer tempo-mock-token')).toBe(true);
    },
  );

  it('pages() yields whole pages with their metadata', async () => {
    const expectedTotal = (await allWorklogIds()).length;
    requests.length = 0;
    const { tempo } = client();
    const offsets: number[] = [];
    let total = 0;
    for await (const page of tempo.pages('getWorklogs', { query: { from: '2000-01-01' } }, { pageSize: 10 })) {
      offsets.push(page.metadata.offset);
      total += page.results.length;
    }
    expect(offsets.length).toBeGreaterThanOrEqual(3);
    expect(offsets).toEqual(offsets.map((_, i) => i * 10));
    expect(total).toBe(expectedTotal);
    expect(requests.every((r) => new URL(r.url).searchParams.get('from') === '2000-01-01')).toBe(true);
  });

  it('keeps following next when a page holds fewer items than asked', async () => {
    const { tempo } = client();
    const pagesServed: string[] = [];
    const short = (offset: number, next?: string) => ({
      metadata: { count: 1, offset, limit: 10, ...(next ? { next } : {}) },
      results: [{ ...mock.db.worklogs.all()[offset]!, tempoWorklogId: 1000 + offset }],
      self: `${BASE}/worklogs?offset=${offset}`,
    });
    server.use(
      mock.http.get('/worklogs', ({ request, response }) => {
        const offset = Number(new URL(request.url).searchParams.get('offset') ?? 0);
        pagesServed.push(String(offset));
        const next = offset < 2 ? `${BASE}/worklogs?offset=${offset + 1}&limit=10` : undefined;
        return response(200).json(short(offset, next) as never);
      }),
    );
    const ids: number[] = [];
    for await (const worklog of tempo.paginate('getWorklogs', {}, { pageSize: 10, prefetchPages: 0 }))
      ids.push(worklog.tempoWorklogId);
    expect(ids).toEqual([1000, 1001, 1002]);
    expect(pagesServed).toEqual(['0', '1', '2']);
  });
});

describe('POST searches', () => {
  it('re-POSTs the same body with the next offset through ≥ 3 pages', async () => {
    const body = { from: '2000-01-01', to: '2100-12-31' };
    const { tempo } = client();
    const single = await tempo.worklogs.searchWorklogs({ body, query: { limit: 5000 } });
    const expected = single.results.map((w) => w.tempoWorklogId);
    expect(expected.length).toBeGreaterThanOrEqual(30);
    requests.length = 0;

    const pageSize = Math.ceil(expected.length / 3);
    const seen: number[] = [];
    const iterable = tempo.paginate('searchWorklogs', { body }, { pageSize });
    for await (const worklog of iterable) seen.push(worklog.tempoWorklogId);
    await new Promise((r) => setImmediate(r)); // let the observer finish reading bodies
    expect(seen).toEqual(expected);
    expect(iterable.pagesFetched).toBe(3);
    // Three pages, plus at most the pages read ahead past the end; every one the same POST with its offset.
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.every((r) => r.method === 'POST')).toBe(true);
    expect(requests.map((r) => JSON.parse(r.body))).toEqual(requests.map(() => body));
    const offsets = requests.map((r) => new URL(r.url).searchParams.get('offset'));
    expect(offsets.slice(0, 3)).toEqual([null, String(pageSize), String(2 * pageSize)]);
    expect(offsets.slice(3).every((o) => Number(o) >= expected.length)).toBe(true);
  });
});

describe('maxItems', () => {
  it("stops at maxItems and says so with limitReached ('stop', the default)", async () => {
    const expected = await allWorklogIds();
    requests.length = 0;
    const { tempo } = client();
    const iterable = tempo.paginate('getWorklogs', {}, { pageSize: 7, maxItems: 17 });
    const seen: number[] = [];
    for await (const worklog of iterable) seen.push(worklog.tempoWorklogId);
    expect(seen).toEqual(expected.slice(0, 17));
    expect(iterable.limitReached).toBe(true);
    expect(requests).toHaveLength(3); // 7 + 7 + 3 of the third page: no page beyond the limit is fetched
  });

  it("throws TempoMaxItemsError after the last allowed item with onLimit: 'throw'", async () => {
    const { tempo } = client();
    const seen: unknown[] = [];
    const run = async () => {
      for await (const worklog of tempo.paginate('getWorklogs', {}, { pageSize: 5, maxItems: 8, onLimit: 'throw' })) {
        seen.push(worklog);
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoMaxItemsError);
    expect(error).toMatchObject({ maxItems: 8, operationId: 'getWorklogs' });
    expect(seen).toHaveLength(8);
  });

  it('is not "reached" when the data ends exactly at maxItems', async () => {
    const total = (await allWorklogIds()).length;
    const { tempo } = client();
    const iterable = tempo.paginate('getWorklogs', {}, { pageSize: 1000, maxItems: total, onLimit: 'throw' });
    let n = 0;
    for await (const _ of iterable) n++;
    expect(n).toBe(total);
    expect(iterable.limitReached).toBe(false);
  });

  it('asks for no more than maxItems in the first request', async () => {
    const { tempo } = client();
    for await (const _ of tempo.paginate('getWorklogs', {}, { pageSize: 500, maxItems: 3 }));
    expect(new URL(requests[0]!.url).searchParams.get('limit')).toBe('3');
  });
});

describe('unsafe next links', () => {
  const serveNext = (next: string) =>
    server.use(
      mock.http.get('/worklogs', ({ request, response }) => {
        const isFirst = !new URL(request.url).searchParams.has('offset');
        return response(200).json({
          metadata: { count: 1, offset: 0, limit: 1, ...(isFirst ? { next } : {}) },
          results: [mock.db.worklogs.all()[0]!],
          self: request.url,
        } as never);
      }),
    );

  it.each([
    ['another origin', 'https://evil.example.com/4/worklogs?offset=1&limit=1'],
    ['a scheme downgrade', 'http://api.tempo.io/4/worklogs?offset=1&limit=1'],
    ['another port', 'https://api.tempo.io:8443/4/worklogs?offset=1&limit=1'],
    ['a path outside the base path', 'https://api.tempo.io/oauth/token/?offset=1'],
    ['a path that only starts like the base', 'https://api.tempo.io/4x/worklogs?offset=1'],
    ['a dot-dot escape', 'https://api.tempo.io/4/../oauth/token/'],
    ['user info', 'https://attacker@api.tempo.io/4/worklogs?offset=1'],
  ])('refuses %s with TempoUnsafeLinkError and sends nothing there', async (_, next) => {
    serveNext(next);
    const { tempo } = client();
    const seen: unknown[] = [];
    const run = async () => {
      for await (const worklog of tempo.paginate('getWorklogs')) seen.push(worklog);
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempoUnsafeLinkError);
    expect((error as TempoUnsafeLinkError).baseUrl).toBe(BASE);
    expect(seen).toHaveLength(1);
    // Only the first page and the one guessed after it (under the base URL): nothing went to the link.
    expect(requests.length).toBeLessThanOrEqual(2);
    expect(requests.every((r) => r.url.startsWith(`${BASE}/worklogs?`))).toBe(true);
  });

  it('resolveNextLink accepts links under the base URL only', () => {
    expect(resolveNextLink(`${BASE}/worklogs?offset=5`, `${BASE}/worklogs`, BASE).href).toBe(
      `${BASE}/worklogs?offset=5`,
    );
    expect(resolveNextLink('/4/worklogs?offset=5', `${BASE}/worklogs`, BASE).href).toBe(`${BASE}/worklogs?offset=5`);
    expect(() => resolveNextLink('//evil.example.com/4/x', `${BASE}/worklogs`, BASE)).toThrow(TempoUnsafeLinkError);
    const error = (() => {
      try {
        resolveNextLink('https://evil.example.com/4/w?access_token=abc123', `${BASE}/w`, BASE);
      } catch (e) {
        return e as TempoUnsafeLinkError;
      }
    })();
    expect(error?.link).toBe('https://evil.example.com/4/w');
  });

  it('stops a next link that points to the same page (no endless loop)', async () => {
    serveNext(`${BASE}/worklogs?limit=1000`);
    const { tempo } = client();
    const run = async () => {
      for await (const _ of tempo.paginate('getWorklogs', {}, { pageSize: 1000 }));
    };
    await expect(run()).rejects.toThrow(TempoError);
  });
  it('stops a next link back to an earlier page (A → B → A) instead of cycling', async () => {
    server.use(
      mock.http.get('/worklogs', ({ request, response }) => {
        const offset = new URL(request.url).searchParams.get('offset') ?? '0';
        const next = `${BASE}/worklogs?offset=${offset === '0' ? 1 : 0}&limit=1`;
        return response(200).json({
          metadata: { count: 1, offset: Number(offset), limit: 1, next },
          results: [mock.db.worklogs.all()[Number(offset)]!],
          self: request.url,
        } as never);
      }),
    );
    const { tempo } = client();
    const seen: number[] = [];
    const run = async () => {
      for await (const w of tempo.paginate('getWorklogs', {}, { pageSize: 1 })) seen.push(w.tempoWorklogId);
    };
    await expect(run()).rejects.toThrow(/points back to a page already read/);
    // A missing offset is offset=0: the link back to it is the cycle, and A is never handed out twice.
    const [a, b] = mock.db.worklogs.all();
    expect(seen).toEqual([a!.tempoWorklogId, b!.tempoWorklogId]);
  });
});

describe('arguments and abort', () => {
  it('accepts only paginated operations', async () => {
    const { tempo } = client();
    // @ts-expect-error getWorklogById is not paginated
    const iterable = tempo.paginate('getWorklogById', { path: { id: '1' } });
    await expect(iterable[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(TempoUsageError);
    expect(requests).toHaveLength(0);
  });

  it.each([
    { pageSize: 0 },
    { pageSize: 5001 },
    { pageSize: 1.5 },
    { prefetchPages: -1 },
    { prefetchPages: 17 },
    { prefetchPages: 2.5 },
  ])('rejects %o', async (options) => {
    const { tempo } = client();
    await expect(tempo.pages('getWorklogs', {}, options)[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(
      TempoUsageError,
    );
    expect(requests).toHaveLength(0);
  });

  it('accepts pageSize 5000', async () => {
    const { tempo } = client();
    const first = await tempo.pages('getWorklogs', {}, { pageSize: 5000 })[Symbol.asyncIterator]().next();
    expect(first.done).toBe(false);
    expect(new URL(requests[0]!.url).searchParams.get('limit')).toBe('5000');
  });

  it('aborts between pages', async () => {
    const { tempo } = client();
    const controller = new AbortController();
    const run = async () => {
      for await (const page of tempo.pages(
        'getWorklogs',
        {},
        { pageSize: 5, signal: controller.signal, prefetchPages: 0 },
      )) {
        expect(page.results).toHaveLength(5);
        controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(TempoAbortError);
    expect(requests).toHaveLength(1);
  });

  it('stops cleanly when the consumer breaks early', async () => {
    const { tempo } = client();
    for await (const _ of tempo.paginate('getWorklogs', {}, { pageSize: 5, prefetchPages: 0 })) break;
    expect(requests).toHaveLength(1);
    expect(TODAY).toBe(mock.today);
  });
});
