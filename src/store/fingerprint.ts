import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, type Dirent } from 'node:fs';
import { readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../util/package-root.ts';
import type { BuildOptions } from '../commands/build.ts';
import { buildSettingsOf } from '../pipeline/settings.ts';
import { byteOrder } from '../ingest/discover.ts';

/**
 * What stands for one entry's content: a regular file's bytes (or, past the size a build reads,
 * its size and time); a link's target; and for a pipe or device only its kind, since reading one
 * could wait forever or never end.
 */
async function digestOf(file: string, entry: Dirent, maxBytes: number): Promise<string> {
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
    if (info.size > maxBytes) return hash.update(`large:${info.size}:${info.mtimeMs}`).digest('hex');
    return hash.update(readFileSync(fd)).digest('hex');
  } catch {
    return hash.update('unreadable').digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** Every entry under `dir` (none if it does not exist), as path and digest, in byte order. */
async function filesOf(dir: string, maxBytes: number): Promise<[string, string][]> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [] as Dirent[])).filter((entry) => !entry.isDirectory());
  const files = entries.map((entry) => ({ entry, file: path.join(entry.parentPath, entry.name) })).sort((a, b) => byteOrder(a.file, b.file));
  return Promise.all(files.map(async ({ entry, file }): Promise<[string, string]> => [path.relative(dir, file), await digestOf(file, entry, maxBytes)]));
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
}

async function folderDigest(dir: string, maxBytes: number): Promise<string> {
  const hash = createHash('sha256');
  for (const [file, digest] of await filesOf(dir, maxBytes)) hash.update(`${file}\u0000${digest}\n`);
  return hash.digest('hex');
}

const fileDigest = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file).catch(() => Buffer.from('missing')))
    .digest('hex');

export async function fingerprintOf(options: BuildOptions): Promise<Fingerprint> {
  const cwd = options.cwd ?? process.cwd();
  const settings = buildSettingsOf(options);
  // Named, not by absolute path: the same project in another folder has the same fingerprint.
  const [seeds, content, templates, code, entityRules, lockfile] = await Promise.all([
    folderDigest(path.resolve(cwd, options.seedsDir), options.maxBytes),
    folderDigest(path.resolve(cwd, options.contentDir), options.maxBytes),
    folderDigest(path.resolve(cwd, options.templatesDir), options.maxBytes),
    folderDigest(path.join(packageRoot, 'src'), options.maxBytes),
    fileDigest(path.resolve(cwd, options.entityRules)),
    fileDigest(path.join(packageRoot, 'package-lock.json')),
  ]);
  const codeVersion = process.env.NEWS_ARCHIVE_CODE_VERSION ?? '';
  const codeDigest = createHash('sha256').update(JSON.stringify({ code, lockfile, codeVersion })).digest('hex');
  const rendering = createHash('sha256').update(JSON.stringify({ templates, code: codeDigest })).digest('hex');
  const whole = createHash('sha256').update(JSON.stringify({ settings, seeds, content, entityRules, rendering })).digest('hex');
  return { whole, rendering, code: codeDigest };
}

/** The fingerprint and counts the last build recorded in the output folder, if any. */
export async function previousBuild(outDir: string): Promise<{ fingerprint: string; counts: Record<string, number> } | null> {
  try {
    const report = JSON.parse(await readFile(path.join(outDir, 'build-report.json'), 'utf8')) as { fingerprint?: unknown; counts?: Record<string, number> };
    return typeof report.fingerprint === 'string' && report.counts ? { fingerprint: report.fingerprint, counts: report.counts } : null;
  } catch {
    return null;
  }
}

/**
 * The fingerprint of the build about to run, and the counts of the last build when nothing has
 * changed since (inputs, templates, settings, code), so the site it left is already this build's
 * site; null when there is work to do. `--strict` always builds, because it must list the warnings.
 */
export async function unchangedSince(options: BuildOptions): Promise<{ fingerprint: Fingerprint; unchanged: Record<string, number> | null }> {
  const [previous, fingerprint] = await Promise.all([previousBuild(path.resolve(options.cwd ?? process.cwd(), options.outDir)), fingerprintOf(options)]);
  const unchanged = !options.strict && previous && previous.fingerprint === fingerprint.whole ? previous.counts : null;
  return { fingerprint, unchanged };
}
