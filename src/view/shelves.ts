import { timelineOf, type TimelineView } from './timeline.ts';
import { byteOrder } from '../ingest/discover.ts';
import { shortHash, slugFrom } from '../enrich/slugs.ts';
import type { EntityRef } from '../model/article.ts';
import { idHash, pagesOf, rootOf } from './paging.ts';
import { urls } from './urls.ts';

/** What a shelf needs of an article: the rest of the view rides along untouched. */
export interface Shelved {
  date: string | null;
  section: string | null;
  tags: string[];
  entities: EntityRef[];
}

/** A group of articles a reader can browse: one section, tag, entity, month, or the undated. */
export interface Shelf<A> {
  kind: 'section' | 'tag' | EntityRef['kind'] | 'month' | 'undated';
  name: string;
  /** Address of its first page. */
  url: string;
  articles: A[];
  /** The address of its page named `page` (see paging.ts); its first page without one. */
  pageUrl: (page?: string) => string;
}

/**
 * One page of a list (the index, or a shelf): its first page shows the newest `perPage` articles;
 * the pages further back are cut where the articles say (see paging.ts), so that adding one
 * article, newest or backfilled, changes a few pages of each list it is on. So no page but the
 * first says how many articles the list holds or which page of how many it is: every page would
 * change with each article added.
 */
export interface ListPageView<A> {
  kind: Shelf<A>['kind'] | 'index';
  name: string;
  heading: string;
  url: string;
  /** The list's first page. */
  isFirst: boolean;
  /** How many articles the list holds, and how many of them are dated: on its first page only. */
  count: number | null;
  dated: number | null;
  /** The newest and oldest article a page further back shows, by date (or, undated, by source file). */
  range: { newest: string; oldest: string } | null;
  /** Whether the list orders any article by date; whether this page shows one whose date is not known. */
  newestFirst: boolean;
  hasUndated: boolean;
  firstUrl: string;
  newerUrl: string | null;
  olderUrl: string | null;
  /** The directory this shelf belongs to: Sections, Tags, Names, Dates (the index has none). */
  up: { url: string; name: string } | null;
  articles: A[];
  /** On a name's first page: the articles naming it, month by month. */
  timeline: TimelineView | null;
}

/** What a list needs of an article to page it: a stable id (its source file) and a date, or how else to name it. */
export interface Paged {
  sourcePath: string;
  date: string | null;
  dateLabel: string | null;
}
/** A page listing shelves: every section, every tag, every entity by kind, every month. */
export interface DirectoryView {
  url: string;
  name: string;
  intro: string;
  groups: { heading: string; items: { url: string; name: string; count: number }[] }[];
  /** The Dates page's chart of articles per month; null on the others. */
  timeline: TimelineView | null;
}

const kindWords = { person: 'People', organisation: 'Organisations', place: 'Places' } as const;
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
export const monthName = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

/** Names that differ only in case or spacing are one shelf ("NATO", "Nato"). */
const foldName = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Slugs for names, stable and unique: the name's slug, and when two names share one (or a name
 * has no Latin letters) a short hash of the folded name is added, so "C++" and "C" both get one.
 */
function slugsFor(names: readonly string[]): Map<string, string> {
  const bySlug = new Map<string, string[]>();
  for (const name of names) {
    const base = slugFrom(name);
    bySlug.set(base, [...(bySlug.get(base) ?? []), name]);
  }
  const slugs = new Map<string, string>();
  for (const [base, group] of bySlug) {
    for (const name of group) {
      const hash = shortHash(foldName(name));
      slugs.set(name, base && group.length === 1 ? base : `${base ? `${base}-` : ''}${hash}`);
    }
  }
  return slugs;
}

/** The name most articles use for a folded name; ties go to byte order, so it is stable. */
function shownName(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1] || byteOrder(a[0], b[0]))[0]![0];
}

function group<A>(articles: readonly A[], keysOf: (article: A) => string[]): Map<string, { names: Map<string, number>; articles: A[] }> {
  const groups = new Map<string, { names: Map<string, number>; articles: A[] }>();
  for (const article of articles) {
    for (const name of new Set(keysOf(article))) {
      const key = foldName(name);
      let entry = groups.get(key);
      if (!entry) groups.set(key, (entry = { names: new Map(), articles: [] }));
      entry.names.set(name, (entry.names.get(name) ?? 0) + 1);
      if (entry.articles.at(-1) !== article) entry.articles.push(article);
    }
  }
  return groups;
}

export interface Shelves<A> {
  sections: Shelf<A>[];
  tags: Shelf<A>[];
  entities: Shelf<A>[];
  months: Shelf<A>[];
  undated: Shelf<A> | null;
  /** Lookups for an article's own links: folded name (or entity key) -> first page. */
  sectionUrl: (name: string) => string | undefined;
  tagUrl: (name: string) => string | undefined;
  entityUrl: (key: string) => string | undefined;
}

/** Articles an entity must be named in to get a page, by archive size: a name mentioned once in a large archive is noise. */
export const entityPageThreshold = (articleCount: number) => (articleCount < 100 ? 1 : 2);

/** Every shelf of the archive, each holding its articles in archive order. */
export function shelvesOf<A extends Shelved>(articles: readonly A[]): Shelves<A> {
  const named = <K extends 'section' | 'tag'>(kind: K, keysOf: (article: A) => string[], urlOf: (slug: string, page?: string) => string) => {
    const groups = group(articles, keysOf);
    const names = new Map([...groups].map(([key, entry]) => [key, shownName(entry.names)]));
    const slugs = slugsFor([...names.values()]);
    const shelves = [...groups].map(([key, entry]): Shelf<A> => {
      const slug = slugs.get(names.get(key)!)!;
      return { kind, name: names.get(key)!, url: urlOf(slug), articles: entry.articles, pageUrl: (page) => urlOf(slug, page) };
    });
    shelves.sort((a, b) => byteOrder(foldName(a.name), foldName(b.name)));
    const byKey = new Map(shelves.map((shelf) => [foldName(shelf.name), shelf.url]));
    return { shelves, urlOf: (name: string) => byKey.get(foldName(name)) };
  };
  const sections = named('section', (article) => (article.section ? [article.section] : []), urls.section);
  const tags = named('tag', (article) => article.tags, urls.tag);

  const threshold = entityPageThreshold(articles.length);
  const entityGroups = new Map<string, { ref: EntityRef; articles: A[] }>();
  for (const article of articles) {
    for (const ref of article.entities) {
      const entry = entityGroups.get(ref.key) ?? { ref, articles: [] };
      entry.articles.push(article);
      entityGroups.set(ref.key, entry);
    }
  }
  const entities = [...entityGroups.values()]
    .filter((entry) => entry.articles.length >= threshold)
    .map(({ ref, articles: list }): Shelf<A> => ({ kind: ref.kind, name: ref.name, url: urls.entity(ref.key), articles: list, pageUrl: (page) => urls.entity(ref.key, page) }))
    .sort((a, b) => b.articles.length - a.articles.length || byteOrder(a.name, b.name));
  const entityUrls = new Map([...entityGroups].filter(([, entry]) => entry.articles.length >= threshold).map(([key]) => [key, urls.entity(key)]));

  const monthGroups = group(articles, (article) => (article.date ? [article.date.slice(0, 7)] : []));
  const months = [...monthGroups.keys()]
    .sort((a, b) => byteOrder(b, a))
    .map((month): Shelf<A> => ({ kind: 'month', name: monthName(month), url: urls.month(month), articles: monthGroups.get(month)!.articles, pageUrl: (page) => urls.month(month, page) }));
  const undatedArticles = articles.filter((article) => article.date === null);
  const undated: Shelf<A> | null = undatedArticles.length ? { kind: 'undated', name: 'Undated', url: urls.undated(), articles: undatedArticles, pageUrl: (page) => urls.undated(page) } : null;

  return {
    sections: sections.shelves,
    tags: tags.shelves,
    entities,
    months,
    undated,
    sectionUrl: sections.urlOf,
    tagUrl: tags.urlOf,
    entityUrl: (key) => entityUrls.get(key),
  };
}

const headings = {
  section: (name: string) => `Section: ${name}`,
  tag: (name: string) => `Tagged “${name}”`,
  person: (name: string) => name,
  organisation: (name: string) => name,
  place: (name: string) => name,
  month: (name: string) => name,
  undated: () => 'Undated articles',
} as const;

const directoryOf = (kind: Shelf<unknown>['kind']) =>
  kind === 'section' ? { url: urls.sections(), name: 'Sections' } : kind === 'tag' ? { url: urls.tags(), name: 'Tags' } : kind === 'month' || kind === 'undated' ? { url: urls.dates(), name: 'Dates' } : { url: urls.entities(), name: 'Names' };

const rangeLabel = (article: Paged) => article.dateLabel ?? article.sourcePath;

/**
 * A list's pages: the first, at the list's own address, with its newest `perPage` articles; and,
 * when there are more, every page of the list cut by content, each linking to the newer and the
 * older page (the newest page's newer one is the first page).
 */
export function pagedList<A extends Paged>(
  list: { kind: ListPageView<A>['kind']; name: string; heading: string; articles: readonly A[]; pageUrl: (page?: string) => string; up: ListPageView<A>['up'] },
  perPage: number,
  hashOf: (id: string) => string = idHash,
): ListPageView<A>[] {
  const { articles } = list;
  const newestFirst = articles.some((article) => article.date !== null);
  const common = { kind: list.kind, name: list.name, heading: list.heading, newestFirst, firstUrl: list.pageUrl(), up: list.up, timeline: null };
  if (articles.length <= perPage) {
    return [{ ...common, url: list.pageUrl(), isFirst: true, count: articles.length, dated: articles.filter((article) => article.date !== null).length, range: null, hasUndated: articles.some((article) => article.date === null), newerUrl: null, olderUrl: null, articles: [...articles] }];
  }
  const pages = pagesOf(articles, (article) => article.sourcePath, perPage, hashOf);
  const root = rootOf(articles, pages, perPage);
  const first: ListPageView<A> = {
    ...common,
    url: list.pageUrl(),
    isFirst: true,
    count: articles.length,
    dated: articles.filter((article) => article.date !== null).length,
    range: null,
    hasUndated: root.items.some((article) => article.date === null),
    newerUrl: null,
    olderUrl: root.older === null ? null : list.pageUrl(root.older),
    articles: root.items,
  };
  return [
    first,
    ...pages.map((page, index): ListPageView<A> => ({
      ...common,
      url: list.pageUrl(page.name),
      isFirst: false,
      count: null,
      dated: null,
      range: { newest: rangeLabel(page.items[0]!), oldest: rangeLabel(page.items.at(-1)!) },
      hasUndated: page.items.some((article) => article.date === null),
      newerUrl: index === 0 ? list.pageUrl() : list.pageUrl(pages[index - 1]!.name),
      olderUrl: index === pages.length - 1 ? null : list.pageUrl(pages[index + 1]!.name),
      articles: page.items,
    })),
  ];
}

/**
 * When a name is mentioned over time: how many articles name it each month (each bar a link to
 * that month's shelf, which holds them among the others), the undated beside the chart.
 */
function mentionsOf<A extends Paged>(articles: readonly A[]): TimelineView | null {
  const counts = new Map<string, { count: number; url: string | null }>();
  let undated = 0;
  for (const article of articles) {
    if (article.date === null) {
      undated++;
      continue;
    }
    const month = article.date.slice(0, 7);
    const known = counts.get(month);
    if (known) known.count++;
    else counts.set(month, { count: 1, url: urls.month(month) });
  }
  return timelineOf(counts, { count: undated, url: null });
}

/** A shelf's pages; a name's first page has the timeline of its mentions. */
export function listPages<A extends Paged>(shelf: Shelf<A>, perPage: number, hashOf: (id: string) => string = idHash): ListPageView<A>[] {
  const pages = pagedList({ kind: shelf.kind, name: shelf.name, heading: headings[shelf.kind](shelf.name), articles: shelf.articles, pageUrl: shelf.pageUrl, up: directoryOf(shelf.kind) }, perPage, hashOf);
  if (shelf.kind === 'person' || shelf.kind === 'organisation' || shelf.kind === 'place') pages[0] = { ...pages[0]!, timeline: mentionsOf(shelf.articles) };
  return pages;
}

const item = <A>(shelf: Shelf<A>) => ({ url: shelf.url, name: shelf.name, count: shelf.articles.length });

/** The four directories: sections, tags, entities by kind, and dates by year with the undated shelf. */
export function directoriesOf<A>(shelves: Shelves<A>, articleCount: number): DirectoryView[] {
  const years = new Map<string, Shelf<A>[]>();
  for (const month of shelves.months) {
    const year = month.url.split('/')[1]!;
    years.set(year, [...(years.get(year) ?? []), month]);
  }
  const threshold = entityPageThreshold(articleCount);
  const monthOf = (url: string) => url.split('/').slice(1, 3).join('-');
  const timeline = timelineOf(new Map(shelves.months.map((month) => [monthOf(month.url), { count: month.articles.length, url: month.url }])), { count: shelves.undated?.articles.length ?? 0, url: shelves.undated?.url ?? null });
  return [
    {
      url: urls.sections(),
      name: 'Sections',
      intro: shelves.sections.length
        ? 'Every section of the archive, with the number of articles in it. An article’s section comes from its source’s section label, its front matter, or an editor’s overlay.'
        : 'No article has a section yet. A seed’s section comes from its site’s section label (“Russia news”) or an editor’s overlay; a Markdown article’s from `section:` in its front matter.',
      groups: [{ heading: 'Sections', items: shelves.sections.map(item) }],
      timeline: null,
    },
    {
      url: urls.tags(),
      name: 'Tags',
      intro: shelves.tags.length ? 'Every tag given to an article, with the number of articles that carry it.' : 'No article has tags yet. Tags come from `tags:` in a Markdown article’s front matter or an editor’s overlay.',
      groups: [{ heading: 'Tags', items: shelves.tags.map(item) }],
      timeline: null,
    },
    {
      url: urls.entities(),
      name: 'Names',
      intro: `The people, organisations and places the articles name, found in the text by natural-language processing, most named first.${threshold > 1 ? ` A name gets its page once at least ${threshold} articles mention it.` : ''} Automatic finding makes mistakes: see an article's own text before relying on one.`,
      groups: (['person', 'organisation', 'place'] as const).map((kind) => ({ heading: kindWords[kind], items: shelves.entities.filter((shelf) => shelf.kind === kind).map(item) })),
      timeline: null,
    },
    {
      url: urls.dates(),
      name: 'Dates',
      intro: 'Articles by the month they were published, newest first. Articles whose date is not known are on the Undated shelf: no date is ever guessed.',
      groups: [
        ...[...years].map(([year, months]) => ({ heading: year, items: months.map(item) })),
        ...(shelves.undated ? [{ heading: 'Date not known', items: [item(shelves.undated)] }] : []),
      ],
      timeline,
    },
  ];
}
