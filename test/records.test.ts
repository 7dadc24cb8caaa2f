import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { WARCRecord, WARCSerializer } from 'warcio';
import { outputPathOf } from '../src/view/urls.ts';
import { articlesOf, buildLedger, cli, readText, tempProject } from './helpers.ts';

// Issue 14: files that hold many articles (a scraper's JSON Lines or JSON, WARC captures) give
// an article or a rejection for every record in them.

const page = async (dir: string, url: string) => cheerio.load(await readText(path.join(dir, 'site', outputPathOf(url))));
const line = (record: unknown) => JSON.stringify(record);

const bridge = {
  title: 'Council approves new bridge',
  text: 'The city council voted 7-2 on Tuesday to approve a new pedestrian bridge over the river.\nConstruction is expected to begin next spring, officials said.\nAdvertisement',
  date: '2024-03-05',
  author: 'Jane Doe',
  source: 'https://example.com/bridge',
  hostname: 'example.com',
  categories: 'Local;Transport',
  tags: 'bridges;council',
  language: 'fr',
  fingerprint: 'c2f1a9',
  raw_text: 'The city council voted...',
};

/** A WARC file as a crawler writes it, through warcio's own serializer: a gzip member a record when `gzip`. */
async function warcFile(records: WARCRecord[], gzip: boolean, digest?: { algo: 'sha-1'; prefix: 'sha1:'; base32: true }): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const record of records) parts.push(await WARCSerializer.serialize(record, { gzip, ...(digest ? { digest } : {}) }));
  return Buffer.concat(parts);
}

async function* payload(bytes: Uint8Array) {
  yield bytes;
}

const captured = '2024-02-03T04:05:06Z';
const floodHtml = (extra = '') => `<!doctype html><html lang="en"><head><title>Flood waters recede in the valley</title>
<meta property="article:published_time" content="2024-02-01T08:00:00Z"></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Flood waters recede in the valley</h1>
<p>Residents of the valley began returning home on Friday as flood waters receded after a week of heavy rain across the region.</p>
<p>Emergency services said more than 300 homes had been damaged, and that roads would stay closed until inspections were complete.</p>
<p>The mayor thanked the volunteers who had filled sandbags through the night and said the town would rebuild what it had lost.</p>
</article>${extra}</body></html>`;

/** A crawl of one news page: its request, the page, an image, a redirect and the crawl's own record. */
const crawl = (html: string | Uint8Array, contentType = 'text/html; charset=utf-8') => [
  WARCRecord.createWARCInfo({ filename: 'crawl.warc.gz', warcVersion: 'WARC/1.1', date: captured }, { software: 'a test crawler' }),
  WARCRecord.create({ url: 'https://valley.example/flood', date: captured, type: 'request', statusline: 'GET /flood HTTP/1.1', httpHeaders: { Host: 'valley.example' } }),
  WARCRecord.create({ url: 'https://valley.example/flood', date: captured, type: 'response', httpHeaders: { 'Content-Type': contentType } }, payload(typeof html === 'string' ? new TextEncoder().encode(html) : html)),
  WARCRecord.create({ url: 'https://valley.example/logo.png', date: captured, type: 'response', httpHeaders: { 'Content-Type': 'image/png' } }, payload(Buffer.from('89504e470d0a1a0a', 'hex'))),
  WARCRecord.create({ url: 'https://valley.example/old', date: captured, type: 'response', statusline: 'HTTP/1.1 301 Moved Permanently', httpHeaders: { Location: 'https://valley.example/flood' } }),
];

describe('scraper output (JSON Lines and JSON)', () => {
  it('makes each line an article or a rejection naming the file and the line, and the inputs add up record by record', async () => {
    const feed = [line(bridge), 'not json at all', '', line({ title: 'A title and no text', date: '2024-01-01' }), line({ title: 'A date that is no date', text: 'A short story whose date the scraper could not read.\n\nIts second paragraph.', date: 'last Tuesday' })].join('\n');
    const dir = await tempProject({ 'seeds/feed.jsonl': `${feed}\n` });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/feed.jsonl']?.status, 'held');
    assert.match(byPath['seeds/feed.jsonl']!.holds!, /^Holds 4 records that could be articles/);
    assert.equal(byPath['seeds/feed.jsonl#1']?.status, 'article');
    assert.equal(byPath['seeds/feed.jsonl#2']?.status, 'rejected');
    assert.match(byPath['seeds/feed.jsonl#2']!.reason!, /^seeds\/feed\.jsonl:2:1 Record 2 is not valid JSON/);
    // The blank third line is no record: the fourth line is the third record.
    assert.match(byPath['seeds/feed.jsonl#3']!.reason!, /^seeds\/feed\.jsonl:4:1 Record 3 has no article: text is required/);
    assert.equal(byPath['seeds/feed.jsonl#4']?.status, 'article');
    assert.deepEqual(byPath['seeds/feed.jsonl#4']!.warnings, ['5:1 Field date left out: date must be a calendar date like 2024-05-01, or an ISO 8601 date-time with its offset']);
    const { counts } = result;
    assert.deepEqual([counts.files, counts.held, counts.records, counts.articles, counts.rejected], [1, 1, 4, 2, 2]);
    assert.equal(counts.records, counts.articles + counts.rejected, 'every record is an article or a rejection');

    const article = articlesOf(result.archive).find((candidate) => candidate.source.path === 'seeds/feed.jsonl#1')!;
    assert.equal(article.source.kind, 'scraped');
    assert.equal(article.headline, 'Council approves new bridge');
    assert.deepEqual(article.body.format === 'paragraphs' && article.body.paragraphs.map((paragraph) => paragraph.text), [
      'The city council voted 7-2 on Tuesday to approve a new pedestrian bridge over the river.',
      'Construction is expected to begin next spring, officials said.',
    ], 'a line of the text a paragraph, the site leftover separated');
    assert.deepEqual(article.source.leftovers.map((leftover) => [leftover.line, leftover.text]), [[3, 'Advertisement']]);
    assert.equal(article.date, '2024-03-05');
    assert.equal(article.byline, 'Jane Doe');
    assert.equal(article.sourceUrl, 'https://example.com/bridge');
    assert.equal(article.section, 'Local');
    assert.deepEqual(article.tags, ['bridges', 'council', 'Transport']);
    assert.equal(article.lang, 'fr');
    assert.deepEqual(article.source.record?.unused, ['fingerprint', 'raw_text']);
    const undated = articlesOf(result.archive).find((candidate) => candidate.source.path === 'seeds/feed.jsonl#4')!;
    assert.equal(undated.date, null, 'a date that is no date is left out, never guessed');

    // Its page says where it came from; its download is the record as the file holds it, under a name of its own.
    const $ = await page(dir, `articles/${article.slug}/`);
    const notes = $('.source-notes, #source-notes, section').text();
    assert.match(notes, /Archived from record 1 of seeds\/feed\.jsonl, a scraper’s output in JSON Lines, on line 1/);
    assert.match(notes, /Fields of the record the archive does not show: fingerprint, raw_text/);
    assert.equal($('[lang="fr"]').length > 0, true, 'the text carries the record’s language');
    const download = $('a[download]');
    assert.equal(download.attr('download'), 'feed-1.json');
    const downloaded = readFileSync(path.join(dir, 'site', outputPathOf(`articles/${article.slug}/`), '..', download.attr('href')!));
    assert.deepEqual(JSON.parse(downloaded.toString('utf8')), bridge);
    assert.equal(downloaded.toString('utf8'), line(bridge), 'byte for byte');
    const original = await page(dir, `articles/${article.slug}/original/`);
    assert.match(original.text(), /Advertisement/, 'the original text shows the record’s text line by line');
  });

  it('reads a JSON array of records, each from the line it starts on, and rejects a file that is not JSON where it breaks', async () => {
    const array = `[\n  ${JSON.stringify({ title: 'Markets rally on rate hopes', text: 'Stocks rose sharply on Wednesday as investors bet on lower rates.\nThe index gained two per cent.', date: '2024-05-01T09:30:00' }, null, 2).replace(/\n/g, '\n  ')},\n  ${line({ title: 'Second of the array', text: 'The second record of the array, with a paragraph of its own.' })}\n]\n`;
    const dir = await tempProject({ 'seeds/batch.json': array, 'seeds/broken.json': '[\n  {"title": "A", "text": "B"},\n  {"title": oops}\n]\n', 'seeds/one.json': line({ title: 'One record alone', text: 'A scraper writes one object for one page.' }), 'seeds/prose.json': 'Not JSON: a note somebody saved with the wrong name.\n' });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/batch.json#1']?.status, 'article');
    assert.equal(byPath['seeds/batch.json#2']?.status, 'article');
    assert.equal(byPath['seeds/one.json#1']?.status, 'article');
    // A file that is not JSON as a whole is read record by record: the broken one is rejected at its line.
    assert.equal(byPath['seeds/broken.json#1']?.status, 'article');
    assert.match(byPath['seeds/broken.json#2']!.reason!, /^seeds\/broken\.json:3:1 Record 2 is not valid JSON/);
    assert.match(byPath['seeds/broken.json']!.warnings.join(), /not valid JSON as a whole: its records were read one by one/);
    assert.equal(byPath['seeds/prose.json']?.status, 'rejected');
    assert.match(byPath['seeds/prose.json']!.reason!, /^seeds\/prose\.json: Not valid JSON/);
    const [first, second] = ['seeds/batch.json#1', 'seeds/batch.json#2'].map((key) => articlesOf(result.archive).find((candidate) => candidate.source.path === key)!);
    assert.deepEqual([first!.source.record?.line, second!.source.record?.line], [2, 7]);
    assert.equal(first!.date, '2024-05-01', 'a date-time without its offset names its day, no more');
  });

  it('gives every record of a broken JSON file, at its line: arrays one after another, a string left open, a comma missing', async () => {
    const record = (title: string) => line({ title, text: `${title}: a paragraph of the story as the scraper saved it.` });
    const dir = await tempProject({
      'seeds/appended.json': `[${record('First run one')}]\n[${record('Second run one')},\n${record('Second run two')}]\n`,
      'seeds/open-string.json': `[\n{"title": "Left open", "text": "the string never closes},\n${record('After the open string')}\n]`,
      'seeds/no-comma.json': `[\n${record('Before the missing comma')}\n${record('After the missing comma')}\n]`,
    });
    const { result, byPath } = await buildLedger(dir);
    assert.deepEqual(['#1', '#2', '#3'].map((n) => byPath[`seeds/appended.json${n}`]?.status), ['article', 'article', 'article']);
    assert.equal(byPath['seeds/appended.json#4'], undefined);
    assert.match(byPath['seeds/open-string.json#1']!.reason!, /^seeds\/open-string\.json:2:1 Record 1 is not valid JSON/);
    assert.equal(byPath['seeds/open-string.json#2']?.status, 'article');
    assert.deepEqual(['#1', '#2'].map((n) => byPath[`seeds/no-comma.json${n}`]?.status), ['article', 'article']);
    const headlines = articlesOf(result.archive).map((article) => [article.source.path, article.source.record?.line, article.headline]);
    assert.deepEqual(headlines.filter(([path]) => String(path).startsWith('seeds/appended')), [
      ['seeds/appended.json#1', 1, 'First run one'],
      ['seeds/appended.json#2', 2, 'Second run one'],
      ['seeds/appended.json#3', 3, 'Second run two'],
    ]);
    assert.equal(result.counts.records, result.counts.articles + result.counts.rejected, 'no record lost');
  });

  it('keeps a record’s bytes in its file’s encoding, and refuses UTF-16 whole, saying why', async () => {
    const record = { title: 'Café reopens', text: 'The café on the square reopened on Monday, its owner said.' };
    const latin = Buffer.from(`[${line(record)}, ${line({ ...record, title: 'Second café' })}]`, 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${line(record)}\n${line(record)}\n`, 'utf16le')]);
    const dir = await tempProject({ 'seeds/latin.json': latin, 'seeds/wide.jsonl': utf16, 'seeds/wide.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`[${line(record)}]`, 'utf16le')]) });
    const { result, byPath } = await buildLedger(dir);
    for (const name of ['seeds/wide.jsonl', 'seeds/wide.json']) {
      assert.equal(byPath[name]?.status, 'rejected', name);
      assert.match(byPath[name]!.reason!, /UTF-16 \(its byte-order mark says so\), and a scraper’s JSON is UTF-8/, name);
    }
    const second = articlesOf(result.archive).find((article) => article.source.path === 'seeds/latin.json#2')!;
    assert.equal(second.headline, 'Second café');
    assert.match(second.source.encoding, /Windows-1252|Latin-1/);
    const $ = await page(dir, `articles/${second.slug}/`);
    const downloaded = readFileSync(path.join(dir, 'site', outputPathOf(`articles/${second.slug}/`), '..', $('a[download]').attr('href')!));
    assert.deepEqual(downloaded, Buffer.from(line({ ...record, title: 'Second café' }), 'latin1'), 'the record as the file holds it, byte for byte');
  });

  it('keeps each record’s address when records are inserted before it, made from its own id or URL, and says so', async () => {
    const story = (title: string, extra: Record<string, string> = {}) => ({ title, text: `${title}: the opening paragraph of a story the scraper saved in full.\nIts second line, a paragraph of its own.`, ...extra });
    const dir = await tempProject({
      'seeds/feed.jsonl': [story('Harbour reopens after storm', { url: 'https://example.com/harbour' }), story('Library extends its hours'), story('School wins robotics prize', { id: 'item-77' })].map(line).join('\n'),
    });
    const slugsOf = async () => Object.fromEntries(articlesOf((await buildLedger(dir)).result.archive).map((article) => [article.headline, article.slug]));
    const before = await slugsOf();
    // A record inserted at the top, and the same page scraped twice (one URL, two records).
    await writeFile(path.join(dir, 'seeds/feed.jsonl'), [story('Bakery opens on the square', { url: 'https://example.com/bakery' }), story('Harbour reopens after storm', { url: 'https://example.com/harbour' }), story('Library extends its hours'), story('School wins robotics prize', { id: 'item-77' }), story('Harbour reopens: the update', { url: 'https://example.com/harbour' })].map(line).join('\n'));
    const { result } = await buildLedger(dir);
    const after = Object.fromEntries(articlesOf(result.archive).map((article) => [article.headline, article.slug]));
    assert.equal(after['Harbour reopens after storm'], before['Harbour reopens after storm'], 'named by its url');
    assert.equal(after['School wins robotics prize'], before['School wins robotics prize'], 'named by its id');
    assert.notEqual(after['Library extends its hours'], before['Library extends its hours'], 'a record that names nothing is named by its place, which moved');
    assert.equal(new Set(Object.values(after)).size, 5, 'two records of one URL are two articles, each with its own address');
    const notesOf = async (headline: string) => (await page(dir, `articles/${after[headline]}/`))('main').text();
    assert.match(await notesOf('Harbour reopens after storm'), /Its address in this archive is made from the address it names \(https:\/\/example\.com\/harbour\), so it stays when records are added/);
    assert.match(await notesOf('School wins robotics prize'), /made from its own id field \(“item-77”\)/);
    assert.match(await notesOf('Library extends its hours'), /names neither an id nor an address, so its address in this archive is made from its place in the file \(record 3\)/);
  });

  it('refuses addresses that are not web addresses and shows nothing of a record as markup', async () => {
    const hostile = { title: '<img src=x onerror=alert(1)>', text: '<script>alert(1)</script> is how the story opens.', url: 'javascript:alert(1)' };
    const dir = await tempProject({ 'seeds/hostile.jsonl': line(hostile) });
    const { result, byPath } = await buildLedger(dir);
    assert.deepEqual(byPath['seeds/hostile.jsonl#1']!.warnings, ['1:1 Field url left out: "javascript:alert(1)" is not an http or https address']);
    const article = articlesOf(result.archive)[0]!;
    assert.equal(article.sourceUrl, null);
    const $ = await page(dir, `articles/${article.slug}/`);
    assert.equal($('script:not([type="application/ld+json"])').length, 0);
    assert.equal($('img[onerror]').length, 0);
    assert.match($('h1').text(), /<img src=x onerror=alert\(1\)>/, 'shown as text');
  });
});

describe('WARC captures', () => {
  for (const gzip of [true, false]) {
    it(`make each HTML response of a ${gzip ? '.warc.gz' : '.warc'} an article, "captured on" never its date, and count the other records in the ledger`, async () => {
      const name = gzip ? 'seeds/crawl.warc.gz' : 'seeds/crawl.warc';
      const dir = await tempProject({ [name]: await warcFile(crawl(floodHtml()), gzip) });
      const { result, byPath } = await buildLedger(dir);
      assert.equal(byPath[name]?.status, 'held');
      assert.equal(byPath[name]!.holds, 'Holds 1 record that could be an article, listed after it as an input of its own; 4 other records are not articles: 1 image, 1 redirect, 1 request, 1 warcinfo record.');
      assert.equal(byPath[`${name}#3`]?.status, 'article');
      assert.equal(result.counts.otherRecords, 4);
      const article = articlesOf(result.archive)[0]!;
      assert.equal(article.source.kind, 'webpage');
      assert.equal(article.headline, 'Flood waters recede in the valley');
      assert.equal(article.date, '2024-02-01T08:00:00Z', 'the page’s own date of publication');
      assert.equal(article.source.record?.warc?.capturedOn, captured);
      assert.equal(article.source.record?.warc?.targetUri, 'https://valley.example/flood');
      assert.match(article.source.record?.warc?.recordId ?? '', /^<urn:uuid:/);
      assert.match(article.source.record?.warc?.payloadDigest ?? '', /^sha256:/);
      assert.equal(article.source.record?.warc?.digestCheck, 'matches');
      assert.equal(article.source.record?.identity.by, 'record-id');
      const $ = await page(dir, `articles/${article.slug}/`);
      const text = $('main').text();
      assert.match(text, /record 3, the response \(HTTP 200\) for https:\/\/valley\.example\/flood/);
      assert.match(text, /Captured on 2024-02-03T04:05:06Z \(its WARC-Date\): when the page was fetched, which is not the date it was published/);
      assert.match(text, /read as UTF-8 \(as its HTTP Content-Type declares\)/);
      assert.match(text, /its payload digest sha256:[0-9a-f]{64}, which matches the payload the file holds/);
      assert.equal($('a[download]').attr('download'), `crawl-3.html.txt`, 'never a name a host serves as HTML');
    });
  }

  it('checks each page’s payload digest (SHA-1 in base 32, as crawlers write it) and warns of a payload that does not match', async () => {
    const sha1 = { algo: 'sha-1', prefix: 'sha1:', base32: true } as const;
    const whole = await warcFile(crawl(floodHtml()), false, sha1);
    // A byte of the page changed after the capture was written, its length kept.
    const changed = Buffer.from(whole.toString('latin1').replace('heavy rain', 'heavy snow'), 'latin1');
    const dir = await tempProject({ 'seeds/good.warc': whole, 'seeds/changed.warc': changed });
    const { result, byPath } = await buildLedger(dir);
    const byFile = Object.fromEntries(articlesOf(result.archive).map((article) => [article.source.record!.file, article]));
    assert.match(byFile['seeds/good.warc']!.source.record!.warc!.payloadDigest!, /^sha1:[A-Z2-7]{32}$/);
    assert.equal(byFile['seeds/good.warc']!.source.record!.warc!.digestCheck, 'matches');
    assert.equal(byFile['seeds/changed.warc']!.source.record!.warc!.digestCheck, 'differs');
    assert.deepEqual(byPath['seeds/good.warc#3']!.warnings, []);
    assert.match(byPath['seeds/changed.warc#3']!.warnings.join('\n'), /Record 3's payload does not match its WARC-Payload-Digest \(sha1:[A-Z2-7]{32}\): the capture was damaged or changed after it was written/);
    const $ = await page(dir, `articles/${byFile['seeds/changed.warc']!.slug}/`);
    assert.match($('main').text(), /which does not match the payload the file holds/);
  });

  it('reads a Brotli page, and rejects, saying which record and why, a page in an encoding it cannot undo or with no HTML', async () => {
    const html = new TextEncoder().encode(floodHtml());
    const response = (url: string, headers: Record<string, string>, body: Uint8Array) => WARCRecord.create({ url, date: captured, type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8', ...headers } }, payload(body));
    const dir = await tempProject({
      'seeds/mixed.warc': await warcFile([
        response('https://valley.example/br', { 'Content-Encoding': 'br' }, brotliCompressSync(html)),
        response('https://valley.example/zstd', { 'Content-Encoding': 'zstd' }, html),
        response('https://valley.example/empty', {}, new Uint8Array()),
        response('https://valley.example/blank', {}, new TextEncoder().encode('  \n ')),
      ], false),
    });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/mixed.warc#1']?.status, 'article');
    assert.equal(articlesOf(result.archive)[0]!.headline, 'Flood waters recede in the valley');
    assert.equal(byPath['seeds/mixed.warc#2']!.reason, 'seeds/mixed.warc: Record 2: its payload is in the content encoding zstd, which the archive cannot undo');
    assert.equal(byPath['seeds/mixed.warc#3']!.reason, 'seeds/mixed.warc: Record 3 is empty: no headline and no body');
    assert.match(byPath['seeds/mixed.warc#4']!.reason!, /^seeds\/mixed\.warc: Record 4 holds no HTML element/);
  });

  it('takes a page’s encoding from the response’s Content-Type, before its <meta>', async () => {
    const html = Buffer.from(floodHtml().replace('<head>', '<head><meta charset="utf-8">').replace('the valley began', 'the vallée began'), 'latin1');
    const dir = await tempProject({ 'seeds/latin.warc': await warcFile(crawl(html, 'text/html; charset=ISO-8859-1'), false) });
    const { result } = await buildLedger(dir);
    const article = articlesOf(result.archive)[0]!;
    assert.match(article.body.format === 'paragraphs' ? article.body.paragraphs[0]!.text : '', /the vallée began/);
    assert.match(article.source.encoding, /as its HTTP Content-Type declares/);
  });

  it('keeps the records before the damage of a cut-short or corrupt WARC and says where reading stopped', async () => {
    const whole = await warcFile(crawl(floodHtml()), false);
    const gzipped = await warcFile(crawl(floodHtml()), true);
    const dir = await tempProject({
      'seeds/cut.warc': whole.subarray(0, whole.length - 40),
      'seeds/cut.warc.gz': gzipped.subarray(0, gzipped.length - 60),
      // Cut inside the last record's WARC header: warcio gives a record without a Content-Length.
      'seeds/cut-header.warc': whole.subarray(0, whole.lastIndexOf('WARC/1.') + 40),
      'seeds/noise.warc': Buffer.from(Array.from({ length: 3000 }, (_, index) => (index * 7919) % 251)),
      // A Content-Length 5 bytes short: warcio reads on, and says so on the console.
      'seeds/short.warc': Buffer.from(whole.toString('latin1').replace(/Content-Length: (\d+)/, (_, length: string) => `Content-Length: ${Number(length) - 5}`), 'latin1'),
    });
    const { result, byPath } = await buildLedger(dir);
    for (const name of ['seeds/cut.warc', 'seeds/cut.warc.gz']) {
      assert.equal(byPath[name]?.status, 'held', name);
      assert.match(byPath[name]!.holds!, /reading stopped at byte [\d,]+: /, name);
      assert.match(byPath[name]!.warnings.join('\n'), /Reading stopped at byte [\d,]+: .*; the record before it is kept/, name);
      assert.equal(byPath[`${name}#3`]?.status === 'article' || byPath[`${name}#3`]?.status === 'duplicate', true, `${name}: the page before the damage is kept`);
    }
    assert.match(byPath['seeds/cut.warc']!.holds!, /record 5 is cut short/);
    assert.match(byPath['seeds/cut-header.warc']!.holds!, /record 5 (?:has no WARC-Type|is cut short inside its WARC header)/);
    assert.match(byPath['seeds/short.warc']!.warnings.join('\n'), /warcio, reading it, said: Content-Length Too Small: Record not followed by newline/);
    assert.equal(byPath['seeds/short.warc#3']?.status === 'article' || byPath['seeds/short.warc#3']?.status === 'duplicate', true);
    assert.equal(byPath['seeds/noise.warc']?.status, 'rejected');
    assert.match(byPath['seeds/noise.warc']!.reason!, /^seeds\/noise\.warc: Not a WARC file/);
    assert.equal(result.counts.files - result.counts.held + result.counts.records, result.counts.articles + result.counts.duplicates + result.counts.rejected);
    // A gzip member is a record: the file cut inside its last one keeps the others whole.
    assert.ok(gunzipSync(gzipped).length > 0);
  });

  it('prints the count of records in the build summary, adding up', async () => {
    const dir = await tempProject({ 'seeds/crawl.warc.gz': await warcFile(crawl(floodHtml()), true), 'seeds/feed.jsonl': `${line(bridge)}\n{}\n` });
    const { code, stdout } = await cli(dir, ['build']);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /2 files read \(0 seeds, 0 Markdown, 2 files of records, holding 3 records and 4 that are not articles\)/);
    assert.match(stdout, /2 articles \+ 0 pages \+ 1 rejected = 3 inputs \(0 files and 3 records\)/);
  });
});
