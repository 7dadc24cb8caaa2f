import { createHash } from 'node:crypto';
import { mkdir, open as openFile, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { open, type RootDatabase } from 'lmdb';

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
  /** Keep the result of `step` for `input` for next time without reading it; false when there is none. */
  keep(step: string, input: string): boolean;
  /** How many results it remembers from earlier builds. */
  readonly size: number;
  /** Keep what this build used (and only that) for the next one. */
  save(): Promise<void>;
}

/** A memo that remembers nothing: for `check`, tests, and builds without a cache folder. */
export const noMemo: Memo = {
  find: () => undefined,
  keep: () => false,
  remember: () => {},
  size: 0,
  save: async () => {},
};

/**
 * What the last save left: the data file's size, modification time and first bytes (LMDB's meta
 * pages). LMDB trusts its file: one overwritten or cut short crashes the process when it is
 * opened or read, where no exception can be caught. So a file is opened only when it is exactly
 * what our own last save closed; any other is discarded unread.
 */
async function sealOf(file: string): Promise<string> {
  const { size, mtimeNs } = await stat(file, { bigint: true });
  const handle = await openFile(file, 'r');
  try {
    const head = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return JSON.stringify({ size: String(size), mtimeNs: String(mtimeNs), head: createHash('sha256').update(head.subarray(0, bytesRead)).digest('hex') });
  } finally {
    await handle.close();
  }
}

// Values are MessagePack; the property names of the records they hold are kept once, in the
// entry LMDB keeps under a symbol, which makes them smaller and about twice as fast to read.
const openStore = (file: string) => open({ path: file, sharedStructuresKey: Symbol.for('structures') });

/** The results' keys, read once: they say what `size` is, and what save removes. The structures' key is a symbol. */
function keysOf(db: RootDatabase): Set<string> {
  const keys = new Set<string>();
  for (const key of db.getKeys()) if (typeof key === 'string') keys.add(key);
  return keys;
}

/**
 * Open the memo of code version `code` in `dir` (`.cache/news-archive/memo`): one LMDB file,
 * `<code>.mdb`. The files of other versions are removed, and so is a file the last save did not
 * seal (damaged, or left by a build killed while it saved): the build then starts from nothing.
 */
export async function openMemo(dir: string, code: string): Promise<Memo> {
  const file = path.join(dir, `${code.slice(0, 16)}.mdb`);
  const sealFile = `${file}.seal`;
  const mine = new Set([file, `${file}-lock`, sealFile].map((name) => path.basename(name)));
  const discard = () => Promise.all([file, `${file}-lock`, sealFile].map((name) => rm(name, { force: true })));
  let db: RootDatabase | undefined;
  let keys: Set<string>;
  try {
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) if (!mine.has(name)) await rm(path.join(dir, name), { recursive: true, force: true });
    const sealed = await readFile(sealFile, 'utf8').catch(() => null);
    if (sealed === null || sealed !== (await sealOf(file).catch(() => null))) await discard();
    db = openStore(file);
    keys = keysOf(db);
  } catch {
    // A store that cannot be opened or read is no use to this build: it goes on without one.
    await db?.close().catch(() => {});
    return { ...noMemo };
  }
  let store = db;
  const used = new Set<string>();
  const added = new Map<string, unknown>();
  let readable = true;
  let saved = false;
  const keyOf = (step: string, input: string) => createHash('sha256').update(step).update('\u0000').update(input).digest('hex');
  return {
    size: keys.size,
    remember(step: string, input: string, value: unknown): void {
      added.set(keyOf(step, input), value);
    },
    find<T>(step: string, input: string): T | undefined {
      const key = keyOf(step, input);
      if (saved || !readable || !keys.has(key)) return undefined;
      try {
        const value = store.get(key) as T | undefined;
        if (value !== undefined) used.add(key);
        return value;
      } catch {
        // LMDB found a damaged page: nothing more is read from this store, and save starts a new one.
        readable = false;
        return undefined;
      }
    },
    keep(step: string, input: string): boolean {
      const key = keyOf(step, input);
      if (saved || !readable || !keys.has(key)) return false;
      used.add(key);
      return true;
    },
    async save() {
      if (saved) return;
      saved = true;
      // Until the new seal is written, the store is one the next build will not trust.
      await rm(sealFile, { force: true });
      if (!readable) {
        await store.close();
        await discard();
        store = openStore(file);
        keys = new Set();
      }
      try {
        // One transaction: the file is the old store or the new one, never a mixture, however the
        // process ends; killed before the seal below, it is discarded by the next build all the same.
        store.transactionSync(() => {
          for (const key of keys) if (!used.has(key) && !added.has(key)) store.removeSync(key);
          for (const [key, value] of added) store.putSync(key, value);
        });
      } finally {
        await store.close();
      }
      await writeFile(`${sealFile}.${process.pid}`, await sealOf(file));
      await rename(`${sealFile}.${process.pid}`, sealFile);
    },
  };
}
