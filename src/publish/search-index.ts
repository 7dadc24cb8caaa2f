import { createHash } from 'node:crypto';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { urls } from './urls.ts';

/**
 * Articles per search shard, about. Pagefind cannot update an index, only write it anew, which
 * takes about 2 ms an article here; split into shards, a build that adds or changes an article
 * indexes again only the shard it is in. `NEWS_ARCHIVE_SEARCH_SHARD_SIZE` sets it (tests use 2).
 */
const shardSize = () => Number(process.env.NEWS_ARCHIVE_SEARCH_SHARD_SIZE) || 250;

/**
 * How many shards the search index of `articles` articles has: a power of two, so that it changes
 * only when the archive doubles, and at most 64, which the browser merges at the first search.
 */
export function searchShardCount(articles: number): number {
  return Math.min(64, 2 ** Math.ceil(Math.log2(Math.max(1, articles / shardSize()))));
}

/** The shard an article's page is indexed in: from its address alone, so it stays put as the archive grows. */
export function searchShardOf(url: string, count: number): number {
  return createHash('sha256').update(url).digest().readUInt32BE(0) % count;
}

/** What search finds an article by, and shows of it: its headline and text, its date and section. */
export interface SearchRecord {
  /** The article's address from the site's root (`/articles/slug/`). */
  url: string;
  content: string;
  meta: Record<string, string>;
}

export interface SearchShard {
  number: number;
  records: SearchRecord[];
}

/**
 * Index articles for search with Pagefind, whose npm package ships its own binary, into one
 * Pagefind bundle per shard at `search-index/<n>/` in `outDir`. Each article is indexed from its
 * record (headline and text, as plain text), not from its page, so a page that changes around
 * the article (its related articles, its neighbours) leaves its shard alone. The search page
 * loads shard 0 and merges the others, relative to itself, so it works under any sub-path.
 * Records are given in address order, so the same records give the same index.
 */
export async function indexForSearch(shards: readonly SearchShard[], outDir: string, lang: string): Promise<void> {
  const language = lang.split('-')[0] ?? 'en';
  try {
    for (const shard of shards) {
      const created = await pagefind.createIndex({ forceLanguage: language });
      if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
      const sorted = [...shard.records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      const added = await Promise.all(sorted.map((record) => created.index!.addCustomRecord({ ...record, language })));
      const failed = added.flatMap((result) => result.errors);
      if (failed.length) throw new Error(`Pagefind could not index the site: ${failed.join('; ')}`);
      const written = await created.index.writeFiles({ outputPath: path.join(outDir, urls.searchShard(shard.number)) });
      if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
      await created.index.deleteIndex();
    }
  } finally {
    await pagefind.close();
  }
}
