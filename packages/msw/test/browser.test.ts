/**
 * `setupWorker` in a real browser: the mock's handlers behind msw's service worker in headless Chromium, answering
 * a page's fetches to every regional base URL (the page has no network of its own). Needs Chromium, which `.ci/run`
 * installs; without one the suite is reported as SKIPPED, never passed.
 */
import { fileURLToPath } from 'node:url';
import { chromiumPath, chromiumPresent, openPage, runInPage, type OpenedPage } from '@tempo-sdk/browser-test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

if (!chromiumPresent) console.warn(`${chromiumPath} not found: the setupWorker browser test is SKIPPED (install chromium or set CHROMIUM_PATH)`);
const title = 'setupWorker in headless Chromium';

describe.skipIf(!chromiumPresent)(chromiumPresent ? title : `${title} SKIPPED: no Chromium at ${chromiumPath}`, () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await openPage({ entry: fileURLToPath(new URL('./browser/page.ts', import.meta.url)), resolveFrom: import.meta.url });
  }, 60_000);
  afterAll(() => opened?.close());

  it('serves every base URL from the service worker: pages, create → read, validation, auth and faults', async () => {
    const result = await runInPage(opened.page, 'runScenario');
    expect(opened.pageErrors).toEqual([]);
    expect(result).toEqual({
      controlled: true,
      page: { status: 200, results: 2, next: expect.stringMatching(/^https:\/\/api\.tempo\.io\/4\/worklogs\?.*offset=2/) },
      created: { status: 200, description: 'From the browser' },
      read: { status: 200, description: 'From the browser', inDb: true },
      invalid: { status: 400, message: expect.stringContaining('from') },
      anonymous: { status: 401, contentType: expect.stringContaining('text/html') },
      faulted: 503,
      afterFault: 200,
    });
  }, 60_000);
});
