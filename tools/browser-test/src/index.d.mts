import type { Browser, Page } from 'playwright-core';

/** Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export declare const chromiumPath: string;
/** Whether a browser test can run here; suites skip (and say so) when not. */
export declare const chromiumPresent: boolean;

/** Starts headless Chromium (the system's, see `chromiumPath`) with this machine's closed network in mind. */
export declare function launchChromium(): Promise<Browser>;

/** An open page and what to close after the test. */
export interface OpenedPage {
  page: Page;
  /** Uncaught errors the page reported. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Bundles `entry`, serves it with msw's worker script on 127.0.0.1 and opens it in headless Chromium. */
export declare function openPage(options: { entry: string; resolveFrom: string | URL }): Promise<OpenedPage>;

/** Waits for the page to define `globalThis[name]` (an async function) and returns what calling it resolves to. */
export declare function runInPage<T = unknown>(page: Page, name: string): Promise<T>;

/**
 * A vitest suite around one page: opens `entry` before the tests and closes it after; skipped (and titled
 * "SKIPPED", with a warning) without Chromium. `body` receives a getter for the opened page.
 */
export declare function describeInChromium(
  title: string,
  options: { entry: string; resolveFrom: string | URL },
  body: (opened: () => OpenedPage) => void,
): void;
