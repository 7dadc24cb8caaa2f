import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { buildLedger, buildProject, listFiles, readText, shippedSeed, tempProject, writeTo, articlesOf } from './helpers.ts';

const load = async (dir: string, page: string) => cheerio.load(await readText(path.join(dir, 'site', page)));

describe('a full build of the shipped seed', async () => {
  const seedBytes = await readFile(shippedSeed);
  const seedLines = seedBytes.toString('utf8').split('\n');
  const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': seedBytes, 'content/about.md': '---\nkind: page\ntitle: About\n---\n\nAbout **this** archive.\n' });
  const result = await buildProject(dir);
  const article = articlesOf(result.archive)[0]!;
  const articleDir = `articles/${article.slug}`;

  it('publishes one article and one page, and says so', () => {
    assert.equal(result.failure, null);
    assert.deepEqual(result.counts, { files: 2, held: 0, records: 0, otherRecords: 0, articles: 1, pages: 1, rejected: 0, duplicates: 0, overlays: 0, images: 0, warnings: 0, hidden: 0 });
  });

  it('lists the article on the index with its headline, "Date unknown", section and excerpt', async () => {
    const $ = await load(dir, 'index.html');
    const card = $('.card');
    assert.equal(card.length, 1);
    assert.equal(card.find('h2 a').text(), article.headline);
    assert.equal(card.find('h2 a').attr('href'), `${articleDir}/index.html`);
    assert.match(card.find('.meta').text(), /Date unknown/);
    assert.match(card.find('.meta').text(), /Russia/);
    assert.ok(card.find('.excerpt').text().startsWith('Sweden’s and Finland’s early bid'));
  });

  it('shows every paragraph on the article page, verbatim, and no leftover in the body', async () => {
    const $ = await load(dir, `${articleDir}/index.html`);
    assert.equal($('h1').text(), seedLines[0]);
    const paragraphs = $('.article-body p').map((_, p) => $(p).text()).get();
    assert.equal(paragraphs.length, 11);
    assert.deepEqual(paragraphs, seedLines.slice(2, 23).filter((line) => line !== ''));
    assert.equal($('#p11').text(), paragraphs[10], 'each paragraph can be linked to');
    const body = $('.article-body').text();
    for (const leftover of ['Back to top button', 'Russia news', 'Not all news on the site']) assert.ok(!body.includes(leftover), leftover);
  });

  it('gives source notes: file, SHA-256, size, encoding, the disclaimer quoted and labelled, the separated lines, what is not known', async () => {
    const $ = await load(dir, `${articleDir}/index.html`);
    const notes = $('#source-notes');
    assert.equal(notes.find('h2').text(), 'Source notes');
    const facts = notes.find('dl.facts').text();
    assert.match(facts, /seeds\/000_a4d76ca98f8e33ba\.txt/);
    assert.match(facts, new RegExp(article.source.sha256));
    assert.match(facts, /2,636 bytes/);
    assert.match(facts, /UTF-8/);
    assert.equal(notes.find('.disclaimer blockquote').text().trim(), seedLines[26]);
    assert.match(notes.find('.disclaimer figcaption').text(), /machine-translated.*not reviewed by a human editor/i);
    const separated = notes.find('.leftovers li').map((_, li) => $(li).text()).get();
    assert.deepEqual(separated, [
      `Line 25, section label of the publishing site, under the article: ${seedLines[24]}`,
      'Line 27, publisher’s machine-translation disclaimer, under the article (quoted above)',
      `Line 28, label of a page widget of the publishing site, under the article: ${seedLines[27]}`,
    ]);
    assert.match(notes.find('.unknowns').text(), /date of publication is not known/);
    assert.match(notes.find('.unknowns').text(), /author is not known/);
    assert.match(notes.find('.unknowns').text(), /names dates that cannot be placed without it: “on Monday”, “February 24”/);
    const flags = notes.find('.flags li').map((_, li) => $(li).text()).get();
    assert.equal(flags.length, 2);
    assert.match(flags[0]!, /^Paragraph 1: a sentence that begins in lower case after a full stop, “said\. mentioned”/);
    assert.match(flags[1]!, /^Paragraph 7: a word repeated across a sentence boundary, “said\. said\.”/);
    assert.equal(notes.find(`a[href="../../${articleDir}/original/index.html"]`).length, 1);
  });

  it('shows the original text line by line with "Back to top button" marked as separated', async () => {
    const $ = await load(dir, `${articleDir}/original/index.html`);
    const lines = $('ol.original > li');
    assert.equal(lines.length, 28);
    lines.each((index, li) => assert.equal($(li).find('.text').text(), seedLines[index]));
    const widget = $('#L28');
    assert.equal(widget.find('.text').text(), 'Back to top button');
    assert.ok(widget.hasClass('line-leftover'));
    assert.match(widget.find('.mark').text(), /separated/);
    assert.equal($('#L3').hasClass('line-leftover'), false);
  });

  it('keeps a byte-for-byte copy of the source next to the article', async () => {
    assert.deepEqual(await readFile(path.join(dir, 'site', articleDir, 'source.txt')), seedBytes);
  });

  it('lists the seed in the sources ledger and in build-report.json', async () => {
    const $ = await load(dir, 'sources/index.html');
    const row = $('.entry.status-article');
    assert.equal(row.find('.path').text(), 'seeds/000_a4d76ca98f8e33ba.txt');
    assert.equal(row.find('a').attr('href'), `../${articleDir}/index.html`);
    assert.equal(row.find('.hash').text(), article.source.sha256);
    const report = JSON.parse(await readText(path.join(dir, 'site', 'build-report.json')));
    assert.deepEqual(report.files.map((file: { path: string; status: string }) => [file.path, file.status]), [['content/about.md', 'page'], ['seeds/000_a4d76ca98f8e33ba.txt', 'article']]);
    assert.equal(report.files[1].sha256, article.source.sha256);
  });

  it('renders the about page from content/about.md and links it from every page', async () => {
    const $ = await load(dir, 'about/index.html');
    assert.equal($('h1').text(), 'About');
    assert.equal($('.standalone strong').text(), 'this');
    // Its description, for search engines and shared links, is its first paragraph as plain text.
    assert.equal($('meta[name="description"]').attr('content'), 'About this archive.');
    const $article = await load(dir, `${articleDir}/index.html`);
    assert.equal($article('nav a[href="../../about/index.html"]').text(), 'About');
  });
});

describe('rebuilding', () => {
  it('shows a newly added seed and Markdown article on the index, newest first, undated last', async () => {
    const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed) });
    await buildProject(dir);
    await writeTo(dir, 'seeds/001_new.txt', 'A second seed\n\nIts only paragraph.\n');
    await writeTo(dir, 'content/2024/markets.md', '---\ntitle: Markets rally\ndate: 2024-03-05\nsection: Business\ntags: [markets, stocks]\n---\n\nShares *rose* on Tuesday.\n');
    const result = await buildProject(dir);
    assert.equal(result.counts.articles, 3);
    const $ = await load(dir, 'index.html');
    assert.deepEqual($('.card h2').map((_, h) => $(h).text()).get(), [
      'Markets rally',
      'NATO membership of Sweden and Finland does not threaten Russia but may ‘trigger’ a response – Putin',
      'A second seed',
    ]);
    assert.match($('.card').first().find('time').attr('datetime') ?? '', /^2024-03-05$/);
    assert.equal($('.card').first().find('time').text(), '5 March 2024');
    const markets = result.view.articles.find((article) => article.source.path === 'content/2024/markets.md')!;
    assert.match(markets.slug, /^markets-rally-[0-9a-f]{6}$/);
    const page = await load(dir, `articles/${markets.slug}/index.html`);
    assert.equal(page('.article-body em').text(), 'rose');
    assert.deepEqual(page('.tag').map((_, t) => page(t).text()).get(), ['markets', 'stocks']);
    const original = await load(dir, `articles/${markets.slug}/original/index.html`);
    assert.deepEqual(original('ol.original > li').map((_, li) => original(li).attr('class')).get(), [
      ...Array(6).fill('line-front-matter'),
      'line-blank',
      'line-body',
    ]);
  });

  it('removes the pages of an article whose file was removed', async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'Alpha\n\nBody a.\n', 'seeds/b.txt': 'Beta\n\nBody b.\n' });
    const first = await buildProject(dir);
    const beta = articlesOf(first.archive).find((article) => article.id === 'b')!;
    assert.ok((await listFiles(path.join(dir, 'site'))).includes(`articles/${beta.slug}/index.html`));
    await rm(path.join(dir, 'seeds/b.txt'));
    const second = await buildProject(dir);
    assert.equal(second.counts.files, 1);
    const files = await listFiles(path.join(dir, 'site'));
    assert.ok(!files.some((file) => file.startsWith(`articles/${beta.slug}/`)));
    assert.ok(!(await readText(path.join(dir, 'site/index.html'))).includes('Beta'));
  });

  it('shows the newest 20 first, pages back through every article, and a new article changes a few pages', async () => {
    const files: Record<string, string> = {};
    const story = (n: number) => `Story number ${n}\n\nParagraph of story ${n}.\n`;
    for (let n = 0; n < 300; n++) files[`seeds/${String(n).padStart(3, '0')}.txt`] = story(n);
    const dir = await tempProject(files);
    await buildProject(dir);
    const first = await load(dir, 'index.html');
    assert.equal(first('.card').length, 20);
    assert.deepEqual(first('.card h2').map((_, card) => first(card).text()).get().slice(0, 2), ['Story number 0', 'Story number 1']);
    /** Every page from the first, following "Older", with its headlines; each page's "Newer" leads back. */
    const walk = async () => {
      const pages: { file: string; headlines: string[]; html: string }[] = [];
      for (let file: string | null = 'index.html'; file; ) {
        const page = await load(dir, file);
        pages.push({ file, headlines: page('.card h2').map((_, card) => page(card).text()).get(), html: page.html() });
        const older = page('a[rel=next]').attr('href');
        const next: string | null = older ? path.posix.normalize(path.posix.join(path.posix.dirname(file), older)) : null;
        if (next) {
          const back = (await load(dir, next))('a[rel=prev]').attr('href')!;
          const newer = path.posix.normalize(path.posix.join(path.posix.dirname(next), back));
          if (pages.length > 1) assert.equal(newer, file, `${next} leads back to ${file}`);
        }
        assert.ok(pages.length < 100, 'the pages end');
        file = next;
      }
      return pages;
    };
    const before = await walk();
    const seen = new Set(before.slice(1).flatMap((page) => page.headlines));
    for (let n = 20; n < 300; n++) assert.ok(seen.has(`Story number ${n}`), `story ${n} is on a page further back`);
    assert.equal(before.slice(1).reduce((sum, page) => sum + page.headlines.length, 0), 300, 'the pages further back hold each article once');
    for (const page of before.slice(1)) assert.ok(page.headlines.length >= 10 && page.headlines.length <= 40, `${page.file} holds ${page.headlines.length}`);
    assert.ok(!before.slice(1).some((page) => /\b300\b|page \d+ of/.test(page.html)), 'no page but the first counts the list');

    // Backfilled into the middle, in file-name order: a few index pages change, not every one after it.
    await writeTo(dir, 'seeds/150a.txt', story(1500));
    await buildProject(dir);
    const after = await walk();
    const unchanged = new Set(before.map((page) => `${page.file}\n${page.html}`));
    const changed = after.filter((page) => !unchanged.has(`${page.file}\n${page.html}`));
    assert.ok(after.some((page) => page.headlines.includes('Story number 1500')));
    assert.ok(changed.length <= 4, `pages changed: ${changed.map((page) => page.file).join(', ')}`);
  });
});

describe('bad input', () => {
  it('rejects a broken Markdown article with file and line, and builds the rest', async () => {
    const dir = await tempProject({
      'seeds/good.txt': 'Good seed\n\nBody.\n',
      'content/bad-date.md': '---\ntitle: Bad date\ndate: last Tuesday\n---\n\nBody.\n',
      'content/bad-yaml.md': '---\ntitle: [unclosed\n---\n\nBody.\n',
      'content/no-title.md': '---\nsection: World\n---\n\nBody.\n',
      'content/odd-key.md': '---\ntitle: Odd key\nmood: cheerful\n---\n\nBody.\n',
    });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(result.failure, null);
    assert.match(byPath['content/bad-date.md']!.reason!, /^content\/bad-date\.md:3:1 Invalid front matter "date": date must be a real calendar date/);
    assert.match(byPath['content/bad-yaml.md']!.reason!, /^content\/bad-yaml\.md:\d+:\d+ Front matter is not valid YAML/);
    assert.match(byPath['content/no-title.md']!.reason!, /^content\/no-title\.md:1:1 Invalid front matter "title": title is required/);
    assert.equal(byPath['content/odd-key.md']!.status, 'article');
    assert.match(byPath['content/odd-key.md']!.warnings[0]!, /^3:1 Unknown front matter key "mood"/);
    assert.deepEqual(articlesOf(result.archive).find((article) => article.id === 'odd-key')?.extra, { mood: 'cheerful' });
    assert.equal(result.counts.files, result.counts.articles + result.counts.pages + result.counts.rejected);
    const $ = await load(dir, 'sources/index.html');
    assert.equal($('.entry.status-rejected').length, 3);
    assert.equal($('.entry.status-rejected .reason').first().text(), 'Line 3, column 1: Invalid front matter "date": date must be a real calendar date like 2024-05-01, or an ISO 8601 date-time with its offset like 2024-05-01T09:30:00Z or 2024-05-01T09:30:00-05:00');
  });

  it('gives articles with the same headline distinct slugs that do not move when another is added', async () => {
    const dir = await tempProject({ 'seeds/b.txt': 'Same headline\n\nB.\n', 'content/c.md': '---\ntitle: Same headline\n---\n\nC.\n' });
    const slugs = (result: Awaited<ReturnType<typeof buildProject>>) => Object.fromEntries(result.view.articles.map((article) => [article.source.path, article.slug]));
    const first = slugs(await buildProject(dir));
    // A new article with the same headline and a smaller id must not take an existing address.
    await writeTo(dir, 'seeds/a.txt', 'Same headline\n\nA.\n');
    const second = slugs(await buildProject(dir));
    assert.equal(second['seeds/b.txt'], first['seeds/b.txt']);
    assert.equal(second['content/c.md'], first['content/c.md']);
    assert.equal(new Set(Object.values(second)).size, 3);
    for (const slug of Object.values(second)) assert.match(slug, /^same-headline-[0-9a-f]{6}$/);
  });

  it('keeps a seed and a Markdown article that share an id, and uses a pinned slug as written', async () => {
    const dir = await tempProject({
      'seeds/005_dup.txt': 'From a seed\n\nA.\n',
      'content/005_dup.md': '---\ntitle: From Markdown\nslug: pinned-here\n---\n\nB.\n',
      'content/other.md': '---\ntitle: Also pinned\nslug: pinned-here\n---\n\nC.\n',
    });
    const { byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/005_dup.txt']!.status, 'article');
    assert.equal(byPath['content/005_dup.md']!.url, 'articles/pinned-here/');
    assert.match(byPath['content/other.md']!.reason!, /^content\/other\.md:3:1 Its slug "pinned-here" is already pinned by content\/005_dup\.md/);
  });

  it('derives slugs from headlines in any script, falling back to the file name', async () => {
    const dir = await tempProject({ 'seeds/china-01.txt': '中国经济增长放缓\n\n正文。\n', 'seeds/arabic.txt': 'مرحبا بالعالم\n\nنص المقال.\n', 'seeds/fr.txt': 'Élection à Zürich\n\nTexte.\n' });
    const result = await buildProject(dir);
    const slugs = Object.fromEntries(articlesOf(result.archive).map((article) => [article.id, article.slug]));
    assert.match(slugs['china-01']!, /^china-01-[0-9a-f]{6}$/);
    assert.match(slugs.fr!, /^election-a-zu(e)?rich-[0-9a-f]{6}$/);
    // Scripts with a transliteration give a readable slug; only those without fall back.
    assert.match(slugs.arabic!, /^mrhba-balealm-[0-9a-f]{6}$/);
    const $ = await load(dir, `articles/${slugs.arabic}/index.html`);
    assert.equal($('h1').text(), 'مرحبا بالعالم');
    assert.equal($('h1').attr('dir'), 'auto');
  });

  it('keeps dates as written: a real calendar date, offsets shown as given, newest first by the moment', async () => {
    const dir = await tempProject({
      'content/feb30.md': '---\ntitle: Impossible\ndate: 2024-02-30\n---\n\nA.\n',
      'content/ny.md': '---\ntitle: New York evening\ndate: 2024-02-03T23:30:00-05:00\n---\n\nA.\n',
      'content/utc.md': '---\ntitle: Early UTC\ndate: 2024-02-04T01:00:00Z\n---\n\nA.\n',
      'content/day.md': '---\ntitle: Just a day\ndate: 2024-02-02\n---\n\nA.\n',
      'content/blank.md': '---\ntitle: Blank date\ndate:\n---\n\nA.\n',
    });
    const { byPath } = await buildLedger(dir);
    assert.match(byPath['content/feb30.md']!.reason!, /:3:1 Invalid front matter "date"/);
    assert.equal(byPath['content/blank.md']!.status, 'article');
    const $ = await load(dir, 'index.html');
    // 23:30 at UTC-5 is 04:30 UTC on the 4th: later than 01:00 UTC that day.
    assert.deepEqual($('.card h2').map((_, h) => $(h).text()).get(), ['New York evening', 'Early UTC', 'Just a day', 'Blank date']);
    assert.deepEqual($('.card time').map((_, t) => $(t).text()).get(), ['3 February 2024, 23:30 UTC−05:00', '4 February 2024, 01:00 UTC', '2 February 2024']);
    assert.equal($('.card').last().find('.unknown').text(), 'Date unknown');
  });

  it('reads CRLF, Windows-1252 and UTF-16 seeds through a full build without mojibake', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Sixteen bits\r\n\r\nCafé au lait.\r\n', 'utf16le')]);
    const dir = await tempProject({
      'seeds/crlf.txt': 'Windows lines\r\n\r\nFirst.\r\n\r\nBack to top button\r\n',
      'seeds/cp1252.txt': Buffer.from([...Buffer.from('Pounds\n\nIt cost '), 0xa3, 0x35, 0x20, 0x93, ...Buffer.from('cheap'), 0x94, 0x2e, 0x0a]),
      'seeds/utf16.txt': utf16,
      // A UTF-8 headline over a Windows-1252 body, as a scraper joining two files writes.
      'seeds/mixed.txt': Buffer.concat([Buffer.from('Don’t panic, says the mayor\n\n', 'utf8'), Buffer.from([...Buffer.from('It won'), 0x92, ...Buffer.from('t last, she said.\n')])]),
    });
    const result = await buildProject(dir);
    assert.equal(result.counts.articles, 4);
    const byId = Object.fromEntries(articlesOf(result.archive).map((article) => [article.id, article]));
    assert.equal(byId.crlf!.source.lineEndings, 'CRLF');
    assert.equal(byId.crlf!.source.leftovers[0]?.text, 'Back to top button');
    assert.equal(byId.cp1252!.source.encoding, 'Windows-1252');
    assert.equal(byId.utf16!.source.encoding, 'UTF-16LE with BOM');
    const cp = await load(dir, `articles/${byId.cp1252!.slug}/index.html`);
    assert.equal(cp('.article-body p').text(), 'It cost £5 “cheap”.');
    assert.match(cp('#source-notes').text(), /read as Windows-1252, which is a guess/);
    assert.equal(byId.mixed!.headline, 'Don’t panic, says the mayor', 'not Donâ€™t');
    assert.equal(byId.mixed!.source.encoding, 'UTF-8, with line 3 in Windows-1252 (each line read in its own encoding)');
    const mixed = await load(dir, `articles/${byId.mixed!.slug}/index.html`);
    assert.equal(mixed('.article-body p').text(), 'It won’t last, she said.');
    assert.match(mixed('#source-notes').text(), /its lines are in two encodings \(as in a file joined from two\), so each line was read in its own: UTF-8, with line 3 in Windows-1252\./);
    const sixteen = await load(dir, `articles/${byId.utf16!.slug}/index.html`);
    assert.equal(sixteen('.article-body p').text(), 'Café au lait.');
  });

  it('rejects files over the size limit, and a page that takes an address the site uses', async () => {
    const dir = await tempProject({
      'seeds/big.txt': `Big\n\n${'word '.repeat(400)}\n`,
      'seeds/small.txt': 'Small\n\nBody.\n',
      'content/sources.md': '---\nkind: page\ntitle: Sources\n---\n\nMine.\n',
    });
    const { byPath } = await buildLedger(dir, { maxBytes: 1000 });
    assert.match(byPath['seeds/big.txt']!.reason!, /^seeds\/big\.txt: File is 2\d{3} bytes, over the 1000-byte limit/);
    assert.match(byPath['content/sources.md']!.reason!, /The page address "sources\/" is reserved/);
    assert.equal(byPath['seeds/small.txt']!.status, 'article');
  });

  it('escapes markup in a seed and sanitises it in Markdown', async () => {
    const dir = await tempProject({
      'seeds/x.txt': '<script>alert(1)</script> headline\n\nBody <img src=x onerror=alert(1)> text.\n',
      'content/y.md': '---\ntitle: Markdown <b>bold</b>\n---\n\n<script>alert(2)</script>\n\n[click](javascript:alert(3)) <img src=x onerror=alert(4)>\n',
    });
    const result = await buildProject(dir);
    for (const file of (await listFiles(path.join(dir, 'site'))).filter((name) => name.endsWith('.html'))) {
      const $ = await load(dir, file);
      assert.equal($('script:not([type="application/ld+json"]):not([src]), iframe, object, embed').length, 0, `${file} has an active element`);
      $('*').each((_, element) => {
        for (const [name, value] of Object.entries((element as { attribs: Record<string, string> }).attribs)) {
          assert.ok(!name.startsWith('on'), `${file}: <${(element as { name: string }).name} ${name}>`);
          assert.ok(!/^\s*javascript:/i.test(value), `${file}: ${name}="${value}"`);
        }
      });
      assert.ok(!$.html().includes('&amp;lt;'), `${file} escapes text twice`);
    }
    const seed = articlesOf(result.archive).find((article) => article.id === 'x')!;
    const $ = await load(dir, `articles/${seed.slug}/index.html`);
    assert.equal($('h1').text(), '<script>alert(1)</script> headline');
    assert.equal($('.article-body p').text(), 'Body <img src=x onerror=alert(1)> text.');
  });
});
