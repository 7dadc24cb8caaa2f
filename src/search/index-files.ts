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
  sectionId,
  yearOfDay,
  type BlockRef,
  type KeyEntry,
  type KeyFile,
  type Posting,
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

function cutBlocks(key: string, postings: readonly Posting[], shape: BlockShape): Posting[][] {
  const blocks: Posting[][] = [];
  let current: Posting[] = [];
  for (const posting of postings) {
    current.push(posting);
    if (current.length >= shape.longest || parseInt(hash32(`${key}\n${posting[0]}`), 16) % shape.every === 0) {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/**
 * Every file of the search index but the articles' fragments and the engine, each by its path in
 * the index folder, made from the articles alone: the same articles give the same bytes whatever
 * order they come in and whatever was indexed before. An added article changes the key files
 * of its words, one block of each common word, the prefix files of its new or much commoner
 * forms, and the statistics; nothing else.
 */
export function indexFiles(articles: readonly IndexedArticle[], langs: readonly string[], shape: BlockShape = blockShape): Map<string, string> {
  const ordered = [...articles].sort(byArchiveOrder);
  const postings = new Map<string, Posting[]>();
  let words = 0;
  const sections = new Map<string, { name: string; articles: number }>();
  const years = new Map<number, number>();
  let undated = 0;
  for (const article of ordered) {
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
    for (const [key, forms] of article.terms.terms) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push([article.id, article.day, section, article.terms.length, ...forms.flat()]);
    }
  }

  const files = new Map<string, string>();
  const keyFiles = new Map<string, KeyEntry[]>();
  const formsByPrefix = new Map<string, [string, string, number][]>();
  for (const key of [...postings.keys()].sort(compare)) {
    const list = postings.get(key)!;
    const formCounts = new Map<string, number>();
    for (const posting of list) for (let index = 4; index < posting.length; index += 2) formCounts.set(posting[index] as string, (formCounts.get(posting[index] as string) ?? 0) + 1);
    const forms = [...formCounts]
      .map(([form, df]): [string, number] => [form === '' ? key : form, df])
      .sort(([a, x], [b, y]) => y - x || compare(a, b));
    const entry: KeyEntry = { key, df: list.length, forms };
    if (list.length <= shape.inline) entry.postings = list;
    else {
      entry.blocks = cutBlocks(key, list, shape).map((block): BlockRef => {
        const text = JSON.stringify(block);
        const name = sha256(text).slice(0, 16);
        files.set(layout.block(name), text);
        return [name, block[0]![1], block[0]![0], block.length];
      });
    }
    const file = layout.keyFile(key);
    let entries = keyFiles.get(file);
    if (!entries) keyFiles.set(file, (entries = []));
    entries.push(entry);
    for (const [form, df] of forms) {
      const prefix = prefixOf(form, prefixLimits.short);
      let list = formsByPrefix.get(prefix);
      if (!list) formsByPrefix.set(prefix, (list = []));
      list.push([form, key, Math.floor(Math.log2(df))]);
    }
  }
  for (const [file, keys] of keyFiles) files.set(file, JSON.stringify({ keys } satisfies KeyFile));
  const keyBuckets = bucketBitmap([...postings.keys()].map(bucketOf));

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
  for (const [file, prefixes] of prefixFiles) files.set(file, JSON.stringify({ prefixes } satisfies PrefixFile));
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
  files.set(layout.stats(), JSON.stringify(stats));
  return files;
}
