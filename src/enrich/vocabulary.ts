import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sha256 } from '../util/hash.ts';
import { packageFolder, packageRoot } from '../util/package-root.ts';
import { writeWhole } from '../util/write-whole.ts';

/**
 * The word lists borrowed from compromise: its lexicon (word -> tags) and the words that end an
 * organisation's or a place's name. compromise's full tagger costs ~19 ms an article (42 s for the
 * BBC corpus), so names are classified by our own cue rules over these lists alone.
 */
export interface Vocabulary {
  lexicon: Map<string, readonly string[]>;
  orgWords: Record<string, boolean>;
  placeWords: Record<string, boolean>;
}

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> };
}

type Lists = { lexicon: Record<string, string | string[]>; orgWords: Record<string, boolean>; placeWords: Record<string, boolean> };

const require = createRequire(import.meta.url);

/** compromise's version, from the package.json above its main file. */
const compromiseVersion = (): string =>
  (JSON.parse(readFileSync(path.join(packageFolder('compromise', path.dirname(require.resolve('compromise'))), 'package.json'), 'utf8')) as { version: string }).version;

/** The format of the kept copy; another format is made again. */
const format = 1;

/** Where the lists are kept for compromise's installed version. */
export const listsFile = () => path.join(packageRoot, '.cache', `compromise-${compromiseVersion()}-lists-${format}.json`);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The kept copy, if it is whole: its lists, with the SHA-256 of their JSON as it was written. */
function keptLists(file: string): Lists | null {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { sha256?: unknown; lists?: unknown };
    if (!isRecord(kept.lists) || kept.sha256 !== sha256(JSON.stringify(kept.lists))) return null;
    const { lexicon, orgWords, placeWords } = kept.lists;
    return isRecord(lexicon) && isRecord(orgWords) && isRecord(placeWords) ? (kept.lists as Lists) : null;
  } catch {
    // Not there yet, or not readable.
    return null;
  }
}

/**
 * The lists as loading compromise gives them, kept in `.cache/` by compromise's version: loading
 * compromise takes about half a second, its lists' JSON (600 KB) a few milliseconds, and a rebuild
 * that finds names in one new article would pay the half second for it. A copy that is not whole
 * (its checksum differs) is made again from compromise.
 */
function lists(): Lists {
  const file = listsFile();
  const kept = keptLists(file);
  if (kept) return kept;
  const { one, two } = (require('compromise') as { model: () => CompromiseModel }).model();
  const made: Lists = { lexicon: one.lexicon, orgWords: two.orgWords, placeWords: two.placeWords };
  try {
    writeWhole(file, JSON.stringify({ sha256: sha256(JSON.stringify(made)), lists: made }));
  } catch {
    // A read-only install loads compromise each time instead.
  }
  return made;
}

let loaded: Vocabulary | undefined;

/** Loaded on first use: a rebuild that takes every article's names from the store never loads it. */
export function vocabulary(): Vocabulary {
  if (!loaded) {
    const { lexicon, orgWords, placeWords } = lists();
    loaded = { lexicon: new Map(Object.entries(lexicon).map(([word, tags]) => [word, ([] as string[]).concat(tags)])), orgWords, placeWords };
  }
  return loaded;
}
