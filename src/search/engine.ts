// The search page's engine: a query in, ranked results out, fetching only the index files the
// query's words live in. It runs in the reader's browser (bundled into the index folder's
// engine.js) and in Node for tests, so it uses no Node API: files come through `load`.
import {
  bucketOf,
  bucketTest,
  byArchiveOrder,
  indexVersion,
  layout,
  prefixLimits,
  prefixOf,
  yearOfDay,
  type BlockRef,
  type Fragment,
  type KeyEntry,
  type KeyFile,
  type Posting,
  type PrefixEntry,
  type PrefixFile,
  type Stats,
} from './format.ts';
import type { Stem } from './stemmers.ts';
import { wordsOf } from './words.ts';

/** Reads one file of the index by its path in the index folder: null when there is none. */
export type Load = (path: string) => Promise<unknown>;

export interface Query {
  text: string;
  /** Whether the reader is still typing: the last word then also matches as the start of longer words. */
  typing?: boolean;
  /** A section's name, or a year: only articles of it. */
  section?: string | null;
  year?: number | null;
  order?: 'relevance' | 'date';
  /** From 0. */
  page?: number;
}

/** One word of a query as it was matched. */
export interface QueryWord {
  form: string;
  /** Which quoted phrase it is part of, if any. */
  phrase: number | null;
  prefix: boolean;
  /** How many articles hold its key (its stem), or 0: a word the archive lacks finds nothing. */
  articles: number;
}

export interface Hit {
  id: string;
  day: number;
  section: string;
  url: string;
  headline: string;
  date: string | null;
  sectionName: string | null;
  /** The paragraph the excerpt is from, with the matched words marked; `paragraph` is its anchor's number, or null. */
  excerpt: { text: string; marked: boolean }[];
  paragraph: number | null;
}

export interface Outcome {
  words: QueryWord[];
  /** How many articles match (at least this many, when `exact` is false). */
  total: number;
  exact: boolean;
  page: number;
  pages: number;
  hits: Hit[];
  /** Plain sentences on what was left out of the query or the ranking. */
  notes: string[];
}

export const limits = { characters: 1000, words: 12, phrases: 3, perPage: 10, blocks: 48, completions: 8, phraseChecks: 200, excerptWords: 36 };
/** BM25's parameters, and how much a stemmed or a completed form counts beside the exact word. */
export interface Ranking {
  k1: number;
  b: number;
  exact: number;
  stem: number;
  prefix: number;
}

export const ranking: Ranking = { k1: 1.2, b: 0.75, exact: 1, stem: 0.6, prefix: 0.4 };

interface Match {
  posting: Posting;
  exact: number;
  stem: number;
  prefix: number;
}

interface Word extends QueryWord {
  keys: Set<string>;
  completions: Set<string>;
  entries: KeyEntry[];
  matches: Map<string, Match>;
}

export interface SearchIndex {
  stats: Stats;
  search(query: Query): Promise<Outcome>;
}

/** The index in `load`'s folder, stemming queries with `stemmers` (by language code; a language without one is unstemmed). */
export async function openIndex(load: Load, stemmers: Readonly<Record<string, Stem>>, tuned: Ranking = ranking): Promise<SearchIndex> {
  const found = (await load(layout.stats())) as Stats | null;
  if (!found) throw new Error('The search index has no statistics: build the site again.');
  if (found.version !== indexVersion) throw new Error('The search index is of another version: build the site again.');
  const stats = found;
  const stemsIn = stats.langs.map((lang) => stemmers[lang] ?? ((form: string) => form));
  const lang = stats.langs[0] ?? 'en';
  const cache = new Map<string, Promise<unknown>>();
  // A file is fetched once a page; one that failed (the network dropped) is asked for again next time.
  const fetchOnce = (path: string) => {
    let found = cache.get(path);
    if (!found) {
      found = load(path);
      cache.set(path, found);
      found.catch(() => cache.delete(path));
    }
    return found;
  };
  const sectionNames = new Map(stats.sections.map(([id, name]) => [id, name]));
  const sectionIds = new Map(stats.sections.map(([id, name]) => [name, id]));
  const average = stats.words / Math.max(1, stats.articles);

  const hasKeyFile = bucketTest(stats.keyBuckets);
  const hasPrefixFile = bucketTest(stats.prefixBuckets);

  async function entryOf(key: string): Promise<KeyEntry | null> {
    if (!hasKeyFile(bucketOf(key))) return null;
    const file = (await fetchOnce(layout.keyFile(key))) as KeyFile | null;
    return file?.keys.find((entry) => entry.key === key) ?? null;
  }

  async function prefixEntry(prefix: string): Promise<PrefixEntry | null> {
    if (!hasPrefixFile(bucketOf(prefix))) return null;
    const file = (await fetchOnce(layout.prefixFile(prefix))) as PrefixFile | null;
    return file?.prefixes.find((entry) => entry.prefix === prefix) ?? null;
  }

  async function completionsOf(form: string): Promise<[string, string][]> {
    if ([...form].length < prefixLimits.short) return [];
    let entry = await prefixEntry(prefixOf(form, prefixLimits.short));
    if (entry?.split && [...form].length >= prefixLimits.long) entry = await prefixEntry(prefixOf(form, prefixLimits.long));
    return (entry?.forms ?? [])
      .filter(([candidate]) => candidate !== form && candidate.startsWith(form))
      .slice(0, limits.completions)
      .map(([candidate, key]) => [candidate, key]);
  }

  function parse(text: string, typing: boolean): { words: Word[]; phrases: number; notes: string[] } {
    const notes: string[] = [];
    let shown = text;
    if (shown.length > limits.characters) {
      shown = shown.slice(0, limits.characters);
      notes.push(`Only the first ${limits.characters} characters of the query were read.`);
    }
    const words: Word[] = [];
    const dropped: string[] = [];
    let phrases = 0;
    // Quoted phrases (straight or curly quotes), then the words between them.
    const parts = shown.split(/["“”„]/u);
    parts.forEach((part, index) => {
      const quoted = index % 2 === 1 && index < parts.length - 1;
      const phrase = quoted && phrases < limits.phrases ? phrases++ : null;
      for (const { form } of wordsOf(part, lang)) {
        if (phrase === null && words.some((word) => word.phrase === null && word.form === form)) continue;
        if (words.length >= limits.words) {
          dropped.push(form);
          continue;
        }
        words.push({ form, phrase, prefix: false, articles: 0, keys: new Set(stemsIn.map((stem) => stem(form))), completions: new Set(), entries: [], matches: new Map() });
      }
    });
    if (dropped.length) notes.push(`Only the first ${limits.words} words were searched for; left out: ${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? ` and ${dropped.length - 5} more` : ''}.`);
    const last = words.at(-1);
    if (typing && last && last.phrase === null && !/[\s"“”„]$/u.test(shown)) last.prefix = true;
    return { words, phrases, notes };
  }

  /** Every posting of `word` in the blocks given (or its inline postings), matched against its forms. */
  function absorb(word: Word, entry: KeyEntry, postings: readonly Posting[]): void {
    for (const posting of postings) {
      let match = word.matches.get(posting[0]);
      for (let index = 4; index < posting.length; index += 2) {
        const form = (posting[index] as string) || entry.key;
        const count = posting[index + 1] as number;
        const kind = form === word.form ? 'exact' : word.keys.has(entry.key) ? 'stem' : word.completions.has(form) ? 'prefix' : null;
        if (!kind) continue;
        if (!match) word.matches.set(posting[0], (match = { posting, exact: 0, stem: 0, prefix: 0 }));
        match[kind] += count;
      }
    }
  }

  /** The blocks of `blocks` that may hold the candidates (all of them when there are none yet). */
  function blocksFor(blocks: readonly BlockRef[], candidates: readonly Posting[] | null): BlockRef[] {
    if (!candidates) return [...blocks];
    const wanted = new Set<number>();
    for (const candidate of candidates) {
      const at = { day: candidate[1], id: candidate[0] };
      // The last block whose first posting is not after the candidate.
      let low = 0;
      let high = blocks.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (byArchiveOrder({ day: blocks[middle]![1], id: blocks[middle]![2] }, at) <= 0) low = middle;
        else high = middle - 1;
      }
      wanted.add(low);
    }
    return [...wanted].sort((a, b) => a - b).map((index) => blocks[index]!);
  }

  const phraseHolds = (fragment: Fragment, forms: string[][]) => {
    const texts = [fragment.headline, ...fragment.paragraphs];
    return forms.every((phrase) =>
      texts.some((text) => {
        const found = wordsOf(text, lang).map(({ form }) => form);
        for (let start = 0; start + phrase.length <= found.length; start++) if (phrase.every((form, offset) => found[start + offset] === form)) return true;
        return false;
      }),
    );
  };

  function excerptOf(fragment: Fragment, words: readonly Word[]): Pick<Hit, 'excerpt' | 'paragraph'> {
    const marks = (form: string) => words.some((word) => word.form === form || stemsIn.some((stem) => word.keys.has(stem(form))) || (word.prefix && form.startsWith(word.form)));
    let best = -1;
    let bestCount = 0;
    fragment.paragraphs.forEach((paragraph, index) => {
      const count = wordsOf(paragraph, lang).filter(({ form }) => marks(form)).length;
      if (count > bestCount) [best, bestCount] = [index, count];
    });
    const index = Math.max(0, best);
    const text = fragment.paragraphs[index] ?? '';
    const found = wordsOf(text, lang);
    const first = Math.max(0, found.findIndex(({ form }) => marks(form)));
    const from = Math.max(0, first - 8);
    const to = Math.min(found.length, from + limits.excerptWords);
    const startAt = from === 0 ? 0 : found[from]!.start;
    const endAt = to >= found.length ? text.length : found[to - 1]!.end;
    const parts: { text: string; marked: boolean }[] = [];
    if (startAt > 0) parts.push({ text: '…', marked: false });
    let at = startAt;
    for (const word of found.slice(from, to)) {
      // Character pairs (Chinese, Japanese, Korean) overlap: a mark goes on from where the last ended.
      if (!marks(word.form) || word.end <= at) continue;
      if (word.start > at) parts.push({ text: text.slice(at, word.start), marked: false });
      parts.push({ text: text.slice(Math.max(at, word.start), word.end), marked: true });
      at = word.end;
    }
    if (endAt > at) parts.push({ text: text.slice(at, endAt), marked: false });
    if (endAt < text.length) parts.push({ text: '…', marked: false });
    return { excerpt: parts, paragraph: best >= 0 && fragment.anchors ? index + 1 : null };
  }

  async function search(query: Query): Promise<Outcome> {
    const { words, phrases, notes } = parse(query.text, query.typing ?? false);
    const page = Math.max(0, Math.floor(query.page ?? 0));
    const said = () => words.map(({ form, phrase, prefix, articles }): QueryWord => ({ form, phrase, prefix, articles }));
    const empty = (): Outcome => ({ words: said(), total: 0, exact: true, page: 0, pages: 0, hits: [], notes });
    if (!words.length) return empty();

    await Promise.all(
      words.map(async (word) => {
        const completions = word.prefix ? await completionsOf(word.form) : [];
        for (const [form] of completions) word.completions.add(form);
        const keys = new Set([...word.keys, ...completions.map(([, key]) => key)]);
        word.entries = (await Promise.all([...keys].map(entryOf))).filter((entry): entry is KeyEntry => entry !== null);
        word.articles = word.entries.filter((entry) => word.keys.has(entry.key)).reduce((sum, entry) => sum + entry.df, 0);
      }),
    );
    // A word the archive lacks (no key, no longer word it begins) finds nothing: never a shorter word.
    if (words.some((word) => word.entries.length === 0)) return empty();

    const section = query.section ? (sectionIds.get(query.section) ?? '\u0000') : null;
    const passes = (posting: Posting) => (section === null || posting[2] === section) && (query.year == null || yearOfDay(posting[1]) === query.year);
    // How many articles hold each word's keys, stems and completions alike: once a query, not once a candidate.
    const held = new Map(words.map((word) => [word, word.entries.reduce((sum, entry) => sum + entry.df, 0)]));
    const idfs = new Map(
      words.map((word) => {
        const df = Math.max(1, word.articles || held.get(word)!);
        return [word, Math.log(1 + (stats.articles - df + 0.5) / (df + 0.5))];
      }),
    );
    const rarestFirst = [...words].sort((a, b) => held.get(a)! - held.get(b)!);
    let fetched = 0;
    let candidates: Posting[] | null = null;
    let cut = false;
    for (const word of rarestFirst) {
      for (const entry of word.entries) {
        if (entry.postings) absorb(word, entry, entry.postings);
        else {
          const wanted = blocksFor(entry.blocks!, candidates);
          const allowed = wanted.slice(0, Math.max(1, limits.blocks - fetched));
          if (allowed.length < wanted.length) cut = true;
          fetched += allowed.length;
          const blocks = await Promise.all(allowed.map(([name]) => fetchOnce(layout.block(name)) as Promise<Posting[] | null>));
          for (const block of blocks) if (block) absorb(word, entry, block);
        }
      }
      const held = candidates ? new Set(candidates.map((candidate) => candidate[0])) : null;
      const next: Posting[] = [];
      for (const [id, match] of word.matches) if (passes(match.posting) && (!held || held.has(id))) next.push(match.posting);
      candidates = next;
      if (!candidates.length) break;
    }
    let matched = candidates ?? [];
    if (cut) notes.push(`Some words are in so many articles that only the newest of them were ranked.`);

    const scoreOf = (posting: Posting) => {
      // Words matched exactly first, then words matched by their stem, then completions.
      let tier = 0;
      let score = 0;
      for (const word of words) {
        const match = word.matches.get(posting[0])!;
        if (match.exact > 0) tier += 1000;
        else if (match.stem > 0) tier += 1;
        const count = match.exact * tuned.exact + match.stem * tuned.stem + match.prefix * tuned.prefix;
        const idf = idfs.get(word)!;
        score += (idf * count * (tuned.k1 + 1)) / (count + tuned.k1 * (1 - tuned.b + (tuned.b * posting[3]) / average));
      }
      return { tier, score };
    };
    const archiveOrder = (a: Posting, b: Posting) => byArchiveOrder({ day: a[1], id: a[0] }, { day: b[1], id: b[0] });
    if ((query.order ?? 'relevance') === 'date') matched = [...matched].sort(archiveOrder);
    else {
      const scores = new Map(matched.map((posting) => [posting[0], scoreOf(posting)]));
      matched = [...matched].sort((a, b) => {
        const x = scores.get(a[0])!;
        const y = scores.get(b[0])!;
        return y.tier - x.tier || y.score - x.score || archiveOrder(a, b);
      });
    }

    const fragmentOf = (posting: Posting) => fetchOnce(layout.fragment(posting[0])) as Promise<Fragment | null>;
    let shown = matched;
    let exact = !cut;
    if (phrases > 0) {
      const phraseForms = Array.from({ length: phrases }, (_, index) => words.filter((word) => word.phrase === index).map((word) => word.form)).filter((forms) => forms.length > 1);
      if (phraseForms.length) {
        const wanted = (page + 1) * limits.perPage;
        const held: Posting[] = [];
        let checked = 0;
        for (; checked < matched.length && held.length < wanted && checked < limits.phraseChecks; checked += limits.perPage) {
          const batch = matched.slice(checked, checked + limits.perPage);
          const fragments = await Promise.all(batch.map(fragmentOf));
          batch.forEach((posting, index) => {
            const fragment = fragments[index];
            if (fragment && phraseHolds(fragment, phraseForms)) held.push(posting);
          });
        }
        if (checked < matched.length) exact = false;
        if (checked >= limits.phraseChecks && checked < matched.length && held.length < wanted)
          notes.push(`The phrase was looked for in the best ${limits.phraseChecks} of the ${matched.length} articles that hold its words.`);
        shown = held;
      }
    }
    // Phrases checked only as far as this page: while some are unchecked, there may be a next page.
    const pages = Math.max(Math.ceil(shown.length / limits.perPage), exact || shown.length < (page + 1) * limits.perPage ? 0 : page + 2);
    const onPage = shown.slice(page * limits.perPage, (page + 1) * limits.perPage);
    const fragments = await Promise.all(onPage.map(fragmentOf));
    const hits = onPage.flatMap((posting, index): Hit[] => {
      const fragment = fragments[index];
      if (!fragment) return [];
      return [{ id: posting[0], day: posting[1], section: posting[2], url: fragment.url, headline: fragment.headline, date: fragment.date, sectionName: sectionNames.get(posting[2]) ?? fragment.section, ...excerptOf(fragment, words) }];
    });
    return { words: said(), total: shown.length, exact, page, pages, hits, notes };
  }

  return { stats, search };
}
