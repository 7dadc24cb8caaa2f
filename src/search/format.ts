// The search index's files, as the build writes them and the search page reads them: their paths
// and shapes. Shared by Node and the browser, so it uses no Node API.

/** The index's version: a reader of another version's files says the index is out of date. */
export const indexVersion = 2;

/**
 * One article in one key's postings: its id, its day (days since 1970-01-01, or `undatedDay`),
 * its section's id (or ''), its length in words, then each of its forms of the key with how often
 * it holds it ('' is the key itself), headline words counted three times.
 */
export type Posting = [id: string, day: number, section: string, length: number, ...formsAndCounts: (string | number)[]];

/** Where one block of a key's postings is, and the first posting it holds, in archive order. */
export type BlockRef = [name: string, firstDay: number, firstId: string, count: number];

/** What the index knows of one key (a stem): how many articles hold it, in which forms, and where its postings are. */
export interface KeyEntry {
  key: string;
  /** How many articles hold it. */
  df: number;
  /** Its forms, commonest first, each with how many articles hold it. */
  forms: [form: string, df: number][];
  /** Its postings, when few: else `blocks` says where they are. */
  postings?: Posting[];
  blocks?: BlockRef[];
}

/** A key file: the keys whose names hash alike. */
export interface KeyFile {
  keys: KeyEntry[];
}

/** The forms that begin with a prefix, commonest first, each with its key and ⌊log2⌋ of how many articles hold it. */
export interface PrefixEntry {
  prefix: string;
  forms: [form: string, key: string, rarity: number][];
  /** When the prefix has too many forms, the longer prefixes hold every form of three characters or more: `more` names them, each with how many forms it holds. */
  split: boolean;
  more?: [prefix: string, forms: number][];
}

/** A prefix file: the prefixes whose names hash alike. */
export interface PrefixFile {
  prefixes: PrefixEntry[];
}

/** What a result shows of its article, fetched only for the results shown. */
export interface Fragment {
  url: string;
  headline: string;
  date: string | null;
  section: string | null;
  paragraphs: string[];
  /** Whether the article's page gives each paragraph an anchor (`#p1`, `#p2`...). */
  anchors: boolean;
}

/** The numbers every ranking uses, for the whole archive, and what the filters offer. */
export interface Stats {
  version: number;
  articles: number;
  /** All articles' lengths in words, summed: their average is the length BM25 compares with. */
  words: number;
  /** The languages the articles are stemmed in: a query is stemmed in each. */
  langs: string[];
  sections: [id: string, name: string, articles: number][];
  years: [year: number, articles: number][];
  undated: number;
  /** Which key files and prefix files there are, as bitmaps of their buckets (base64): a reader asks only for files that exist. */
  keyBuckets: string;
  prefixBuckets: string;
}

/** Key files and prefix files are put in 65,536 buckets by the hash of their key or prefix. */
export const bucketCount = 65536;
export const bucketOf = (text: string) => parseInt(hash32(text).slice(0, 4), 16);
const bucketPath = (bucket: number) => {
  const hex = bucket.toString(16).padStart(4, '0');
  return `${hex.slice(0, 2)}/${hex.slice(2)}.json`;
};

/** The bitmap of the buckets given, as base64. */
export function bucketBitmap(buckets: Iterable<number>): string {
  const bits = new Uint8Array(bucketCount / 8);
  for (const bucket of buckets) bits[bucket >> 3]! |= 1 << (bucket & 7);
  return bitmapText(bits);
}

/** A bitmap's bits as base64, and back. */
export function bitmapText(bits: Uint8Array): string {
  let binary = '';
  for (const byte of bits) binary += String.fromCharCode(byte);
  return btoa(binary);
}
export const bitmapBits = (bitmap: string) => Uint8Array.from(atob(bitmap), (char) => char.charCodeAt(0));

/** Whether a bitmap from `bucketBitmap` holds `bucket`. */
export function bucketTest(bitmap: string): (bucket: number) => boolean {
  const binary = atob(bitmap);
  return (bucket) => ((binary.charCodeAt(bucket >> 3) >> (bucket & 7)) & 1) === 1;
}

/** FNV-1a over the UTF-16 units of a text, as 8 hex digits: the same in Node and browsers. */
export function hash32(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The first characters (code points) of a form that name its prefix file. */
export const prefixOf = (form: string, length: number) => [...form].slice(0, length).join('');

/** Every file's path in the index folder. */
export const layout = {
  stats: () => 'stats.json',
  engine: () => 'engine.js',
  keyFile: (key: string) => `k/${bucketPath(bucketOf(key))}`,
  block: (name: string) => `b/${name.slice(0, 2)}/${name.slice(2)}.json`,
  prefixFile: (prefix: string) => `p/${bucketPath(bucketOf(prefix))}`,
  fragment: (id: string) => `d/${id.slice(0, 2)}/${id.slice(2)}.json`,
};

/** The day of an undated article: before any real day (year 1 is about -719,000), so it sorts last. */
export const undatedDay = -1e7;

/** Days since 1970-01-01 of an article's date (its first day, for a month or a year; negative before 1970), or `undatedDay`. */
export function dayOf(date: string | null): number {
  const match = date ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date) : null;
  if (!match) return undatedDay;
  const day = new Date(Date.UTC(2000, Number(match[2] ?? 1) - 1, Number(match[3] ?? 1)));
  // setUTCFullYear: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  day.setUTCFullYear(Number(match[1]));
  return Math.floor(day.getTime() / 864e5);
}

export const yearOfDay = (day: number) => (day === undatedDay ? null : new Date(day * 864e5).getUTCFullYear());

/** Archive order: newest first, undated last, then by id. */
export const byArchiveOrder = (a: { day: number; id: string }, b: { day: number; id: string }) => b.day - a.day || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The prefix files are cut at two characters, and at three under a two whose forms pass this. */
export const prefixLimits = { short: 2, long: 3, perFile: 1000, kept: 16 };
