/**
 * Every way a server can keep handing out `next` links for ever stops with a TempoPaginationError, with and without
 * read-ahead: endless empty pages, link cycles (also with reordered parameters), links that do not move forward,
 * and a server that ignores `offset`.
 */
import { describe, expect, it } from 'vitest';
import { TempoError, TempoPaginationError } from '../src/index.js';
import { useTempoMock } from './support/tempo-mock.js';

const { mock, client, requests, server } = useTempoMock();
const BASE = 'https://api.tempo.io/4';

/** Serves GET /worklogs with `page(url)` deciding the results and the next link of each request. */
function serve(page: (url: URL) => { results: unknown[]; next?: string }) {
  server.use(
    mock.http.get('/worklogs', ({ request, response }) => {
      const url = new URL(request.url);
      const { results, next } = page(url);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      return response(200).json({
        metadata: { count: results.length, offset, limit: 10, ...(next ? { next } : {}) },
        results,
        self: url.href,
      } as never);
    }),
  );
}

const offsetOf = (url: URL) => Number(url.searchParams.get('offset') ?? 0);

async function drain(iterable: AsyncIterable<unknown>): Promise<{ items: number; error: unknown }> {
  let items = 0;
  try {
    for await (const _ of iterable) items++;
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

describe.each([0, 3])('prefetchPages %i', (prefetchPages) => {
  it('stops endless empty pages with fresh next links after maxEmptyPages', async () => {
    serve((url) => ({ results: [], next: `${BASE}/worklogs?offset=${offsetOf(url) + 10}&limit=10` }));
    const { tempo } = client();
    const iterable = tempo.pages('getWorklogs', {}, { pageSize: 10, prefetchPages, maxEmptyPages: 5 });
    const { items, error } = await drain(iterable);
    expect(error).toBeInstanceOf(TempoPaginationError);
    expect(error).toMatchObject({ reason: 'empty-pages', operationId: 'getWorklogs' });
    expect(items).toBe(5); // five empty pages handed out; the fifth one’s link is not followed
    expect(requests.length).toBeLessThanOrEqual(5 + prefetchPages);
  });

  it('bounds endless empty pages by default too (maxEmptyPages 50)', async () => {
    serve((url) => ({ results: [], next: `${BASE}/worklogs?offset=${offsetOf(url) + 10}&limit=10` }));
    const { tempo } = client();
    const { error } = await drain(tempo.paginate('getWorklogs', {}, { pageSize: 10, prefetchPages }));
    expect(error).toMatchObject({ name: 'TempoPaginationError', reason: 'empty-pages' });
    expect(requests.length).toBeLessThanOrEqual(50 + prefetchPages);
  });

  it('follows a few empty pages in a row when data comes after them', async () => {
    const all = mock.db.worklogs.all();
    serve((url) => {
      const offset = offsetOf(url);
      const results = offset >= 10 && offset < 50 ? [] : all.slice(offset, offset + 10);
      return { results, ...(offset < 60 ? { next: `${BASE}/worklogs?offset=${offset + 10}&limit=10` } : {}) };
    });
    const { tempo } = client();
    const { items, error } = await drain(
      tempo.paginate('getWorklogs', {}, { pageSize: 10, prefetchPages, maxEmptyPages: 5 }),
    );
    expect(error).toBeUndefined();
    expect(items).toBe(30);
  });

  it('stops a link that does not move forward, however fresh it looks', async () => {
    // Same offset each time, with a new `n` parameter: every URL is new, the rows are the same.
    let n = 0;
    serve(() => ({
      results: mock.db.worklogs.all().slice(0, 10),
      next: `${BASE}/worklogs?offset=0&limit=10&n=${++n}`,
    }));
    const { tempo } = client();
    const { items, error } = await drain(tempo.paginate('getWorklogs', {}, { pageSize: 10, prefetchPages }));
    expect(error).toMatchObject({ name: 'TempoPaginationError', reason: 'no-progress' });
    expect(items).toBe(10);
  });

  it('stops a link going back to an earlier offset', async () => {
    serve((url) => {
      const offset = offsetOf(url);
      return {
        results: mock.db.worklogs.all().slice(offset, offset + 10),
        next: `${BASE}/worklogs?offset=${offset === 20 ? 5 : offset + 10}&limit=10`,
      };
    });
    const { tempo } = client();
    const { items, error } = await drain(tempo.paginate('getWorklogs', {}, { pageSize: 10, prefetchPages }));
    expect(error).toMatchObject({ reason: 'no-progress' });
    expect(items).toBe(30);
  });

  it('stops a cycle through the same page with its parameters reordered', async () => {
    // A → B → A′, where A′ is A's URL with its query in another order (and offset written out).
    serve((url) => {
      const offset = offsetOf(url);
      const next =
        offset === 0
          ? `${BASE}/worklogs?limit=10&offset=10&from=2000-01-01`
          : `${BASE}/worklogs?offset=0&from=2000-01-01&limit=10`;
      return { results: mock.db.worklogs.all().slice(offset, offset + 10), next };
    });
    const { tempo } = client();
    const { items, error } = await drain(
      tempo.paginate('getWorklogs', { query: { from: '2000-01-01' } }, { pageSize: 10, prefetchPages }),
    );
    expect(error).toBeInstanceOf(TempoPaginationError);
    expect(error).toMatchObject({ reason: 'link-cycle' });
    expect(items).toBe(20); // A and B once each, never A again
  });

  it('stops a server that ignores offset (the same page again and again)', async () => {
    serve((url) => ({
      results: mock.db.worklogs.all().slice(0, 10),
      next: `${BASE}/worklogs?offset=${offsetOf(url) + 10}&limit=10`,
    }));
    const { tempo } = client();
    const { items, error } = await drain(tempo.paginate('getWorklogs', {}, { pageSize: 10, prefetchPages }));
    expect(error).toMatchObject({ name: 'TempoPaginationError', reason: 'repeated-page' });
    expect(items).toBe(10); // the repeated page is never handed out
  });

  it('says what went wrong without the link’s credentials', async () => {
    serve((url) => ({
      results: [],
      next: `${BASE}/worklogs?offset=${offsetOf(url)}&limit=10&access_token=secret-abc-123`,
    }));
    const { tempo } = client();
    const { error } = await drain(tempo.paginate('getWorklogs', {}, { pageSize: 10, prefetchPages }));
    expect(error).toBeInstanceOf(TempoError);
    const views = [String(error), JSON.stringify(error), (error as TempoPaginationError).url ?? ''];
    for (const view of views) expect(view).not.toContain('secret-abc-123');
  });
});

it('rejects a maxEmptyPages that is not a whole number ≥ 0', async () => {
  const { tempo } = client();
  await expect(tempo.pages('getWorklogs', {}, { maxEmptyPages: -1 })[Symbol.asyncIterator]().next()).rejects.toThrow(
    /maxEmptyPages/,
  );
  expect(requests).toHaveLength(0);
});
