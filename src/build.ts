import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadArchive, type Archive } from './archive.ts';
import { loadEntityRules } from './ingest/entity-rules.ts';
import { fingerprintOf } from './fingerprint.ts';
import { silentProgress, type Progress } from './progress.ts';
import { renderSite } from './publish/eleventy.ts';
import { checkOutputFolder, publishAtomically } from './publish/output.ts';
import { jsonFeed } from './publish/meta.ts';
import { buildReport, countsOf, type BuildCounts } from './publish/report.ts';
import { indexForSearch } from './publish/search-index.ts';
import { sitemapXml } from './publish/sitemap.ts';
import { urls } from './publish/urls.ts';
import { siteView, type SiteView } from './publish/view.ts';

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
  /** What the build left out and why (feeds without a base URL). */
  notices: string[];
  /** Why the site was not published, or null when it was. */
  failure: string | null;
  seconds: number;
}

/** Copy each article's source file byte for byte next to its page. */
async function copySources(view: SiteView, archive: Archive, dir: string): Promise<void> {
  const absolute = new Map(archive.inputs.map((input) => [String(input.file.path), input.file.data.raw?.absolutePath]));
  for (const article of view.articles) {
    const from = absolute.get(article.source.path);
    if (!from) continue;
    await mkdir(path.join(dir, path.dirname(article.rawUrl)), { recursive: true });
    await copyFile(from, path.join(dir, article.rawUrl));
  }
}

/** The pages the templates will write, for the progress line. */
const pageCount = (view: SiteView) =>
  view.indexPages.length + view.articles.length * 2 + view.listPages.length + view.directories.length + view.pages.length + (view.feed ? 1 : 0) + 3;

/** The files for machines that need no template: JSON Feed, sitemap and robots.txt. */
async function writeMachineFiles(view: SiteView, dir: string): Promise<void> {
  if (view.feed) await writeFile(path.join(dir, urls.jsonFeed()), jsonFeed(view.feed, view.site.lang));
  if (view.sitemap) await writeFile(path.join(dir, urls.sitemap()), sitemapXml(view.sitemap));
  const sitemapLine = view.sitemap ? `Sitemap: ${new URL(urls.sitemap(), view.site.baseUrl!).href}\n` : '';
  await writeFile(path.join(dir, urls.robots()), `User-agent: *\nAllow: /\n${sitemapLine}`);
}

/**
 * The whole pipeline: ingest, model and enrich the inputs, render them with Eleventy into a
 * staging folder, and swap it in for the output folder if the build may be published.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const cwd = options.cwd ?? process.cwd();
  await checkOutputFolder(options.outDir, cwd, [
    { name: 'seeds', dir: options.seedsDir },
    { name: 'content', dir: options.contentDir },
    { name: 'templates', dir: options.templatesDir },
  ]);
  const progress = options.progress ?? silentProgress;
  const fingerprint = await fingerprintOf(options);
  const entityRules = await loadEntityRules(options.entityRules, cwd);
  progress.stage('Reading and checking files', 0);
  const archive = await loadArchive({ seedsDir: options.seedsDir, contentDir: options.contentDir, maxBytes: options.maxBytes, entityRules, cwd });
  const view = siteView(archive, { title: options.title, lang: options.lang, perPage: options.perPage, baseUrl: options.baseUrl });
  const counts = countsOf(view);

  let failure: string | null = null;
  if (counts.articles === 0) failure = counts.files === 0 ? `No input files: put seeds in ${options.seedsDir}/ or Markdown articles in ${options.contentDir}/` : 'No article could be built';
  else if (options.strict && (counts.rejected > 0 || counts.warnings > 0)) failure = `--strict: ${counts.rejected} rejected, ${counts.warnings} warnings`;
  if (failure) return { archive, view, counts, written: [], notices: [], failure, seconds: seconds() };

  const notices: string[] = [];
  if (view.site.baseUrl === null) notices.push('Feeds and sitemap skipped: the site\'s address is not known (give --base-url, or baseUrl in news-archive.config.json)');
  else if (view.feed === null) notices.push('Feeds skipped: no article is dated');
  const written = await publishAtomically(path.resolve(cwd, options.outDir), async (staging) => {
    progress.stage('Rendering pages', pageCount(view));
    await renderSite(view, staging, path.resolve(cwd, options.templatesDir), () => progress.tick());
    await copySources(view, archive, staging);
    await writeMachineFiles(view, staging);
    progress.stage('Indexing articles for search', 0);
    await indexForSearch(staging, view.site.lang);
    progress.done();
    await writeFile(path.join(staging, urls.report()), buildReport(view, fingerprint));
  });
  return { archive, view, counts, written, notices, failure: null, seconds: seconds() };
}
