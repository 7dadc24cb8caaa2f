import { sha256 } from '../util/hash.ts';
import {
  bucketBitmap,
  bucketOf,
  byArchiveOrder,
  hash32,
  indexVersion,
  layout,
  prefixLimits,
  prefixOf,
  yearOfDay,
  type BlockRef,
  type PrefixEntry,
  type PrefixFile,
  type Stats,
} from './format.ts';
import type { ArticleTerms } from './terms.ts';

/** An article as the index places it. */
export interface ArticleRef {
  /** Stable while the article's address is: see `articleId`. */
  id: string;
  day: number;
  section: string | null;
}

/** One article as the index sees it. */
export interface IndexedArticle extends ArticleRef {
  terms: ArticleTerms;
}

/** A section's id in postings: 12 hex digits of the SHA-256 of its name, the same whatever other sections there are. */
export const sectionId = (section: string | null) => (section === null ? '' : sha256(section).slice(0, 12));

/** An article's id in the index: 12 hex digits of the SHA-256 of its address (a clash in a million articles is about one in 500). */
export const articleId = (url: string) => sha256(url).slice(0, 12);

/**
 * How the index is cut into files. A key's postings are cut into blocks after a posting whose hash
 * with the key is 0 modulo `every`, so an article added or removed changes the one block it falls
 * in (its neighbours' cuts do not move), and in runs longer than `longest`, every `longest` from the
 * run's start. A key held by at most `inline` articles keeps its postings in its key file. A prefix
 * with more than `perFile` forms keeps its `kept` commonest (and its forms too short for a longer
 * prefix), and the longer prefixes hold every form of three characters or more.
 */
export interface IndexShape {
  every: number;
  longest: number;
  inline: number;
  perFile: number;
  kept: number;
}

export const indexShape: IndexShape = { every: 256, longest: 1024, inline: 48, perFile: prefixLimits.perFile, kept: prefixLimits.kept };

export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Murmur3's finaliser: spreads a key's hash mixed with an article's over all 32 bits. */
function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export const keyHashOf = (key: string) => parseInt(hash32(key), 16);
export const idHashOf = (id: string) => parseInt(hash32(id), 16);

/**
 * Where each block of a run of postings ends (their articles' id hashes given, the run starting
 * where a block starts): after a posting whose hash with the key is 0 modulo `every`, and every
 * `longest` in a stretch without one. `closed` says whether the last block ends by one of those
 * rules rather than by the run's end: the blocks after a closed run are cut as they were.
 */
export function cutsOf(keyHash: number, idHashes: readonly number[], shape: IndexShape): { ends: number[]; closed: boolean } {
  const ends: number[] = [];
  let start = 0;
  for (let index = 0; index < idHashes.length; index++) {
    if (index + 1 - start >= shape.longest || mix(keyHash ^ idHashes[index]!) % shape.every === 0) {
      ends.push(index + 1);
      start = index + 1;
    }
  }
  const closed = start === idHashes.length;
  if (!closed) ends.push(idHashes.length);
  return { ends, closed };
}

/** A block's name: the SHA-256 of its key and its text, so two keys never share a block. */
export const blockName = (key: string, text: string) => sha256(`${key}\n${text}`).slice(0, 16);

/** A form's place in a prefix file: its key and ⌊log2⌋ of how many articles hold it. */
export type PrefixForm = [form: string, key: string, rarity: number];
export const rarityOf = (df: number) => Math.floor(Math.log2(df));
export const commonestFirst = (a: PrefixForm, b: PrefixForm) => b[2] - a[2] || compare(a[0], b[0]) || compare(a[1], b[1]);
const codePoints = (form: string) => [...form].length;

/**
 * The prefix entries of one short prefix, from all its forms (commonest first): one entry, or, past
 * `perFile` forms, an entry with the commonest `kept` (and every form too short for a longer
 * prefix) and one entry for each longer prefix, with every form of three characters or more.
 */
export function prefixEntriesOf(prefix: string, forms: readonly PrefixForm[], shape: IndexShape): PrefixEntry[] {
  if (forms.length <= shape.perFile) return [{ prefix, forms: [...forms], split: false }];
  const longer = new Map<string, PrefixForm[]>();
  for (const form of forms) {
    if (codePoints(form[0]) < prefixLimits.long) continue;
    const sub = prefixOf(form[0], prefixLimits.long);
    if (!longer.has(sub)) longer.set(sub, []);
    longer.get(sub)!.push(form);
  }
  const subs = [...longer].sort((a, b) => compare(a[0], b[0]));
  return [
    { prefix, forms: keptOf(forms, shape), split: true, more: subs.map(([sub, list]): [string, number] => [sub, list.length]) },
    ...subs.map(([sub, list]): PrefixEntry => ({ prefix: sub, forms: list, split: false })),
  ];
}

/** What a split prefix's own entry keeps of its forms (commonest first). */
export const keptOf = (forms: readonly PrefixForm[], shape: IndexShape) => forms.filter((form, index) => index < shape.kept || codePoints(form[0]) < prefixLimits.long);

/**
 * What the build gathers of one key, in numbers rather than text, so that what it holds of 10,000
 * articles is a few arrays a key, not a string a posting (which the collector traced again and
 * again: 8 of the 13 s this took were collection). For each article holding it (by its place in
 * archive order): which form (-1 the key itself, -2 several: see `several`) and how often.
 */
interface Gathered {
  articles: number[];
  form: number[];
  count: number[];
  /** The forms, and how many articles hold each. */
  names: string[];
  df: number[];
  /** By the article's place in `articles`: its forms and counts, where it holds several. */
  several: Map<number, [form: number, count: number][]> | null;
  selves: number;
}
/** A form's place among its key's (-1 for the key itself), counting the article that holds it. */
function formIndex(entry: Gathered, form: string): number {
  if (form === '') {
    entry.selves++;
    return -1;
  }
  let at = entry.names.indexOf(form);
  if (at < 0) {
    at = entry.names.length;
    entry.names.push(form);
    entry.df.push(0);
  }
  entry.df[at]!++;
  return at;
}

/** Receives one file of the index: its path in the index folder, its text, and its name's hash when the name is one. */
export type Emit = (file: string, text: string, contentHash?: string) => void;

/** The statistics of a set of articles: every figure but the bitmaps, which say which files there are. */
export interface Tally {
  articles: number;
  words: number;
  sections: Map<string, { name: string; articles: number }>;
  years: Map<number, number>;
  undated: number;
}

export const emptyTally = (): Tally => ({ articles: 0, words: 0, sections: new Map(), years: new Map(), undated: 0 });

/** Counts an article into the tally (`by` 1), or out of it (`by` -1). */
export function tallyArticle(tally: Tally, article: IndexedArticle, by: 1 | -1): void {
  tally.articles += by;
  tally.words += by * article.terms.length;
  if (article.section !== null) {
    const id = sectionId(article.section);
    const known = tally.sections.get(id) ?? { name: article.section, articles: 0 };
    known.articles += by;
    if (known.articles === 0) tally.sections.delete(id);
    else tally.sections.set(id, known);
  }
  const year = yearOfDay(article.day);
  if (year === null) tally.undated += by;
  else {
    const count = (tally.years.get(year) ?? 0) + by;
    if (count === 0) tally.years.delete(year);
    else tally.years.set(year, count);
  }
}

/** The tally a statistics file holds. */
export const tallyOf = (stats: Stats): Tally => ({
  articles: stats.articles,
  words: stats.words,
  sections: new Map(stats.sections.map(([id, name, articles]) => [id, { name, articles }])),
  years: new Map(stats.years),
  undated: stats.undated,
});

/** The statistics file's text. */
export function statsText(tally: Tally, langs: readonly string[], keyBuckets: string, prefixBuckets: string): string {
  const stats: Stats = {
    version: indexVersion,
    articles: tally.articles,
    words: tally.words,
    langs: [...langs].sort(compare),
    sections: [...tally.sections].map(([id, { name, articles }]): [string, string, number] => [id, name, articles]).sort((a, b) => compare(a[1], b[1]) || compare(a[0], b[0])),
    years: [...tally.years].sort(([a], [b]) => b - a),
    undated: tally.undated,
    keyBuckets,
    prefixBuckets,
  };
  return JSON.stringify(stats);
}

/** A key's forms, commonest first, then in byte order. */
export const formOrder = (a: [string, number], b: [string, number]) => b[1] - a[1] || compare(a[0], b[0]);

/**
 * Every file of the search index but the articles' fragments and the engine, each given to `emit`
 * by its path in the index folder, made from the articles alone: the same articles give the same
 * bytes whatever order they come in and whatever was indexed before (and `updateIndex` gives the
 * same bytes again from an index and the articles added and removed). An added article changes the
 * key files of its words, one block of each common word, the prefix files of its new or much
 * commoner forms, and the statistics; nothing else. Each article's words are read as it is placed
 * and let go; postings are held as numbers and made into text only as their block is given out.
 */
export function indexFiles(articles: readonly ArticleRef[], termsFor: (article: ArticleRef) => ArticleTerms, langs: readonly string[], emit: Emit, shape: IndexShape = indexShape): void {
  const ordered = [...articles].sort(byArchiveOrder);
  const gathered = new Map<string, Gathered>();
  const idHashes = ordered.map((article) => idHashOf(article.id));
  const heads: string[] = [];
  const tally = emptyTally();
  ordered.forEach((article, index) => {
    // Read one at a time, and let go.
    const terms = termsFor(article);
    tallyArticle(tally, { ...article, terms }, 1);
    // Forms are letters, marks and digits alone, so each is its JSON string in quotes.
    heads.push(`["${article.id}",${article.day},"${sectionId(article.section)}",${terms.length}`);
    for (const [key, forms] of terms.terms) {
      let entry = gathered.get(key);
      if (!entry) gathered.set(key, (entry = { articles: [], form: [], count: [], names: [], df: [], several: null, selves: 0 }));
      if (forms.length === 1) {
        entry.form.push(formIndex(entry, forms[0]![0]));
        entry.count.push(forms[0]![1]);
      } else {
        entry.several ??= new Map();
        entry.several.set(
          entry.articles.length,
          forms.map(([form, count]) => [formIndex(entry, form), count]),
        );
        entry.form.push(-2);
        entry.count.push(0);
      }
      entry.articles.push(index);
    }
  });
  /** The JSON of postings `start` to `end` of a key, comma-separated: made of pieces joined once, which makes one flat string. */
  const postingsText = (entry: Gathered, start: number, end: number) => {
    const pieces: (string | number)[] = [];
    for (let at = start; at < end; at++) {
      if (at > start) pieces.push(',');
      pieces.push(heads[entry.articles[at]!]!);
      const form = entry.form[at]!;
      if (form === -1) pieces.push(',"",', entry.count[at]!);
      else if (form >= 0) pieces.push(',"', entry.names[form]!, '",', entry.count[at]!);
      else for (const [index, count] of entry.several!.get(at)!) pieces.push(',"', index < 0 ? '' : entry.names[index]!, '",', count);
      pieces.push(']');
    }
    return pieces.join('');
  };

  const keyFiles = new Map<string, string[]>();
  const keyBucketsUsed = new Set<number>();
  const formsByPrefix = new Map<string, PrefixForm[]>();
  for (const key of [...gathered.keys()].sort(compare)) {
    const entry = gathered.get(key)!;
    const forms: [string, number][] = entry.names.map((name, at) => [name, entry.df[at]!]);
    if (entry.selves) forms.push([key, entry.selves]);
    forms.sort(formOrder);
    const df = entry.articles.length;
    let where: string;
    if (df <= shape.inline) where = `"postings":[${postingsText(entry, 0, df)}]`;
    else {
      const refs: BlockRef[] = [];
      let start = 0;
      for (const end of cutsOf(keyHashOf(key), entry.articles.map((article) => idHashes[article]!), shape).ends) {
        const text = `[${postingsText(entry, start, end)}]`;
        const name = blockName(key, text);
        emit(layout.block(name), text, name);
        const first = ordered[entry.articles[start]!]!;
        refs.push([name, first.day, first.id, end - start]);
        start = end;
      }
      where = `"blocks":${JSON.stringify(refs)}`;
    }
    gathered.delete(key);
    keyBucketsUsed.add(bucketOf(key));
    const file = layout.keyFile(key);
    let entries = keyFiles.get(file);
    if (!entries) keyFiles.set(file, (entries = []));
    entries.push(`{"key":${JSON.stringify(key)},"df":${df},"forms":${JSON.stringify(forms)},${where}}`);
    for (const [form, formDf] of forms) {
      const prefix = prefixOf(form, prefixLimits.short);
      let list = formsByPrefix.get(prefix);
      if (!list) formsByPrefix.set(prefix, (list = []));
      list.push([form, key, rarityOf(formDf)]);
    }
  }
  for (const [file, entries] of keyFiles) emit(file, `{"keys":[${entries.join(',')}]}`);

  const prefixEntries: PrefixEntry[] = [];
  for (const [prefix, forms] of formsByPrefix) prefixEntries.push(...prefixEntriesOf(prefix, forms.sort(commonestFirst), shape));
  const prefixFiles = new Map<string, PrefixEntry[]>();
  for (const entry of prefixEntries.sort((a, b) => compare(a.prefix, b.prefix))) {
    const file = layout.prefixFile(entry.prefix);
    if (!prefixFiles.has(file)) prefixFiles.set(file, []);
    prefixFiles.get(file)!.push(entry);
  }
  for (const [file, prefixes] of prefixFiles) emit(file, JSON.stringify({ prefixes } satisfies PrefixFile));
  const prefixBuckets = bucketBitmap(prefixEntries.map((entry) => bucketOf(entry.prefix)));
  emit(layout.stats(), statsText(tally, langs, bucketBitmap(keyBucketsUsed), prefixBuckets));
}

/** The files as a map, for tests and scripts that look at the whole index. */
export function indexFileMap(articles: readonly IndexedArticle[], langs: readonly string[], shape?: IndexShape): Map<string, string> {
  const files = new Map<string, string>();
  indexFiles(articles, (article) => (article as IndexedArticle).terms, langs, (file, text) => void files.set(file, text), shape);
  return files;
}
