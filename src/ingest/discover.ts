import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface InputFile {
  kind: 'seed' | 'markdown';
  /** Stable identity: the path under its folder, without extension, with forward slashes. */
  id: string;
  absolutePath: string;
  /** The path as the user knows it, relative to the working directory: `seeds/000_x.txt`. */
  displayPath: string;
}

export interface Discovery {
  inputs: InputFile[];
  /** Files found in the input folders that are neither seeds nor Markdown, by display path. */
  ignored: string[];
}

const extensionOf = { seed: '.txt', markdown: '.md' } as const;

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every seed under `seedsDir` and Markdown file under `contentDir`, in byte order of path. */
export async function discover(seedsDir: string, contentDir: string, cwd = process.cwd()): Promise<Discovery> {
  const inputs: InputFile[] = [];
  const ignored: string[] = [];
  for (const [kind, dir] of [['seed', seedsDir], ['markdown', contentDir]] as const) {
    for (const absolutePath of await listFiles(path.resolve(cwd, dir))) {
      const displayPath = toPosix(path.relative(cwd, absolutePath));
      const relative = toPosix(path.relative(path.resolve(cwd, dir), absolutePath));
      if (!relative.endsWith(extensionOf[kind])) {
        ignored.push(displayPath);
        continue;
      }
      inputs.push({ kind, id: relative.slice(0, -extensionOf[kind].length), absolutePath, displayPath });
    }
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  inputs.sort((a, b) => byPath(a.displayPath, b.displayPath));
  ignored.sort(byPath);
  return { inputs, ignored };
}
