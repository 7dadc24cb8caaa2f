import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from '../src/commands/build.ts';
import type { Archive } from '../src/pipeline/archive.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const shippedSeed = path.join(repoRoot, 'seeds', '000_a4d76ca98f8e33ba.txt');

const made: string[] = [];
// Each test file runs in a process of its own: what it made in the temp folder goes when it ends.
process.on('exit', () => {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A build's own background removal got there first, or a browser still holds its profile.
    }
  }
});

/** A fresh folder in the temp folder, `news-archive-<what>-XXXXXX`, removed when the test process ends. */
export async function tempDir(what: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `news-archive-${what}-`));
  made.push(dir);
  return dir;
}

/** A fresh project folder with the given files (path -> text or bytes). */
export async function tempProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir('test');
  await mkdir(path.join(dir, 'seeds'), { recursive: true });
  await mkdir(path.join(dir, 'content'), { recursive: true });
  for (const [name, value] of Object.entries(files)) await writeTo(dir, name, value);
  return dir;
}

export async function writeTo(dir: string, name: string, value: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), value);
}

export function buildOptions(dir: string, overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    seedsDir: 'seeds',
    contentDir: 'content',
    outDir: 'site',
    templatesDir: path.join(repoRoot, 'templates'),
    strict: false,
    maxBytes: 5 * 1024 * 1024,
    title: 'Test archive',
    lang: 'en',
    perPage: 20,
    baseUrl: null,
    entityRules: 'entities.yml',
    cwd: dir,
    // The build's result can then read every article's whole record after it ends. The store in
    // .cache/ is tested through the command line (store, incremental and property tests).
    store: false,
    ...overrides,
  };
}

/** Every article's whole record, in archive order, as the build read or made it. */
export const articlesOf = (archive: Pick<Archive, 'summaries' | 'load'>) => archive.summaries.map((summary) => archive.load(summary.path).article);

export const buildProject = (dir: string, overrides: Partial<BuildOptions> = {}) => build(buildOptions(dir, overrides));

/** Build, and index the sources ledger by file path: what became of each input. */
export async function buildLedger(dir: string, overrides: Partial<BuildOptions> = {}) {
  const result = await buildProject(dir, overrides);
  return { result, byPath: Object.fromEntries(result.view.ledger.map((entry) => [entry.path, entry])) };
}

const run = promisify(execFile);

/** Run the real CLI in `cwd`; resolves with its exit code and output, whatever the code. */
export async function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repoRoot, 'bin', 'news-archive.js'), ...args], { cwd, env: { ...process.env, NODE_OPTIONS: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

export const readText = (file: string) => readFile(file, 'utf8');

/** Every file of a site with the SHA-256 of its bytes. */
export async function siteHashes(site: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const file of await listFiles(site)) hashes.set(file, createHash('sha256').update(await readFile(path.join(site, file))).digest('hex'));
  return hashes;
}

/** The build's summary line: pages in all, rendered, and kept from the last build. */
export const summaryLine = /^([\d,]+) pages? in site\/: ([\d,]+) rendered, ([\d,]+) unchanged since the last build;/m;

/**
 * The same project built from nothing, in a copy without its `site/` and `.cache/`: what an
 * updated site must equal byte for byte. The copy is removed, unless `keepIn` names the (empty)
 * folder to make it in, which the caller then owns (to show how a file differs).
 */
export async function coldBuild(project: string, args: string[] = [], env: NodeJS.ProcessEnv = {}, keepIn?: string): Promise<Map<string, string>> {
  const copy = keepIn ?? (await tempDir('cold'));
  await cp(project, copy, { recursive: true, filter: (source) => !/[/\\](site|\.cache|\.site\.[a-z]+-\d+)$/.test(source) });
  const result = await cli(copy, ['build', ...args], env);
  assert.equal(result.code, 0, result.stderr);
  const match = summaryLine.exec(result.stdout);
  assert.ok(match && match[2] === match[1], `a cold build renders every page: ${result.stdout}`);
  const hashes = await siteHashes(path.join(copy, 'site'));
  if (!keepIn) await rm(copy, { recursive: true, force: true });
  return hashes;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.svg': 'image/svg+xml',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

/** Serve `root` under `prefix`, as a static host would: a directory answers with its index.html. */
export function staticHost(root: string, prefix: string): Server {
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix)) return void response.writeHead(404).end();
    let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
}

const md = (title: string, extra: string, body: string) => `---\ntitle: ${title}\n${extra}---\n\n${body}\n`;

/**
 * A photograph-like picture: a gradient with noise (which compresses as a photograph does, not as
 * a flat colour), `width` by `height` pixels, as JPEG or PNG bytes.
 */
export async function samplePicture(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg', seed = 1): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  const pixels = Buffer.alloc(width * height * 3);
  for (let index = 0; index < pixels.length; index++) pixels[index] = ((index % (width * 3)) / 6 + ((index * 7919 * seed) % 61)) & 255;
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return new Uint8Array(await (format === 'jpeg' ? image.jpeg() : image.png()).toBuffer());
}

/**
 * An animated GIF of `frames` frames, each a band of another colour on the last's, written by hand
 * (sharp reads animated pictures but does not assemble one from frames). Its LZW data starts again
 * after every two pixels, so that every code stays three bits wide: large, and valid.
 */
export function animatedGif(width: number, height: number, frames: number): Uint8Array {
  const bytes: number[] = [];
  const word = (value: number) => bytes.push(value & 255, value >> 8);
  bytes.push(...new TextEncoder().encode('GIF89a'));
  word(width);
  word(height);
  // A global table of four colours: black, red, green, blue.
  bytes.push(0b1000_0001, 0, 0, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255);
  // Loop for ever (the NETSCAPE2.0 application extension).
  bytes.push(0x21, 0xff, 11, ...new TextEncoder().encode('NETSCAPE2.0'), 3, 1, 0, 0, 0);
  for (let frame = 0; frame < frames; frame++) {
    // Each frame shows for a tenth of a second.
    bytes.push(0x21, 0xf9, 4, 0, 10, 0, 0, 0);
    bytes.push(0x2c);
    word(0);
    word(0);
    word(width);
    word(height);
    bytes.push(0, 2);
    const codes: number[] = [];
    for (let pixel = 0; pixel < width * height; pixel++) {
      if (pixel % 2 === 0) codes.push(4);
      codes.push(Math.floor(((pixel % width) / width) * 4 + frame) % 4);
    }
    codes.push(5);
    const data: number[] = [];
    let bits = 0;
    let held = 0;
    for (const code of codes) {
      held |= code << bits;
      bits += 3;
      while (bits >= 8) {
        data.push(held & 255);
        held >>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) data.push(held & 255);
    for (let start = 0; start < data.length; start += 255) bytes.push(Math.min(255, data.length - start), ...data.slice(start, start + 255));
    bytes.push(0);
  }
  bytes.push(0x3b);
  return new Uint8Array(bytes);
}

/** An archive with the seed and a few Markdown articles that share names, tags and sections, one with a picture, and an about page with one. */
export async function exploreProject() {
  return tempProject({
    'content/summit.jpg': await samplePicture(1200, 800),
    'content/room.jpg': await samplePicture(900, 600, 'jpeg', 7),
    'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed),
    'content/about.md': '---\nkind: page\ntitle: About\n---\n\nAbout this archive.\n\n![Shelves of bound newspapers](room.jpg "The reading room. Photo: Archive staff")\n',
    'content/summit.md': md('Leaders meet in Moscow', 'date: 2022-05-16\nsection: World\ntags: [NATO, Russia]\nbyline: Ana Ruiz\n', 'Vladimir Putin met the leaders of the CSTO in Moscow on Monday.\n\n![Six leaders at a round table](summit.jpg "The leaders at the table. Photo: Kremlin pool")\n\n“We will decide based on the threats,” Putin said.'),
    'content/nordic.md': md('Finland and Sweden apply to join NATO', 'date: 2022-05-18\nsection: World\ntags: [NATO]\n', 'Finland and Sweden handed in their applications to NATO in Brussels.'),
    'content/markets.md': md('Markets rally', 'date: 2021-03-05T09:30:00Z\nsection: Business\ntags: [markets]\n', 'Shares rose in London and New York.'),
    'content/rates.md': md('Rates held', 'date: 2021-03-01\nsection: Business\ntags: [markets, rates]\n', 'The Bank of England held rates in London.'),
  });
}
