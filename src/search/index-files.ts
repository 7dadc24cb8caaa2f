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

/** One article as the index sees it. */
export interface IndexedArticle {
  /** Stable while the article's address is: see `articleId`. */
  id: string;
  day: number;
  section: string | null;
  terms: ArticleTerms;
}

/** A section's id in postings: 12 hex digits of the SHA-256 of its name, the same whatever other sections there are. */
export const sectionId = (section: string | null) => (section === null ? '' : sha256(section).slice(0, 12));

/** An article's id in the index: 12 hex digits of the SHA-256 of its address (a clash in a million articles is about one in 500). */
export const articleId = (url: string) => sha256(url).slice(0, 12);

/**
 * How a key's postings are cut into blocks: after a posting whose hash with the key is 0 modulo
 * `every`, so an article added or removed changes the one block it falls in (its neighbours' cuts
 * do not move), and in runs longer than `longest`, every `longest` from the run's start.
 * A key held by at most `inline` articles keeps its postings in its key file.
 */
export interface BlockShape {
  every: number;
  longest: number;
  inline: number;
}

export const blockShape: BlockShape = { every: 256, longest: 1024, inline: 48 };

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Murmur3's finaliser: spreads a key's hash mixed with an article's over all 32 bits. */
function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** What the build gathers of one key: the articles holding it (by their place in archive order), each one's posting as JSON, and its forms. */
interface Gathered {
  articles: number[];
  postings: string[];
  /** How many articles hold the key itself as a form (most do), and the other forms. */
  selves: number;
  forms: Map<string, number>;
}

/** Where each block of a key's postings ends: after a posting whose hash with the key is 0 modulo `every`, and every `longest` in a run without one. */
function cuts(key: string, articles: readonly number[], idHashes: readonly number[], shape: BlockShape): number[] {
  const keyHash = parseInt(hash32(key), 16);
  const ends: number[] = [];
  let start = 0;
  articles.forEach((article, index) => {
    if (index + 1 - start >= shape.longest || mix(keyHash ^ idHashes[article]!) % shape.every === 0) {
      ends.push(index + 1);
      start = index + 1;
    }
  });
  if (start < articles.length) ends.push(articles.length);
  return ends;
}

/** Receives one file of the index: its path in the index folder, its text, and its name's hash when the name is one. */
export type Emit = (file: string, text: string, contentHash?: string) => void;

/**
 * Every file of the search index but the articles' fragments and the engine, each given to `emit`
 * by its path in the index folder, made from the articles alone: the same articles give the same
 * bytes whatever order they come in and whatever was indexed before. An added article changes the
 * key files of its words, one block of each common word, the prefix files of its new or much
 * commoner forms, and the statistics; nothing else. Postings are made as JSON text as the articles
 * are read, and each block is given out as it is cut, so what is held is one string a posting.
 */
export function indexFiles(articles: readonly IndexedArticle[], langs: readonly string[], emit: Emit, shape: BlockShape = blockShape): void {
  const ordered = [...articles].sort(byArchiveOrder);
  const gathered = new Map<string, Gathered>();
  const idHashes = ordered.map((article) => parseInt(hash32(article.id), 16));
  let words = 0;
  const sections = new Map<string, { name: string; articles: number }>();
  const years = new Map<number, number>();
  let undated = 0;
  ordered.forEach((article, index) => {
    words += article.terms.length;
    const section = sectionId(article.section);
    if (article.section !== null) {
      const known = sections.get(section) ?? { name: article.section, articles: 0 };
      known.articles++;
      sections.set(section, known);
    }
    const year = yearOfDay(article.day);
    if (year === null) undated++;
    else years.set(year, (years.get(year) ?? 0) + 1);
    // Forms are letters, marks and digits alone, so each is its JSON string in quotes.
    const head = `["${article.id}",${article.day},"${section}",${article.terms.length}`;
    for (const [key, forms] of article.terms.terms) {
      let entry = gathered.get(key);
      if (!entry) gathered.set(key, (entry = { articles: [], postings: [], selves: 0, forms: new Map() }));
      let posting = head;
      for (const [form, count] of forms) {
        posting += `,"${form}",${count}`;
        if (form === '') entry.selves++;
        else entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
      }
      entry.articles.push(index);
      entry.postings.push(`${posting}]`);
    }
  });

  const keyFiles = new Map<string, string[]>();
  const keyBucketsUsed = new Set<number>();
  const formsByPrefix = new Map<string, [string, string, number][]>();
  for (const key of [...gathered.keys()].sort(compare)) {
    const entry = gathered.get(key)!;
    const forms: [string, number][] = entry.selves ? [[key, entry.selves], ...entry.forms] : [...entry.forms];
    forms.sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
    const df = entry.articles.length;
    let where: string;
    if (df <= shape.inline) where = `"postings":[${entry.postings.join(',')}]`;
    else {
      const refs: BlockRef[] = [];
      let start = 0;
      for (const end of cuts(key, entry.articles, idHashes, shape)) {
        const text = `[${entry.postings.slice(start, end).join(',')}]`;
        const name = sha256(text).slice(0, 16);
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
      list.push([form, key, Math.floor(Math.log2(formDf))]);
    }
  }
  const keyBuckets = bucketBitmap(keyBucketsUsed);
  for (const [file, entries] of keyFiles) emit(file, `{"keys":[${entries.join(',')}]}`);

  const commonestFirst = (a: [string, string, number], b: [string, string, number]) => b[2] - a[2] || compare(a[0], b[0]) || compare(a[1], b[1]);
  const prefixEntries: PrefixEntry[] = [];
  for (const [prefix, forms] of formsByPrefix) {
    forms.sort(commonestFirst);
    const split = forms.length > prefixLimits.perFile;
    prefixEntries.push({ prefix, forms: split ? forms.slice(0, prefixLimits.kept) : forms, split });
    if (!split) continue;
    const longer = new Map<string, [string, string, number][]>();
    for (const form of forms) {
      // A form no longer than the short prefix is found whole, by its key.
      if ([...form[0]].length < prefixLimits.long) continue;
      const sub = prefixOf(form[0], prefixLimits.long);
      if (!longer.has(sub)) longer.set(sub, []);
      longer.get(sub)!.push(form);
    }
    for (const [sub, list] of longer) prefixEntries.push({ prefix: sub, forms: list, split: false });
  }
  const prefixFiles = new Map<string, PrefixEntry[]>();
  for (const entry of prefixEntries.sort((a, b) => compare(a.prefix, b.prefix))) {
    const file = layout.prefixFile(entry.prefix);
    if (!prefixFiles.has(file)) prefixFiles.set(file, []);
    prefixFiles.get(file)!.push(entry);
  }
  for (const [file, prefixes] of prefixFiles) emit(file, JSON.stringify({ prefixes } satisfies PrefixFile));
  const prefixBuckets = bucketBitmap(prefixEntries.map((entry) => bucketOf(entry.prefix)));

  const stats: Stats = {
    version: indexVersion,
    articles: ordered.length,
    words,
    langs: [...langs].sort(compare),
    sections: [...sections].map(([id, { name, articles }]): [string, string, number] => [id, name, articles]).sort((a, b) => compare(a[1], b[1]) || compare(a[0], b[0])),
    years: [...years].sort(([a], [b]) => b - a),
    undated,
    keyBuckets,
    prefixBuckets,
  };
  emit(layout.stats(), JSON.stringify(stats));
}

/** The files as a map, for tests and scripts that look at the whole index. */
export function indexFileMap(articles: readonly IndexedArticle[], langs: readonly string[], shape?: BlockShape): Map<string, string> {
  const files = new Map<string, string>();
  indexFiles(articles, langs, (file, text) => void files.set(file, text), shape);
  return files;
}
