import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { VFile } from 'vfile';
import { loadArchive } from '../src/pipeline/archive.ts';
import { decode } from '../src/ingest/decode.ts';
import { lineEndingsOf } from '../src/ingest/lines.ts';
import { learnRecurringLines } from '../src/ingest/recurring.ts';
import { parseSeed } from '../src/ingest/seed.ts';
import type { Article } from '../src/model/article.ts';
import { outputPathOf } from '../src/view/urls.ts';
import { buildLedger, readText, tempProject, articlesOf } from './helpers.ts';

function seedFile(text: string): VFile {
  const file = new VFile({ path: 'seeds/x.txt', value: text });
  file.data.raw = { kind: 'seed', absolutePath: 'x', sha256: '0'.repeat(64), size: text.length, encoding: 'UTF-8', encodingGuessed: false, lineEndings: lineEndingsOf(text), record: null };
  return file;
}
const texts = (draft: ReturnType<typeof parseSeed>) => (draft?.body.format === 'paragraphs' ? draft.body.paragraphs.map((paragraph) => paragraph.text) : []);
const warnings = (file: VFile) => file.messages.filter((message) => message.fatal === false).map((message) => `${message.line}: ${message.reason}`);
const archiveOf = (dir: string) => loadArchive({ seedsDir: 'seeds', contentDir: 'content', maxBytes: 5_000_000, cwd: dir });
const articleAt = (articles: Article[], file: string) => articles.find((article) => article.source.path === file)!;
const page = async (dir: string, url: string) => cheerio.load(await readText(path.join(dir, 'site', outputPathOf(url))));

describe('encodings', () => {
  it('reads UTF-8 with and without BOM, UTF-16 either way round with BOM, Windows-1252 and Latin-1, never as mojibake', () => {
    const text = 'Caf\u00e9 \u201cquoted\u201d \u00a3';
    assert.deepEqual(decode(Buffer.from(text)), { text, encoding: 'UTF-8', guessed: false });
    assert.deepEqual(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), { text, encoding: 'UTF-8 with BOM', guessed: false });
    assert.deepEqual(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), { text, encoding: 'UTF-16LE with BOM', guessed: false });
    assert.deepEqual(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])), { text, encoding: 'UTF-16BE with BOM', guessed: false });
    // 0x91-0x94 are curly quotes in Windows-1252; 0xA3 alone is the pound sign in Latin-1.
    assert.deepEqual(decode(Buffer.from([0x91, 0x61, 0x92, 0x20, 0x93, 0x62, 0x94])), { text: '\u2018a\u2019 \u201cb\u201d', encoding: 'Windows-1252', guessed: true });
    assert.deepEqual(decode(Buffer.from([0xa3, 0x35, 0x30, 0x6d])), { text: '\u00a350m', encoding: 'ISO-8859-1 (Latin-1)', guessed: true });
  });
});

describe('layout', () => {
  it('joins a hard-wrapped block with spaces, splits at blank lines and at indents, whatever the line endings', () => {
    const text = 'Headline  \r\n\r\n\r\n\r\nFirst line of a\rwrapped paragraph\t \nwith a third line.\r\n\r\nSecond.\n  Indented third.\n  Still third.\n\tFourth, by tab.';
    const draft = parseSeed(seedFile(text), 'x');
    assert.equal(draft?.headline, 'Headline');
    assert.deepEqual(texts(draft), ['First line of a wrapped paragraph with a third line.', 'Second.', 'Indented third. Still third. Fourth, by tab.']);
    assert.deepEqual(draft?.body.format === 'paragraphs' && draft.body.paragraphs.map(({ line, endLine }) => [line, endLine]), [[5, 7], [9, 9], [10, 12]]);
  });

  it('shows HTML entities written as text as their characters, and says so', async () => {
    const dir = await tempProject({ 'seeds/e.txt': 'Caf&#233; &amp; bar\n\nA &lt;b&gt; tag, caf&eacute; and AT&T.\n' });
    const { result } = await buildLedger(dir);
    const article = articlesOf(result.archive)[0]!;
    assert.equal(article.headline, 'Café & bar');
    assert.deepEqual(texts(article as never), ['A <b> tag, café and AT&T.']);
    assert.deepEqual(article.source.entityLines, [1, 3]);
    const $ = await page(dir, result.view.articles[0]!.url);
    assert.equal($('h1').text(), 'Café & bar');
    assert.equal($('#p1').text(), 'A <b> tag, café and AT&T.');
    assert.match($('#source-notes').text(), /HTML entities written as text .* on lines 1, 3/);
    const original = await page(dir, result.view.articles[0]!.originalUrl);
    assert.equal(original('#L1 .text').text(), 'Caf&#233; &amp; bar');
  });
});

describe('leftovers', () => {
  const seed = [
    'Skip to content',
    'Ministers agree budget',
    '',
    'Ministers agreed the budget on Tuesday.',
    '',
    'Advertisement',
    '',
    'The vote was close.',
    'Getty Images',
    '',
    'Read more: Budget explained',
    '',
    'Related: Ministers meet',
    '',
    'Critics said it was unfair.',
    '',
    'Share this',
    'Follow us on Twitter',
    '(AP)',
  ].join('\n');

  it('separates the common kinds wherever they stand, each with its rule and place', () => {
    const file = seedFile(seed);
    const draft = parseSeed(file, 'x');
    assert.equal(draft?.headline, 'Ministers agree budget');
    assert.deepEqual(texts(draft), ['Ministers agreed the budget on Tuesday.', 'The vote was close.', 'Critics said it was unfair.']);
    assert.deepEqual(
      draft?.source.leftovers.map(({ line, rule, position }) => `${line} ${rule} ${position}`),
      ['1 widget-label head', '6 advertisement body', '9 photo-credit body', '11 read-more-link body', '13 related-link body', '17 share-label tail', '18 follow-label tail', '19 photo-credit tail'],
    );
    assert.deepEqual(warnings(file), []);
  });

  it('learns a line that recurs at the foot of many seeds, whatever its words, and never a line of one story', async () => {
    const footer = 'Copyright Example Media. All rights reserved, and reproduction is forbidden.';
    const stock = 'The company did not respond to a request for comment.';
    const dir = await tempProject({
      'seeds/a.txt': `Alpha rises\n\nAlpha rose today.\n\n${footer}\n`,
      'seeds/b.txt': `Beta falls\n\nBeta fell.\n\n${footer}\n`,
      'seeds/c.txt': `Gamma holds\n\nGamma held.\n\n${footer}\n`,
      'seeds/e.txt': `Epsilon grows\n\nEpsilon grew.\n\n${footer}\n`,
      'seeds/f.txt': `Phi shrinks\n\nPhi shrank.\n\n${footer}\n`,
      // Three reports that end on the same sentence keep it: too few to be sure.
      'seeds/x1.txt': `Firm one sued\n\nThe first firm was sued.\n\n${stock}\n`,
      'seeds/x2.txt': `Firm two sued\n\nThe second firm was sued.\n\n${stock}\n`,
      'seeds/x3.txt': `Firm three sued\n\nThe third firm was sued.\n\n${stock}\n`,
      // Two versions of one story share their closing paragraph: it stays theirs.
      'seeds/d1.txt': 'Delta wins\n\nDelta won the cup.\n\nThe final score was 2-1.\n',
      'seeds/d2.txt': 'Delta wins\n\nDelta won the cup again.\n\nThe final score was 2-1.\n',
    });
    const archive = await archiveOf(dir);
    const { inputs } = archive;
    const articles = articlesOf(archive);
    for (const name of ['a', 'b', 'c', 'e', 'f']) {
      const article = articleAt(articles, `seeds/${name}.txt`);
      assert.deepEqual(article.source.leftovers.map(({ rule, recurrence, position }) => [rule, recurrence, position]), [['recurring-line', 5, 'tail']]);
      assert.equal(texts(article as never).length, 1);
    }
    const kept = articleAt(articles, 'seeds/x1.txt');
    assert.deepEqual(texts(kept as never), ['The first firm was sued.', stock]);
    assert.match(kept.source.notes.map((note) => note.message).join('\n'), /recurs word for word at the foot of 3 seeds, too few to be sure/);
    assert.deepEqual(texts(articleAt(articles, 'seeds/d1.txt') as never), ['Delta won the cup.', 'The final score was 2-1.']);
    assert.ok(inputs.every((input) => input.outcome.status === 'article'));
  });

  it('takes a title ending in "News" as the headline, not a label, and keeps a paragraph whole around an ad line', () => {
    const draft = parseSeed(seedFile('Markets Cheer Jobs News\n\nShares rose sharply on Friday after the jobs report.\n\nThe minister said on Tuesday that\nAdvertisement\nthe talks would resume.\n\nFollow us on this journey as we bring you more reports from the mountain.\n'), 'x');
    assert.equal(draft?.headline, 'Markets Cheer Jobs News');
    assert.equal(draft?.section, null);
    assert.deepEqual(texts(draft), [
      'Shares rose sharply on Friday after the jobs report.',
      'The minister said on Tuesday that the talks would resume.',
      'Follow us on this journey as we bring you more reports from the mountain.',
    ]);
    assert.deepEqual(draft?.source.leftovers.map(({ line, rule }) => [line, rule]), [[6, 'advertisement']]);
  });

  it('keeps an unsure line in the body with a warning: a short label at the foot that nothing confirms', () => {
    const file = seedFile('Storm hits coast\n\nThe storm hit the coast overnight.\n\nSponsored by Acme\n');
    assert.deepEqual(texts(parseSeed(file, 'x')), ['The storm hit the coast overnight.', 'Sponsored by Acme']);
    assert.deepEqual(warnings(file), ['5: Last line "Sponsored by Acme" looks like a site label (a few words, no closing punctuation) but no rule or other seed confirms it: kept in the body']);
  });

  it('recognises labels between and around paragraphs, but not sentences that contain their words', () => {
    const file = seedFile('Ad market grows\n\nAdvertisement spending rose.\n\nRead more about it in our report.\n\nShare this with your friends, he said.\n');
    assert.deepEqual(texts(parseSeed(file, 'x')).length, 3);
  });
});

describe('headlines, datelines, bylines and dates', () => {
  it('keeps an all-capitals headline as written and warns of a very long one or one that reads like a paragraph', () => {
    assert.equal(parseSeed(seedFile('MARKETS CRASH\n\nText.\n'), 'x')?.headline, 'MARKETS CRASH');
    const long = seedFile(`${'Word '.repeat(70)}end\n\nText.\n`);
    parseSeed(long, 'x');
    assert.match(warnings(long)[0]!, /^1: Headline is 353 characters long, over 300/);
    const paragraph = seedFile('The minister said on Monday that the budget would be agreed before the end of the month.\n\nText.\n');
    parseSeed(paragraph, 'x');
    assert.deepEqual(warnings(paragraph), ['1: First line reads like a paragraph, not a headline; it is shown as the headline']);
  });

  it('reads a wire dateline and a byline into fields, keeping the body verbatim, and lists dates it cannot place', async () => {
    const body = 'WASHINGTON, Feb 26 - The Senate voted on Monday to pass the bill.';
    const dir = await tempProject({ 'seeds/wire.txt': `Senate passes bill\n\nBy Jane Doe, Reuters\n\n${body}\n\nThe House votes on February 24.\n` });
    const { result } = await buildLedger(dir);
    const article = articlesOf(result.archive)[0]!;
    assert.equal(article.byline, 'Jane Doe, Reuters');
    assert.equal(article.dateline, 'WASHINGTON, Feb 26');
    assert.deepEqual(texts(article as never), ['By Jane Doe, Reuters', body, 'The House votes on February 24.']);
    assert.deepEqual(article.source.dateReferences.map((reference) => reference.text), ['Feb 26', 'on Monday', 'February 24']);
    const $ = await page(dir, result.view.articles[0]!.url);
    assert.equal($('.byline').text(), 'By Jane Doe, Reuters');
    assert.match($('#source-notes').text(), /The text names dates that cannot be placed without it: “Feb 26”, “on Monday”, “February 24”/);
    const opening = await tempProject({ 'seeds/wire.txt': `Senate passes bill\n\n${body}\n` });
    const wire = articlesOf(await archiveOf(opening))[0]!;
    assert.equal(wire.dateline, 'WASHINGTON, Feb 26');
    assert.equal(texts(wire as never)[0], body);
  });
});

describe('an editor’s overlay', () => {
  it('gives a seed its date, section, tags, byline, correction and note, and says which facts came from the editor', async () => {
    const dir = await tempProject({
      'seeds/000_a.txt': 'Port reopens\n\nThe port reopened after the storm.\n\nBusiness news\n',
      'seeds/000_a.yml': 'date: 2024-03-05\nsection: Economy\ntags: [ports, storms]\nbyline: Ana Ruiz\ncorrection: An earlier version gave the wrong port.\neditor_note: Checked against the harbour log.\n',
      'seeds/orphan.yml': 'date: 2024-01-01\n',
      'seeds/b.txt': 'Ferry delayed\n\nThe ferry was late.\n',
      'seeds/b.yml': 'date: 2024-02-30\n',
    });
    const { result, byPath } = await buildLedger(dir);
    const article = articleAt(articlesOf(result.archive), 'seeds/000_a.txt');
    assert.equal(article.date, '2024-03-05');
    assert.equal(article.section, 'Economy');
    assert.deepEqual(article.tags, ['ports', 'storms']);
    assert.deepEqual(article.editorial?.fields, ['byline', 'date', 'section', 'tags']);
    assert.equal(byPath['seeds/000_a.yml']?.status, 'overlay');
    assert.equal(byPath['seeds/orphan.yml']?.status, 'rejected');
    assert.match(byPath['seeds/orphan.yml']!.reason!, /Overlay names no seed: there is no seeds\/orphan\.txt \(or \.html\) beside it/);
    assert.match(byPath['seeds/b.yml']!.reason!, /^seeds\/b\.yml:1:1 Invalid overlay "date": date must be a real calendar date/);
    assert.equal(byPath['seeds/b.txt']?.status, 'article');
    assert.deepEqual(result.counts.files, result.counts.articles + result.counts.pages + result.counts.overlays + result.counts.duplicates + result.counts.rejected);

    const $ = await page(dir, result.view.articles.find((view) => view.source.path === 'seeds/000_a.txt')!.url);
    assert.match($('.dateline').text(), /5 March 2024\s*\(date from the editor\)/);
    assert.match($('.kicker').text(), /^Economy \(section from the editor\)$/);
    assert.match($('.tags').text(), /\(tags from the editor\)/);
    assert.match($('.correction').text(), /An earlier version gave the wrong port\./);
    assert.match($('.editor-note').text(), /Checked against the harbour log\./);
    const notes = $('#source-notes').text();
    assert.match(notes, /Given by an editor in seeds\/000_a\.yml, not by the source: the byline, the date, the section, the tags\./);
    assert.match(notes, /The site’s own section label, on line 5, reads “Business news”\./);
    // The headline and the body are the source's.
    assert.equal($('h1').text(), 'Port reopens');
    assert.equal($('#p1').text(), 'The port reopened after the storm.');
  });
});

describe('an overlay naming the language', () => {
  it('marks the seed\'s text with it, right to left for Arabic, and says the editor gave it', async () => {
    const dir = await tempProject({ 'seeds/ar.txt': 'الميناء يعيد فتح أبوابه\n\nأعيد فتح الميناء بعد العاصفة.\n', 'seeds/ar.yml': 'lang: ar\n', 'seeds/en.txt': 'Port reopens\n\nThe port reopened.\n' });
    const { result } = await buildLedger(dir);
    const arabic = articleAt(articlesOf(result.archive), 'seeds/ar.txt');
    assert.equal(arabic.lang, 'ar');
    assert.deepEqual(arabic.editorial?.fields, ['lang']);
    assert.equal(articleAt(articlesOf(result.archive), 'seeds/en.txt').lang, null, 'no language given: unknown, and the site\'s is taken');
    const $ = await page(dir, result.view.articles.find((view) => view.source.path === 'seeds/ar.txt')!.url);
    assert.deepEqual([$('html').attr('lang'), $('html').attr('dir')], ['en', 'ltr']);
    assert.deepEqual([$('.article-body').attr('lang'), $('.article-body').attr('dir')], ['ar', 'rtl']);
    assert.equal($('h1').attr('lang'), 'ar');
    assert.match($('#source-notes').text(), /Given by an editor in seeds\/ar\.yml, not by the source: the language\./);
    const $english = await page(dir, result.view.articles.find((view) => view.source.path === 'seeds/en.txt')!.url);
    assert.equal($english('.article-body').attr('lang'), undefined);
  });
});

describe('overlay mistakes', () => {
  it('rejects a second overlay for one seed and an empty one, and ignores a headline it tries to change', async () => {
    const dir = await tempProject({
      'seeds/a.txt': 'Alpha\n\nBody.\n',
      'seeds/a.yaml': 'headline: A better headline\nsection: World\n',
      'seeds/a.yml': 'section: Sport\n',
      'seeds/b.txt': 'Beta\n\nBody.\n',
      'seeds/b.yml': '',
    });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/a.yml']!.reason, 'seeds/a.yml: seeds/a.yaml already gives facts for seeds/a.txt: keep one overlay per seed');
    assert.equal(byPath['seeds/b.yml']!.reason, 'seeds/b.yml: Empty overlay: it gives no facts for its seed');
    assert.deepEqual(byPath['seeds/a.yaml']!.warnings, ['1:1 "headline" ignored: the headline and the body come only from the seed, and an overlay can never change them']);
    const alpha = articleAt(articlesOf(result.archive), 'seeds/a.txt');
    assert.deepEqual([alpha.headline, alpha.section], ['Alpha', 'World']);
  });
});

describe('files that are not what they seem', () => {
  it('names UTF-16 without a BOM, a pipe, and a file name that is not UTF-8, one line each', async () => {
    const dir = await tempProject({ 'seeds/wide.txt': Buffer.from('Headline\n\nBody text.\n', 'utf16le'), 'seeds/good.txt': 'Good\n\nBody.\n' });
    execFileSync('mkfifo', [path.join(dir, 'seeds/pipe.txt')]);
    writeFileSync(Buffer.from(path.join(dir, 'seeds/bad\xffname.txt'), 'latin1'), 'Bad name\n\nBody.\n');
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/wide.txt']!.reason, 'seeds/wide.txt: File looks like UTF-16 without a byte-order mark: save it as UTF-8, or as UTF-16 with a BOM');
    assert.equal(byPath['seeds/pipe.txt']!.reason, 'seeds/pipe.txt: Not a regular file (a pipe, socket or device): not read');
    const badName = result.view.ledger.find((entry) => entry.path.startsWith('seeds/bad'))!;
    assert.match(badName.reason!, /File name is not valid UTF-8, so the file cannot be opened by name: rename it$/);
    assert.equal(result.counts.articles, 1);
    assert.equal(result.counts.files, 4);
  });
});

describe('duplicates', () => {
  it('builds exact copies once and lists the others; flags near-duplicates in the notes of both', async () => {
    const story = 'Rates held\n\nThe bank held rates at 5% on Thursday, as expected by most economists in the survey, and said it would watch inflation closely over the coming months before it decided to move again.\n';
    const near = story.replace('most economists', 'nearly all economists');
    const dir = await tempProject({ 'seeds/a.txt': story, 'seeds/b.txt': story.replace(/\n/g, '\r\n'), 'seeds/c.txt': near });
    const { result, byPath } = await buildLedger(dir);
    assert.deepEqual([byPath['seeds/a.txt']?.status, byPath['seeds/b.txt']?.status, byPath['seeds/c.txt']?.status], ['article', 'duplicate', 'article']);
    assert.equal(byPath['seeds/b.txt']?.of, 'seeds/a.txt');
    assert.deepEqual(articleAt(articlesOf(result.archive), 'seeds/a.txt').source.copies, ['seeds/b.txt']);
    const [a, c] = ['seeds/a.txt', 'seeds/c.txt'].map((file) => articleAt(articlesOf(result.archive), file));
    assert.equal(a!.source.nearDuplicates[0]?.path, 'seeds/c.txt');
    assert.equal(c!.source.nearDuplicates[0]?.path, 'seeds/a.txt');
    assert.ok(a!.source.nearDuplicates[0]!.similarity >= 0.9 && a!.source.nearDuplicates[0]!.similarity < 1);
    const view = result.view.articles.find((article) => article.source.path === 'seeds/a.txt')!;
    const $ = await page(dir, view.url);
    assert.match($('.flags').text(), /Nearly the same as seeds\/c\.txt: the same headline, and 9\d% of the body alike/);
    const sources = await page(dir, 'sources/index.html');
    assert.match(sources('.status-duplicate').text(), /An exact copy of seeds\/a\.txt, built once as its article/);
    assert.match(articlesOf(result.archive).map((article) => article.source.notes.map((note) => note.message).join(' ')).join(' '), /another file with the same text as this one .*, built once as this article: seeds\/b\.txt/);
  });
});

describe('artifacts', () => {
  it('flags likely translation artifacts with their paragraph, and leaves the text as it is', async () => {
    const dir = await tempProject({ 'seeds/t.txt': 'Summit ends\n\nThe leaders met.\n\nPutin said. mentioned at the summit that talks went well, the statement said. said.\n' });
    const { result } = await buildLedger(dir);
    const view = result.view.articleView(result.view.articles[0]!);
    assert.deepEqual(view.source.artifacts.map(({ paragraph, kind, excerpt }) => [paragraph, kind, excerpt]), [[2, 'lowercase-sentence', 'said. mentioned'], [2, 'repeated-word', 'said. said.']]);
    const $ = await page(dir, view.url);
    assert.equal($('#p2').text(), 'Putin said. mentioned at the summit that talks went well, the statement said. said.');
    assert.equal($('.flags li').length, 2);
    assert.equal($('.flags a').first().attr('href'), '#p2');
  });
});

describe('odd files', () => {
  it('builds files with spaces, non-ASCII and upper-case extensions in their names, and rejects bad ones with one line each', async () => {
    const dir = await tempProject({
      'seeds/my story.txt': 'Spaced out\n\nText.\n',
      'seeds/noticia-ñandú.txt': 'Ñandú escapes\n\nText.\n',
      'seeds/LOUD.TXT': 'Loud name\n\nText.\n',
      'seeds/bad16.txt': Buffer.from([0xff, 0xfe, 0x41]),
      'seeds/.hidden.txt': 'Hidden\n\nText.\n',
    });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(result.counts.articles, 3);
    assert.match(byPath['seeds/bad16.txt']!.reason!, /could not be decoded/);
    assert.deepEqual(result.view.hidden, ['seeds/.hidden.txt']);
    const spaced = result.view.articles.find((article) => article.source.path === 'seeds/my story.txt')!;
    const $ = await page(dir, spaced.url);
    assert.equal($('a[download]').attr('download'), 'my story.txt');
    assert.equal(await readFile(path.join(dir, 'site', spaced.rawUrl), 'utf8'), 'Spaced out\n\nText.\n');
  });
});

describe('learning from the collection', () => {
  it('needs three different stories, and more for a whole sentence in a large collection', () => {
    const stories = (count: number, footer: string) => Array.from({ length: count }, (_, index) => `Story ${index}\n\nOpening ${index}.\n\n${footer}\n`);
    const filler = Array.from({ length: 200 }, (_, index) => `Other ${index}\n\nText ${index}.\n`);
    const learned = learnRecurringLines([...stories(3, 'Sponsored content'), ...stories(3, 'This column is written by a guest.'), ...filler]);
    assert.equal(learned.tail.get('Sponsored content')?.learned, true);
    assert.equal(learned.tail.get('This column is written by a guest.')?.learned, false);
    assert.equal(learnRecurringLines(stories(2, 'Sponsored content')).tail.get('Sponsored content')?.learned, false);
  });
});
