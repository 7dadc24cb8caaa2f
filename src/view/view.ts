import type { Archive, Input } from '../pipeline/archive.ts';
import { warningsOf } from '../ingest/diagnostics.ts';
import { splitLines } from '../ingest/lines.ts';
import { ruleById } from '../ingest/leftover-rules.ts';
import type { Article, Page, SourceNote } from '../model/article.ts';
import { relatedArticles } from '../enrich/related.ts';
import { feedView, newsArticleJsonLd, absolute, type FeedView } from './meta.ts';
import { directoriesOf, listPages, pagedList, shelvesOf, type DirectoryView, type ListPageView } from './shelves.ts';
import { urls } from './urls.ts';

export interface SiteSettings {
  title: string;
  lang: string;
  perPage: number;
  /** Where the site is published (`https://example.org/news/`), or null when not given. */
  baseUrl: string | null;
  /** Whether the site has its search page and index. */
  search: boolean;
}

const entityHeadings = { person: 'People', organisation: 'Organisations', place: 'Places' } as const;

/** An article as the templates see it: never its `extra` front matter, which is the author's raw data. */
export interface ArticleView extends Omit<Article, 'extra'> {
  url: string;
  originalUrl: string;
  rawUrl: string;
  dateLabel: string | null;
  /** HTML our own pipeline produced (sanitised Markdown); null for seeds, whose text is escaped. */
  bodyHtml: string | null;
  previous: { url: string; headline: string } | null;
  next: { url: string; headline: string } | null;
  /** Separated lines with the words readers are shown for their rule, linked to the original. */
  separated: { line: number; text: string; label: string; href: string; quotedAbove: boolean }[];
  lineEndingsLabel: string;
  /** The source file's own name, offered when the reader downloads it. */
  downloadName: string;
  notesByKind: Record<SourceNote['kind'], NoteView[]>;
  sectionUrl: string | null;
  tagLinks: { name: string; url: string | null }[];
  /** The article's entities by kind, linked where the entity has a page. */
  entityGroups: { heading: string; items: { name: string; url: string | null }[] }[];
  related: { url: string; headline: string; dateLabel: string | null }[];
  readingMinutes: number;
  /** The month shelf (or the Undated shelf) the article stands on. */
  dateShelfUrl: string;
  /** schema.org NewsArticle, escaped for a script element. */
  jsonLd: string;
  canonicalUrl: string | null;
  /** Whether each fact shown in the header came from the editor (true) or the source. */
  fromEditor: Partial<Record<'date' | 'section' | 'tags' | 'byline' | 'dateline' | 'summary' | 'sourceUrl', boolean>>;
}

/** A source note with the link it is about: a paragraph, a line of the original, another article. */
export interface NoteView extends SourceNote {
  href: string | null;
}

export interface OriginalLine {
  number: number;
  text: string;
  leftover: { rule: string; label: string } | null;
  role: 'headline' | 'body' | 'leftover' | 'blank' | 'front-matter';
}

export interface OriginalView {
  slug: string;
  headline: string;
  url: string;
  articleUrl: string;
  rawUrl: string;
  downloadName: string;
  path: string;
  sha256: string;
  size: number;
  encoding: string;
  /** What its lines are marked with besides the text (whose SHA-256 is above): so the record says all its page shows. */
  marks: LineMarks;
  lines: OriginalLine[];
}

interface LineMarks {
  leftovers: { line: number; rule: string }[];
  /** A seed's headline is its first line that is not blank and not separated as a leftover. */
  seed: boolean;
  /** A Markdown file's front matter sits above its body, which starts on this line; 0 for a seed. */
  bodyLine: number;
}

/** An original text's page as the site view holds it: its lines are made only for a page being rendered (`SiteView.linesOf`). */
export type OriginalRecord = Omit<OriginalView, 'lines'>;

/**
 * An article as a list shows it: what its card reads, and what its list is paged by. Lists hold
 * cards, not whole articles, so that a change to an article that its card does not show (its
 * neighbours, its related articles, its notes) leaves every list it is on as it was.
 */
export interface CardView {
  sourcePath: string;
  url: string;
  headline: string;
  date: string | null;
  dateLabel: string | null;
  section: string | null;
  excerpt: string;
  source: { machineTranslated: boolean };
}

export interface LedgerEntry {
  path: string;
  kind: Input['kind'];
  status: Input['outcome']['status'];
  /** For a duplicate, the file it copies; for an overlay, the seed it applies to. */
  of: string | null;
  sha256: string | null;
  size: number | null;
  url: string | null;
  title: string | null;
  /** The address of the article a duplicate or an overlay belongs to, when it was built. */
  ofUrl: string | null;
  /** `path:line:column message`, as the build reports it. */
  reason: string | null;
  /** The same, for a page that already names the file: `line 3, column 1: message`. */
  reasonInFile: string | null;
  warnings: string[];
}

export interface PageView extends Page {
  url: string;
  html: string;
}

/**
 * What every page's layout may read besides its own record: the settings, whether there are
 * feeds, and the standalone pages in the navigation. Nothing in it changes when an article is
 * added, so adding one re-renders only the pages that show it (see render/page-keys.ts).
 */
export interface SiteWide extends SiteSettings {
  hasFeeds: boolean;
  nav: { url: string; title: string }[];
}

export interface SiteView {
  site: SiteWide;
  /** How many articles there are, and how many of them are dated: for the one-off pages. */
  counts: { articles: number; dated: number };
  listPages: ListPageView<CardView>[];
  directories: DirectoryView[];
  feed: FeedView | null;
  /** Every HTML page's address, for the sitemap; absolute when the base URL is known. */
  sitemap: string[] | null;
  articles: ArticleView[];
  originals: OriginalRecord[];
  /** An original's lines, line by line with their roles: made for the pages a build renders, not held for all. */
  linesOf: (original: OriginalRecord) => OriginalLine[];
  indexPages: ListPageView<CardView>[];
  pages: PageView[];
  ledger: LedgerEntry[];
  /** Files that were rejected or have warnings, with their place in the ledger (1-based). */
  attention: { path: string; number: number; rejected: boolean; warnings: number }[];
  hidden: string[];
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The date as the source wrote it: "1 May 2024", or "3 February 2024, 23:30 UTC−05:00" for a
 * date-time, in the offset it was given in (never converted, so the day shown is the author's).
 */
export function dateLabel(date: string | null): string | null {
  if (!date) return null;
  const day = dateFormat.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
  if (date.length === 10) return day;
  const time = date.slice(11, 16);
  const offset = /(?:Z|[+-]\d{2}:?\d{2})$/i.exec(date)?.[0] ?? 'Z';
  const zone = /^(?:Z|[+-]00:?00)$/i.test(offset) ? 'UTC' : `UTC${offset.replace('-', '−')}`;
  return `${day}, ${time} ${zone}`;
}

const lineEndingsLabels: Record<Article['source']['lineEndings'], string> = {
  LF: 'LF (Unix, macOS)',
  CRLF: 'CRLF (Windows)',
  CR: 'CR (classic Mac OS)',
  mixed: 'mixed',
  none: 'none (a single line)',
};

const positionWords = { head: 'above the headline', body: 'between paragraphs', tail: 'under the article' } as const;

const ruleLabel = (rule: string) => ruleById(rule)?.label ?? rule;

function notesByKind(article: Omit<Article, 'extra'>, urlsByPath: ReadonlyMap<string, string>): Record<SourceNote['kind'], NoteView[]> {
  const groups: Record<SourceNote['kind'], NoteView[]> = { origin: [], editor: [], unknown: [], flag: [], warning: [] };
  for (const note of article.source.notes) {
    const href = note.paragraph
      ? `${urls.article(article.slug)}#p${note.paragraph}`
      : note.path && urlsByPath.has(note.path)
        ? urlsByPath.get(note.path)!
        : note.line
          ? `${urls.original(article.slug)}#L${note.line}`
          : null;
    groups[note.kind].push({ ...note, href });
  }
  return groups;
}

const lineMarks = (article: Omit<Article, 'extra'>): LineMarks => ({
  leftovers: article.source.leftovers.map(({ line, rule }) => ({ line, rule })),
  seed: article.source.kind === 'seed',
  bodyLine: article.body.format === 'markdown' ? article.body.line : 0,
});

function originalLines(marks: LineMarks, text: string): OriginalLine[] {
  const leftovers = new Map(marks.leftovers.map((leftover) => [leftover.line, leftover]));
  const lines = splitLines(text);
  const headlineLine = marks.seed ? lines.findIndex((line, index) => line.trim() !== '' && !leftovers.has(index + 1)) + 1 : 0;
  const { bodyLine } = marks;
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => {
    const number = index + 1;
    const leftover = leftovers.get(number);
    return {
      number,
      text: line,
      leftover: leftover ? { rule: leftover.rule, label: ruleLabel(leftover.rule) } : null,
      role: leftover ? 'leftover' : number < bodyLine ? 'front-matter' : line.trim() === '' ? 'blank' : number === headlineLine ? 'headline' : 'body',
    };
  });
}

function ledgerEntry(input: Input, viewsByPath: Map<string, ArticleView>): LedgerEntry {
  const { file, outcome } = input;
  const raw = file.data.raw;
  const fatal = file.messages.find((message) => message.fatal === true);
  const view = outcome.status === 'article' ? viewsByPath.get(outcome.article.source.path) : undefined;
  return {
    path: String(file.path),
    kind: input.kind,
    status: outcome.status,
    of: outcome.status === 'duplicate' || outcome.status === 'overlay' ? outcome.of : null,
    sha256: raw?.sha256 ?? null,
    size: raw?.size ?? null,
    url: view ? view.url : outcome.status === 'page' ? urls.page(outcome.page.slug) : null,
    title: view ? view.headline : outcome.status === 'page' ? outcome.page.title : null,
    ofUrl: outcome.status === 'duplicate' || outcome.status === 'overlay' ? (viewsByPath.get(outcome.of)?.url ?? null) : null,
    reason: fatal ? (fatal.line ? `${file.path}:${fatal.line}:${fatal.column ?? 1} ${fatal.reason}` : `${file.path}: ${fatal.reason}`) : null,
    reasonInFile: fatal ? (fatal.line ? `Line ${fatal.line}, column ${fatal.column ?? 1}: ${fatal.reason}` : fatal.reason) : null,
    warnings: warningsOf(file).map((warning) => `${warning.line ?? 1}:${warning.column ?? 1} ${warning.message}`),
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A seed's paragraphs as HTML for feeds, escaped here because no template is in between. */
const paragraphsHtml = (article: Omit<Article, 'extra'>) =>
  article.body.format === 'paragraphs' ? article.body.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph.text)}</p>`).join('\n') : '';

const cardOf = (article: ArticleView): CardView => ({
  sourcePath: article.source.path,
  url: article.url,
  headline: article.headline,
  date: article.date,
  dateLabel: article.dateLabel,
  section: article.section,
  excerpt: article.excerpt,
  source: { machineTranslated: article.source.machineTranslated },
});

/** Everything the templates show, derived from the archive; templates hold no logic of their own. */
export function siteView(archive: Archive, settings: SiteSettings): SiteView {
  const texts = new Map(archive.inputs.map((input) => [String(input.file.path), String(input.file.value ?? '')]));
  const urlsByPath = new Map(archive.articles.map((article) => [article.source.path, urls.article(article.slug)]));
  const shelves = shelvesOf(archive.articles);
  const site = { title: settings.title, lang: settings.lang, baseUrl: settings.baseUrl };
  const articles: ArticleView[] = archive.articles.map(({ extra: _extra, ...article }) => ({
    ...article,
    sectionUrl: article.section ? (shelves.sectionUrl(article.section) ?? null) : null,
    tagLinks: article.tags.map((tag) => ({ name: tag, url: shelves.tagUrl(tag) ?? null })),
    entityGroups: (['person', 'organisation', 'place'] as const)
      .map((kind) => ({ heading: entityHeadings[kind], items: article.entities.filter((entity) => entity.kind === kind).map((entity) => ({ name: entity.name, url: shelves.entityUrl(entity.key) ?? null })) }))
      .filter((group) => group.items.length > 0),
    related: [],
    readingMinutes: Math.max(1, Math.round(article.words / 230)),
    dateShelfUrl: article.date ? urls.month(article.date.slice(0, 7)) : urls.undated(),
    jsonLd: newsArticleJsonLd(article, urls.article(article.slug), site),
    canonicalUrl: absolute(urls.article(article.slug), site),
    url: urls.article(article.slug),
    originalUrl: urls.original(article.slug),
    rawUrl: urls.rawSource(article.slug, article.source.path),
    dateLabel: dateLabel(article.date),
    bodyHtml: article.body.format === 'markdown' ? (archive.html.get(article.source.path) ?? '') : null,
    previous: null,
    next: null,
    separated: article.source.leftovers.map((leftover) => ({
      line: leftover.line,
      text: leftover.text,
      label: `${ruleLabel(leftover.rule)}${leftover.recurrence ? ` (in ${leftover.recurrence} seeds)` : ''}, ${positionWords[leftover.position]}`,
      href: `${urls.original(article.slug)}#L${leftover.line}`,
      quotedAbove: leftover.kind === 'disclaimer',
    })),
    lineEndingsLabel: lineEndingsLabels[article.source.lineEndings],
    downloadName: article.source.path.split('/').pop() ?? article.source.path,
    notesByKind: notesByKind(article, urlsByPath),
    fromEditor: Object.fromEntries((article.editorial?.fields ?? []).map((field) => [field, true])),
  }));
  relatedArticles(articles).forEach((others, index) => {
    articles[index]!.related = others.map((other) => ({ url: articles[other]!.url, headline: articles[other]!.headline, dateLabel: articles[other]!.dateLabel }));
  });
  articles.forEach((view, index) => {
    const newer = articles[index - 1];
    const older = articles[index + 1];
    view.previous = newer ? { url: newer.url, headline: newer.headline } : null;
    view.next = older ? { url: older.url, headline: older.headline } : null;
  });

  const originals: OriginalRecord[] = articles.map((article) => ({
    slug: article.slug,
    headline: article.headline,
    url: article.originalUrl,
    articleUrl: article.url,
    rawUrl: article.rawUrl,
    downloadName: article.downloadName,
    path: article.source.path,
    sha256: article.source.sha256,
    size: article.source.size,
    encoding: article.source.encoding,
    marks: lineMarks(article),
  }));

  const datedCount = articles.filter((article) => article.date !== null).length;
  const cards = articles.map(cardOf);
  const indexPages = pagedList({ kind: 'index', name: 'Articles', heading: 'Articles', articles: cards, pageUrl: urls.indexPage, up: null }, settings.perPage);

  const byPath = new Map(articles.map((view) => [view.source.path, view]));
  const ledger = archive.inputs.map((input) => ledgerEntry(input, byPath));
  // The shelves were made once, from the articles; their pages list the articles' views.
  const shelfCardOf = new Map(archive.articles.map((article, index) => [article, cards[index]!]));
  const allShelves = [...shelves.sections, ...shelves.tags, ...shelves.entities, ...shelves.months, ...(shelves.undated ? [shelves.undated] : [])];
  const lists = allShelves.flatMap((shelf) =>
    listPages({ ...shelf, articles: shelf.articles.map((article) => shelfCardOf.get(article)!) }, settings.perPage),
  );
  const directories = directoriesOf(shelves, articles.length);
  const pages = archive.pages.map((page) => ({ ...page, url: urls.page(page.slug), html: archive.html.get(page.path) ?? '' }));
  const feed = feedView(
    articles.map((article) => ({ ...article, contentHtml: article.bodyHtml ?? paragraphsHtml(article) })),
    site,
    { atom: urls.atom(), json: urls.jsonFeed(), home: urls.home() },
  );
  const htmlPages = [
    ...indexPages.map((listing) => listing.url),
    ...articles.flatMap((article) => [article.url, article.originalUrl]),
    ...lists.map((list) => list.url),
    ...directories.map((directory) => directory.url),
    ...pages.map((page) => page.url),
    urls.sources(),
    ...(settings.search ? [urls.search()] : []),
  ];
  return {
    site: { ...settings, hasFeeds: feed !== null, nav: pages.map((page) => ({ url: page.url, title: page.title })) },
    counts: { articles: articles.length, dated: datedCount },
    listPages: lists,
    directories,
    feed,
    sitemap: settings.baseUrl === null ? null : htmlPages.map((url) => absolute(url, site)!),
    articles,
    originals,
    linesOf: (original) => originalLines(original.marks, texts.get(original.path) ?? ''),
    indexPages,
    pages,
    ledger,
    attention: ledger.flatMap((entry, index) => (entry.status === 'rejected' || entry.warnings.length ? [{ path: entry.path, number: index + 1, rejected: entry.status === 'rejected', warnings: entry.warnings.length }] : [])),
    hidden: archive.hidden,
  };
}
