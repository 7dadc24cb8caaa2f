import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Memo } from '../store/memo.ts';
import { sha256 } from '../util/hash.ts';
import { dateLabel, type ViewSource } from '../view/view.ts';
import { urls } from '../view/urls.ts';
import { engineBundle } from './bundle.ts';
import { dayOf, layout, type Fragment } from './format.ts';
import { articleId, blockName, indexFiles, type IndexedArticle } from './index-files.ts';
import { StaleIndex, updateIndex } from './index-update.ts';
import { primaryLanguage, searchLanguage, stemmerFor } from './stemmers.ts';
import { termsInput, termsOf, termsStep, type ArticleTerms } from './terms.ts';

/** Where the index's files go: the build says which it lacks (by path in the site and key), and takes their bytes. */
export interface IndexSink {
  /** Whether the site lacks this file with this key, so that its bytes are wanted. */
  wants(file: string, key: string): boolean;
  write(file: string, text: string): void;
}

/** The site the last build wrote: its folder, and each file's key as its manifest recorded it. */
export interface LastSite {
  dir: string;
  files: ReadonlyMap<string, string>;
}

/** What the index knew of an article: its id, its record's digest, its day, its section and the language its words are stemmed in. */
type Doc = [id: string, digest: string, day: number, section: string | null, lang: string];

/** Where the store keeps the articles an index was made from, by the key of that index's statistics. */
export const docsStep = 'search-docs';
interface Docs {
  /** The site's language, which an article without its own is stemmed in. */
  lang: string;
  docs: Doc[];
  /** The SHA-256 of `lang` and `docs`: the half of the statistics' key that is theirs. */
  digest: string;
}

/**
 * The statistics file's key: its text and the articles it counts, so that the store's list of
 * those articles is found by the key the manifest recorded, and only for the index it describes.
 */
const statsKey = (text: string, docsDigest: string) => sha256(`${text}\n${docsDigest}`);

/** Past this share of the archive changed, the index is made again from nothing: that is faster than updating it. */
const updateShare = 0.2;

/**
 * Every file of the search index, each given to `sink` by its path in the site as it is made, with
 * a key that changes exactly when its bytes do: the sink takes the bytes of only the files the
 * site lacks. Returns every file's key. An article's words are taken once (kept in the store by its
 * digest) and its fragment (what a result shows of it) is made only when its key changed. When the
 * last build's index is in the site and the store knows what it was made from, it is updated from
 * the articles added, changed and removed (`updateIndex`), reading only their words and the files
 * those live in; else it is made from every article, and each file let go once it is written.
 */
export async function ownIndex(archive: ViewSource, lang: string, memo: Memo, code: string, last: LastSite | null, sink: IndexSink): Promise<Map<string, string>> {
  const language = primaryLanguage(lang);
  const folder = urls.searchIndex();
  const keys = new Map<string, string>();
  // Files of the last index that were not what its build wrote (edited by hand): written again.
  const untrusted = new Set<string>();
  const give = (file: string, key: string, text: () => string) => {
    keys.set(file, key);
    if (untrusted.has(file) || sink.wants(file, key)) sink.write(file, text());
  };
  const docs: Doc[] = [];
  const summaries = new Map<string, ViewSource['summaries'][number]>();
  for (const summary of archive.summaries) {
    const id = articleId(urls.article(summary.slug));
    docs.push([id, summary.digest, dayOf(summary.date), summary.section, searchLanguage(summary.lang, language)]);
    summaries.set(id, summary);
  }
  docs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const docsDigest = sha256(JSON.stringify([language, docs]));
  const now: Docs = { lang: language, docs, digest: docsDigest };
  // Every language an article is stemmed in: a query is stemmed in each.
  const langs = [...new Set(docs.map((doc) => doc[4]))].sort();
  if (langs.length === 0) langs.push(language);

  const fragment = (id: string) => {
    const summary = summaries.get(id)!;
    const url = urls.article(summary.slug);
    return {
      file: folder + layout.fragment(id),
      key: sha256(JSON.stringify([code, url, summary.digest])),
      text: () => {
        const record = archive.load(summary.path);
        const shown: Fragment = { url, headline: summary.headline, date: dateLabel(summary.date), section: summary.section, paragraphs: record.plain, anchors: record.html === undefined };
        return JSON.stringify(shown);
      },
    };
  };
  // Taken as the article was made (pipeline/archive.ts), or by an earlier build.
  const termsFor = ([id, digest, , , docLang]: Doc): ArticleTerms => {
    const input = termsInput(digest, docLang);
    let terms = memo.find<ArticleTerms>(termsStep, input);
    if (!terms) {
      const summary = summaries.get(id)!;
      terms = termsOf(summary.headline, archive.load(summary.path).plain, docLang, stemmerFor(docLang));
      memo.remember(termsStep, input, terms);
    }
    return terms;
  };
  const indexed = ([id, , day, section]: Doc, terms: ArticleTerms): IndexedArticle => ({ id, day, section, terms });

  let statsText = last ? updated(last) : null;
  if (statsText === null) {
    for (const [id] of docs) {
      const { file, key, text } = fragment(id);
      give(file, key, text);
    }
    const byId = new Map(docs.map((doc) => [doc[0], doc]));
    indexFiles(
      docs.map(([id, , day, section]) => ({ id, day, section })),
      ({ id }) => termsFor(byId.get(id)!),
      langs,
      (file, text, contentHash) => {
        if (file === layout.stats()) statsText = text;
        else give(folder + file, contentHash ?? sha256(text), () => text);
      },
    );
  }
  const stats: string | null = statsText;
  if (stats === null) throw new Error('the search index was made without its statistics');
  const key = statsKey(stats, docsDigest);
  give(folder + layout.stats(), key, () => stats);
  if (!(key === last?.files.get(folder + layout.stats()) && memo.keep(docsStep, key))) memo.remember(docsStep, key, now);
  const engineFile = folder + layout.engine();
  const engineKey = sha256(JSON.stringify([code, langs]));
  keys.set(engineFile, engineKey);
  if (sink.wants(engineFile, engineKey)) sink.write(engineFile, await engineBundle(langs));
  return keys;

  /**
   * The last build's index brought up to date, its files given to the sink but the statistics,
   * whose text is returned; null when the index is to be made from nothing (and nothing was given).
   */
  function updated(site: LastSite): string | null {
    const lastStatsKey = site.files.get(folder + layout.stats());
    const before = lastStatsKey === undefined ? undefined : memo.find<Docs>(docsStep, lastStatsKey);
    if (!before || before.lang !== language) return null;
    const was = new Map(before.docs.map((doc) => [doc[0], doc]));
    const is = new Map(docs.map((doc) => [doc[0], doc]));
    const same = (a: Doc, b: Doc | undefined) => b !== undefined && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
    const leaving = before.docs.filter((doc) => !same(doc, is.get(doc[0])));
    const joining = docs.filter((doc) => !same(doc, was.get(doc[0])));
    const articlesChanged = new Set([...leaving, ...joining].map(([id]) => id)).size;
    if (articlesChanged > Math.max(1, docs.length * updateShare)) return null;
    // The words of the articles leaving, as they were indexed: in the store while the last build's are.
    const removed: IndexedArticle[] = [];
    for (const doc of leaving) {
      const terms = memo.find<ArticleTerms>(termsStep, termsInput(doc[1], doc[4]));
      if (!terms) return null;
      removed.push(indexed(doc, terms));
    }
    const read = (file: string, owner?: string): string | null => {
      const key = site.files.get(folder + file);
      if (key === undefined) return null;
      let text: string;
      try {
        text = readFileSync(path.join(site.dir, folder, file), 'utf8');
      } catch {
        throw new StaleIndex(`${file} unreadable`);
      }
      const fine = file === layout.stats() ? statsKey(text, before.digest) === key : owner !== undefined ? blockName(owner, text) === key : sha256(text) === key;
      if (!fine) {
        untrusted.add(folder + file);
        throw new StaleIndex(`${file} is not the file the last build wrote`);
      }
      return text;
    };
    // What changes, held until the update is known to have worked: a few files an article.
    const changed = new Map<string, { key: string; text: string }>();
    const dropped = new Set<string>();
    let stats: string | null = null;
    try {
      if (leaving.length + joining.length === 0) stats = read(layout.stats());
      else {
        updateIndex(
          read,
          removed,
          joining.map((doc) => indexed(doc, termsFor(doc))),
          langs,
          (file, text, contentHash) => {
            if (file === layout.stats()) stats = text;
            else {
              dropped.delete(folder + file);
              changed.set(folder + file, { key: contentHash ?? sha256(text), text });
            }
          },
          (file) => {
            changed.delete(folder + file);
            dropped.add(folder + file);
          },
        );
      }
    } catch {
      // The update is a shortcut: whatever stops it (an index that is not what the store says, or a
      // fault of its own), the index made from nothing is the same one.
      return null;
    }
    if (stats === null) return null;
    for (const doc of leaving) dropped.add(folder + layout.fragment(doc[0]));
    for (const doc of joining) {
      const { file, key, text } = fragment(doc[0]);
      dropped.delete(file);
      changed.set(file, { key, text: text() });
    }
    // Every other file of the last index stays; each must still be in the site (one deleted by
    // hand cannot be made alone), else the index is made from nothing. Only the files the update
    // read had their bytes checked; the others are taken to be as the manifest says, as pages are.
    const kept: [string, string][] = [];
    for (const [file, key] of site.files) {
      if (!file.startsWith(folder) || changed.has(file) || dropped.has(file) || file === folder + layout.stats() || file === folder + layout.engine()) continue;
      if (sink.wants(file, key)) return null;
      kept.push([file, key]);
    }
    for (const doc of docs) if (same(doc, was.get(doc[0]))) memo.keep(termsStep, termsInput(doc[1], doc[4]));
    // A kept fragment keeps the key the last build gave it, code version and all: the store is
    // one code version's (store/memo.ts), so other code finds no list of articles and comes cold.
    for (const [file, key] of kept) keys.set(file, key);
    for (const [file, { key, text }] of changed) give(file, key, () => text);
    return stats;
  }
}
