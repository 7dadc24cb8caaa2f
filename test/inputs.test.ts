import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { buildLedger, readText, tempProject, tempDir, articlesOf } from './helpers.ts';

describe('every file in the input folders is accounted for', () => {
  it('rejects files that are not seeds or Markdown, lists hidden ones, and counts them all', async () => {
    const dir = await tempProject({
      'seeds/a.txt': 'Alpha\n\nBody.\n',
      'seeds/world/12.txt': 'Twelve\n\nBody.\n',
      'seeds/README.md': '# Notes about my seeds\n',
      'seeds/UPPER.TXT': 'Shouting\n\nBody.\n',
      'seeds/.DS_Store': 'junk',
      'content/notes.docx': 'not an article',
      'content/photo.jpg': 'not really a photo',
      'content/.drafts/x.md': '---\ntitle: Draft\n---\n\nBody.\n',
    });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/world/12.txt']!.status, 'article');
    assert.equal(articlesOf(result.archive).find((article) => article.source.path === 'seeds/world/12.txt')?.id, 'world/12');
    assert.match(byPath['seeds/README.md']!.reason!, /^seeds\/README\.md: Not read: only \.txt files \(seeds\), \.html and \.htm files \(saved web pages\), \.yml files \(their overlays\), \.jsonl and \.json files \(a scraper's output\), \.warc and \.warc\.gz files \(web captures\) and the pictures they show belong in seeds\/$/);
    assert.equal(byPath['seeds/UPPER.TXT']!.status, 'article');
    assert.match(byPath['content/notes.docx']!.reason!, /Not read: only \.md files \(Markdown articles\) and the pictures they show belong in content\//);
    // A picture file is read as one, and one no article shows is rejected with that reason.
    assert.match(byPath['content/photo.jpg']!.reason!, /A picture no article or page shows/);
    assert.deepEqual(result.view.hidden, ['content/.drafts/x.md', 'seeds/.DS_Store']);
    const { files, articles, pages, rejected } = result.counts;
    assert.deepEqual([files, articles, rejected], [6, 3, 3]);
    assert.equal(files, articles + pages + rejected);
    const report = JSON.parse(await readText(path.join(dir, 'site/build-report.json')));
    assert.equal(report.files.length, 6);
    assert.deepEqual(report.hidden, ['content/.drafts/x.md', 'seeds/.DS_Store']);
  });

  it('reads a link to a file inside the folder, and refuses links that lead outside it or to a folder', async () => {
    const outside = path.join(await tempDir('outside'), 'secret.txt');
    await writeFile(outside, 'Secret headline\n\nPrivate text.\n');
    const dir = await tempProject({ 'seeds/real.txt': 'Real\n\nBody.\n' });
    await symlink(path.join(dir, 'seeds/real.txt'), path.join(dir, 'seeds/alias.txt'));
    await symlink(outside, path.join(dir, 'seeds/leak.txt'));
    await mkdir(path.join(dir, 'seeds/sub'));
    await symlink(path.join(dir, 'seeds/sub'), path.join(dir, 'seeds/folder.txt'));
    await symlink(path.join(dir, 'nothing.txt'), path.join(dir, 'seeds/dangling.txt'));
    const { byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/alias.txt']!.status, 'article');
    assert.match(byPath['seeds/leak.txt']!.reason!, /Symbolic link to .*secret\.txt, outside seeds\/: refused/);
    assert.match(byPath['seeds/folder.txt']!.reason!, /Symbolic link to a folder: not followed/);
    assert.match(byPath['seeds/dangling.txt']!.reason!, /Symbolic link to nothing/);
    const site = await readText(path.join(dir, 'site/sources/index.html'));
    assert.ok(!site.includes('Private text'));
  });

  it('rejects empty, whitespace-only, binary and body-less files with a reason each', async () => {
    const dir = await tempProject({
      'seeds/empty.txt': '',
      'seeds/blank.txt': ' \n\t\n',
      'seeds/binary.txt': Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02]),
      'seeds/only-leftovers.txt': 'Headline\n\nRussia news\n\nBack to top button\n',
      'content/empty.md': '',
      'content/page-without-body.md': '---\nkind: page\ntitle: About\n---\n\n',
      'seeds/good.txt': 'Good\n\nBody.\n',
    });
    const { byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/empty.txt']!.reason!, 'seeds/empty.txt: Empty file: no headline and no body');
    assert.equal(byPath['seeds/blank.txt']!.reason!, 'seeds/blank.txt: File holds only whitespace: no headline and no body');
    assert.equal(byPath['seeds/binary.txt']!.reason!, 'seeds/binary.txt: File holds NUL characters: it is binary, not text');
    assert.match(byPath['seeds/only-leftovers.txt']!.reason!, /:1:1 No body: every line under the headline is a site leftover \(lines 3, 5\)/);
    assert.equal(byPath['content/empty.md']!.reason!, 'content/empty.md: Empty file: no headline and no body');
    assert.match(byPath['content/page-without-body.md']!.reason!, /:5:1 No body: the page has front matter and nothing under it/);
    assert.equal(byPath['seeds/good.txt']!.status, 'article');
  });

  it('gives two pages the same address only once', async () => {
    const dir = await tempProject({
      'seeds/a.txt': 'A\n\nBody.\n',
      'content/about.md': '---\nkind: page\ntitle: About\n---\n\nOne.\n',
      'content/more/about.md': '---\nkind: page\ntitle: About again\n---\n\nTwo.\n',
    });
    const { byPath } = await buildLedger(dir);
    assert.equal(byPath['content/about.md']!.url, 'about/');
    assert.match(byPath['content/more/about.md']!.reason!, /The page address "about\/" is already taken by content\/about\.md/);
  });
});

describe('seeds with several labels', () => {
  it('take the section from the label nearest the body, and the notes cite that line', async () => {
    const dir = await tempProject({ 'seeds/x.txt': 'Headline\n\nBody.\n\nRussia news\nWorld news\n' });
    const { result } = await buildLedger(dir);
    const article = articlesOf(result.archive)[0]!;
    assert.equal(article.section, 'Russia');
    assert.ok(article.source.notes.some((note) => note.message === 'The section “Russia” comes from the site’s section label on line 5.'));
  });
});

describe('a long Markdown article with no paragraph', () => {
  it('is built, with an empty excerpt', { timeout: 60_000 }, async () => {
    const dir = await tempProject({ 'content/headings.md': `---\ntitle: Only headings\n---\n\n${'## Heading\n\n'.repeat(20_000)}` });
    const { result } = await buildLedger(dir);
    assert.equal(articlesOf(result.archive)[0]?.excerpt, '');
  });
});

describe('the article page', () => {
  it('links to the newer and older articles in archive order', async () => {
    const dir = await tempProject({
      'content/a.md': '---\ntitle: Oldest\ndate: 2020-01-01\n---\n\nA.\n',
      'content/b.md': '---\ntitle: Middle\ndate: 2021-01-01\n---\n\nB.\n',
      'content/c.md': '---\ntitle: Newest\ndate: 2022-01-01\n---\n\nC.\n',
    });
    const { result } = await buildLedger(dir);
    const middle = articlesOf(result.archive).find((article) => article.headline === 'Middle')!;
    const $ = cheerio.load(await readText(path.join(dir, 'site/articles', middle.slug, 'index.html')));
    assert.match($('a[rel=prev]').text(), /Newer\s*Newest/);
    assert.match($('a[rel=next]').text(), /Older\s*Oldest/);
    assert.match($('a[rel=next]').attr('href') ?? '', /^\.\.\/\.\.\/articles\/oldest-[0-9a-f]{6}\/index\.html$/);
  });
});
