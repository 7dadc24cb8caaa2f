import { sha256 } from '../util/hash.ts';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadArchive, type Archive } from '../pipeline/archive.ts';
import { bulkySteps } from '../pipeline/kept.ts';
import { loadEntityRules } from '../ingest/entity-rules.ts';
import { inputPath } from '../ingest/read.ts';
import { fingerprintOf, type Fingerprint } from '../store/fingerprint.ts';
import { inMemory, openMemo } from '../store/memo.ts';
import { silentProgress, type Progress } from '../cli/progress.ts';
import { siteSettingsOf } from '../pipeline/settings.ts';
import { renderSite } from '../render/site.ts';
import { checkOutputFolder, publishAtomically } from '../publish/output.ts';
import { cacheFolder, lastManifest, recordManifest } from '../store/manifest.ts';
import { pageKeys, pagesToRender, type PagesToRender } from '../render/page-keys.ts';
import { jsonFeed } from '../view/meta.ts';
import { buildReport, countsOf, type BuildCounts } from '../publish/report.ts';
import { ownIndex } from '../search/own-index.ts';
import { primaryLanguage } from '../search/stemmers.ts';
import { indexForSearch, stopIndexing, type SearchRecord } from '../search/pagefind.ts';
import { sitemapXml } from '../publish/sitemap.ts';
import { boundHeapGrowth } from '../util/heap.ts';
import { urls } from '../view/urls.ts';
import { dateLabel, siteView, type SearchEngine, type SiteView } from '../view/view.ts';
import { makePictures } from '../render/pictures.ts';
import { imagesFolder } from '../view/picture.ts';
import type { ArticleSummary } from '../model/summary.ts';

export interface BuildOptions {
  seedsDir: string;
  contentDir: string;
  outDir: string;
  templatesDir: string;
  strict: boolean;
  maxBytes: number;
  title: string;
  lang: string;
  perPage: number;
  /** Where the site will be published; feeds, the sitemap and canonical links need it. */
  baseUrl: string | null;
  /** The YAML file of entity aliases and hidden names (may be missing). */
  entityRules: string;
  /** Whether to write the search page and its index (on unless turned off). */
  search?: boolean;
  /** Which index search reads: the archive's own (the default), or Pagefind's (`pagefind`). */
  searchEngine?: SearchEngine;
  /**
   * Whether to keep the archive in `.cache/` for the next build (on unless turned off). Off, the
   * build holds what it makes in memory, so its result can still read every article's record
   * after it ends (`archive.load`): for scripts and tests that look inside a build.
   */
  store?: boolean;
  /** The fingerprint of the inputs, when the caller has taken it already. */
  fingerprint?: Fingerprint;
  /** Shown while the build runs; silent unless given. */
  progress?: Progress;
  cwd?: string;
}

export interface BuildResult {
  archive: Archive;
  view: SiteView;
  counts: BuildCounts;
  /** Paths written, relative to the output folder; empty when nothing was published. */
  written: string[];
  /** The HTML pages the site holds, and how many of them this build rendered (the rest were kept). */
  pages: { total: number; rendered: number };
  /** Where the time went, stage by stage. */
  stages: { name: string; seconds: number }[];
  /** The picture files shown: made by this build, or taken as an earlier build made them. */
  pictures: { made: number; cached: number; failed: number };
  /** What the build left out and why (feeds without a base URL). */
  notices: string[];
  /** Why the site was not published, or null when it was. */
  failure: string | null;
  seconds: number;
}

/** Each article's source file, to be copied byte for byte next to its page (a record's own bytes, written), keyed by its SHA-256. */
function sourceCopies(view: SiteView, archive: Archive): Map<string, { from: string | (() => Uint8Array); key: string }> {
  const absolute = new Map(archive.inputs.map((input) => [inputPath(input.file), input.file.data.raw?.record ? null : input.file.data.raw?.absolutePath]));
  const copies = new Map<string, { from: string | (() => Uint8Array); key: string }>();
  for (const article of view.articles) {
    const path = article.source.path;
    const from = absolute.get(path) === null ? () => archive.recordBytes(path)! : absolute.get(path);
    if (from) copies.set(article.rawUrl, { from, key: article.source.sha256 });
  }
  return copies;
}

/** Each picture's files (of the articles and the pages), to be copied from where they were made next to the pages, keyed by their names (which their bytes decide). */
function pictureCopies(view: SiteView, dir: string): Map<string, { from: string; key: string }> {
  const copies = new Map<string, { from: string; key: string }>();
  for (const { pictures } of [...view.articles, ...view.pages]) {
    for (const shown of pictures) {
      for (const { files } of shown?.made.formats ?? []) for (const { name } of files) copies.set(`${imagesFolder}${name}`, { from: path.join(dir, name), key: name });
    }
  }
  return copies;
}

/**
 * The pictures the articles and pages show, made (or found made) in `.cache/`; one that cannot be
 * made is a warning on the file that names it, and its page is built without it.
 */
async function picturesOf(archive: Archive, dir: string, memo: Parameters<typeof makePictures>[2]) {
  const files = [...archive.pictures.values()].flat().flatMap((placed) => (placed.file?.sha256 ? [{ sha256: placed.file.sha256, absolutePath: placed.file.absolutePath }] : []));
  const result = await makePictures(files, dir, memo);
  for (const placed of [...archive.pictures.values()].flat()) {
    const reason = placed.file?.sha256 ? result.failed.get(placed.file.sha256) : undefined;
    if (reason) archive.warnAboutImage(placed.image, `Image ${placed.image.src} could not be made into a picture (${reason}): its page is built without it`);
  }
  return result;
}

/** Copied synchronously, like the pages: many small files go out several times faster so. */
function copySources(copies: ReadonlyMap<string, { from: string | (() => Uint8Array) }>, dir: string): void {
  for (const [file, { from }] of copies) {
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    if (typeof from === 'string') copyFileSync(from, path.join(dir, file));
    else writeFileSync(path.join(dir, file), from());
  }
}

/** What search finds an article by: its headline and text; and what it shows: its date and section. */
export function searchRecord(summary: ArticleSummary, archive: Archive): SearchRecord {
  const meta: SearchRecord['meta'] = {};
  const date = dateLabel(summary.date);
  if (date) meta.date = date;
  if (summary.section) meta.section = summary.section;
  return { url: urls.article(summary.slug), headline: summary.headline, paragraphs: archive.load(summary.path).plain, meta };
}

/** The pages the templates will write, for the progress line: the paged ones and the one-offs. */
const pageCount = (view: SiteView, shown: PagesToRender) =>
  shown.indexPages.length + shown.articles.length + shown.originals.length + shown.listPages.length + shown.directories.length + shown.pages.length + (view.feed ? 1 : 0) + (view.site.search ? 3 : 2);

/** The files for machines that need no template: JSON Feed, sitemap and robots.txt. */
async function writeMachineFiles(view: SiteView, dir: string): Promise<void> {
  if (view.feed) await writeFile(path.join(dir, urls.jsonFeed()), jsonFeed(view.feed, view.site.lang));
  if (view.sitemap) await writeFile(path.join(dir, urls.sitemap()), sitemapXml(view.sitemap));
  const sitemapLine = view.sitemap ? `Sitemap: ${new URL(urls.sitemap(), view.site.baseUrl!).href}\n` : '';
  await writeFile(path.join(dir, urls.robots()), `User-agent: *\nAllow: /\n${sitemapLine}`);
}

/**
 * The whole pipeline: ingest, model and enrich the inputs, render with Eleventy into a staging
 * folder the pages whose keys changed since the last build (all of them on a first build), and
 * publish: move them into the site, or swap a whole new site in when most pages changed.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const stages: BuildResult['stages'] = [];
  let lapStarted = 0;
  const lap = (name: string) => {
    const now = seconds();
    stages.push({ name, seconds: now - lapStarted });
    lapStarted = now;
  };
  const cwd = options.cwd ?? process.cwd();
  await checkOutputFolder(options.outDir, cwd, [
    { name: 'seeds', dir: options.seedsDir },
    { name: 'content', dir: options.contentDir },
    { name: 'templates', dir: options.templatesDir },
  ]);
  const progress = options.progress ?? silentProgress;
  const fingerprint = options.fingerprint ?? (await fingerprintOf(options));
  const entityRules = await loadEntityRules(options.entityRules, cwd);
  progress.stage('Reading and checking files', 0);
  const memo = options.store === false ? inMemory() : await openMemo(path.join(cwd, '.cache', 'news-archive', 'memo'), fingerprint.code, bulkySteps);
  // A store that knows nothing means every file is read, parsed and rendered: a build from nothing.
  const releaseHeap = memo.size === 0 ? boundHeapGrowth() : () => {};
  try {
    const searchLang = options.search !== false && (options.searchEngine ?? 'own') === 'own' ? primaryLanguage(options.lang) : null;
    return await buildFrom(await loadArchive({ seedsDir: options.seedsDir, contentDir: options.contentDir, maxBytes: options.maxBytes, entityRules, cwd, memo, digests: fingerprint.digests, searchLang }));
  } finally {
    // Saved once the pages are written, since rendering reads the records it renders from the
    // store; here too when the build fails, for what it found is still true.
    try {
      await memo.save();
    } finally {
      releaseHeap();
    }
  }

  async function buildFrom(archive: Archive): Promise<BuildResult> {
    lap('reading');
    const picturesDir = path.join(cwd, '.cache', 'news-archive', 'images');
    const made = await picturesOf(archive, picturesDir, memo);
    const pictures = { made: made.processed, cached: made.cached, failed: made.failed.size };
    if (archive.pictures.size > 0) lap('pictures');
    const settings = siteSettingsOf(options);
    // Pagefind's index is written whole, in a process of its own, beside the rendering; the
    // archive's own is written file by file after it.
    const pagefindOn = settings.search && settings.searchEngine === 'pagefind';
    const ownOn = settings.search && settings.searchEngine === 'own';
    const counts = countsOf(archive);

    let failure: string | null = null;
    if (counts.articles === 0) failure = counts.files === 0 ? `No input files: put seeds in ${options.seedsDir}/ or Markdown articles in ${options.contentDir}/` : 'No article could be built';
    else if (options.strict && (counts.rejected > 0 || counts.warnings > 0)) failure = `--strict: ${counts.rejected} rejected, ${counts.warnings} warnings`;
    if (failure) return { archive, view: siteView(archive, settings, made.made), counts, written: [], pages: { total: 0, rendered: 0 }, stages, pictures, notices: [], failure, seconds: seconds() };

    const target = path.resolve(cwd, options.outDir);
    const recorded = await lastManifest(target, cwd);
    // The search index is written again only when an article's record changed. It is made from the
    // records alone, so it is kept even when every page is rendered again (new templates).
    // An article's search record is made by the code from its record, whose digest its summary holds.
    const searchKey = sha256(JSON.stringify([fingerprint.code, options.lang, archive.summaries.map((summary) => [summary.slug, summary.digest])]));
    const reindex = pagefindOn && (recorded?.files.get(urls.searchBundle()) !== searchKey || !existsSync(path.join(target, urls.searchBundle())));
    const records = reindex ? archive.summaries.map((summary) => searchRecord(summary, archive)) : [];
    const searchFiles = pagefindOn ? [urls.searchBundle()] : [];
    let own = new Map<string, string>();
    const ownKept: string[] = [];
    const notices: string[] = [];
    let view: SiteView | undefined;
    let keys = new Map<string, string>();
    let copies = new Map<string, { from: string | (() => Uint8Array); key: string }>();
    const written = await publishAtomically(target, async (staging) => {
      // Pagefind runs in a process of its own: once the records are written out for it (on this
      // thread), it indexes on one core while the view is made and the pages rendered on the other.
      const indexed = reindex ? indexForSearch(records, staging, options.lang, cacheFolder(target, cwd, 'search-pages')) : null;
      // Awaited below; if rendering fails first, the build reports that failure, not this one.
      indexed?.catch(() => {});
      let last: typeof recorded = null;
      // A file kept must still be there: one deleted from the site by hand is written again.
      const stale = (file: string, key: string) => last?.files.get(file) !== key || !existsSync(path.join(target, file));
      try {
        view = siteView(archive, settings, made.made);
        if (view.site.baseUrl === null) notices.push('Feeds and sitemap skipped: the site\'s address is not known (give --base-url, or baseUrl in news-archive.config.json)');
        else if (view.feed === null) notices.push('Feeds skipped: no article is dated');
        // A page whose key is the one the last build recorded for it is in the site already.
        keys = pageKeys(view, fingerprint.rendering);
        // When most pages change (new templates or code), a whole new site swapped in is faster than
        // moving tens of thousands of files into the old one.
        const changed = recorded ? [...keys].filter(([file, key]) => recorded.files.get(file) !== key).length : keys.size;
        last = changed <= keys.size / 2 ? recorded : null;
        copies = sourceCopies(view, archive);
        for (const [file, copy] of pictureCopies(view, picturesDir)) copies.set(file, copy);
        const render = new Set([...keys].filter(([file, key]) => stale(file, key)).map(([file]) => file));
        const copy = new Map([...copies].filter(([file, { key }]) => stale(file, key)));
        const shown = pagesToRender(view, last ? render : null);
        progress.stage('Rendering pages', pageCount(view, shown));
        lap('site view');
        await renderSite(view, shown, staging, path.resolve(cwd, options.templatesDir), () => progress.tick());
        copySources(copy, staging);
        await writeMachineFiles(view, staging);
      } catch (error) {
        // Pagefind stops before the staging folder it writes into is removed.
        if (indexed) {
          stopIndexing();
          await indexed.catch(() => {});
        }
        throw error;
      }
      lap('rendering');
      if (ownOn) {
        progress.stage('Indexing articles for search', 0);
        const made = new Set<string>();
        const wrote = new Set<string>();
        own = await ownIndex(archive, options.lang, memo, fingerprint.code, recorded ? { dir: target, files: recorded.files } : null, {
          // Kept in place, or carried over into a whole new site: it is made from the records alone.
          wants: (file, key) => recorded?.files.get(file) !== key || !existsSync(path.join(target, file)),
          write: (file, text) => {
            const to = path.join(staging, file);
            const dir = path.dirname(to);
            if (!made.has(dir)) mkdirSync(dir, { recursive: true });
            made.add(dir);
            writeFileSync(to, text);
            wrote.add(file);
          },
        });
        for (const file of own.keys()) if (!wrote.has(file)) ownKept.push(file);
        lap('search index');
      }
      if (indexed) {
        progress.stage('Indexing articles for search', 0);
        await indexed;
        lap('search index, after rendering');
      }
      progress.done();
      await writeFile(path.join(staging, urls.report()), buildReport(view, counts, fingerprint.whole));
      const next = new Set([...keys.keys(), ...copies.keys(), ...searchFiles, ...own.keys()]);
      return { update: last ? { previous: last.files.keys(), next, wholeFolder: urls.searchBundle() } : null, carry: [...(reindex ? [] : searchFiles), ...ownKept] };
    });
    // In the order the build made them, which is the same for the same inputs.
    const files = new Map(keys);
    for (const [file, { key }] of copies) files.set(file, key);
    for (const file of searchFiles) files.set(file, searchKey);
    for (const [file, key] of own) files.set(file, key);
    for (const file of written) if (!files.has(file) && !file.startsWith(urls.searchBundle())) files.set(file, '');
    recordManifest(target, cwd, { fingerprint: fingerprint.whole, files }, counts);
    lap('publishing');
    await memo.save();
    lap('saving the store');
    const pages = { total: [...files.keys()].filter((file) => file.endsWith('.html')).length, rendered: written.filter((file) => file.endsWith('.html')).length };
    return { archive, view: view!, counts, written, pages, stages, pictures, notices, failure: null, seconds: seconds() };
  }
}
