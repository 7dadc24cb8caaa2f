import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../cli/errors.ts';
import type { SourceRecord } from '../model/article.ts';

export interface InputFile {
  /**
   * Seeds hold scraped text, saved web pages (and editors' overlays for them, `<stem>.yml`) and files
   * of records (a scraper's JSON, WARC captures), each record of which is an input of its own (a
   * scraper's record, or a web page); content holds Markdown.
   */
  kind: 'seed' | 'webpage' | 'overlay' | 'markdown' | 'records' | 'scraped' | 'image';
  /** Stable identity: the path under its folder, without extension, with forward slashes. */
  id: string;
  absolutePath: string;
  /** The path as the user knows it, relative to the working directory: `seeds/000_x.txt`. */
  displayPath: string;
  /** Why the file is not read at all, or null: every file found is accounted for. */
  refusal: string | null;
  /** For one record of a file of records: where it stands in its file. */
  record?: SourceRecord;
}

export interface Discovery {
  inputs: InputFile[];
  /** Hidden files (a name starting with a dot, such as .DS_Store), listed but not read. */
  hidden: string[];
}

/** The picture files an article may show, in either folder. */
export const imageExtensions: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif', '.tif', '.tiff']);

/** What a file is, by its folder and extension (in any case: `STORY.TXT` is a seed). */
function kindOf(folder: 'seed' | 'markdown', relative: string): { kind: InputFile['kind']; extension: string } | null {
  const extension = /\.warc\.gz$/i.exec(relative)?.[0] ?? /\.[^./]+$/.exec(relative)?.[0] ?? '';
  const lower = extension.toLowerCase();
  if (folder === 'seed' && ['.jsonl', '.ndjson', '.json', '.warc', '.warc.gz'].includes(lower)) return { kind: 'records', extension };
  if (folder === 'seed' && lower === '.txt') return { kind: 'seed', extension };
  if (folder === 'seed' && (lower === '.html' || lower === '.htm')) return { kind: 'webpage', extension };
  if (folder === 'seed' && (lower === '.yml' || lower === '.yaml')) return { kind: 'overlay', extension };
  if (folder === 'markdown' && (lower === '.md' || lower === '.markdown')) return { kind: 'markdown', extension };
  if (imageExtensions.has(lower)) return { kind: 'image', extension };
  return null;
}

/** Byte order of strings: the same on every machine and in every locale. */
export const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const toPosix = (p: string) => p.split(path.sep).join('/');
// path.join and path.relative, without their normalising where the paths are resolved already
// (the folders readdir lists under a resolved folder are): they took 0.1 s at 10,000 files.
const joined = (folder: string, name: string) => (folder.endsWith(path.sep) ? folder + name : folder + path.sep + name);
const relativeTo = (from: string, to: string) => (!from.endsWith(path.sep) && to.startsWith(from + path.sep) ? to.slice(from.length + 1) : path.relative(from, to));
const inside = (child: string, parent: string) => child.startsWith(parent + path.sep);

async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new UsageError(`${dir} is a file, not a folder`);
    throw new UsageError(`${dir} could not be listed (${code ?? (error as Error).message})`);
  }
}

/** A symbolic link is read only when it points at a file inside the same input folder. */
async function linkRefusal(file: string, root: string, folder: string): Promise<string | null> {
  let target: string;
  let isFolder: boolean;
  try {
    target = await realpath(file);
    isFolder = (await stat(target)).isDirectory();
  } catch {
    return 'Symbolic link to nothing that can be read: its target does not exist or is not readable';
  }
  if (!inside(target, root)) return `Symbolic link to ${target}, outside ${folder}/: refused, so that only files in the input folders are published`;
  if (isFolder) return 'Symbolic link to a folder: not followed';
  return null;
}

/**
 * Every file under `seedsDir` and `contentDir`, in byte order of path. A seed is a `.txt` file, its
 * overlay a `.yml` file beside it, an article a `.md` file; any other file comes back with the reason it is not read, so that nothing
 * in the input folders goes unreported.
 */
export async function discover(seedsDir: string, contentDir: string, cwd = process.cwd()): Promise<Discovery> {
  const inputs: InputFile[] = [];
  const hidden: string[] = [];
  const base = path.resolve(cwd);
  for (const [kind, dir] of [['seed', seedsDir], ['markdown', contentDir]] as const) {
    const folder = path.resolve(cwd, dir);
    const root = await realpath(folder).catch(() => folder);
    for (const entry of await entriesOf(folder)) {
      if (entry.isDirectory()) continue;
      const absolutePath = joined(entry.parentPath, entry.name);
      const relative = toPosix(relativeTo(folder, absolutePath));
      // As the user knows it: from the working folder, or, for a folder outside it, from that
      // folder's own name, so that pages never show a path that depends on where the build ran.
      const fromCwd = toPosix(relativeTo(base, absolutePath));
      const displayPath = fromCwd.startsWith('../') || path.isAbsolute(fromCwd) ? `${path.basename(folder)}/${relative}` : fromCwd;
      if (relative.split('/').some((part) => part.startsWith('.'))) {
        hidden.push(displayPath);
        continue;
      }
      const known = kindOf(kind, relative);
      let refusal = entry.isSymbolicLink() ? await linkRefusal(absolutePath, root, dir) : null;
      if (!entry.isFile() && !entry.isSymbolicLink()) refusal = 'Not a regular file (a pipe, socket or device): not read';
      if (!refusal && !known) {
        refusal =
          kind === 'seed'
            ? `Not read: only .txt files (seeds), .html and .htm files (saved web pages), .yml files (their overlays), .jsonl and .json files (a scraper's output), .warc and .warc.gz files (web captures) and the pictures they show belong in ${dir}/`
            : `Not read: only .md files (Markdown articles) and the pictures they show belong in ${dir}/`;
      }
      const id = known ? relative.slice(0, -known.extension.length) : relative;
      inputs.push({ kind: known?.kind ?? kind, id, absolutePath, displayPath, refusal });
    }
  }
  inputs.sort((a, b) => byteOrder(a.displayPath, b.displayPath));
  hidden.sort(byteOrder);
  return { inputs, hidden };
}
