// `npm run audit`: Lighthouse 12 (the last line that runs on Node 20) on each kind of page of the
// seed's site, of the BBC corpus's site, and of a site of the features that change a page (a
// picture with its caption in an article and in a page, citations, right-to-left text, the
// timelines), served over http under a sub-path. Prints the four category scores per page and
// exits 1 if any is under 100. Not part of npm test: it takes minutes.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { build } from '../src/commands/build.ts';
import { defaultTemplatesDir } from '../src/render/templates.ts';
import { exploreProject, staticHost } from '../test/helpers.ts';

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = process.env.NEWS_ARCHIVE_BBC ?? path.resolve(repoRoot, '../shared/corpus/bbc');

async function buildSite(name: string, seedsDir: string, contentDir = path.join(repoRoot, 'content'), cwd?: string): Promise<string> {
  const dir = cwd ?? (await mkdtemp(path.join(tmpdir(), `news-archive-audit-${name}-`)));
  const result = await build({
    seedsDir,
    contentDir,
    outDir: 'site',
    templatesDir: defaultTemplatesDir,
    strict: false,
    maxBytes: 5 * 1024 * 1024,
    title: 'News archive',
    lang: 'en',
    perPage: 20,
    baseUrl: 'https://example.org/news/',
    entityRules: path.join(repoRoot, 'entities.yml'),
    cwd: dir,
  });
  if (result.failure) throw new Error(result.failure);
  return path.join(dir, 'site');
}

async function pagesOf(site: string): Promise<Record<string, string>> {
  const articles = (await readdir(path.join(site, 'articles'))).sort();
  const entities = (await readdir(path.join(site, 'entities'))).filter((name) => name !== 'index.html').sort();
  const article = articles.find((name) => name.startsWith('nato-membership')) ?? articles[0]!;
  return {
    index: '',
    article: `articles/${article}/`,
    original: `articles/${article}/original/`,
    entity: `entities/${entities[0]}/`,
    search: 'search/',
  };
}

/** The test suite's exploration project (a picture, tags, names, dates) with an article in Arabic. */
async function featuresSite(): Promise<{ site: string; pages: Record<string, string> }> {
  const dir = await exploreProject();
  await writeFile(path.join(dir, 'content', 'port.md'), '---\ntitle: الميناء يعيد فتح أبوابه\ndate: 2022-05-20\nlang: ar\nsection: World\nslug: port-reopens\n---\n\nأعيد فتح الميناء بعد العاصفة، وعادت السفن إلى الرصيف صباح الجمعة.\n');
  const site = await buildSite('features', path.join(dir, 'seeds'), path.join(dir, 'content'), dir);
  const articles = (await readdir(path.join(site, 'articles'))).sort();
  const putin = (await readdir(path.join(site, 'entities'))).find((name) => name.includes('putin'))!;
  return {
    site,
    pages: {
      picture: `articles/${articles.find((name) => name.startsWith('leaders-meet-in-moscow'))}/`,
      rtl: 'articles/port-reopens/',
      dates: 'archive/',
      named: `entities/${putin}/`,
      page: 'about/',
    },
  };
}

const sites: [string, string][] = [['seed', path.join(repoRoot, 'seeds')]];
if (existsSync(corpus)) sites.push(['bbc', corpus]);
else console.log(`BBC corpus not found at ${corpus}: auditing the seed's site only (set NEWS_ARCHIVE_BBC).`);

const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
let failed = false;
try {
  const built: { name: string; site: string; pages: Record<string, string> }[] = [];
  for (const [name, seeds] of sites) {
    const site = await buildSite(name, seeds);
    built.push({ name, site, pages: await pagesOf(site) });
  }
  built.push({ name: 'features', ...(await featuresSite()) });
  for (const { name, site, pages } of built) {
    const server = staticHost(site, '/news/').listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news/`;
    for (const [kind, url] of Object.entries(pages)) {
      const result = await lighthouse(base + url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
      const scores = categories.map((category) => Math.round((result?.lhr.categories[category]?.score ?? 0) * 100));
      const below = categories.filter((_, index) => scores[index]! < 100);
      if (below.length) failed = true;
      console.log(`${name.padEnd(8)} ${kind.padEnd(9)} ${scores.map((score, index) => `${categories[index]} ${score}`).join('  ')}`);
      for (const category of below) {
        const audits = result!.lhr.categories[category]!.auditRefs.map((ref) => result!.lhr.audits[ref.id]!).filter((audit) => audit.score !== null && audit.score < 1);
        for (const audit of audits) console.log(`      ${category}: ${audit.id} (${audit.title})`);
      }
    }
    server.close();
  }
} finally {
  await chrome.kill();
}
process.exitCode = failed ? 1 : 0;
