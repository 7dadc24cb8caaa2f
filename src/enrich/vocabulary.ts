import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../util/package-root.ts';

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
function compromiseVersion(): string {
  for (let dir = path.dirname(require.resolve('compromise')); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
    if (name === 'compromise' && typeof version === 'string') return version;
  }
  throw new Error('compromise is not installed');
}

/** Where the lists are kept for compromise's installed version. */
export const listsFile = () => path.join(packageRoot, '.cache', `compromise-${compromiseVersion()}-lists.json`);

/**
 * The lists as loading compromise gives them, kept in `.cache/` by compromise's version: loading
 * compromise takes about half a second, its lists' JSON (600 KB) a few milliseconds, and a rebuild
 * that finds names in one new article would pay the half second for it.
 */
function lists(): Lists {
  const file = listsFile();
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Lists;
  } catch {
    // Not there yet (or not readable): made from compromise itself below.
  }
  const { one, two } = (require('compromise') as { model: () => CompromiseModel }).model();
  const made: Lists = { lexicon: one.lexicon, orgWords: two.orgWords, placeWords: two.placeWords };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(made));
    renameSync(`${file}.${process.pid}`, file);
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
