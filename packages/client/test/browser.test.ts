/**
 * The client in a real browser (headless Chromium): fetch only, no `node:` imports, against @tempo-sdk/msw behind
 * msw's service worker. Pagination, a create → read → delete round trip, a retried 503 and a typed 401 that does not
 * carry the token. Needs Chromium, which `.ci/run` installs; without one the suite is reported as SKIPPED.
 */
import { fileURLToPath } from 'node:url';
import { describeInChromium, runInPage } from '@tempo-sdk/browser-test';
import { expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./browser/page.ts', import.meta.url));

describeInChromium('the client in headless Chromium', { entry, resolveFrom: import.meta.url }, (opened) => {
  it('paginates, round-trips a worklog, retries a 503 and throws typed errors without the token', async () => {
    const result = await runInPage<{ paginated: { items: number; expected: number } }>(opened().page, 'runScenario');
    expect(opened().pageErrors).toEqual([]);
    expect(result).toEqual({
      paginated: { items: result.paginated.expected, expected: expect.any(Number), pages: 3 },
      roundTrip: { startTime: '09:30:00', deleted: true, status: 404 },
      retriedAfter503: { results: true, faultHits: 1 },
      unauthorized: { isTyped: true, leaksToken: false },
    });
    expect(result.paginated.expected).toBeGreaterThan(10);
  }, 60_000);
});
