/**
 * Build-performance benchmark for news-archive (never part of the test suite).
 *
 *   npm run bench -- [--sizes 1000,10000] [--huge] [--million] [--json] [--keep] [--corpus DIR | --skip-corpus] [--no-peers]
 *
 * Builds a real corpus (read in place) and, for each N, the same N generated Markdown articles
 * (about 600 words, front matter with date, section and tags) three ways, each in a child process
 * under `/usr/bin/time -v` and into a new output folder: news-archive's full archive, a plain
 * Eleventy 3.1 site and a minimal Hugo site (bench/peers/). news-archive builds each twice, with
 * its search index and without (`--no-search`, the row its targets compare with the peers, which
 * have none), and rebuilds each after nothing changed, a newest article added and an old one
 * backfilled. Prints one row per build (wall time, pages, pages per second, peak memory of the
 * whole process) and news-archive's ratio to each peer. 100,000 (`--huge`) and 1,000,000
 * (`--million`, no peers) are built without search. `--pictures N` (100 unless 0) builds N generated
 * articles that each show a photograph-sized picture beside it (1,600 x 1,067 pixels), made with
 * Eleventy's image plugin, and rebuilds them: the pictures' stage time and how many were made or
 * taken as made before are columns of their own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { generateCorpus } from './generate.ts';
import { countHtmlFiles, gnuTime, hasGnuTime, installGnuTime, measure, parseSummary } from './measure.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
// shared/ sits beside the project on the team's machines and in CI.
const defaultCorpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'bbc');
const hugeSize = 100_000;
const millionSize = 1_000_000;

interface Options {
  sizes: number[];
  /** Sizes built without search only (Pagefind would need tens of GB), and without peers past 100,000. */
  large: Set<number>;
  corpus: string | null;
  json: boolean;
  keep: boolean;
  peers: boolean;
  /** Articles with a picture each, in a case of their own (0: none). */
  pictures: number;
}

type Tool = 'news-archive' | 'eleventy' | 'hugo';

/** What one build is given: where its inputs are and a short description for the table. */
interface Inputs {
  seedsDir: string;
  contentDir: string;
  description: string;
}

interface BenchCase {
  name: string;
  tool: Tool;
  /** Rows with the same group compare with each other. */
  group: string;
  /** Untimed: generate or locate the inputs. */
  prepare: (workDir: string) => Promise<Inputs>;
  /** news-archive with its search index (the peers have none). */
  search: boolean;
  /** Dated articles, so that an old one can be backfilled. */
  dated: boolean;
}

export interface Row {
  name: string;
  tool: Tool;
  search: boolean;
  group: string;
  inputs: string;
  articles: number;
  rejected: number;
  /** .html files counted in the output folder after the build. */
  pages: number;
  /** From the CLI summary line: pages rendered plus other files written (sources, search index, report). */
  filesWritten: number | null;
  /** From the CLI summary: pages this build rendered (the others were kept from the last build). */
  pagesRendered: number | null;
  /** From the CLI's "Time by stage" line: seconds of the search index after rendering (the own index's stage; with Pagefind, the wait for its process). */
  searchSeconds: number | null;
  /** From the CLI's summary: the pictures stage's seconds, and pictures made and taken as an earlier build made them. */
  pictureSeconds: number | null;
  picturesMade: number | null;
  picturesCached: number | null;
  wallSeconds: number;
  pagesPerSecond: number;
  peakRssMb: number;
  exitStatus: number;
}

const log = (message: string) => console.error(`[bench] ${message}`);

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      huge: { type: 'boolean', default: false },
      million: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      corpus: { type: 'string', default: defaultCorpus },
      'skip-corpus': { type: 'boolean', default: false },
      'no-peers': { type: 'boolean', default: false },
      pictures: { type: 'string', default: '100' },
    },
    strict: true,
  });
  const sizes = values.sizes
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      if (!/^\d+$/.test(part) || Number(part) < 1) throw new Error(`--sizes takes positive whole numbers separated by commas, not "${part}"`);
      return Number(part);
    });
  if (values.huge) sizes.push(hugeSize);
  if (values.million) sizes.push(millionSize);
  return {
    sizes: [...new Set(sizes)],
    large: new Set(sizes.filter((size) => size >= hugeSize)),
    corpus: values['skip-corpus'] ? null : values.corpus,
    json: values.json,
    keep: values.keep,
    peers: !values['no-peers'],
    pictures: Number(values.pictures) || 0,
  };
}

async function countFiles(dir: string, extension: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(extension)).length;
}

/** The real corpus is read where it lies (never copied), with an empty folder for Markdown. */
function corpusCase(corpusDir: string): BenchCase {
  return {
    tool: 'news-archive',
    group: 'bbc',
    name: path.basename(corpusDir),
    search: true,
    dated: false,
    prepare: async (workDir) => {
      const contentDir = path.join(workDir, 'empty-content');
      await mkdir(contentDir, { recursive: true });
      return { seedsDir: corpusDir, contentDir, description: `${await countFiles(corpusDir, '.txt')} txt (in place)` };
    },
  };
}

/** A photograph-like picture (a gradient with noise, which compresses as a photograph does), different for each seed. */
async function photograph(seed: number): Promise<Buffer> {
  const width = 1600;
  const height = 1067;
  const pixels = Buffer.alloc(width * height * 3);
  for (let index = 0; index < pixels.length; index++) pixels[index] = ((index % (width * 3)) / 12 + ((index * 7919) % 53) + seed) & 255;
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

/** `count` generated Markdown articles, each showing a picture of its own from beside it. */
function picturesCase(count: number, root: string): BenchCase {
  let made: Promise<Inputs> | undefined;
  return {
    name: `news-archive ${count} with pictures, no search`,
    tool: 'news-archive',
    search: false,
    dated: true,
    group: `pictures ${count}`,
    prepare: async () => {
      made ??= (async () => {
        const corpus = generateCorpus(path.join(root, `input-pictures-${count}`), count, { allMarkdown: true });
        const files = (await readdir(corpus.contentDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.md'));
        let seed = 0;
        for (const entry of files) {
          const file = path.join(entry.parentPath, entry.name);
          const picture = entry.name.replace(/\.md$/, '.jpg');
          await writeFile(path.join(entry.parentPath, picture), await photograph(++seed));
          await writeFile(file, `${await readFile(file, 'utf8')}\n\n![A street scene on the day](${picture} "The scene at noon. Photo: Bench Agency")\n`);
        }
        return { seedsDir: corpus.seedsDir, contentDir: corpus.contentDir, description: `${corpus.markdown} md, ${files.length} jpg` };
      })();
      return made;
    },
  };
}

/** The same generated articles for every tool of one size: generated once, kept for the peers. */
const generated = new Map<number, Promise<{ seedsDir: string; contentDir: string; description: string }>>();

function syntheticCase(size: number, tool: Tool, root: string, search = false): BenchCase {
  return {
    name: `${tool} ${size}${tool === 'news-archive' && !search ? ', no search' : ''}`,
    tool,
    search,
    dated: true,
    group: String(size),
    prepare: async () => {
      if (!generated.has(size)) generated.set(size, generate(size, path.join(root, `input-${size}`)));
      return generated.get(size)!;
    },
  };
}

async function generate(size: number, dir: string) {
  {
    {
      const started = performance.now();
      const corpus = generateCorpus(dir, size, { allMarkdown: true });
      const seconds = (performance.now() - started) / 1000;
      log(`generated ${size} articles (${(corpus.bytes / 1e6).toFixed(1)} MB, ~${Math.round(corpus.words / size)} words per file) in ${seconds.toFixed(1)} s, not timed`);
      return { seedsDir: corpus.seedsDir, contentDir: corpus.contentDir, description: `${corpus.markdown} md` };
    }
  }
}

const peersDir = path.join(repoRoot, 'bench', 'peers');

/** The command that builds `inputs` into `outDir` with `tool`, run from `cwd`. */
async function commandFor({ tool, search }: BenchCase, inputs: Inputs, outDir: string, workDir: string): Promise<{ command: string[]; cwd: string; env?: NodeJS.ProcessEnv }> {
  if (tool === 'news-archive') {
    // Run from the case's own folder, as a user runs it from a project: its cache (.cache/) starts empty.
    const cli = path.join(repoRoot, 'bin', 'news-archive.js');
    return { command: [process.execPath, cli, 'build', '--seeds', inputs.seedsDir, '--content', inputs.contentDir, '--out', outDir, '--base-url', 'https://example.org/', ...(search ? [] : ['--no-search'])], cwd: workDir };
  }
  if (tool === 'eleventy') {
    const cli = path.join(repoRoot, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
    return { command: [process.execPath, cli, `--config=${path.join(peersDir, 'eleventy', 'eleventy.config.js')}`, `--input=${path.join(peersDir, 'eleventy')}`, `--output=${outDir}`, '--quiet'], cwd: repoRoot, env: { ...process.env, ARTICLES_DIR: inputs.contentDir } };
  }
  // Hugo writes a lock file and a resources folder into its source: give it a copy of its own.
  const source = path.join(workDir, 'hugo-site');
  await cp(path.join(peersDir, 'hugo'), source, { recursive: true });
  return { command: ['hugo', '--source', source, '--contentDir', inputs.contentDir, '--destination', outDir, '--quiet'], cwd: workDir };
}

/** Hugo from Debian, installed when missing and we are root; otherwise the peer is left out. */
function ensureHugo(): boolean {
  if (spawnSync('hugo', ['version'], { stdio: 'ignore' }).status === 0) return true;
  if (process.getuid?.() !== 0) {
    log('hugo is missing: install it with  sudo apt-get install -y hugo  (its rows are left out)');
    return false;
  }
  log('installing Debian\'s hugo...');
  spawnSync('apt-get', ['install', '-y', '-qq', 'hugo'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return spawnSync('hugo', ['version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Flush freshly generated inputs to disk first, so their write-back does not land inside the
 * timed build. (Inputs stay in the page cache: "cold" here means a fresh process and a fresh
 * output folder, not a cold disk cache, which would need root and disturb the whole machine.)
 */
function flushToDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/**
 * One timed build. The output goes to a folder that has never existed, so the build does the
 * full work of a first publish and no earlier output has to be retired or deleted meanwhile.
 * The child runs in the repo root, as `npm run build` would, so `--import tsx` resolves.
 */
async function runCase(benchCase: BenchCase, root: string, rebuild: string | null = null): Promise<Row> {
  const workDir = path.join(root, benchCase.name);
  await mkdir(workDir, { recursive: true });
  const inputs = await benchCase.prepare(workDir);
  flushToDisk();

  const outDir = path.join(workDir, 'out', 'site');
  const { command, cwd, env } = await commandFor(benchCase, inputs, outDir, workDir);
  const name = rebuild ? `${benchCase.name}, ${rebuild}` : benchCase.name;
  log(`building ${name}: ${inputs.description}`);
  const result = await measure(command, cwd, path.join(workDir, 'time-report.txt'), env);
  const summary = parseSummary(result.stdout);
  if (result.exitStatus !== 0) log(`${benchCase.name}: build exited with status ${result.exitStatus}\n${result.stdout}\n${result.stderrTail}`);
  else log(`${benchCase.name}: ${result.stdout.trim().split('\n').at(-1)}`);

  const pages = await countHtmlFiles(outDir);
  const searchSeconds = /search index[^·\d]* ([\d.]+) s/.exec(result.stdout);
  const pictureSeconds = /· pictures ([\d.]+) s/.exec(result.stdout);
  return {
    name,
    tool: benchCase.tool,
    search: benchCase.search,
    group: rebuild ? `${benchCase.group} ${rebuild}` : benchCase.group,
    inputs: inputs.description,
    articles: summary.articles,
    rejected: summary.rejected,
    pages,
    filesWritten: summary.filesWritten,
    pagesRendered: summary.pagesRendered,
    searchSeconds: searchSeconds ? Number(searchSeconds[1]) : rebuild || !benchCase.search ? null : 0,
    pictureSeconds: pictureSeconds ? Number(pictureSeconds[1]) : null,
    picturesMade: summary.picturesMade,
    picturesCached: summary.picturesCached,
    wallSeconds: result.wallSeconds,
    pagesPerSecond: result.wallSeconds > 0 ? pages / result.wallSeconds : 0,
    peakRssMb: result.peakRssKb / 1024,
    exitStatus: result.exitStatus,
  };
}

/**
 * The builds an editor runs every day, over the site and cache a cold build left: the same build
 * with nothing changed, then after adding one article (the newest), then after backfilling an old
 * one (dated in the middle of the archive's years). The articles are removed again afterwards, so
 * the peers build the same inputs as news-archive's cold build.
 */
async function rebuilds(benchCase: BenchCase, root: string): Promise<Row[]> {
  const rows = [await runCase(benchCase, root, 'nothing changed')];
  const inputs = await benchCase.prepare(path.join(root, benchCase.name));
  const added = path.join(inputs.contentDir, 'zz-bench-added-article.md');
  const backfilled = path.join(inputs.contentDir, 'zz-bench-backfilled-article.md');
  try {
    // In an archive of undated articles (the BBC corpus), an undated one, as its editor would add.
    await writeFile(added, addedArticle(benchCase.dated ? '2031-01-01' : null));
    rows.push(await runCase(benchCase, root, 'one article added'));
    if (benchCase.dated) {
      await writeFile(backfilled, addedArticle('2019-06-15'));
      rows.push(await runCase(benchCase, root, 'old article backfilled'));
    }
  } finally {
    await rm(added, { force: true });
    await rm(backfilled, { force: true });
  }
  return rows;
}

/** A new article as an editor adds one: dated (or not), in a section and with tags the archive uses. */
function addedArticle(date: string | null): string {
  const paragraph = 'The council said on Tuesday that the harbour works would start in the spring, after a year of talks with residents, fishermen and the port authority about the cost and the noise.';
  const facts = date ? `date: ${date}\nsection: Politics\ntags:\n  - budget\n` : '';
  return `---\ntitle: "Harbour works to start in the spring, council says"\n${facts}---\n\n${Array.from({ length: 12 }, () => paragraph).join('\n\n')}\n`;
}

/** A plain-text table: text columns left-aligned, numbers right-aligned. */
function formatTable(rows: readonly Row[]): string {
  const header = ['name', 'inputs', 'articles built', 'rejected', 'pages (html)', 'rendered', 'files written', 'wall s', 'search after rendering s', 'pictures s', 'pictures made/cached', 'pages/s', 'peak RSS MB', 'exit'];
  const cells = rows.map((row) => [
    row.name,
    row.inputs,
    String(row.articles),
    String(row.rejected),
    String(row.pages),
    row.pagesRendered === null ? '-' : String(row.pagesRendered),
    row.filesWritten === null ? '-' : String(row.filesWritten),
    row.wallSeconds.toFixed(2),
    row.searchSeconds === null ? '-' : row.searchSeconds.toFixed(2),
    row.pictureSeconds === null ? '-' : row.pictureSeconds.toFixed(2),
    row.picturesMade === null ? '-' : `${row.picturesMade}/${row.picturesCached}`,
    row.pagesPerSecond.toFixed(1),
    row.peakRssMb.toFixed(1),
    String(row.exitStatus),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)));
  const isText = (column: number) => column < 2;
  const render = (line: readonly string[]) =>
    line.map((cell, column) => (isText(column) ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(render)].join('\n');
}

const notes = [
  'pages (html): .html files counted in the output folder after the build; pages/s = pages (html) / wall s.',
  'rendered, files written, search after rendering s: from news-archive\'s summary (pages rendered by this build; those plus the other files written: copied sources, search index, feeds, report; the seconds the search index took after rendering: the own index is made after the pages are rendered (Pagefind, with --search-engine pagefind, wrote it in its own process while they were, and this was the wait for it), part of wall s).',
  '"nothing changed": the same build again; "one article added": one new article (the newest, in an existing section, with existing tags) added to the inputs, then built again; "old article backfilled": then one more, dated 2019-06-15, in the middle of the generated years. Each in a fresh process, over the site and .cache/ the build before it left.',
  '"no search": news-archive with --no-search, the row compared with the peers (which write no search index); 100,000 and 1,000,000 are built only so.',
  'pictures s, pictures made/cached: the pictures stage of news-archive\'s summary (each picture in 3 widths as AVIF, WebP and JPEG with Eleventy\'s image plugin), and how many pictures it made and how many it took as an earlier build made them (remembered by their bytes, their files still in .cache/).',
  `wall s and peak RSS: whole child process (Node start-up included) from ${gnuTime} -v; MB = KiB / 1024.`,
];

/** news-archive's wall time and peak memory over each peer's, for each size. */
function ratiosOf(rows: readonly Row[]) {
  return rows
    .filter((row) => row.tool !== 'news-archive')
    .flatMap((peer) => {
      // The peers write no search index: compared with news-archive's build without one.
      const ours = rows.find((row) => row.tool === 'news-archive' && !row.search && row.group === peer.group);
      return ours ? [{ size: peer.group, peer: peer.tool, time: ours.wallSeconds / peer.wallSeconds, memory: ours.peakRssMb / peer.peakRssMb }] : [];
    });
}

function formatRatios(ratios: ReturnType<typeof ratiosOf>): string {
  return ratios.map((ratio) => `news-archive / ${ratio.peer} at ${ratio.size}: ${ratio.time.toFixed(2)} x the time, ${ratio.memory.toFixed(2)} x the peak memory`).join('\n');
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!(await hasGnuTime())) {
    console.error(`${gnuTime} is missing. Install it (Debian package "time") with:\n  ${installGnuTime}`);
    return 1;
  }

  // Everything generated or built lives here, outside the repo, and is removed only at the end
  // so no large deletion competes with a timed build for the disk.
  const root = await mkdtemp(path.join(os.tmpdir(), 'news-archive-bench-'));
  const tools: Tool[] = ['news-archive', ...(options.peers ? (['eleventy', ...(ensureHugo() ? ['hugo' as const] : [])] as Tool[]) : [])];
  const cases: BenchCase[] = [];
  if (options.corpus && existsSync(options.corpus)) cases.push(corpusCase(options.corpus));
  else if (options.corpus) log(`corpus ${options.corpus} not found, skipped`);
  if (options.pictures > 0) cases.push(picturesCase(options.pictures, root));
  for (const size of options.sizes) {
    const large = options.large.has(size);
    if (!large) cases.push(syntheticCase(size, 'news-archive', root, true));
    for (const tool of tools) if (tool === 'news-archive' || size <= hugeSize) cases.push(syntheticCase(size, tool, root));
  }
  const cleanUp = () => (options.keep ? log(`kept ${root}`) : rm(root, { recursive: true, force: true }));
  process.once('SIGINT', () => {
    void Promise.resolve(cleanUp()).finally(() => process.exit(130));
  });
  log(`working in ${root}`);

  const rows: Row[] = [];
  try {
    for (const benchCase of cases) {
      rows.push(await runCase(benchCase, root));
      if (benchCase.tool === 'news-archive' && rows.at(-1)!.exitStatus === 0) rows.push(...(await rebuilds(benchCase, root)));
    }
  } finally {
    await cleanUp();
  }

  console.log(options.json ? JSON.stringify({ rows, ratios: ratiosOf(rows) }, null, 2) : `${formatTable(rows)}\n\n${formatRatios(ratiosOf(rows))}\n\n${notes.join('\n')}`);
  return rows.every((row) => row.exitStatus === 0) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
