import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * Results of the costly steps that depend on one text alone (rendering a Markdown body, finding
 * the names and quotations in an article), remembered between builds. A result is found by the
 * SHA-256 of the step's name and its whole input, and the store belongs to one version of the
 * code, so a result is never served for another input or by other code.
 */
export interface Memo {
  /** The remembered result of `step` for `input` (kept for next time), or undefined. */
  find<T>(step: string, input: string): T | undefined;
  /** Remember `value` as the result of `step` for `input`, for next time. */
  remember(step: string, input: string, value: unknown): void;
  /** How many results it remembers from earlier builds. */
  readonly size: number;
  /** Keep what this build used (and only that) for the next one. */
  save(): Promise<void>;
}

/** A memo that remembers nothing: for `check`, tests, and builds without a cache folder. */
export const noMemo: Memo = {
  find: () => undefined,
  remember: () => {},
  size: 0,
  save: async () => {},
};

/**
 * The store is split by the first two hex digits of the key into up to 256 files, so that a build
 * that changes a few articles rewrites a few small files rather than one large one.
 */
const shardOf = (key: string) => key.slice(0, 2);

/** Open the memo of code version `code` in `dir` (`.cache/news-archive/memo`); other versions' are removed. */
export async function openMemo(dir: string, code: string): Promise<Memo> {
  const home = path.join(dir, code.slice(0, 16));
  const stored = new Map<string, Map<string, unknown>>();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name !== path.basename(home)) await rm(path.join(dir, name), { recursive: true, force: true });
  }
  for (const name of await readdir(home).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}\.v8$/.test(name)) continue;
    try {
      stored.set(name.slice(0, 2), deserialize(await readFile(path.join(home, name))) as Map<string, unknown>);
    } catch {
      // A damaged file is recomputed, never trusted.
    }
  }
  const used = new Map<string, Map<string, unknown>>();
  const added = new Set<string>();
  const keyOf = (step: string, input: string) => createHash('sha256').update(step).update('\u0000').update(input).digest('hex');
  const use = (key: string, value: unknown) => {
    const shard = shardOf(key);
    if (!used.has(shard)) used.set(shard, new Map());
    used.get(shard)!.set(key, value);
  };
  return {
    size: [...stored.values()].reduce((sum, entries) => sum + entries.size, 0),
    remember(step: string, input: string, value: unknown): void {
      const key = keyOf(step, input);
      if (!stored.get(shardOf(key))?.has(key)) added.add(shardOf(key));
      use(key, value);
    },
    find<T>(step: string, input: string): T | undefined {
      const key = keyOf(step, input);
      const known = stored.get(shardOf(key));
      if (!known?.has(key)) return undefined;
      use(key, known.get(key));
      return known.get(key) as T;
    },
    async save() {
      await mkdir(home, { recursive: true });
      for (const [shard, entries] of used) {
        // Unchanged unless something was added, or something it held was not used this time.
        if (!added.has(shard) && stored.get(shard)?.size === entries.size) continue;
        const file = path.join(home, `${shard}.v8`);
        await writeFile(`${file}.${process.pid}`, serialize(new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)))));
        await rename(`${file}.${process.pid}`, file);
      }
      for (const shard of stored.keys()) if (!used.has(shard)) await rm(path.join(home, `${shard}.v8`), { force: true });
    },
  };
}
