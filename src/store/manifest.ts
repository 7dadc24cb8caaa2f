import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { previousBuild } from './fingerprint.ts';

/**
 * What the last build left in the site: every file, with the key it was made from (a page's key,
 * a source copy's SHA-256; empty for the files every build writes again). Kept in the project's
 * `.cache/`, not in the site, so it is never published.
 */
export interface Manifest {
  /** The fingerprint of the build that wrote the site: the site's own report must still give it. */
  fingerprint: string;
  files: Record<string, string>;
}

const format = 1;

/** `.cache/news-archive/<site>-<hash of the site's absolute path>-<what>`: two sites never share one. */
export function cacheFolder(siteDir: string, cwd: string, what: string): string {
  const name = `${path.basename(siteDir)}-${createHash('sha256').update(siteDir).digest('hex').slice(0, 12)}-${what}`;
  return path.join(cwd, '.cache', 'news-archive', name);
}

const manifestFile = (siteDir: string, cwd: string) => cacheFolder(siteDir, cwd, 'manifest.json');

/**
 * The manifest of the site as it stands, or null when there is none to trust: no site, no
 * manifest, another format, or a site whose report names another build (it was replaced, or a
 * build was killed before it finished), in which case the next build starts from nothing.
 */
export async function lastManifest(siteDir: string, cwd: string): Promise<Manifest | null> {
  const [site, stored] = await Promise.all([
    previousBuild(siteDir),
    readFile(manifestFile(siteDir, cwd), 'utf8')
      .then((text) => JSON.parse(text) as { format?: unknown } & Manifest)
      .catch(() => null),
  ]);
  if (!site || !stored || stored.format !== format || stored.fingerprint !== site.fingerprint || typeof stored.files !== 'object' || stored.files === null) return null;
  return { fingerprint: stored.fingerprint, files: stored.files };
}

/** Keep the manifest of the site just published, written whole or not at all. */
export async function recordManifest(siteDir: string, cwd: string, manifest: Manifest): Promise<void> {
  const file = manifestFile(siteDir, cwd);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.${process.pid}`, JSON.stringify({ format, ...manifest }));
  await rename(`${file}.${process.pid}`, file);
}
