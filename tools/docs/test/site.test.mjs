// The built site (site/, from `build`, which turbo runs before this test) opened in headless Chromium: the pages
// render what they document, and no page logs an error, fails a request, gets an HTTP error or asks for anything
// outside the site (a reader may be offline; telemetry and CDNs are not wanted).
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, chromiumPresent, launchChromium } from '@tempo-sdk/browser-test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../codegen/src/documents.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const site = join(root, 'site');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Serves the site folder on a fresh 127.0.0.1 port, as any static file server would (404 for what is missing). */
async function serveSite() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
    if (relative(site, file).startsWith('..')) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** One bundled OpenAPI document and its operations (operationId, summary, method, path). */
function operationsOf(name) {
  const document = DOCUMENTS.find((d) => d.name === name);
  const bundle = JSON.parse(readFileSync(join(root, document.outDir, document.bundle), 'utf8'));
  return Object.entries(bundle.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation?.operationId)
      .map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );
}

if (!chromiumPresent) console.warn(`${chromiumPath} not found: the docs site test is SKIPPED (install chromium)`);

describe.skipIf(!chromiumPresent)(
  chromiumPresent
    ? 'the API reference site in Chromium'
    : `the API reference site SKIPPED: no Chromium at ${chromiumPath}`,
  { timeout: 30_000 },
  () => {
    /** @type {Awaited<ReturnType<typeof launchChromium>>} */
    let browser;
    /** @type {Awaited<ReturnType<typeof serveSite>>} */
    let server;

    beforeAll(async () => {
      if (!existsSync(join(site, 'index.html'))) throw new Error(`${site} is not built: run \`corepack pnpm docs\``);
      server = await serveSite();
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /**
     * Opens `path` of the site in a new page and records everything that went wrong while it loaded and ran:
     * console errors, uncaught errors, failed requests, HTTP errors, and requests that leave the site (aborted).
     */
    async function visit(path) {
      const page = await browser.newPage();
      const problems = /** @type {string[]} */ ([]);
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      await page.route(
        (url) => url.origin !== server.origin,
        (route) => {
          problems.push(`outside the site: ${route.request().url()}`);
          return route.abort();
        },
      );
      await page.goto(`${server.origin}/${path}`, { waitUntil: 'load' });
      return { page, problems };
    }

    it('the index links to each rendered OpenAPI document, and every link is there', async () => {
      const { page, problems } = await visit('');
      const links = await page.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      for (const document of DOCUMENTS) expect(links).toContain(`spec/${document.name}.html`);
      for (const link of links) {
        const response = await page.request.get(new URL(String(link), `${server.origin}/`).href);
        expect(response.status(), String(link)).toBe(200);
      }
      expect(problems).toEqual([]);
      await page.close();
    });

    it("Tempo's document: getWorklogById renders with its summary, description, method and path", async () => {
      const getWorklogById = operationsOf('tempo').find((operation) => operation.operationId === 'getWorklogById');
      expect(getWorklogById).toMatchObject({ method: 'GET', path: '/worklogs/{id}' });
      const { page, problems } = await visit('spec/tempo.html#/worklogs/getworklogbyid');
      const main = page.locator('main');
      await main.getByRole('heading', { name: getWorklogById.summary }).first().waitFor();
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as a reader sees it rendered.
      const text = await main.innerText();
      expect(text).toContain(getWorklogById.description.trim());
      expect(text).toMatch(/GET\s+\/worklogs\/\{id\}/);
      expect(problems).toEqual([]);
      await page.close();
    });

    it("Tempo's document: the Worklogs section lists every Worklogs operation", async () => {
      const worklogs = operationsOf('tempo').filter((operation) => operation.tags?.includes('Worklogs'));
      expect(worklogs.length).toBeGreaterThan(10);
      const { page, problems } = await visit('spec/tempo.html#/worklogs');
      await page.locator('main').getByRole('heading', { name: 'Worklogs' }).first().waitFor();
      const hrefs = await page
        .locator('a[href^="#/worklogs/"]')
        .evaluateAll((a) => a.map((x) => x.getAttribute('href')));
      for (const operation of worklogs) expect(hrefs).toContain(`#/worklogs/${operation.operationId.toLowerCase()}`);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('TypeDoc: every public entry of every published package has a page that opens cleanly', async () => {
      const { page: index, problems: indexProblems } = await visit('');
      const entries = await index
        .locator('a[href^="api/"]')
        .evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href'), name: a.textContent })));
      await index.close();
      // 6 packages: client (3 entries), types, msw, oauth, webhooks (2 each), jira (1).
      expect(entries.map((entry) => entry.name)).toEqual(
        expect.arrayContaining(['@tempo-sdk/client', '@tempo-sdk/client/transport', '@tempo-sdk/types/jira']),
      );
      expect(entries).toHaveLength(12);
      for (const entry of entries) {
        const { page, problems } = await visit(String(entry.href));
        await expect(page.locator('h1').first().textContent()).resolves.toContain(String(entry.name));
        expect(problems, String(entry.href)).toEqual([]);
        await page.close();
      }
      expect(indexProblems).toEqual([]);
    });

    it("TypeDoc: the client's page links createTempoClient, whose page shows its signature and prose", async () => {
      const { page, problems } = await visit('api/modules/_tempo-sdk_client._tempo-sdk_client.html');
      await page.getByRole('link', { name: 'createTempoClient', exact: true }).first().click();
      await page.waitForURL(/createTempoClient/);
      const text = await page.locator('body').textContent();
      expect(text).toMatch(/createTempoClient\(/);
      expect(text).toContain('TempoClientOptions');
      expect(problems).toEqual([]);
      await page.close();
    });

    it("TypeDoc: @tempo-sdk/types' OperationDocs (the facade's hovers) shows getWorklogById's summary and path", async () => {
      const getWorklogById = operationsOf('tempo').find((operation) => operation.operationId === 'getWorklogById');
      const { page, problems } = await visit('api/modules/_tempo-sdk_types._tempo-sdk_types.html');
      await page.getByRole('link', { name: 'OperationDocs', exact: true }).first().click();
      await page.waitForURL(/OperationDocs/);
      const member = page.locator('section.tsd-member', { has: page.locator('[id="getworklogbyid"]') });
      const text = (await member.textContent()) ?? '';
      expect(text).toContain(getWorklogById.summary);
      expect(text).toMatch(/GET\s*\/worklogs\/\{id\}/);
      expect(problems).toEqual([]);
      await page.close();
    });

    it("Jira's document: each operation renders with its summary and path", async () => {
      const operations = operationsOf('jira');
      expect(operations.length).toBeGreaterThan(0);
      const { page, problems } = await visit('spec/jira.html');
      for (const operation of operations) {
        const tag = operation.tags[0].toLowerCase().replace(/[^a-z0-9]+/g, '-');
        await page.goto(`${server.origin}/spec/jira.html#/${tag}/${operation.operationId.toLowerCase()}`);
        const main = page.locator('main');
        await main.getByRole('heading', { name: operation.summary }).first().waitFor();
        // biome-ignore lint/performance/useDomNodeTextContent: as above, the rendered text.
        expect(await main.innerText()).toContain(operation.path);
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);
