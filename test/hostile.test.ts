import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WARCRecord, WARCSerializer } from 'warcio';
import * as cheerio from 'cheerio';
import yaml from 'js-yaml';
import { chromium, type BrowserContext } from 'playwright-core';
import type { BuildResult } from '../src/commands/build.ts';
import { contentSecurityPolicyFor } from '../src/render/security.ts';
import { buildLedger, listFiles, staticHost, tempProject, tempDir, articlesOf } from './helpers.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Every way we know for text from a site nobody controls to try to run in a reader's browser.
const payloads = [
  '<script>alert("script")</script>',
  '<img src=x onerror=alert("img")>',
  '" onmouseover="alert(\'attr\')" x="',
  "' onfocus='alert(1)' autofocus='",
  '<iframe src="javascript:alert(\'iframe\')"></iframe>',
  '<svg onload=alert("svg")><script>alert("svg-script")</script></svg>',
  '</title><script>alert("title")</script>',
  '</textarea></style><script>alert("breakout")</script>',
  '&lt;script&gt;alert("entity")&lt;/script&gt;',
  '<a href="javascript:alert(\'link\')">click</a>',
  '{{ 7*7 }} {% raw %} ${alert(1)}',
];
const hostile = payloads.join(' ');

const files: Record<string, string> = {
  'seeds/script.txt': `${payloads[0]} headline ${payloads[2]}\n\n${payloads.join('\n\n')}\n\nRussia news\n`,
  'seeds/script.yml': yaml.dump({ section: payloads[6], tags: ['../../etc', payloads[1]], correction: payloads[5], editor_note: payloads[7], byline: payloads[0] }),
  'content/markdown.md': [
    '---',
    yaml.dump({ title: payloads[6], summary: payloads[2] }).trim(),
    'section: ../../etc',
    'tags: [../../etc, "<b>bold</b>"]',
    '__proto__: { polluted: true }',
    'constructor: { prototype: { polluted: true } }',
    '---',
    '',
    'Raw HTML: <script>alert("md")</script> <img src=x onerror=alert("md-img")> <iframe src="https://example.com"></iframe>',
    '',
    '<div onclick="alert(\'div\')">div</div>',
    '',
    '<svg><script>alert("md-svg")</script></svg>',
    '',
    '[a javascript link](javascript:alert("md-link")) [a data link](data:text/html,<script>alert(1)</script>) ![a data image](data:image/svg+xml,<svg onload=alert(1)>)',
    '',
    '[a vbscript link](vbscript:msgbox) <a href="  javascript:alert(1)">spaced</a>',
    '',
    '```html',
    '<script>alert("code")</script>',
    '```',
    '',
  ].join('\n'),
  'content/bomb.md': `---\ntitle: Bomb\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n---\n\nBody.\n`,
  'content/huge.md': `---\ntitle: Huge\n${Array.from({ length: 20_000 }, (_, index) => `key${index}: value`).join('\n')}\n---\n\nBody.\n`,
  // A saved web page that tries everything a page can: none of it may reach the archive's pages.
  'seeds/page.html': [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'refresh\')">',
    `<title>Harbour reopens ${payloads[0]}</title>`,
    '<script>alert("page-script")</script><script src="https://evil.example/x.js"></script>',
    '</head><body onload="alert(\'body\')">',
    '<nav><a href="javascript:alert(\'nav\')">Home</a></nav>',
    '<article><h1 onclick="alert(\'h1\')">Harbour reopens after the storm</h1>',
    `<p>The harbour reopened on Tuesday after a week of repairs, the port authority said in a statement that was read out to workers at dawn. ${payloads[1]}</p>`,
    `<p onmouseover="alert('p')">Fishing boats were the first to leave, followed by two ferries and a cargo ship that had waited offshore. <a href="javascript:alert('link')">More</a> <img src=x onerror="alert('img')"></p>`,
    '<iframe src="javascript:alert(\'iframe\')"></iframe>',
    `<p>Officials said the sea wall would be inspected again next month. ${payloads[8]} ${payloads[9]} <svg onload="alert('svg')"></svg></p>`,
    '<form action="javascript:alert(\'form\')"><input autofocus onfocus="alert(\'focus\')"></form>',
    '</article></body></html>',
    '',
  ].join('\n'),
  'content/js-url.md': '---\ntitle: Bad address\nsource_url: javascript:alert(1)\n---\n\nBody.\n',
  'content/pinned.md': '---\ntitle: Pinned\nslug: ../../etc/passwd\n---\n\nBody.\n',
};

describe('hostile input', () => {
  let dir: string;
  let result: BuildResult;
  let byPath: Record<string, BuildResult['view']['ledger'][number]>;
  let pages: string[];

  before(async () => {
    // The same hostile page captured in a WARC, and hostile fields in a scraper's record.
    const captured = String(files['seeds/page.html']).replace(/Harbour reopens/g, 'Harbour closes');
    const record = WARCRecord.create({ url: 'https://evil.example/harbour', date: '2024-02-03T04:05:06Z', type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } }, [new TextEncoder().encode(captured)]);
    const scraped = { title: `Scraped ${payloads[0]}`, text: `${payloads.join('\n')}\nThe story goes on after the payloads.`, url: 'javascript:alert("record")', author: payloads[1], categories: payloads[6], tags: [payloads[2]] };
    dir = await tempProject({ ...files, 'seeds/crawl.warc': await WARCSerializer.serialize(record, { gzip: false }), 'seeds/feed.jsonl': `${JSON.stringify(scraped)}\n` });
    ({ result, byPath } = await buildLedger(dir));
    pages = (await listFiles(path.join(dir, 'site'))).filter((file) => file.endsWith('.html'));
  });

  it('builds what it can and refuses the rest, each with a reason', () => {
    assert.equal(byPath['seeds/script.txt']?.status, 'article');
    assert.equal(byPath['seeds/script.yml']?.status, 'overlay');
    assert.equal(byPath['content/markdown.md']?.status, 'article');
    assert.equal(byPath['seeds/page.html']?.status, 'article');
    assert.equal(byPath['seeds/crawl.warc#1']?.status, 'article');
    assert.equal(byPath['seeds/feed.jsonl#1']?.status, 'article');
    assert.match(byPath['content/bomb.md']!.reason!, /Front matter expands to over 10,000 values/);
    assert.match(byPath['content/huge.md']!.reason!, /Front matter expands to over 10,000 values/);
    assert.match(byPath['content/js-url.md']!.reason!, /source_url must be an http or https address/);
    assert.match(byPath['content/pinned.md']!.reason!, /slug must be lower-case letters, digits and single hyphens/);
  });

  it('keeps __proto__ and constructor as plain keys, and pollutes nothing', () => {
    const article = articlesOf(result.archive).find((candidate) => candidate.source.path === 'content/markdown.md')!;
    assert.deepEqual(Object.keys(article.extra).sort(), ['__proto__', 'constructor']);
    assert.equal(Object.getPrototypeOf(article.extra), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('shows the hostile text as text: no script, no event handler, no frame and no script address in any page', async () => {
    for (const file of pages) {
      const $ = cheerio.load(await readFile(path.join(dir, 'site', file), 'utf8'));
      assert.equal($('script:not([type="application/ld+json"]):not([src]), iframe, object, embed, frame, svg, math, base, form:not([data-search-form])').length, 0, file);
      $('*').each((_, node) => {
        const element = node as unknown as { tagName: string; attribs: Record<string, string> };
        for (const [name, value] of Object.entries(element.attribs)) {
          assert.ok(!/^on/i.test(name), `${file}: <${element.tagName} ${name}>`);
          if (['href', 'src', 'action', 'formaction', 'srcset'].includes(name)) assert.ok(!/^\s*(?:javascript|data|vbscript):/i.test(value), `${file}: ${name}="${value}"`);
        }
      });
      $('script[src]').each((_, element) => assert.match($(element).attr('src')!, /(?:^|\/)assets\/search\.js$/, file));
      assert.equal($('main').length, 1, file);
      assert.equal($('h1').length, 1, file);
      assert.equal($('meta[http-equiv="Content-Security-Policy"]').attr('content'), contentSecurityPolicyFor('own'), file);
    }
    const seed = result.view.articles.find((article) => article.source.path === 'seeds/script.txt')!;
    const $ = cheerio.load(await readFile(path.join(dir, 'site', seed.url, 'index.html'), 'utf8'));
    assert.equal($('h1').text(), `${payloads[0]} headline ${payloads[2]}`);
    assert.equal($('.article-body p').length, payloads.length);
    assert.equal($('#p9').text(), '<script>alert("entity")</script>', 'entities decoded to text, and the text escaped');
    assert.equal($('.kicker').text().replace(/ \(section from the editor\)$/, ''), payloads[6]);
    assert.equal($('title').text(), `${payloads[0]} headline ${payloads[2]} · Test archive`);
    assert.ok(hostile.length > 0);
    const saved = result.view.articles.find((article) => article.source.path === 'seeds/page.html')!;
    const $page = cheerio.load(await readFile(path.join(dir, 'site', saved.url, 'index.html'), 'utf8'));
    assert.equal($page('h1').text(), `Harbour reopens ${payloads[0]}`, 'the title as Readability reads it, as text');
    const officials = $page('.article-body p').filter((_, element) => $page(element).text().startsWith('Officials said'));
    assert.match(officials.text(), /next month\. <script>alert\("entity"\)<\/script> click$/, 'the text of the page\'s markup, and markup its text spells out, shown as text');
    assert.equal($page('a[download]').attr('download'), 'page.html.txt', 'offered only under a name no host serves as HTML');
    assert.match($page('a[download]').attr('href')!, /source\.txt$/);
    const original = cheerio.load(await readFile(path.join(dir, 'site', saved.url, 'original', 'index.html'), 'utf8'));
    assert.match(original('main').text(), /<script>alert\("page-script"\)<\/script>/, 'the saved page is shown line by line, as text');
  });

  it('writes nothing outside the output folder, and only safe addresses inside it', async () => {
    const all = await listFiles(dir);
    const inputs = new Set([...Object.keys(files), 'seeds/crawl.warc', 'seeds/feed.jsonl']);
    // .cache/news-archive/ holds what the next build reuses (never published, and git-ignored).
    for (const file of all) assert.ok(file.startsWith('site/') || file.startsWith('.cache/news-archive/') || inputs.has(file), `unexpected file ${file}`);
    for (const file of await listFiles(path.join(dir, 'site'))) {
      // The search index's files are named by hashes; everything else is an address of ours.
      if (file.startsWith('search-index/')) assert.match(file, /^search-index\/(?:[a-z]\/[0-9a-f]{2}\/[0-9a-f]+\.json|[a-z]+\.js(?:on)?)$/, file);
      else assert.match(file, /^(?:[a-z0-9]+(?:[-.][a-z0-9]+)*\/)*[a-z0-9]+(?:[-.][a-z0-9]+)*$/, file);
    }
  });

  describe('in headless Chromium, with every page opened', () => {
    const prefix = '/under/a/path/';
    let server: Server;
    let browser: BrowserContext;
    before(async () => {
      server = staticHost(path.join(dir, 'site'), prefix).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      browser = await chromium.launchPersistentContext(await tempDir('chromium'), { executablePath: chromiumPath, headless: true, args: flags });
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    it('runs no script: no dialog, no console error, no CSP violation, on hover and focus too', async () => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
      const problems: string[] = [];
      const page = await browser.newPage();
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
      page.on('pageerror', (error) => problems.push(`error: ${error.message}`));
      // Injected by the browser's debugging protocol, so the page's own CSP does not apply to it.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
      });
      for (const file of pages) {
        await page.goto(base + file);
        // Every element gets what a reader's pointer and keyboard give it (a handler left anywhere in
        // the page would run, or the CSP would report it), and the pointer really moves over the text.
        const touched = await page.evaluate(() => {
          const elements = [...document.body.querySelectorAll('*')];
          for (const element of elements) {
            for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove', 'mouseout', 'mouseleave']) element.dispatchEvent(new MouseEvent(type, { bubbles: true }));
            if (element instanceof HTMLElement) element.focus();
            element.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
          }
          return elements.length;
        });
        assert.ok(touched > 20, `${file}: ${touched} elements`);
        for (const element of await page.locator('main h1, main p').all()) {
          if (await element.isVisible()) await element.hover({ timeout: 1000 }).catch(() => {});
        }
        await page.keyboard.press('Tab');
        await page.waitForTimeout(20);
      }
      assert.deepEqual(problems, []);
    });
  });
});
