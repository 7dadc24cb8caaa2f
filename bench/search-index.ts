/**
 * The search index alone, the archive's own against Pagefind's, on the same records in the same
 * run (issue 13; never part of the test suite).
 *
 *   npm run search-bench -- [--size 10000] [--no-pagefind]
 *   (100,000 holds the whole archive in memory: node --max-old-space-size=20000 --import tsx bench/search-index.ts --size 100000 --no-pagefind)
 *   --profile-update FILE writes a CPU profile of the update alone (one article added) to FILE.
 *
 * Generates the bench's corpus of `size` articles (bench/generate.ts), reads it with the build
 * (no search, no store), then, one after another on this thread's records:
 *   - Pagefind: the build's `indexForSearch` (the records written as small pages, Pagefind's
 *     process indexing them and writing its files), over all but the last article, then over all
 *     of them, since Pagefind cannot update an index;
 *   - the own index: the build's `ownIndex` (every article's words taken, the files made, the
 *     fragments), each file written as the build writes it, over all but the last article; then
 *     the last article added, as a rebuild adds it (`updateIndex` from the files just written).
 * Reports the seconds of each, the files and bytes written, and the peak memory (Pagefind's
 * process, read from /proc while it runs; this process's growth for the own index). Then it serves
 * the own index gzipped and runs a few queries in headless Chromium, each in a new browser (a cold
 * cache), as the search page does (the engine loaded, the index opened, the query answered with
 * its excerpts), and reports each one's bytes over the wire and milliseconds.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { build, searchRecord } from '../src/commands/build.ts';
import { ownIndex } from '../src/search/own-index.ts';
import { indexForSearch } from '../src/search/pagefind.ts';
import { inMemory } from '../src/store/memo.ts';
import type { ViewSource } from '../src/view/view.ts';
import { generateCorpus } from './generate.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { size: { type: 'string', default: '10000' }, 'no-pagefind': { type: 'boolean', default: false }, 'profile-update': { type: 'string' } } });
const size = Number(values.size);
const work = await mkdtemp(path.join(os.tmpdir(), 'news-archive-search-bench-'));
const corpus = generateCorpus(path.join(work, 'input'), size, { allMarkdown: true });
console.log(`${size} articles generated in ${work}; reading them...`);
const { archive, failure } = await build({
  seedsDir: corpus.seedsDir,
  contentDir: corpus.contentDir,
  outDir: path.join(work, 'site'),
  templatesDir: path.join(repoRoot, 'templates'),
  strict: false,
  maxBytes: 5 * 1024 * 1024,
  title: 'Bench',
  lang: 'en',
  perPage: 20,
  baseUrl: null,
  entityRules: path.join(work, 'entities.yml'),
  search: false,
  store: false,
  cwd: work,
});
if (failure) throw new Error(failure);
const all = archive.summaries;
const allButLast: ViewSource = { ...archive, summaries: all.slice(0, -1) };

/** The largest resident set of this process's children (Pagefind's binary) while `run` runs, in MB. */
async function childPeak<T>(run: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const children = () => {
    try {
      return readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return [];
    }
  };
  const sample = () => {
    for (const pid of children()) {
      try {
        const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (rss) peak = Math.max(peak, Number(rss[1]) / 1024);
      } catch {
        // Gone between the two reads.
      }
    }
  };
  const timer = setInterval(sample, 50);
  try {
    return { result: await run(), peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

const tree = (dir: string) => {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
};
const seconds = (started: number) => (performance.now() - started) / 1000;
const rows: string[][] = [];

if (!values['no-pagefind']) {
  for (const [label, summaries] of [
    [`cold, ${all.length - 1}`, allButLast.summaries],
    [`one added (made again), ${all.length}`, all],
  ] as const) {
    const out = path.join(work, `pagefind-${summaries.length}`);
    const started = performance.now();
    const records = summaries.map((summary) => searchRecord(summary, archive));
    const { peakMb } = await childPeak(() => indexForSearch(records, out, 'en', path.join(work, 'pagefind-pages')));
    const took = seconds(started);
    const { files, bytes } = tree(out);
    rows.push([`Pagefind, ${label}`, took.toFixed(2), String(files), (bytes / 1e6).toFixed(1), `${peakMb.toFixed(0)} (its process)`]);
    console.log(rows.at(-1)!.join(' | '));
  }
}

const memo = inMemory();
const site = path.join(work, 'own');
const written = new Map<string, string>();
for (const [label, source] of [
  [`cold, ${all.length - 1}`, allButLast],
  [`one added (updated), ${all.length}`, archive],
] as const) {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const profiling = values['profile-update'] && written.size ? new Session() : null;
  if (profiling) {
    profiling.connect();
    await profiling.post('Profiler.enable');
    await profiling.post('Profiler.start');
  }
  const started = performance.now();
  let count = 0;
  let bytes = 0;
  const keys = await ownIndex(source, 'en', memo, 'bench', written.size ? { dir: site, files: written } : null, {
    wants: (file, key) => written.get(file) !== key,
    write: (file, body) => {
      mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      writeFileSync(path.join(site, file), body);
      count++;
      bytes += Buffer.byteLength(body);
    },
  });
  const took = seconds(started);
  if (profiling) {
    const { profile } = await profiling.post('Profiler.stop');
    writeFileSync(values['profile-update']!, JSON.stringify(profile));
    profiling.disconnect();
  }
  clearInterval(timer);
  written.clear();
  for (const [file, key] of keys) written.set(file, key);
  rows.push([`own index, ${label}`, took.toFixed(2), String(count), (bytes / 1e6).toFixed(1), `${((peak - before) / 1e6).toFixed(0)} (growth of this process)`]);
  console.log(rows.at(-1)!.join(' | '));
}

// Queries: a word most articles hold, two such words, a phrase of them, a name few hold, a word
// none holds, and a word being typed.
const queries: [string, boolean][] = [['minister', false], ['the government', false], ['"prime minister"', false], ['kowalski', false], ['zorblax', false], ['gover', true]];
writeFileSync(
  path.join(site, 'harness.js'),
  `const load = async (file) => (await fetch('./search-index/' + file)).json();
window.ask = async (text, typing) => {
  const started = performance.now();
  const engine = await import('./search-index/engine.js');
  const index = await engine.openIndex(load, engine.stemmers);
  const outcome = await index.search({ text, typing });
  return { ms: performance.now() - started, hits: outcome.hits.length, total: outcome.total };
};
window.ready = true;
`,
);
writeFileSync(path.join(site, 'harness.html'), '<!doctype html><meta charset="utf-8"><title>harness</title><script type="module" src="harness.js"></script>');
let sent = 0;
const server = createServer(async (request, response) => {
  const file = path.join(site, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  try {
    const body = gzipSync(await readFile(file));
    if (file.startsWith(path.join(site, 'search-index'))) sent += body.length;
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.html') ? 'text/html' : 'application/json';
    response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const queryRows: string[][] = [];
for (const [text, typing] of queries) {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'news-archive-search-bench-browser-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: flags, headless: true });
  try {
    const page = await browser.newPage();
    sent = 0;
    await page.goto(`${base}harness.html`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const answer = await page.evaluate(([query, typed]) => (window as unknown as { ask: (text: string, typing: boolean) => Promise<{ ms: number; hits: number; total: number }> }).ask(query, typed), [text, typing] as [string, boolean]);
    queryRows.push([`${text}${typing ? ' (typing)' : ''}`, String(answer.total), (sent / 1024).toFixed(0), answer.ms.toFixed(0)]);
    console.log(queryRows.at(-1)!.join(' | '));
  } finally {
    await browser.close();
  }
}
server.close();

console.log(`\n| search index, ${size} generated articles | seconds | files written | MB written | peak MB |\n|---|---|---|---|---|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\n| query over ${size}, first query, cold cache | matches | KB of the index over the wire (gzip, engine.js included) | ms in Chromium |\n|---|---|---|---|`);
for (const row of queryRows) console.log(`| ${row.join(' | ')} |`);
