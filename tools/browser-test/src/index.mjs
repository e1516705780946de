// Opens a TypeScript page entry in headless Chromium for the packages' browser tests: bundles it with esbuild,
// serves it from 127.0.0.1 together with msw's service worker script, and hands back the Playwright page.
// Chromium comes from the system (Debian's `chromium`, which .ci/run installs): Playwright's own browser download
// is not reachable from these machines, so only playwright-core is used.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';

/** Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether a browser test can run here; suites skip (and say so) when not. */
export const chromiumPresent = existsSync(chromiumPath);

// Chromium's own background traffic (updates, sync, QUIC probes) would only hit this machine's closed network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium (the system's, see `chromiumPath`) with this machine's closed network in mind. */
export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

/**
 * Bundles `entry` (a file path), serves it as the module script of an empty page at the root of a fresh
 * 127.0.0.1 origin (a secure context, so service workers are allowed over HTTP), with msw's
 * `/mockServiceWorker.js` beside it, and opens the page in headless Chromium.
 * `resolveFrom` is the package whose `msw` serves the worker script (its version must match the bundled msw).
 */
export async function openPage({ entry, resolveFrom }) {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const workerScript = readFileSync(createRequire(resolveFrom).resolve('msw/mockServiceWorker.js'));
  const files = {
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><title>browser test</title><script type="module" src="/page.js"></script>',
    ],
    '/page.js': ['text/javascript', bundle.outputFiles[0].contents],
    '/mockServiceWorker.js': ['text/javascript', workerScript],
  };
  const server = createServer((req, res) => {
    const [type, body] = files[new URL(req.url ?? '/', 'http://localhost').pathname] ?? ['text/plain', 'not found'];
    res.writeHead(body === 'not found' ? 404 : 200, { 'content-type': type }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const browser = await launchChromium();
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await page.goto(`http://127.0.0.1:${port}/`);
  return {
    page,
    pageErrors,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits for the page to define `globalThis[name]` (an async function) and returns what calling it resolves to. */
export async function runInPage(page, name) {
  await page.waitForFunction((fn) => fn in globalThis, name);
  return page.evaluate((fn) => globalThis[fn](), name);
}

/**
 * A vitest suite around one page: opens `entry` before the tests (see `openPage`) and closes it after. Without
 * Chromium the suite is skipped, with a warning and "SKIPPED" in its title, so it is never counted as passed.
 * `body` receives a getter for the opened page.
 */
export function describeInChromium(title, { entry, resolveFrom }, body) {
  if (!chromiumPresent)
    console.warn(`${chromiumPath} not found: "${title}" is SKIPPED (install chromium or set CHROMIUM_PATH)`);
  describe.skipIf(!chromiumPresent)(
    chromiumPresent ? title : `${title} SKIPPED: no Chromium at ${chromiumPath}`,
    () => {
      let opened;
      beforeAll(async () => {
        opened = await openPage({ entry, resolveFrom });
      }, 60_000);
      afterAll(() => opened?.close());
      body(() => opened);
    },
  );
}
