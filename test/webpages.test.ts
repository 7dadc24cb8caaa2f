import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { decodeHtml } from '../src/ingest/decode.ts';
import { fileFromBytes } from '../src/ingest/read.ts';
import { maxPageDepth, parseWebPage, readWebPage } from '../src/ingest/webpage.ts';
import { outputPathOf } from '../src/view/urls.ts';
import { articlesOf, buildLedger, readText, repoRoot, tempProject } from './helpers.ts';

// Issue 14: saved web pages (seeds/**/*.html) become articles through Mozilla's Readability.

const page = async (dir: string, url: string) => cheerio.load(await readText(path.join(dir, 'site', outputPathOf(url))));

const story = [
  'The city council voted on Tuesday to rebuild the old harbour wall, which the winter storms had broken in three places.',
  'Work will begin in the spring and last two years, the council said, and the harbour will stay open to fishing boats throughout.',
  'Residents who had campaigned for the repair for a decade welcomed the vote, though some asked why it had taken so long to come.',
];

/** A news page as a browser saves it: the article, and a site's navigation, share bar and comments around it. */
const newsPage = ({ lang = 'fr', dir = '', head = '' } = {}) => `<!doctype html>
<html lang="${lang}"${dir ? ` dir="${dir}"` : ''}>
<head>
<meta charset="utf-8">
<title>Harbour wall to be rebuilt | The Coast Gazette</title>
<meta property="og:site_name" content="The Coast Gazette">
<meta name="author" content="Marie Dupont">
<link rel="canonical" href="https://gazette.example/2024/harbour-wall">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Harbour wall to be rebuilt","datePublished":"2024-03-05T09:30:00+01:00"}]}</script>
${head}
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<div class="share-bar"><a href="https://social.example/share">Share</a> <a href="mailto:?">Email</a></div>
<article>
<h1>Harbour wall to be rebuilt</h1>
<p class="byline">By Marie Dupont</p>
${story.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
</article>
<section id="comments"><h2>Comments</h2><p>First! Great to hear, we have waited long enough for this.</p></section>
<time datetime="2020-01-01">An older story</time> <time datetime="2021-01-01">Another older story</time>
</body>
</html>
`;

describe('saved web pages', () => {
  it('take their article from Readability and every fact from the page itself, each named in the source notes', async () => {
    const dir = await tempProject({ 'seeds/harbour.html': newsPage(), 'seeds/menu.html': '<html><head><title>Links</title></head><body><nav><a href="/a">A story</a> <a href="/b">Another</a></nav></body></html>' });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/harbour.html']?.status, 'article');
    assert.equal(byPath['seeds/menu.html']?.status, 'rejected');
    assert.match(byPath['seeds/menu.html']!.reason!, /^seeds\/menu\.html:1:1 Readability found no article in the page/);
    assert.equal(result.counts.files, result.counts.articles + result.counts.rejected, 'every file is an article or a rejection');
    const article = articlesOf(result.archive).find((candidate) => candidate.source.path === 'seeds/harbour.html')!;
    assert.equal(article.source.kind, 'webpage');
    assert.equal(article.date, '2024-03-05T09:30:00+01:00', 'from the JSON-LD, never from the other <time>s on the page');
    assert.equal(article.sourceUrl, 'https://gazette.example/2024/harbour-wall');
    assert.equal(article.byline, 'Marie Dupont');
    assert.equal(article.lang, 'fr');
    assert.deepEqual(article.body.format === 'paragraphs' ? article.body.paragraphs.map((paragraph) => paragraph.text).filter((text) => story.includes(text)) : [], story, 'the article text, paragraph by paragraph');
    const lines = readFileSync(path.join(dir, 'seeds/harbour.html'), 'utf8').split('\n');
    for (const paragraph of article.body.format === 'paragraphs' ? article.body.paragraphs : []) {
      if (story.includes(paragraph.text)) assert.ok(lines[paragraph.line - 1]!.includes(paragraph.text.slice(0, 30)), `paragraph placed on its line (${paragraph.line})`);
    }

    const $ = await page(dir, result.view.articles.find((view) => view.source.path === 'seeds/harbour.html')!.url);
    assert.equal($('.article-body').attr('lang'), 'fr');
    assert.doesNotMatch($('.article-body').text(), /Home|Share|First! Great/, 'navigation, share bar and comments are not the article');
    const notes = $('#source-notes').text().replace(/\s+/g, ' ');
    assert.match(notes, /Archived from the saved web page seeds\/harbour\.html\. Its article was found in the page by Mozilla’s Readability/);
    assert.match(notes, /The page was read as UTF-8 \(as its <meta charset> declares\)\./);
    assert.match(notes, /The date of publication, 2024-03-05T09:30:00\+01:00, is the one the page states in its JSON-LD datePublished\./);
    assert.match(notes, /The address of the original, https:\/\/gazette\.example\/2024\/harbour-wall, is the one the page gives in its <link rel="canonical">\./);
    assert.match(notes, /The page names its site “The Coast Gazette”\./);
    assert.match(notes, /The page says it is written in fr \(its <html lang>\)\./);
    assert.match(notes, /Left out as not part of the article: a navigation menu, a share bar, a comment section, \d+ links, a script; \d+ words of the page in all\./);
    assert.equal($('a[download]').attr('download'), 'harbour.html.txt');
  });

  it('say nothing of a date they do not state: a page of several <time>s and no other date is undated', async () => {
    const undated = newsPage().replace(/<script type="application\/ld\+json">.*<\/script>/, '');
    const dir = await tempProject({ 'seeds/undated.html': undated });
    const { result } = await buildLedger(dir);
    const [article] = articlesOf(result.archive);
    assert.equal(article?.date, null);
    assert.ok(article?.source.notes.some((note) => note.message.startsWith('The date of publication is not known')));
  });

  it('are read in the encoding their <meta> declares, and a right-to-left page is shown right to left', async () => {
    const russian = 'Городской совет проголосовал во вторник за восстановление старой стены гавани, которую разрушили зимние штормы.';
    const cyrillic = iconv.encode(newsPage({ lang: 'ru', head: '' }).replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">').replace(story[0]!, russian), 'windows-1251');
    const latin = iconv.encode(newsPage({ lang: 'en' }).replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').replace('The city council voted', 'The city council’s vote came'), 'windows-1252');
    const arabic = newsPage({ lang: 'ar', dir: 'rtl' }).replace(story[0]!, 'صوّت مجلس المدينة يوم الثلاثاء على إعادة بناء جدار الميناء القديم الذي حطمته عواصف الشتاء في ثلاثة أماكن.');
    const dir = await tempProject({ 'seeds/ru.html': cyrillic, 'seeds/en.html': latin, 'seeds/ar.html': arabic });
    const { result } = await buildLedger(dir);
    const byPath = new Map(articlesOf(result.archive).map((article) => [article.source.path, article]));
    const texts = (p: string) => { const body = byPath.get(p)!.body; return body.format === 'paragraphs' ? body.paragraphs.map((paragraph) => paragraph.text) : []; };
    assert.ok(texts('seeds/ru.html').includes(russian));
    assert.equal(byPath.get('seeds/ru.html')!.source.encoding, 'windows-1251 (as its <meta charset> declares)');
    assert.ok(texts('seeds/en.html').some((text) => text.startsWith('The city council’s vote came')), 'iso-8859-1 read as a browser reads it: Windows-1252, curly quote and all');
    const $ = await page(dir, result.view.articles.find((view) => view.source.path === 'seeds/ar.html')!.url);
    assert.deepEqual([$('.article-body').attr('lang'), $('.article-body').attr('dir')], ['ar', 'rtl']);
  });
});

/** A page read as a build reads it, on this thread. */
const readPage = (html: string | Buffer) => {
  const file = fileFromBytes({ kind: 'webpage', displayPath: 'seeds/x.html', absolutePath: '/x.html' }, typeof html === 'string' ? Buffer.from(html) : html);
  return readWebPage({ text: String(file.value ?? ''), path: 'seeds/x.html', id: 'x', raw: file.data.raw! });
};
const paragraphsOf = (html: string) => {
  const { draft } = readPage(html);
  return draft?.body.format === 'paragraphs' ? draft.body.paragraphs : [];
};

describe('odd and hostile pages', () => {
  it('read a page that leaves out <body>, as HTML allows, and keep a line break as a space', () => {
    const texts = paragraphsOf(`<!doctype html><meta charset=utf-8><title>Harbour wall to be rebuilt</title>\n<article>\n${story.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}\n<p>Line one<br>Line two of the last paragraph, which is long enough to be a paragraph of its own.</p>\n</article>`).map((paragraph) => paragraph.text);
    assert.deepEqual(texts.slice(0, 3), story);
    assert.equal(texts[3], 'Line one Line two of the last paragraph, which is long enough to be a paragraph of its own.');
  });

  it('refuse a page nested deeper than any news page, before Readability reads it', () => {
    const deep = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(3000)}<p>${story[0]}</p>${'</div>'.repeat(3000)}</body></html>`;
    const { draft, messages } = readPage(deep);
    assert.equal(draft, null);
    assert.match(messages[0]!.reason, new RegExp(`nest more than ${maxPageDepth} deep`));
    assert.equal(readPage('<html><head><title>F</title></head><frameset><frame src="a.html"></frameset></html>').messages[0]!.reason, 'The page is a frameset: its text is in the files of its frames, not in this one');
  });

  it('take a date only from the article: not another object\'s JSON-LD, not a teaser\'s <time>, and an offset written +0100 is kept', () => {
    const dated = (head: string, body = '') => readPage(newsPage({ head }).replace(/<script type="application\/ld\+json">.*<\/script>/, '').replace('<article>', `${body}<article>`)).draft?.date ?? null;
    assert.equal(dated('<script type="application/ld+json">[{"@type":"WebSite","datePublished":"2001-01-01"},{"@type":"NewsArticle","datePublished":"2024-03-05"}]</script>'), '2024-03-05');
    assert.equal(dated('<meta property="article:published_time" content="2024-03-05T09:30:00+0100">'), '2024-03-05T09:30:00+01:00');
    assert.equal(dated('<meta property="article:published_time" content="2024-03-05 09:30">'), '2024-03-05', 'no offset: the calendar date only');
    assert.equal(dated('', '<aside><article><h3>Older</h3><time datetime="2019-01-01">2019</time></article></aside>'), null, 'a teaser\'s time is not the article\'s');
  });

  it('obey only a real charset declaration, resolved as a browser resolves it', () => {
    const latin = Buffer.concat([Buffer.from('<html><head><meta name="description" content="Set charset=koi8-r in the form"><title>Caf'), Buffer.from([0xe9]), Buffer.from('</title></head><body></body></html>')]);
    assert.equal(decodeHtml(latin).text.includes('Café'), true, 'a description that mentions a charset is not a declaration');
    assert.equal(decodeHtml(Buffer.from('<meta charset="utf-16"><title>C++ plain</title>')).text, '<meta charset="utf-16"><title>C++ plain</title>');
    assert.match(decodeHtml(Buffer.from('<meta charset="utf-7"><title>C++</title>')).encoding, /names utf-7, an encoding browsers do not know/);
    assert.equal(decodeHtml(Buffer.concat([Buffer.from('<meta charset="latin1"><p>'), Buffer.from([0x93, 0x71, 0x94])])).text, '<meta charset="latin1"><p>“q”');
  });

  it('place each paragraph on its line though markup splits its words (a drop cap, a bold number)', () => {
    const html = `<html><head><title>Lines</title></head><body>\n<article>\n<p><span class="dropcap">T</span>he city council voted on Tuesday to rebuild the old harbour wall, which the storms had broken.</p>\n<p><b>12</b> workers will begin in the spring and stay for two years, the council said in its statement.</p>\n<p>Residents who had campaigned for the repair for a decade welcomed the vote on the harbour wall.</p>\n</article></body></html>`;
    assert.deepEqual(paragraphsOf(html).map((paragraph) => paragraph.line), [3, 4, 5]);
  });
});

// The 30 test pages of Readability itself, read in place beside the repository (never copied into it).
const corpus = process.env.NEWS_ARCHIVE_READABILITY ?? path.resolve(repoRoot, '../shared/corpus/readability');

describe("Readability's own test pages", { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}: set NEWS_ARCHIVE_READABILITY to its folder to run this suite` }, () => {
  it('give the headline, byline, language and direction Readability expects of them', () => {
    const pages = readdirSync(corpus).filter((name) => existsSync(path.join(corpus, name, 'source.html')));
    assert.equal(pages.length, 30);
    for (const name of pages) {
      const expected = JSON.parse(readFileSync(path.join(corpus, name, 'expected-metadata.json'), 'utf8'));
      const file = fileFromBytes({ kind: 'webpage', displayPath: `seeds/${name}.html`, absolutePath: path.join(corpus, name, 'source.html') }, readFileSync(path.join(corpus, name, 'source.html')));
      const draft = parseWebPage(file, name);
      assert.ok(draft, `${name}: ${file.messages.join('; ')}`);
      assert.equal(draft.headline, expected.title, name);
      assert.equal(draft.byline, expected.byline ?? null, name);
      assert.equal(draft.lang?.toLowerCase() ?? null, expected.lang?.toLowerCase() ?? null, name);
      if (expected.dir) assert.equal(draft.source.page?.dir, expected.dir, name);
      if (expected.publishedTime && draft.date) assert.equal(draft.date.slice(0, 10), expected.publishedTime.slice(0, 10), name);
    }
  });
});
