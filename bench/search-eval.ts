/**
 * Known-item evaluation of search (issue 13; never part of the test suite).
 *
 *   npm run search-eval -- [--corpus DIR] [--queries N] [--seed S] [--half tuning|held-out|both]
 *
 * Builds the BBC corpus (read in place) twice, with Pagefind's index and with the archive's own,
 * makes known-item queries from the corpus (one word only one article holds; a pair of words, each
 * in many articles, that at most three articles share), each with the article it came from, and
 * types each into the search page of both sites in headless Chromium, as a reader does, then reads
 * the results the page lists. Reports success@1, @3 and @10 and the mean reciprocal rank (over the
 * first ten results) for both, and for the one-word queries how often the only article holding the
 * word came first and how many other results were listed around it. Queries are split by a seeded
 * shuffle into a tuning half and a held-out half: tune on the first, report the second.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build, type BuildOptions } from '../src/commands/build.ts';
import type { SearchEngine } from '../src/view/view.ts';
import { knownItems, type KnownItem } from './known-items.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.resolve(repoRoot, '..', 'shared', 'corpus', 'bbc') },
    queries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '13' },
    half: { type: 'string', default: 'held-out' },
  },
});
const corpus = path.resolve(values.corpus);
const perKind = Number(values.queries) / 2;

async function buildWith(engine: SearchEngine, out: string) {
  const options: BuildOptions = {
    seedsDir: corpus,
    contentDir: path.join(out, 'no-content'),
    outDir: path.join(out, 'site'),
    templatesDir: path.join(repoRoot, 'templates'),
    strict: false,
    maxBytes: 5 * 1024 * 1024,
    title: 'BBC',
    lang: 'en',
    perPage: 20,
    baseUrl: null,
    entityRules: path.join(out, 'entities.yml'),
    search: true,
    searchEngine: engine,
    store: false,
    cwd: out,
  };
  const started = performance.now();
  const result = await build(options);
  if (result.failure) throw new Error(result.failure);
  return { result, seconds: (performance.now() - started) / 1000 };
}

function serve(root: string): Promise<{ server: Server; base: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
  const server = createServer(async (request, response) => {
    let file = path.join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (file.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

interface Measured {
  ranks: (number | null)[];
  /** For each query, how many results the page said it found. */
  listed: number[];
  milliseconds: number[];
}

async function runQueries(site: string, items: KnownItem[]): Promise<Measured> {
  const { server, base } = await serve(site);
  const context = await chromium.launchPersistentContext(await mkdtemp(path.join(os.tmpdir(), 'search-eval-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const measured: Measured = { ranks: [], listed: [], milliseconds: [] };
  try {
    const page = await context.newPage();
    await page.goto(`${base}search/`);
    await page.waitForFunction(() => /Type words/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
    for (const item of items) {
      const started = performance.now();
      await page.fill('#search-query', '');
      await page.locator('#search-query').pressSequentially(item.text);
      await page.press('#search-query', 'Enter');
      await page.waitForFunction((text) => {
        const status = document.querySelector('[data-search-status]')?.textContent ?? '';
        return status.includes(`“${text}”`) && !status.includes('Searching');
      }, item.text);
      measured.milliseconds.push(performance.now() - started);
      const hrefs = await page.locator('.search-result h2 a').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      const rank = hrefs.findIndex((href) => href.replace(/^\//, '').startsWith(item.url));
      measured.ranks.push(rank >= 0 ? rank + 1 : null);
      const status = (await page.locator('[data-search-status]').textContent()) ?? '';
      measured.listed.push(Number(/([\d,]+) articles? found/.exec(status)?.[1]?.replace(/,/g, '') ?? 0));
    }
  } finally {
    await context.close();
    server.close();
  }
  return measured;
}

function report(name: string, items: KnownItem[], measured: Measured) {
  const at = (k: number) => measured.ranks.filter((rank) => rank !== null && rank <= k).length / items.length;
  const mrr = measured.ranks.reduce<number>((sum, rank) => sum + (rank !== null && rank <= 10 ? 1 / rank : 0), 0) / items.length;
  const single = items.flatMap((item, index) => (item.kind === 'one word' ? [index] : []));
  const first = single.filter((index) => measured.ranks[index] === 1).length;
  const around = single.reduce((sum, index) => sum + Math.max(0, measured.listed[index]! - (measured.ranks[index] ? 1 : 0)), 0);
  const sorted = [...measured.milliseconds].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(12)} s@1 ${at(1).toFixed(2)}  s@3 ${at(3).toFixed(2)}  s@10 ${at(10).toFixed(2)}  MRR ${mrr.toFixed(2)}  only holder first ${first}/${single.length}, ${around} other results around them  median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms a query`,
  );
}

const work = await mkdtemp(path.join(os.tmpdir(), 'search-eval-'));
const pagefindBuild = await buildWith('pagefind', path.join(work, 'pagefind'));
const ownBuild = await buildWith('own', path.join(work, 'own'));
console.log(`Built ${pagefindBuild.result.archive.summaries.length} articles: with Pagefind in ${pagefindBuild.seconds.toFixed(1)} s, with the own index in ${ownBuild.seconds.toFixed(1)} s`);
const articles = ownBuild.result.archive.summaries.filter((summary) => !/README/i.test(summary.path)).map((summary) => ({ path: summary.path, url: `articles/${summary.slug}/` }));
const all = await knownItems(corpus, articles, perKind, Number(values.seed));
const halves = { tuning: all.filter((_, index) => index % 2 === 0), 'held-out': all.filter((_, index) => index % 2 === 1) };
const chosen = values.half === 'both' ? all : halves[values.half as keyof typeof halves];
if (!chosen) throw new Error(`--half takes tuning, held-out or both, not ${values.half}`);
console.log(`${chosen.length} queries (${values.half}): ${chosen.filter((item) => item.kind === 'one word').length} of one word only one article holds, ${chosen.filter((item) => item.kind === 'pair').length} pairs few articles share`);
for (const [name, site] of [['Pagefind', path.join(work, 'pagefind', 'site')], ['own index', path.join(work, 'own', 'site')]] as const) report(name, chosen, await runQueries(site, chosen));
