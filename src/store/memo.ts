import { rmSync } from 'node:fs';
import { mkdir, open as openFile, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { sha256 } from '../util/hash.ts';
import { writeWhole } from '../util/write-whole.ts';

/**
 * What a build made, remembered for the next: each file's facts, parse and article (see
 * pipeline/archive.ts), and the costly steps that depend on one text alone (finding the names and
 * quotations in an article, a seed's flags). A result is found by the step's name and the
 * SHA-256 of that name and its whole input, and the store belongs to one version of the code, so a
 * result is never served for another input or by other code.
 */
export interface Memo {
  /** The remembered result of `step` for `input` (kept for next time), or undefined. */
  find<T>(step: string, input: string): T | undefined;
  /** Remember `value` as the result of `step` for `input`: written to the store at once (this build finds it too), kept for next time once saved. */
  remember(step: string, input: string, value: unknown): void;
  /** Keep the result of `step` for `input` for next time without reading it; false when there is none. */
  keep(step: string, input: string): boolean;
  /** How many results it remembers from earlier builds. */
  readonly size: number;
  /** Keep what this build used and wrote (and only that) for the next one, and seal the store. */
  save(): Promise<void>;
}

/**
 * A memo that keeps what a build writes in memory for that build alone, and nothing for the next:
 * for `check`, tests, and builds without a cache folder.
 */
export function inMemory(): Memo {
  const values = new Map<string, unknown>();
  const keyOf = (step: string, input: string) => `${step}\u0000${input}`;
  return {
    find: <T>(step: string, input: string) => values.get(keyOf(step, input)) as T | undefined,
    keep: (step, input) => values.has(keyOf(step, input)),
    remember: (step, input, value) => void values.set(keyOf(step, input), value),
    size: 0,
    save: async () => {},
  };
}

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
    return JSON.stringify({ size: String(size), mtimeNs: String(mtimeNs), head: sha256(head.subarray(0, bytesRead)) });
  } finally {
    await handle.close();
  }
}

// Values are MessagePack; the property names of the records they hold are kept once, in the
// entry LMDB keeps under a symbol, which makes them smaller and about twice as fast to read.
const openStore = (file: string) => open({ path: file, sharedStructuresKey: Symbol.for('structures') });

/**
 * Where the results' keys are listed, one per line: read once, they say what `size` is and what
 * save removes. Listed apart because walking LMDB's own keys maps into memory most of the file,
 * values too (188 MB of the 282 MB store of 10,000 articles, 2 GB at 100,000), where reading the
 * list maps one value. Saved in the transaction that removes what a build did not use, so it is
 * always the store's keys. Results' keys hold a colon (`step:hash`); this one cannot be one of them.
 */
const listKey = 'keys';

/** The results' keys, or null for a store that holds entries but no list (not one our save sealed). */
function keysOf(db: RootDatabase): Set<string> | null {
  const list = db.get(listKey) as string | undefined;
  if (list === undefined) return (db.getStats() as { entryCount: number }).entryCount > 0 ? null : new Set();
  return new Set(list ? list.split('\n') : []);
}

/** One LMDB file of the store, and what this build did with it. */
interface Part {
  db: RootDatabase;
  keys: Set<string>;
  lastWrite: Promise<unknown>;
}

/**
 * Open the memo of code version `code` in `dir` (`.cache/news-archive/memo`): two LMDB files,
 * `<code>.mdb` for most steps and `<code>.bulk.mdb` for the `bulky` ones (whole texts and records,
 * most of the bytes). Apart, because the kernel maps in the neighbours of each page read (64 KB
 * around it, where they are in its cache): reading every file's facts and summary from a file that
 * also held every body mapped 189 MB of the 282 MB store of 10,000 articles; from a file of its
 * own, they map little more than themselves, and a rebuild reads only the bodies it renders. The
 * files of other versions are removed, and so are files the last save did not seal (damaged, or
 * left by a build killed after it first wrote to them): the build then starts from nothing. The
 * seal goes with a build's first write and comes back with its save.
 */
export async function openMemo(dir: string, code: string, bulky: ReadonlySet<string> = new Set()): Promise<Memo> {
  const stem = path.join(dir, code.slice(0, 16));
  const files = [`${stem}.mdb`, `${stem}.bulk.mdb`];
  const sealFile = `${stem}.mdb.seal`;
  const all = [...files.flatMap((file) => [file, `${file}-lock`]), sealFile];
  const mine = new Set(all.map((name) => path.basename(name)));
  const discard = () => Promise.all(all.map((name) => rm(name, { force: true })));
  const sealOfAll = async () => JSON.stringify(await Promise.all(files.map(sealOf)));
  const parts: Part[] = [];
  // Every database opened, kept or not, so that none is left open when opening fails half way.
  const opened: RootDatabase[] = [];
  const openPart = (file: string, keys: Set<string> | null = null) => {
    const db = openStore(file);
    opened.push(db);
    return { db, keys: keys ?? keysOf(db), lastWrite: Promise.resolve() as Promise<unknown> };
  };
  const closeAll = () => Promise.all(opened.map((db) => db.close().catch(() => {})));
  try {
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) if (!mine.has(name)) await rm(path.join(dir, name), { recursive: true, force: true });
    const sealed = await readFile(sealFile, 'utf8').catch(() => null);
    if (sealed === null || sealed !== (await sealOfAll().catch(() => null))) await discard();
    const found = files.map((file) => openPart(file));
    if (found.some((part) => part.keys === null)) {
      // Entries without their list: not a store our save sealed. It goes, and the build starts from nothing.
      await closeAll();
      opened.length = 0;
      await discard();
      parts.push(...files.map((file) => openPart(file, new Set()) as Part));
    } else parts.push(...(found as Part[]));
  } catch {
    // A store that cannot be opened or read is no use to this build: it goes on without one.
    await closeAll();
    return inMemory();
  }
  const [main, bulk] = parts as [Part, Part];
  const partOf = (step: string) => (bulky.has(step) ? bulk : main);
  const used = new Set<string>();
  // Written to the store as they come, so that a build holds none of them: LMDB commits them in
  // batches, and until a batch is committed its values are read from here. `added` holds the file
  // each key this build wrote went to.
  const added = new Map<string, Part>();
  const pending = new Map<string, unknown>();
  let readable = true;
  let saved = false;
  let sealed = true;
  // The step's name leads the key, so each step's results sit together in the file.
  // A step's name never holds the colon that ends it, nor the line break that ends a key in the list.
  const keyOf = (step: string, input: string) => {
    if (/[:\n]/.test(step)) throw new Error(`a step's name holds neither ':' nor a line break: ${JSON.stringify(step)}`);
    return `${step}:${sha256(`${step}\u0000${input}`)}`;
  };
  const known = (part: Part, key: string) => part.keys.has(key) || added.has(key);
  return {
    size: main.keys.size + bulk.keys.size,
    remember(step: string, input: string, value: unknown): void {
      if (saved) return;
      // From the first write until the next seal, the store is one the next build will not trust.
      if (sealed) {
        rmSync(sealFile, { force: true });
        sealed = false;
      }
      const key = keyOf(step, input);
      const part = partOf(step);
      added.set(key, part);
      pending.set(key, value);
      // A store found damaged, or that failed a write, is discarded at the save: what this build
      // makes from then on is held here, so that the build still finishes.
      if (!readable) return;
      part.lastWrite = part.db.put(key, value).then(
        () => {
          if (pending.get(key) === value) pending.delete(key);
        },
        () => {
          readable = false;
        },
      );
    },
    find<T>(step: string, input: string): T | undefined {
      const key = keyOf(step, input);
      if (pending.has(key)) return pending.get(key) as T;
      const part = partOf(step);
      if (saved || !readable || !known(part, key)) return undefined;
      try {
        const value = part.db.get(key) as T | undefined;
        if (value !== undefined) used.add(key);
        return value;
      } catch {
        // LMDB found a damaged page: nothing more is read from this store, and it is not kept.
        readable = false;
        return undefined;
      }
    },
    keep(step: string, input: string): boolean {
      const key = keyOf(step, input);
      if (saved || !readable || !known(partOf(step), key)) return false;
      used.add(key);
      return true;
    },
    async save() {
      if (saved) return;
      saved = true;
      rmSync(sealFile, { force: true });
      try {
        await Promise.all(parts.map((part) => part.lastWrite));
        if (!readable) throw new Error('damaged');
        // One transaction a file: what this build did not use goes, and the list of keys is the rest.
        for (const part of parts) {
          const kept = (key: string) => used.has(key) || added.has(key);
          const keys = new Set([...part.keys, ...[...added].flatMap(([key, to]) => (to === part ? [key] : []))]);
          part.db.transactionSync(() => {
            for (const key of part.keys) if (!kept(key)) part.db.removeSync(key);
            part.db.putSync(listKey, [...keys].filter(kept).join('\n'));
          });
          await part.db.flushed;
        }
      } catch {
        // Damaged, or a write failed: the next build starts from nothing.
        await closeAll();
        await discard();
        return;
      }
      await closeAll();
      writeWhole(sealFile, await sealOfAll());
    },
  };
}
