import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildCounts } from '../publish/report.ts';
import { urls } from '../view/urls.ts';
import { sha256 } from '../util/hash.ts';
import { writeWhole } from '../util/write-whole.ts';

/**
 * What the last build left in the site: every file, with the key it was made from (a page's key,
 * a source copy's SHA-256; empty for the files every build writes again). Kept in the project's
 * `.cache/`, not in the site, so it is never published.
 */
export interface Manifest {
  /** The fingerprint of the build that wrote the site: the site's own report must still give it. */
  fingerprint: string;
  /** In the order the build made them. */
  files: Map<string, string>;
}

/** Kept as a list of `[file, key]` pairs: a Map read from it, where an object of 400,000 names took seconds to fill and to sort. */
const format = 2;

/**
 * `.cache/news-archive/<site>-<hash of the site's path from the project>-<what>`: two sites never
 * share one, and a project moved or checked out elsewhere (a CI runner restoring `.cache/` and
 * `site/`) keeps its own.
 */
export function cacheFolder(siteDir: string, cwd: string, what: string): string {
  const name = `${path.basename(siteDir)}-${sha256(path.relative(path.resolve(cwd), path.resolve(cwd, siteDir)).split(path.sep).join('/')).slice(0, 12)}-${what}`;
  return path.join(cwd, '.cache', 'news-archive', name);
}

const manifestFile = (siteDir: string, cwd: string) => cacheFolder(siteDir, cwd, 'manifest.json');
/** The report's fingerprint and counts, kept apart when it is published: the whole report runs to megabytes. */
const reportHeadFile = (siteDir: string, cwd: string) => cacheFolder(siteDir, cwd, 'report-head.json');
const reportOf = (siteDir: string) => path.join(siteDir, urls.report());

/** The report's first few kilobytes, where its fingerprint stands. */
async function reportHead(report: string): Promise<string> {
  const handle = await open(report, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(4096), position: 0 });
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export interface PreviousBuild {
  fingerprint: string;
  counts: Record<string, number>;
}

/**
 * The fingerprint and counts the last build recorded in the output folder's report, if any. The
 * report is parsed only when its first bytes do not give the fingerprint kept beside it: a report
 * replaced, or edited by hand, is read whole.
 */
export async function previousBuild(siteDir: string, cwd: string): Promise<PreviousBuild | null> {
  const report = reportOf(siteDir);
  const head = await readFile(reportHeadFile(siteDir, cwd), 'utf8')
    .then((text) => JSON.parse(text) as Partial<PreviousBuild>)
    .catch(() => null);
  const counted = (counts: unknown): counts is Record<string, number> => typeof counts === 'object' && counts !== null;
  // A report whose first bytes give the fingerprint its head was kept with is that build's report,
  // and a build's counts follow from its fingerprint.
  if (head && typeof head.fingerprint === 'string' && counted(head.counts) && (await reportHead(report)).includes(JSON.stringify(head.fingerprint))) {
    return { fingerprint: head.fingerprint, counts: head.counts };
  }
  try {
    const whole = JSON.parse(await readFile(report, 'utf8')) as { fingerprint?: unknown; counts?: Record<string, number> };
    return typeof whole.fingerprint === 'string' && counted(whole.counts) ? { fingerprint: whole.fingerprint, counts: whole.counts } : null;
  } catch {
    return null;
  }
}

/**
 * The manifest of the site as it stands, or null when there is none to trust: no site, no
 * manifest, another format, or a site whose report names another build (it was replaced, or a
 * build was killed before it finished), in which case the next build starts from nothing.
 */
export async function lastManifest(siteDir: string, cwd: string): Promise<Manifest | null> {
  const [site, stored] = await Promise.all([
    previousBuild(siteDir, cwd),
    readFile(manifestFile(siteDir, cwd), 'utf8')
      .then((text) => JSON.parse(text) as { format?: unknown; fingerprint?: unknown; files?: unknown })
      .catch(() => null),
  ]);
  if (!site || !stored || stored.format !== format || stored.fingerprint !== site.fingerprint || !Array.isArray(stored.files)) return null;
  const pairs = stored.files as unknown[];
  if (!pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string')) return null;
  return { fingerprint: site.fingerprint, files: new Map(pairs as [string, string][]) };
}


/** Keep the manifest of the site just published, and the head of the report it holds. */
export function recordManifest(siteDir: string, cwd: string, manifest: Manifest, counts: BuildCounts): void {
  writeWhole(manifestFile(siteDir, cwd), JSON.stringify({ format, fingerprint: manifest.fingerprint, files: [...manifest.files] }));
  writeWhole(reportHeadFile(siteDir, cwd), JSON.stringify({ fingerprint: manifest.fingerprint, counts }));
}
