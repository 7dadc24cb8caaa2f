import path from 'node:path';
import * as pagefind from 'pagefind';
import { urls } from './urls.ts';

/** What search finds an article by, and shows of it: its headline and text, its date and section. */
export interface SearchRecord {
  /** The article's address from the site's root (`/articles/slug/`). */
  url: string;
  content: string;
  meta: Record<string, string>;
}

/**
 * Index the articles for search with Pagefind, whose npm package ships its own binary, into
 * `pagefind/` in `outDir`. Each article is indexed from its record (headline and text, as plain
 * text), not from its page, so pages that change around an article (its related articles, its
 * neighbours, the lists it is on) leave the index alone. The search page loads it relative to
 * itself, so it works under any sub-path. Records are given in address order, so the same records
 * give the same index.
 *
 * One index, not shards: Pagefind cannot update an index, only write it anew, and shards merged in
 * the browser were tried and dropped. Each shard ranks with its own word statistics, and a shard
 * without the word searched for matches a shorter word instead (Pagefind's prefix fallback), so a
 * search for "Tokayev" listed articles matching "to" above the one article that names him.
 */
export async function indexForSearch(records: readonly SearchRecord[], outDir: string, lang: string): Promise<void> {
  const language = lang.split('-')[0] ?? 'en';
  try {
    const created = await pagefind.createIndex({ forceLanguage: language });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
    const sorted = [...records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    const added = await Promise.all(sorted.map((record) => created.index!.addCustomRecord({ ...record, language })));
    const failed = added.flatMap((result) => result.errors);
    if (failed.length) throw new Error(`Pagefind could not index the site: ${failed.join('; ')}`);
    const written = await created.index.writeFiles({ outputPath: path.join(outDir, urls.searchBundle()) });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}
