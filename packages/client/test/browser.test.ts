/**
 * The client in a real browser (headless Chromium): fetch only, no `node:` imports, against @tempo-sdk/msw behind
 * msw's service worker. Pagination, a create → read → delete round trip, a retried 503 and a typed 401 that does not
 * carry the token. Needs Chromium, which `.ci/run` installs; without one the suite is reported as SKIPPED.
 */
import { fileURLToPath } from 'node:url';
import { chromiumPath, chromiumPresent, openPage, runInPage, type OpenedPage } from '@tempo-sdk/browser-test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

if (!chromiumPresent) console.warn(`${chromiumPath} not found: the client's browser test is SKIPPED (install chromium or set CHROMIUM_PATH)`);
const title = 'the client in headless Chromium';

describe.skipIf(!chromiumPresent)(chromiumPresent ? title : `${title} SKIPPED: no Chromium at ${chromiumPath}`, () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await openPage({ entry: fileURLToPath(new URL('./browser/page.ts', import.meta.url)), resolveFrom: import.meta.url });
  }, 60_000);
  afterAll(() => opened?.close());

  it('paginates, round-trips a worklog, retries a 503 and throws typed errors without the token', async () => {
    const result = await runInPage<{ paginated: { items: number; expected: number } }>(opened.page, 'runScenario');
    expect(opened.pageErrors).toEqual([]);
    expect(result).toEqual({
      paginated: { items: result.paginated.expected, expected: expect.any(Number), pages: 3 },
      roundTrip: { startTime: '09:30:00', deleted: true, status: 404 },
      retriedAfter503: { results: true, faultHits: 1 },
      unauthorized: { isTyped: true, leaksToken: false },
    });
    expect(result.paginated.expected).toBeGreaterThan(10);
  }, 60_000);
});
