/**
 * `setupWorker` in a real browser: the mock's handlers behind msw's service worker in headless Chromium, answering
 * a page's fetches to every regional base URL (the page has no network of its own). Needs Chromium, which `.ci/run`
 * installs; without one the suite is reported as SKIPPED, never passed.
 */
import { fileURLToPath } from 'node:url';
import { describeInChromium, runInPage } from '@tempo-sdk/browser-test';
import { expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./browser/page.ts', import.meta.url));

describeInChromium('setupWorker in headless Chromium', { entry, resolveFrom: import.meta.url }, (opened) => {
  it('serves every base URL from the service worker: pages, create → read, validation, auth and faults', async () => {
    const result = await runInPage(opened().page, 'runScenario');
    expect(opened().pageErrors).toEqual([]);
    expect(result).toEqual({
      controlled: true,
      page: {
        status: 200,
        results: 2,
        next: expect.stringMatching(/^https:\/\/api\.tempo\.io\/4\/worklogs\?.*offset=2/),
      },
      created: { status: 200, description: 'From the browser' },
      read: { status: 200, description: 'From the browser', inDb: true },
      invalid: { status: 400, message: expect.stringContaining('from') },
      anonymous: { status: 401, contentType: expect.stringContaining('text/html') },
      faulted: 503,
      afterFault: 200,
    });
  }, 60_000);
});
