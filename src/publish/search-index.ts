import path from 'node:path';
import * as pagefind from 'pagefind';
import { urls } from './urls.ts';

/**
 * Index the built site for search with Pagefind, whose npm package ships its own binary: every
 * article page (the element marked `data-pagefind-body`), written beside the pages as
 * `pagefind/`. The search page loads it from there, relative to itself, so it works under any
 * sub-path. Returns how many pages went into the index.
 */
export async function indexForSearch(siteDir: string, lang: string): Promise<number> {
  const created = await pagefind.createIndex({ forceLanguage: lang.split('-')[0] ?? 'en' });
  if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
  try {
    const added = await created.index.addDirectory({ path: siteDir, glob: 'articles/*/index.html' });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await created.index.writeFiles({ outputPath: path.join(siteDir, urls.searchBundle()) });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
