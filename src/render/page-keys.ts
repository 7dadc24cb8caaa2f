import { outputPathOf } from '../view/urls.ts';
import type { ArticleEntry, CardView, OriginalEntry, SiteView } from '../view/view.ts';
import { sha256 } from '../util/hash.ts';

/**
 * The templates that make one page per record, and the list in the site view each one pages
 * over (as `render.<list>`, the records this build renders; `archive.<list>` holds them all). Such
 * a page is made from its record, `archive.site` (what every layout may read) and the templates
 * and code: nothing else. The other templates (sources, search, 404, the feed) may read the whole
 * archive and are rendered on every build.
 */
export const pagedTemplates = {
  article: 'articles',
  original: 'originals',
  index: 'indexPages',
  list: 'listPages',
  directory: 'directories',
  page: 'pages',
} as const satisfies Record<string, keyof SiteView>;

export type PagedList = (typeof pagedTemplates)[keyof typeof pagedTemplates];

/**
 * For every page made from one record, its output file and a key: the SHA-256 of everything the
 * page is rendered from, namely its record, `archive.site`, and `rendering` (the hash of the
 * templates and the code). Two builds that give a page the same key give it the same bytes, so a
 * page whose key is unchanged need not be rendered again. An article's page and its original's
 * are keyed by their entries, which hold the digest of the article's record and all their page
 * shows of the rest of the archive; a list page holds its articles' cards, so it changes only when
 * what a card shows does.
 */
export function pageKeys(view: SiteView, rendering: string): Map<string, string> {
  const shared = sha256(`${rendering}\u0000${JSON.stringify(view.site)}`);
  // A card stands on a dozen list pages: it is hashed once, and its hash stands in for it on each.
  const cardKeys = new Map<CardView, string>();
  const cardKey = (card: CardView) => cardKeys.get(card) ?? cardKeys.set(card, sha256(JSON.stringify(card))).get(card)!;
  const keys = new Map<string, string>();
  for (const [template, list] of Object.entries(pagedTemplates)) {
    for (const record of view[list] as { url: string; articles?: CardView[] }[]) {
      const json = JSON.stringify(record.articles ? { ...record, articles: record.articles.map(cardKey) } : record);
      keys.set(outputPathOf(record.url), sha256(`${shared}\u0000${template}\u0000${json}`));
    }
  }
  return keys;
}

/**
 * The records the paged templates page over (`render.articles`, ...) as the site view holds them;
 * `materialise` turns a batch of them into what the template sees (an article's whole view, an
 * original's lines), as the batch is rendered, so the whole views are never held at once.
 */
export type PagesToRender = Pick<SiteView, PagedList>;

/** A batch of one list's records as its template sees them. */
export function materialise(view: SiteView, list: PagedList, records: readonly unknown[]): unknown[] {
  if (list === 'articles') return (records as ArticleEntry[]).map(view.articleView);
  if (list === 'originals') return (records as OriginalEntry[]).map(view.originalView);
  return [...records];
}

/** Every paged list cut down to the records whose pages are in `render`; all of them when `render` is null. */
export function pagesToRender(view: SiteView, render: ReadonlySet<string> | null): PagesToRender {
  const keep = <T extends { url: string }>(records: T[]) => (render ? records.filter((record) => render.has(outputPathOf(record.url))) : records);
  return {
    articles: keep(view.articles),
    originals: keep(view.originals),
    indexPages: keep(view.indexPages),
    listPages: keep(view.listPages),
    directories: keep(view.directories),
    pages: keep(view.pages),
  };
}
