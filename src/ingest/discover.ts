import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';

export interface InputFile {
  /** The folder it was found in: seeds hold scraped text, content holds Markdown. */
  kind: 'seed' | 'markdown';
  /** Stable identity: the path under its folder, without extension, with forward slashes. */
  id: string;
  absolutePath: string;
  /** The path as the user knows it, relative to the working directory: `seeds/000_x.txt`. */
  displayPath: string;
  /** Why the file is not read at all, or null: every file found is accounted for. */
  refusal: string | null;
}

export interface Discovery {
  inputs: InputFile[];
  /** Hidden files (a name starting with a dot, such as .DS_Store), listed but not read. */
  hidden: string[];
}

const extensionOf = { seed: '.txt', markdown: '.md' } as const;

/** Byte order of strings: the same on every machine and in every locale. */
export const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const toPosix = (p: string) => p.split(path.sep).join('/');
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
 * Every file under `seedsDir` and `contentDir`, in byte order of path. A seed is a `.txt` file, an
 * article a `.md` file; any other file comes back with the reason it is not read, so that nothing
 * in the input folders goes unreported.
 */
export async function discover(seedsDir: string, contentDir: string, cwd = process.cwd()): Promise<Discovery> {
  const inputs: InputFile[] = [];
  const hidden: string[] = [];
  for (const [kind, dir] of [['seed', seedsDir], ['markdown', contentDir]] as const) {
    const folder = path.resolve(cwd, dir);
    const root = await realpath(folder).catch(() => folder);
    for (const entry of await entriesOf(folder)) {
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const absolutePath = path.join(entry.parentPath, entry.name);
      const relative = toPosix(path.relative(folder, absolutePath));
      const displayPath = toPosix(path.relative(cwd, absolutePath));
      if (relative.split('/').some((part) => part.startsWith('.'))) {
        hidden.push(displayPath);
        continue;
      }
      const extension = extensionOf[kind];
      let refusal = entry.isSymbolicLink() ? await linkRefusal(absolutePath, root, dir) : null;
      if (!refusal && !relative.endsWith(extension)) {
        refusal = `Not read: only ${extension} files in ${dir}/ are ${kind === 'seed' ? 'seeds' : 'Markdown articles'}`;
      }
      const id = relative.endsWith(extension) ? relative.slice(0, -extension.length) : relative;
      inputs.push({ kind, id, absolutePath, displayPath, refusal });
    }
  }
  inputs.sort((a, b) => byteOrder(a.displayPath, b.displayPath));
  hidden.sort(byteOrder);
  return { inputs, hidden };
}
