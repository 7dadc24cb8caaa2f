import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildProject, exploreProject, listFiles, staticHost, tempDir } from './helpers.ts';

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('page quality', () => {
  let dir: string;
  let pages: string[];
  before(async () => {
    dir = await exploreProject();
    await buildProject(dir, { baseUrl: 'https://example.org/news/' });
    pages = (await listFiles(path.join(dir, 'site'))).filter((file) => file.endsWith('.html'));
  });

  it('passes the Nu HTML Checker with no error on every page', { timeout: 180_000 }, async () => {
    const jar = path.join(path.dirname(require.resolve('vnu-jar')), 'build', 'dist', 'vnu.jar');
    const files = pages.map((file) => path.join(dir, 'site', file));
    // vnu exits 1 when it finds errors; its JSON report on stderr says which.
    const outcome = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stderr }) => stderr,
      (error: { stderr: string }) => error.stderr,
    );
    const messages = (JSON.parse(outcome || '{"messages":[]}') as { messages: { url: string; message: string; lastLine?: number }[] }).messages;
    assert.deepEqual(messages.map((message) => `${path.relative(path.join(dir, 'site'), new URL(message.url).pathname)}:${message.lastLine ?? 0} ${message.message}`), []);
    assert.ok(pages.length > 20);
  });

  describe('in headless Chromium', () => {
    const prefix = '/news/';
    let server: Server;
    let browser: BrowserContext;
    let base: string;
    before(async () => {
      server = staticHost(path.join(dir, 'site'), prefix).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
      browser = await chromium.launchPersistentContext(await tempDir('chromium'), { executablePath: chromiumPath, headless: true, args: flags, viewport: { width: 390, height: 844 } });
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    it('finds no axe-core violation on a page of each kind, in light and dark', { timeout: 180_000 }, async () => {
      const axe = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
      const kinds = ['index.html', 'sections/index.html', 'sections/world/index.html', 'tags/index.html', 'tags/nato/index.html', 'entities/index.html', 'archive/index.html', 'archive/2022/05/index.html', 'archive/undated/index.html', 'search/index.html', 'sources/index.html', 'about/index.html', '404.html'];
      const article = pages.find((file) => /^articles\/nato-membership[^/]*\/index\.html$/.test(file))!;
      const entity = pages.find((file) => file.startsWith('entities/') && file !== 'entities/index.html')!;
      // The summit's page shows a picture with its caption and credit (and so does the about page).
      const pictured = pages.find((file) => /^articles\/leaders-meet-in-moscow[^/]*\/index\.html$/.test(file))!;
      const all = [...kinds, article, article.replace('index.html', 'original/index.html'), entity, pictured];
      const problems: string[] = [];
      const page = await browser.newPage();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const file of all) {
          await page.goto(base + file);
          // Evaluated through the debugging protocol, so the page's CSP does not stop it.
          await page.evaluate(axe);
          const violations = await page.evaluate(async () => {
            const results = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
            return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
          });
          problems.push(...violations.map((violation) => `${scheme} ${file} ${violation}`));
        }
      }
      assert.deepEqual(problems, []);
    });

    /** A new tab that records every console error and uncaught exception. */
    const watchedPage = async () => {
      const problems: string[] = [];
      const page = await browser.newPage();
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      return { page, problems };
    };

    it('takes a reader from the index to an article, to a person named in it, and finds the article by searching', { timeout: 120_000 }, async () => {
      const { page, problems } = await watchedPage();
      await page.goto(base);
      await page.getByRole('link', { name: /NATO membership of Sweden and Finland/ }).click();
      await page.waitForURL(/\/articles\/nato-membership/);
      await page.locator('.named').getByRole('link', { name: 'Vladimir Putin' }).click();
      await page.waitForURL(/\/entities\/person-vladimir-putin/);
      assert.equal(await page.locator('h1').textContent(), 'Vladimir Putin');
      await page.getByRole('link', { name: 'Search' }).click();
      await page.waitForURL(/\/search\//);
      await page.getByLabel('Words to find').fill('Tokayev');
      await page.getByRole('button', { name: 'Search' }).click();
      const hit = page.locator('.search-result a').first();
      await hit.waitFor();
      assert.match((await hit.textContent()) ?? '', /^NATO membership of Sweden and Finland/);
      assert.match((await page.locator('[data-search-status]').textContent()) ?? '', /1 article found for “Tokayev”/);
      await hit.click();
      await page.waitForURL(/\/articles\/nato-membership/);
      assert.deepEqual(problems, []);
    });

    it('finds every article with the word, and no other', { timeout: 120_000 }, async () => {
      const { page, problems } = await watchedPage();
      await page.goto(`${base}search/`);
      // "London" is in two articles.
      await page.getByLabel('Words to find').fill('London');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('.search-result a').first().waitFor();
      assert.match((await page.locator('[data-search-status]').textContent()) ?? '', /2 articles found for “London”/);
      assert.deepEqual((await page.locator('.search-result a').allTextContents()).sort(), ['Markets rally', 'Rates held']);
      assert.deepEqual(problems, []);
    });
  });
});
