import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../util/package-root.ts';
import type { BuildOptions } from '../commands/build.ts';
import { buildSettingsOf } from '../pipeline/settings.ts';
import { byteOrder } from '../ingest/discover.ts';
import { previousBuild } from './manifest.ts';
import { sha256 } from '../util/hash.ts';
import { writeWhole } from '../util/write-whole.ts';

/**
 * The digests the last build took, by file, each with the file's size, times and inode then: a
 * file whose stat is the same has the same bytes, so it is not read again. A file written in the
 * two seconds before it was read is left out (its times may not show a second write in the same
 * tick of the clock), and read again next time, much as git treats a "racily clean" file.
 */
type Digests = Map<string, string>;
/** One file's line in `digests.json`: its stat and digest, as one string (10,000 objects cost more to parse than their text). */
const lineOf = (stat: string, digest: string) => `${stat} ${digest}`;
/** A digest taken now, and whether the file was last written long enough before it was read to trust its stat next time. */
type Taken = { stat: string; digest: string; settled: boolean; bytes: boolean };

/** What a file's stat says of its bytes: the same size, times and inode mean the same bytes. */
const statOf = (info: Stats) => `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
const racyWindowMs = 2_000;
/** Written more than the window before it is read: a later write would show in its times. */
const settled = (info: Stats) => Date.now() - Math.max(info.mtimeMs, info.ctimeMs) > racyWindowMs;

function loadDigests(file: string): Digests {
  try {
    const lines = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return new Map(Object.entries(lines).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return new Map();
  }
}

function saveDigests(file: string, digests: Digests, taken: Map<string, Taken>): void {
  const kept = [...taken].filter(([, entry]) => entry.settled);
  if (kept.length === digests.size && kept.every(([name, { stat, digest }]) => digests.get(name) === lineOf(stat, digest))) return;
  try {
    writeWhole(file, JSON.stringify(Object.fromEntries(kept.map(([name, { stat, digest }]) => [name, lineOf(stat, digest)]))));
  } catch {
    // Without it the next build reads every file again, as it would have anyway.
  }
}

/** The digest the last build took of a regular file whose stat is still the same, or undefined. */
function knownDigest(file: string, maxBytes: number, known: Digests, taken: Map<string, Taken>): string | undefined {
  const seen = known.get(file);
  if (!seen) return undefined;
  try {
    const info = statSync(file);
    const stat = statOf(info);
    if (seen.length !== stat.length + 65 || !seen.startsWith(stat) || seen[stat.length] !== ' ') return undefined;
    const digest = seen.slice(stat.length + 1);
    taken.set(file, { stat, digest, settled: settled(info), bytes: info.size <= maxBytes });
    return digest;
  } catch {
    // Read again, which says what is wrong with it.
    return undefined;
  }
}

/**
 * What stands for one entry's content: a regular file's bytes (or, past the size a build reads,
 * its size and time); a link's target; and for a pipe or device only its kind, since reading one
 * could wait forever or never end.
 */
async function digestOf(file: string, entry: Dirent, maxBytes: number, taken: Map<string, Taken>): Promise<string> {
  const hash = createHash('sha256');
  if (entry.isSymbolicLink()) return hash.update(`link:${await readlink(file).catch(() => '?')}`).digest('hex');
  if (!entry.isFile()) return hash.update('special').digest('hex');
  // Synchronous, and one open file for its size and bytes: for many small files this is several
  // times faster than the promise API.
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return hash.update('unreadable').digest('hex');
  }
  try {
    const info = fstatSync(fd);
    const digest = info.size > maxBytes ? hash.update(`large:${info.size}:${info.mtimeMs}`).digest('hex') : hash.update(readFileSync(fd)).digest('hex');
    taken.set(file, { stat: statOf(info), digest, settled: settled(info), bytes: info.size <= maxBytes });
    return digest;
  } catch {
    return hash.update('unreadable').digest('hex');
  } finally {
    closeSync(fd);
  }
}

/**
 * Every entry under `dir` (none if it does not exist), as path and digest, in byte order. A file
 * the last build took is only statted, synchronously: at 10,000 files, one promise each cost more
 * than the stats.
 */
async function filesOf(dir: string, maxBytes: number, known: Digests, taken: Map<string, Taken>): Promise<[string, string][]> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [] as Dirent[])).filter((entry) => !entry.isDirectory());
  // Joined by hand: `dir` is resolved, so the folders under it are too (path.join took 40 ms at 10,000 files).
  const files = entries.map((entry) => ({ entry, file: entry.parentPath.endsWith(path.sep) ? entry.parentPath + entry.name : entry.parentPath + path.sep + entry.name })).sort((a, b) => byteOrder(a.file, b.file));
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const named: [string, string][] = new Array(files.length);
  const toRead: number[] = [];
  files.forEach(({ entry, file }, index) => {
    const digest = entry.isFile() ? knownDigest(file, maxBytes, known, taken) : undefined;
    const name = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(dir, file);
    if (digest === undefined) toRead.push(index);
    named[index] = [name, digest ?? ''];
  });
  await Promise.all(toRead.map(async (index) => (named[index]![1] = await digestOf(files[index]!.file, files[index]!.entry, maxBytes, taken))));
  return named;
}

/** What a build starts from, hashed: the whole of it, and the parts that decide its records and pages. */
export interface Fingerprint {
  /**
   * Every input file's bytes and name, the templates, the entity rules, the settings that reach a
   * page, and the code itself (news-archive's sources and the exact dependency versions in its
   * lockfile). The same fingerprint means the same site, byte for byte, so a build with nothing
   * changed can stop here. Any doubt (a file that cannot be read) changes the hash rather than
   * hides a change.
   */
  whole: string;
  /** The templates and the code alone: what turns a page's record into its HTML. */
  rendering: string;
  /** The code alone: what turns a text into a record. */
  code: string;
  /** The SHA-256 of each regular input file's bytes (one within the size limit), by absolute path. */
  digests: ReadonlyMap<string, string>;
}

async function folderDigest(dir: string, maxBytes: number, known: Digests, taken: Map<string, Taken>): Promise<string> {
  const hash = createHash('sha256');
  for (const [file, digest] of await filesOf(dir, maxBytes, known, taken)) hash.update(`${file}\u0000${digest}\n`);
  return hash.digest('hex');
}

const fileDigest = async (file: string) => sha256(await readFile(file).catch(() => Buffer.from('missing')));

export async function fingerprintOf(options: BuildOptions): Promise<Fingerprint> {
  const cwd = options.cwd ?? process.cwd();
  const settings = buildSettingsOf(options);
  const digestsFile = path.join(cwd, '.cache', 'news-archive', 'digests.json');
  const known = loadDigests(digestsFile);
  const taken = new Map<string, Taken>();
  // Named, not by absolute path: the same project in another folder has the same fingerprint.
  const [seeds, content, templates, code, entityRules, lockfile] = await Promise.all([
    folderDigest(path.resolve(cwd, options.seedsDir), options.maxBytes, known, taken),
    folderDigest(path.resolve(cwd, options.contentDir), options.maxBytes, known, taken),
    folderDigest(path.resolve(cwd, options.templatesDir), options.maxBytes, known, taken),
    folderDigest(path.join(packageRoot, 'src'), options.maxBytes, known, taken),
    fileDigest(path.resolve(cwd, options.entityRules)),
    fileDigest(path.join(packageRoot, 'package-lock.json')),
  ]);
  saveDigests(digestsFile, known, taken);
  const codeVersion = process.env.NEWS_ARCHIVE_CODE_VERSION ?? '';
  const codeDigest = sha256(JSON.stringify({ code, lockfile, codeVersion }));
  const rendering = sha256(JSON.stringify({ templates, code: codeDigest }));
  const whole = sha256(JSON.stringify({ settings, seeds, content, entityRules, rendering }));
  const digests = new Map([...taken].filter(([, entry]) => entry.bytes).map(([file, entry]) => [file, entry.digest]));
  return { whole, rendering, code: codeDigest, digests };
}

/**
 * The fingerprint of the build about to run, and the counts of the last build when nothing has
 * changed since (inputs, templates, settings, code), so the site it left is already this build's
 * site; null when there is work to do. `--strict` always builds, because it must list the warnings.
 */
export async function unchangedSince(options: BuildOptions): Promise<{ fingerprint: Fingerprint; unchanged: Record<string, number> | null }> {
  const [previous, fingerprint] = await Promise.all([previousBuild(path.resolve(options.cwd ?? process.cwd(), options.outDir), options.cwd ?? process.cwd()), fingerprintOf(options)]);
  const unchanged = !options.strict && previous && previous.fingerprint === fingerprint.whole ? previous.counts : null;
  return { fingerprint, unchanged };
}
