import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildProject, shippedSeed, staticHost, tempProject, tempDir } from './helpers.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('a reader in headless Chromium', () => {
  const prefix = '/some/where/';
  let server: Server;
  let base: string;
  let browser: BrowserContext;
  const problems: string[] = [];

  before(async () => {
    const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed), 'content/about.md': '---\nkind: page\ntitle: About\n---\n\nAbout.\n' });
    await buildProject(dir);
    server = staticHost(path.join(dir, 'site'), prefix).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
    browser = await chromium.launchPersistentContext(await tempDir('chromium'), {
      executablePath: chromiumPath,
      headless: true,
      args: flags,
      viewport: { width: 390, height: 844 },
    });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('opens the index, follows the article, reads its source notes and its original text', async () => {
    const page = await browser.newPage();
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));

    await page.goto(base);
    assert.equal(await page.locator('h1').textContent(), 'Articles');
    await page.getByRole('link', { name: /NATO membership of Sweden and Finland/ }).click();
    await page.waitForURL(/\/articles\/nato-membership/);
    const articleUrl = page.url().replace(/index\.html$/, '');
    assert.match((await page.locator('h1').textContent()) ?? '', /‘trigger’ a response – Putin$/);
    assert.equal(await page.locator('.article-body p').count(), 11);
    assert.ok(await page.getByRole('heading', { name: 'Source notes' }).isVisible());
    const stylesheetApplied = await page.evaluate(() => getComputedStyle(document.querySelector('.source-notes')!).backgroundColor);
    assert.notEqual(stylesheetApplied, 'rgba(0, 0, 0, 0)', 'the stylesheet loads under the sub-path');

    await page.getByRole('link', { name: 'Line 28' }).click();
    await page.waitForURL(/original\/index\.html#L28$/);
    assert.equal(await page.locator('#L28 .text').textContent(), 'Back to top button');
    assert.match((await page.locator('#L28 .mark').textContent()) ?? '', /separated/);

    await page.getByRole('link', { name: 'Sources' }).click();
    assert.match((await page.locator('.ledger').textContent()) ?? '', /seeds\/000_a4d76ca98f8e33ba\.txt/);
    for (const url of [base, page.url(), `${base}about/index.html`, articleUrl, `${articleUrl}original/index.html`]) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${url} scrolls sideways at 390 px (${width} px wide)`);
    }
    await page.getByRole('link', { name: 'Skip to content' }).focus();
    assert.ok(await page.getByRole('link', { name: 'Skip to content' }).isVisible(), 'the skip link shows when focused');
    assert.deepEqual(problems, []);
  });
});
