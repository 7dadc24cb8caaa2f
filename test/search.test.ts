import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { chromium, type BrowserContext } from 'playwright-core';
import { openIndex, type Query } from '../src/search/engine.ts';
import { dayOf, layout } from '../src/search/format.ts';
import { articleId, indexFileMap as indexFiles, indexShape, type IndexedArticle, type IndexShape } from '../src/search/index-files.ts';
import { updateIndex } from '../src/search/index-update.ts';
import { stemmerFor } from '../src/search/stemmers.ts';
import { termsOf } from '../src/search/terms.ts';
import { formOf, longestWord, wordsOf } from '../src/search/words.ts';
import { buildProject, exploreProject, listFiles, staticHost, tempDir, writeTo } from './helpers.ts';

// Issue 13: the archive's own search index, made by the build and read by the search page's engine.

const english = stemmerFor('en');
const forms = (text: string, lang = 'en') => wordsOf(text, lang).map((word) => word.form);

describe('search: words and stems', () => {
  it('splits words as a reader reads them, the same way for every text', () => {
    assert.deepEqual(forms('Tokayev’s visit to the U.S. on 5 May (state-owned)'), ['tokayev', 'visit', 'to', 'the', 'u', 's', 'on', '5', 'may', 'state', 'owned']);
    assert.deepEqual(forms("L'économie d’abord", 'fr'), ['économie', 'abord']);
    assert.deepEqual(forms("O'Neill won't", 'en'), ['oneill', 'wont']);
    // Chinese has no spaces: overlapping pairs of characters, so any word of two is found.
    assert.deepEqual(forms('这篇文章'), ['这篇', '篇文', '文章']);
    assert.deepEqual(forms(`a${'x'.repeat(80)} b`), ['b'], 'a run longer than any word is not a word');
    const hello = 'Hello';
    const [word] = wordsOf(`«${hello}»`, 'en');
    assert.deepEqual(word, { form: 'hello', start: 1, end: 1 + hello.length }, 'where a word stands, to mark it in an excerpt');
  });

  it('reads a spaced text by hand exactly as the word expression reads it, whatever it holds', () => {
    const pattern = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
    const byExpression = (text: string, lang: string) =>
      [...text.matchAll(pattern)].flatMap((match) => {
        const form = formOf(match[0], lang);
        return form && form.length <= longestWord ? [{ form, start: match.index, end: match.index + match[0].length }] : [];
      });
    const pieces = ['a', 'Z', 'q', '7', ' ', '.', "'", '’', "''", 'é', 'É', 'ß', 'İ', 'ı', '\u0301', '𝐀', '😀', '\ud800', '\udc00', 'Ж', 'ж', 'ع', '٣', '-', '\n', "l'", 'qu’', "'s", 'x'.repeat(70), 'Ω'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((list) => list.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('en', 'fr'), (sample, lang) => {
        assert.deepEqual(wordsOf(sample, lang), byExpression(sample, lang));
      }),
      { numRuns: 3000 },
    );
  });

  it('stems English with Porter2 and other languages with their Snowball stemmer; a language without one is left unstemmed', async () => {
    assert.deepEqual(['elections', 'elected', 'election', 'news'].map(english), ['elect', 'elect', 'elect', 'news']);
    const french = stemmerFor('fr-FR');
    assert.equal(french('économiques'), french('économique'));
    const none = stemmerFor('xx');
    assert.equal(none('elections'), 'elections');
  });
});

/** An index made in memory, read through the engine as the browser reads it, counting what it fetches. */
async function memoryIndex(articles: { url: string; headline: string; paragraphs: string[]; date: string | null; section: string | null }[], shape?: IndexShape) {
  const files = new Map<string, string>();
  const indexed: IndexedArticle[] = articles.map((article) => {
    const id = articleId(article.url);
    files.set(layout.fragment(id), JSON.stringify({ url: article.url, headline: article.headline, date: article.date, section: article.section, paragraphs: article.paragraphs, anchors: true }));
    return { id, day: dayOf(article.date), section: article.section, terms: termsOf(article.headline, article.paragraphs, 'en', english) };
  });
  for (const [file, text] of indexFiles(indexed, ['en'], shape)) files.set(file, text);
  const fetched: string[] = [];
  const index = await openIndex(async (file) => {
    fetched.push(file);
    const text = files.get(file);
    assert.ok(text !== undefined, `the engine asks only for files there are: ${file}`);
    return JSON.parse(text);
  }, { en: english });
  return { index, files, fetched, headlines: async (query: Query) => (await index.search(query)).hits.map((hit) => hit.headline) };
}

const article = (headline: string, text: string, date: string | null = '2024-01-01', section: string | null = 'World') => ({ url: `articles/${headline.toLowerCase().replace(/\W+/g, '-')}/`, headline, paragraphs: text.split('\n\n'), date, section });

describe('search: ranking and matching', () => {
  const archive = [
    article('Vote counted', 'The elections were held on Sunday across the country.', '2024-03-01', 'Politics'),
    article('Election night', 'Counting went on through the election night in the capital.', '2024-02-01', 'Politics'),
    article('Tokayev visits Moscow', 'President Tokayev met officials in Moscow.', '2023-05-01', 'World'),
    article('Markets rally', 'Shares rose in London as the prime minister spoke.', '2023-04-01', 'Business'),
    article('Minister speaks', 'The minister, not prime, said little in London.', null, 'Business'),
  ];

  it('ranks the exact word above its stemmed forms, which still match', async () => {
    const { headlines } = await memoryIndex(archive);
    assert.deepEqual(await headlines({ text: 'election' }), ['Election night', 'Vote counted']);
    assert.deepEqual(await headlines({ text: 'elections' }), ['Vote counted', 'Election night']);
  });

  it('finds nothing for a word no article holds, never a shorter or longer word; while typing, the last word also matches as a prefix', async () => {
    const { headlines, index } = await memoryIndex(archive);
    assert.deepEqual(await headlines({ text: 'tokayevs' }), ['Tokayev visits Moscow'], 'the possessive is the word');
    assert.deepEqual(await headlines({ text: 'toka' }), []);
    assert.deepEqual(await headlines({ text: 'toka', typing: true }), ['Tokayev visits Moscow']);
    assert.deepEqual(await headlines({ text: 'to' }), [], '"to" is in no article here, and Tokayev is not "to"');
    const outcome = await index.search({ text: 'zzqx' });
    assert.equal(outcome.words[0]!.articles, 0);
  });

  it('matches quoted phrases as phrases, filters by section and year, and orders by date', async () => {
    const { headlines } = await memoryIndex(archive);
    assert.deepEqual((await headlines({ text: 'prime minister' })).sort(), ['Markets rally', 'Minister speaks']);
    assert.deepEqual(await headlines({ text: '"prime minister"' }), ['Markets rally']);
    assert.deepEqual(await headlines({ text: 'london', section: 'Business', order: 'date' }), ['Markets rally', 'Minister speaks'], 'the undated article last');
    assert.deepEqual(await headlines({ text: 'election', year: 2024, order: 'date' }), ['Vote counted', 'Election night']);
    assert.deepEqual(await headlines({ text: 'election', year: 2023 }), []);
  });

  it('pages through many results, fetching the blocks of common words only as needed', async () => {
    const many = Array.from({ length: 60 }, (_, index) => article(`Report ${index}`, `Common words in report number ${index}.${index === 7 ? ' A unique zebra.' : ''}`, `2020-01-${String((index % 28) + 1).padStart(2, '0')}`));
    const { index, fetched } = await memoryIndex(many, { ...indexShape, every: 4, longest: 8, inline: 4 });
    const first = await index.search({ text: 'common' });
    assert.equal(first.total, 60);
    assert.equal(first.pages, 6);
    assert.equal(first.hits.length, 10);
    const last = await index.search({ text: 'common', page: 5 });
    assert.equal(last.hits.length, 10);
    assert.equal(new Set([...first.hits, ...last.hits].map((hit) => hit.id)).size, 20);
    fetched.length = 0;
    const zebra = await index.search({ text: 'zebra common' });
    assert.deepEqual(zebra.hits.map((hit) => hit.headline), ['Report 7']);
    const blocks = fetched.filter((file) => file.startsWith('b/'));
    assert.ok(blocks.length <= 2, `only the block of "common" that may hold the zebra article: ${blocks.join(', ')}`);
  });

  it('marks the matched words in an excerpt of the paragraph that matched, and links to it', async () => {
    const { index } = await memoryIndex([article('Harbour', 'Nothing here.\n\nThe ferries left the harbour at dawn.')]);
    const [hit] = (await index.search({ text: 'ferry' })).hits;
    assert.equal(hit!.paragraph, 2);
    assert.deepEqual(hit!.excerpt.filter((part) => part.marked).map((part) => part.text), ['ferries']);
    assert.equal(hit!.excerpt.map((part) => part.text).join(''), 'The ferries left the harbour at dawn.');
  });

  it('places articles before 1970 in their year, finds a word as typed in lower case, marks overlapping character pairs once, and pages through phrase matches', async () => {
    const { headlines, index } = await memoryIndex([
      article('Moon landing', 'Men walked on the moon in İstanbul news.', '1969-07-20', 'Science'),
      article('New year', 'The moon was bright.', '1969-12-31', 'Science'),
      article('Undated moon', 'A moon story.', null, 'Science'),
      article('Tokyo', '我住在东京都很多年了。', '2000-01-01', 'World'),
      ...Array.from({ length: 25 }, (_, i) => article(`Minister ${i}`, `The prime minister spoke ${i}.`, '2001-01-01', 'World')),
    ]);
    assert.deepEqual(index.stats.years.find(([year]) => year === 1969), [1969, 2]);
    assert.equal(index.stats.undated, 1);
    assert.deepEqual(await headlines({ text: 'moon', year: 1969, order: 'date' }), ['New year', 'Moon landing']);
    assert.deepEqual((await headlines({ text: 'moon', order: 'date' })).at(-1), 'Undated moon');
    assert.deepEqual(await headlines({ text: 'istanbul' }), ['Moon landing']);
    const [tokyo] = (await index.search({ text: '东京都' })).hits;
    assert.equal(tokyo!.excerpt.map((part) => part.text).join(''), '我住在东京都很多年了。');
    assert.deepEqual(tokyo!.excerpt.filter((part) => part.marked).map((part) => part.text), ['东京', '都']);
    const first = await index.search({ text: '"prime minister"' });
    assert.equal(first.hits.length, 10);
    assert.ok(first.pages >= 2, 'a next page while phrases are left to check');
    const second = await index.search({ text: '"prime minister"', page: 1 });
    assert.equal(second.hits.length, 10);
    assert.equal(new Set([...first.hits, ...second.hits].map((hit) => hit.id)).size, 20);
  });

  it('says when a phrase was looked for in only the best of the articles holding its words', async () => {
    const many = Array.from({ length: 230 }, (_, index) => article(`Note ${index}`, `The beta came before the alpha in note ${index}.`, '2020-01-01'));
    const { index } = await memoryIndex(many);
    const outcome = await index.search({ text: '"alpha beta"' });
    assert.equal(outcome.hits.length, 0);
    assert.match(outcome.notes.join(' '), /The phrase was looked for in the best 200 of the 230 articles that hold its words\./);
    assert.deepEqual((await index.search({ text: 'alpha beta' })).notes, [], 'no such note without a phrase');
  });

  it('answers any query, however long or strange, in bounded time, and says what it left out', async () => {
    const { index } = await memoryIndex(archive);
    for (const text of ['<script>alert(1)</script>', '"', '.*(a+)+$', '\\', '"""prime"', 'x'.repeat(10_000), Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ')]) {
      const started = performance.now();
      const outcome = await index.search({ text, typing: true });
      assert.ok(performance.now() - started < 1000, `answered in bounded time: ${text.slice(0, 30)}`);
      assert.ok(outcome.words.length <= 12);
      if (text.startsWith('word')) assert.match(outcome.notes.join(' '), /Only the first 12 words were searched for; left out: word12/);
    }
  });

  it('is made from the set of articles alone: any order, and any history of adds and removes, gives the same bytes', () => {
    const pool = Array.from({ length: 12 }, (_, index) =>
      article(`Story ${index}`, ['alpha beta', 'beta gamma delta', 'gamma elections', 'alpha alpha zeta'][index % 4]! + ` ${index}`, index % 3 ? `2021-0${(index % 9) + 1}-01` : null, index % 2 ? 'World' : null),
    );
    const toIndexed = (list: typeof pool) => list.map((one) => ({ id: articleId(one.url), day: dayOf(one.date), section: one.section, terms: termsOf(one.headline, one.paragraphs, 'en', english) }));
    const shape = { ...indexShape, every: 3, longest: 4, inline: 2 };
    fc.assert(
      fc.property(fc.shuffledSubarray(pool), fc.shuffledSubarray(pool), (kept, history) => {
        const fromNothing = indexFiles(toIndexed([...kept].sort((a, b) => a.url.localeCompare(b.url))), ['en'], shape);
        // The same set reached after other articles came and went.
        const after = indexFiles(toIndexed([...history.filter((one) => kept.includes(one)), ...kept.filter((one) => !history.includes(one))]), ['en'], shape);
        assert.deepEqual([...after].sort(), [...fromNothing].sort());
      }),
      { numRuns: 60 },
    );
  });

  it('is updated, never made again: after any sequence of adds, edits and removes, the updated index equals the one made from nothing, byte for byte', () => {
    // Few words, many of one prefix, and a small shape: blocks are cut, merged and gathered back,
    // prefixes split and join again, forms come and go.
    const vocabulary = ['stone', 'stones', 'store', 'stored', 'stork', 'start', 'started', 'stat', 'st', 'sta', 'stem', 'step', 'alpha', 'beta', 'gamma', 'elections', 'elected', 'the', '5', 'a'];
    const shape: IndexShape = { every: 3, longest: 4, inline: 2, perFile: 5, kept: 2 };
    const words = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }).map((list) => list.join(' '));
    const spec = fc.record({ headline: words, text: words, date: fc.constantFrom(null, '2021-01-01', '2021-06-01', '1969-12-31', '2024-02-29'), section: fc.constantFrom(null, 'World', 'Politics') });
    const op = fc.oneof(
      fc.record({ op: fc.constant('add' as const), slot: fc.nat(15), article: spec }),
      fc.record({ op: fc.constant('remove' as const), slot: fc.nat(15) }),
      fc.record({ op: fc.constant('edit' as const), slot: fc.nat(15), article: spec }),
    );
    const toIndexed = (slot: number, one: { headline: string; text: string; date: string | null; section: string | null }): IndexedArticle => ({
      id: articleId(`articles/${slot}/`),
      day: dayOf(one.date),
      section: one.section,
      terms: termsOf(one.headline, [one.text], 'en', english),
    });
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (steps) => {
        const now = new Map<number, IndexedArticle>();
        let site = indexFiles([], ['en'], shape);
        for (const step of steps) {
          const removed: IndexedArticle[] = [];
          const added: IndexedArticle[] = [];
          for (const change of step) {
            const old = now.get(change.slot);
            // A slot changed twice in one step: the first change is undone from the step.
            if (old && added.includes(old)) added.splice(added.indexOf(old), 1);
            else if (old) removed.push(old);
            now.delete(change.slot);
            if (change.op !== 'remove' && (change.op === 'add' || old)) {
              const article = toIndexed(change.slot, change.article);
              now.set(change.slot, article);
              added.push(article);
            }
          }
          const next = new Map(site);
          updateIndex((file) => site.get(file) ?? null, removed, added, ['en'], (file, text) => void next.set(file, text), (file) => void next.delete(file), shape);
          const fromNothing = indexFiles([...now.values()], ['en'], shape);
          assert.deepEqual([...next].sort(), [...fromNothing].sort());
          site = next;
        }
      }),
      { numRuns: 200 },
    );
  });
});

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('search: the own index in a built site', () => {
  let dir: string;
  let server: Server;
  let browser: BrowserContext;
  let base: string;
  before(async () => {
    dir = await exploreProject();
    await buildProject(dir, { searchEngine: 'own', store: true });
    server = staticHost(path.join(dir, 'site'), '/sub/path/');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sub/path/`;
    browser = await chromium.launchPersistentContext(await tempDir('chromium'), { executablePath: chromiumPath, args: flags });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  const watchedPage = async () => {
    const problems: string[] = [];
    const page = await browser.newPage();
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP: ${event.violatedDirective} ${event.blockedURI}`)));
    return { page, problems };
  };

  it('finds, filters and pages in Chromium under a sub-path, under a CSP without WebAssembly, with no console error', { timeout: 120_000 }, async () => {
    const html = await readFile(path.join(dir, 'site', 'search', 'index.html'), 'utf8');
    assert.match(html, /content="[^"]*script-src &#39;self&#39;;/);
    assert.doesNotMatch(html, /wasm-unsafe-eval/);
    assert.match(html, /Search needs JavaScript/, 'says so plainly without JavaScript');
    const { page, problems } = await watchedPage();
    await page.goto(`${base}search/`);
    await page.getByLabel('Words to find').fill('Tokayev');
    await page.getByRole('button', { name: 'Search' }).click();
    const hit = page.locator('.search-result a').first();
    await hit.waitFor();
    assert.match((await page.locator('[data-search-status]').textContent()) ?? '', /1 article found for “Tokayev”/);
    assert.match((await hit.textContent()) ?? '', /^NATO membership of Sweden and Finland/);
    assert.match((await hit.getAttribute('href')) ?? '', /\/sub\/path\/articles\/nato-membership[^#]*\/#p\d+$/, 'opens the article at the paragraph that matched');
    assert.deepEqual(await page.locator('.search-result mark').allTextContents(), ['Tokayev']);
    await page.getByLabel('Words to find').fill('<img src=x onerror=alert(1)> "London');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => !document.querySelector('[data-search-status]')!.textContent!.includes('Searching'));
    assert.equal(await page.locator('.search-results img').count(), 0, 'a query is shown as text');
    await page.getByLabel('Words to find').fill('London');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => /2 articles found/.test(document.querySelector('[data-search-status]')!.textContent!));
    await page.getByLabel('Section').selectOption('Business');
    await page.getByLabel('Order').selectOption('date');
    await page.waitForFunction(() => /2 articles found/.test(document.querySelector('[data-search-status]')!.textContent!));
    assert.deepEqual(await page.locator('.search-result a').allTextContents(), ['Markets rally', 'Rates held']);
    await page.getByLabel('Year').selectOption('2022');
    await page.waitForFunction(() => /No article found/.test(document.querySelector('[data-search-status]')!.textContent!));
    assert.match(page.url(), /[?&]section=Business/);
    await page.getByLabel('Year').selectOption('');
    await page.getByLabel('Section').selectOption('');
    await page.getByLabel('Words to find').fill('');
    await page.getByLabel('Words to find').pressSequentially('Tok');
    await page.waitForFunction(() => /1 article found for “Tok”/.test(document.querySelector('[data-search-status]')!.textContent!), undefined, { timeout: 10_000 });
    assert.deepEqual(problems, []);
  });

  it('still builds with Pagefind when asked (searchEngine: pagefind), and allows its WebAssembly only then', { timeout: 120_000 }, async () => {
    const other = await exploreProject();
    await buildProject(other, { searchEngine: 'pagefind' });
    const files = await listFiles(path.join(other, 'site'));
    assert.ok(files.includes('pagefind/pagefind.js') && !files.some((file) => file.startsWith('search-index/')));
    assert.match(await readFile(path.join(other, 'site', 'search', 'index.html'), 'utf8'), /wasm-unsafe-eval/);
  });

  it('finds an article a rebuild added by a word only it has, and never one it removed', { timeout: 120_000 }, async () => {
    const site = path.join(dir, 'site', 'search-index');
    const search = async (text: string) => {
      const index = await openIndex(async (file) => JSON.parse(await readFile(path.join(site, file), 'utf8')), { en: english });
      return (await index.search({ text })).hits.map((hit) => hit.headline);
    };
    assert.deepEqual(await search('quokka'), []);
    await writeTo(dir, 'content/quokka.md', '---\ntitle: A quokka in the harbour\ndate: 2024-06-01\n---\n\nA quokka was seen in the harbour.\n');
    const added = await buildProject(dir, { searchEngine: 'own', store: true });
    assert.deepEqual(await search('quokka'), ['A quokka in the harbour']);
    assert.ok(added.written.filter((file) => file.startsWith('search-index/')).length < 40, 'only the files of its words are written');
    await rm(path.join(dir, 'content', 'quokka.md'));
    await buildProject(dir, { searchEngine: 'own', store: true });
    assert.deepEqual(await search('quokka'), []);
    assert.deepEqual(await search('harbour'), []);
  });

  it('stems each article in the language its front matter names, marks its text with it, and finds it in Chromium', { timeout: 120_000 }, async () => {
    const french = '---\ntitle: Les grèves continuent à Paris\ndate: 2024-06-02\nlang: fr\n---\n\nLes cheminots poursuivent leurs grèves.\n';
    await writeTo(dir, 'content/greves.md', french);
    await buildProject(dir, { searchEngine: 'own', store: true });
    const site = path.join(dir, 'site');
    const stats = JSON.parse(await readFile(path.join(site, 'search-index', 'stats.json'), 'utf8'));
    assert.deepEqual(stats.langs, ['en', 'fr'], 'a query is stemmed in both');
    const index = await openIndex(async (file) => JSON.parse(await readFile(path.join(site, 'search-index', file), 'utf8')), { en: english, fr: stemmerFor('fr') });
    // French Snowball makes grève and grèves one word; English would leave them two.
    assert.deepEqual((await index.search({ text: 'grève' })).hits.map((hit) => hit.headline), ['Les grèves continuent à Paris']);
    const pageFile = (await listFiles(site)).find((file) => /^articles\/les-greves[^/]*\/index\.html$/.test(file))!;
    const html = await readFile(path.join(site, pageFile), 'utf8');
    assert.match(html, /<html lang="en" dir="ltr">/, 'the interface stays in the site\'s language');
    assert.match(html, /<h1 id="headline" dir="auto" lang="fr">/);
    assert.match(html, /<div class="article-body" lang="fr" dir="ltr">/);
    assert.match(html, /"inLanguage":"fr"/);
    const { page, problems } = await watchedPage();
    await page.goto(`${base}search/`);
    await page.getByLabel('Words to find').fill('grève ');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => /1 article found/.test(document.querySelector('[data-search-status]')!.textContent!));
    assert.match((await page.locator('.search-result a').first().textContent()) ?? '', /^Les grèves continuent/);
    assert.deepEqual(problems, []);
    // Updated across a new language, the index is still the one made from nothing.
    const fresh = await exploreProject();
    await writeTo(fresh, 'content/greves.md', french);
    await buildProject(fresh, { searchEngine: 'own' });
    const files = async (root: string) => Promise.all((await listFiles(root)).map(async (file) => [file, await readFile(path.join(root, file), 'utf8')]));
    assert.deepEqual(await files(path.join(site, 'search-index')), await files(path.join(fresh, 'site', 'search-index')));
  });

  it('repairs an index edited by hand when a rebuild comes to read it, and then equals the index made from nothing', { timeout: 120_000 }, async () => {
    const project = await exploreProject();
    await buildProject(project, { searchEngine: 'own', store: true });
    const index = path.join(project, 'site', 'search-index');
    const stats = path.join(index, 'stats.json');
    const tampered = (await readFile(stats, 'utf8')).replace(/"articles":\d+/, '"articles":1');
    await writeTo(project, 'site/search-index/stats.json', tampered);
    // A page, not an article, changes: the index has nothing to change, but reads its statistics.
    const about = '---\nkind: page\ntitle: About\n---\n\nAbout this archive, and who keeps it.\n';
    await writeTo(project, 'content/about.md', about);
    await buildProject(project, { searchEngine: 'own', store: true });
    assert.notEqual(await readFile(stats, 'utf8'), tampered, 'the statistics are written again');
    const fresh = await exploreProject();
    await writeTo(fresh, 'content/about.md', about);
    await buildProject(fresh, { searchEngine: 'own' });
    const files = async (root: string) => Promise.all((await listFiles(root)).map(async (file) => [file, await readFile(path.join(root, file), 'utf8')]));
    assert.deepEqual(await files(index), await files(path.join(fresh, 'site', 'search-index')));
  });
});
