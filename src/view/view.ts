import { citationsOf, citedArticle, highwireTags, type Citations } from './citation.ts';
import type { Input } from '../pipeline/archive.ts';
import type { HeldSummary } from '../pipeline/records.ts';
import { inputPath } from '../ingest/read.ts';
import { warningsOf } from '../ingest/diagnostics.ts';
import { splitLines } from '../ingest/lines.ts';
import { ruleById } from '../ingest/leftover-rules.ts';
import type { Article, Page, SourceNote } from '../model/article.ts';
import { relatedArticles } from '../enrich/related.ts';
import type { ArticleRecord, ArticleSummary } from '../model/summary.ts';
import { feedSize, feedView, newsArticleJsonLd, absolute, type FeedView, type SiteIdentity } from './meta.ts';
import { directoriesOf, listPages, pagedList, shelvesOf, type DirectoryView, type ListPageView } from './shelves.ts';
import { idHashes } from './paging.ts';
import { textDirection, textLanguage, type TextLanguage } from './language.ts';
import { urls } from './urls.ts';
import { integerText, plural } from './words.ts';
import { byteOrder } from '../ingest/discover.ts';
import type { Placed } from '../enrich/pictures.ts';
import type { MadePicture } from '../render/pictures.ts';
import { figureHtml, imagesFolder, sharedPicture, withPictures, type SharedPicture, type ShownPicture } from './picture.ts';
import { escapeHtml } from '../util/escape.ts';

export interface SiteSettings {
  title: string;
  lang: string;
  perPage: number;
  /** Where the site is published (`https://example.org/news/`), or null when not given. */
  baseUrl: string | null;
  /** Whether the site has its search page and index. */
  search: boolean;
  /** Which index the search page reads: Pagefind's, or the one the archive makes itself. */
  searchEngine: SearchEngine;
}

export type SearchEngine = 'pagefind' | 'own';

const entityHeadings = { person: 'People', organisation: 'Organisations', place: 'Places' } as const;

/** An article as the templates see it: never its `extra` front matter, which is the author's raw data. */
export interface ArticleView extends Omit<Article, 'extra'> {
  url: string;
  /** "Cite this article": APA, MLA, Chicago, BibTeX and RIS, and the Highwire Press tags of its head. */
  citations: Citations;
  highwire: { name: string; content: string }[];
  /** Whether the citations carry the archive's address (only when the site's address is known). */
  citedWithUrl: boolean;
  /** The `lang` and `dir` its headline, summary and body are marked with, where not the site's. */
  textLang: TextLanguage | null;
  originalUrl: string;
  rawUrl: string;
  dateLabel: string | null;
  /** HTML our own pipeline produced (sanitised Markdown); null for seeds, whose text is escaped. */
  bodyHtml: string | null;
  /** The picture an editor's overlay names, as a figure above the text; null when there is none or it could not be made. */
  leadPictureHtml: string | null;
  /** The picture a link to the article is shared with (Open Graph, JSON-LD); null without one, or without the site's address. */
  sharedPicture: SharedPicture | null;
  /** For the source notes: each picture, where it is named and what was made of it. */
  pictureNotes: { src: string; path: string; line: number; lead: boolean; made: string | null }[];
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
  lines: OriginalLine[];
}


/**
 * An article as the whole archive holds it: its summary's facts and what its page shows of the
 * rest of the archive (its neighbours, related articles, shelves' addresses). With the digest of
 * its record, that is all its page is made from, so its page key is made from this alone; the
 * whole view (`SiteView.articleView`) is made only for a page being rendered. Templates that read
 * the whole archive see these, not the articles' texts.
 */
export interface ArticleEntry {
  url: string;
  originalUrl: string;
  rawUrl: string;
  slug: string;
  headline: string;
  date: string | null;
  dateLabel: string | null;
  section: string | null;
  tags: string[];
  excerpt: string;
  byline: string | null;
  source: { path: string; kind: Article['source']['kind']; sha256: string; machineTranslated: boolean };
  previous: { url: string; headline: string } | null;
  next: { url: string; headline: string } | null;
  related: ArticleView['related'];
  sectionUrl: string | null;
  tagLinks: ArticleView['tagLinks'];
  entityGroups: ArticleView['entityGroups'];
  /** The pages of the other input files its notes name, by path. */
  noteUrls: Record<string, string>;
  /** Its pictures as made, one for each of its images (null for one not shown: its file missing or unreadable). */
  pictures: (ShownPicture | null)[];
  digest: string;
}

/** An original text's page as the whole archive holds it: made from its article's record and the file's text. */
export interface OriginalEntry {
  url: string;
  articleUrl: string;
  path: string;
  digest: string;
}

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
  /** The `lang` and `dir` its headline and excerpt are marked with, where not the site's. */
  textLang: TextLanguage | null;
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
  /** For a picture: the articles that show it. */
  shownBy: { path: string; url: string | null }[];
  /** `path:line:column message`, as the build reports it. */
  reason: string | null;
  /** The same, for a page that already names the file: `line 3, column 1: message`. */
  reasonInFile: string | null;
  warnings: string[];
  /** For a file of records: what it holds, in words (its records are entries of their own, after it). */
  holds: string | null;
  /** For one record of a file of records: the file that holds it. */
  inFile: string | null;
}

export interface PageView extends Page {
  url: string;
  /** Its body's HTML, its pictures in their places. */
  html: string;
  /** Its pictures as made, one for each of its images (null for one not shown). */
  pictures: (ShownPicture | null)[];
}

/**
 * What every page's layout may read besides its own record: the settings, whether there are
 * feeds, and the standalone pages in the navigation. Nothing in it changes when an article is
 * added, so adding one re-renders only the pages that show it (see render/page-keys.ts).
 */
export interface SiteWide extends SiteSettings {
  /** The direction the site's language is written in, for the pages' `dir`. */
  dir: 'rtl' | 'ltr';
  hasFeeds: boolean;
  nav: { url: string; title: string }[];
}

export interface SiteView {
  site: SiteWide;
  /** How many articles there are, and how many of them are dated: for the one-off pages. */
  /** Articles, dated articles, input files, and records in files of records. */
  counts: { articles: number; dated: number; files: number; records: number; pictures: number };
  listPages: ListPageView<CardView>[];
  directories: DirectoryView[];
  feed: FeedView | null;
  /** Every HTML page's address, for the sitemap; absolute when the base URL is known. */
  sitemap: string[] | null;
  articles: ArticleEntry[];
  originals: OriginalEntry[];
  /** An article's whole view, made from its record (read from the store) for a page being rendered. */
  articleView: (entry: ArticleEntry) => ArticleView;
  /** An original text's page, line by line with their roles: made for a page being rendered, not held for all. */
  originalView: (entry: OriginalEntry) => OriginalView;
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

function notesByKind(article: Omit<Article, 'extra'>, urlsByPath: Readonly<Record<string, string>>): Record<SourceNote['kind'], NoteView[]> {
  const groups: Record<SourceNote['kind'], NoteView[]> = { origin: [], editor: [], unknown: [], flag: [], warning: [] };
  for (const note of article.source.notes) {
    const href = note.paragraph
      ? `${urls.article(article.slug)}#p${note.paragraph}`
      : note.path && Object.hasOwn(urlsByPath, note.path)
        ? urlsByPath[note.path]!
        : note.line
          ? `${urls.original(article.slug)}#L${note.line}`
          : null;
    groups[note.kind].push({ ...note, href });
  }
  return groups;
}


function originalLines(article: Shown, text: string): OriginalLine[] {
  const leftovers = new Map(article.source.leftovers.map((leftover) => [leftover.line, leftover]));
  const lines = splitLines(text);
  const headlineLine = article.source.kind === 'seed' ? lines.findIndex((line, index) => line.trim() !== '' && !leftovers.has(index + 1)) + 1 : 0;
  const bodyLine = article.body.format === 'markdown' ? article.body.line : 0;
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

function ledgerEntry(input: Input, viewsByPath: ReadonlyMap<string, { url: string; headline: string }>): LedgerEntry {
  const { file, outcome } = input;
  const raw = file.data.raw;
  const fatal = file.messages.find((message) => message.fatal === true);
  const view = outcome.status === 'article' ? viewsByPath.get(outcome.path) : undefined;
  return {
    path: inputPath(file),
    kind: input.kind,
    status: outcome.status,
    of: outcome.status === 'duplicate' || outcome.status === 'overlay' ? outcome.of : outcome.status === 'image' ? outcome.of[0]! : null,
    sha256: raw?.sha256 ?? null,
    size: raw?.size ?? null,
    url: view ? view.url : outcome.status === 'page' ? urls.page(outcome.page.slug) : null,
    title: view ? view.headline : outcome.status === 'page' ? outcome.page.title : null,
    ofUrl: outcome.status === 'duplicate' || outcome.status === 'overlay' ? (viewsByPath.get(outcome.of)?.url ?? null) : outcome.status === 'image' ? (viewsByPath.get(outcome.of[0]!)?.url ?? null) : null,
    shownBy: outcome.status === 'image' ? outcome.of.map((path) => ({ path, url: viewsByPath.get(path)?.url ?? null })) : [],
    reason: fatal ? (fatal.line ? `${file.path}:${fatal.line}:${fatal.column ?? 1} ${fatal.reason}` : `${file.path}: ${fatal.reason}`) : null,
    reasonInFile: fatal ? (fatal.line ? `Line ${fatal.line}, column ${fatal.column ?? 1}: ${fatal.reason}` : fatal.reason) : null,
    warnings: warningsOf(file).map((warning) => `${warning.line ?? 1}:${warning.column ?? 1} ${warning.message}`),
    holds: outcome.status === 'held' ? holdsWords(outcome) : null,
    inFile: raw?.record?.file ?? null,
  };
}

/** What a file of records holds: `Holds 12 records, listed after it; 41 other records are not articles: 20 images, 10 scripts...`. */
function holdsWords(held: HeldSummary): string {
  const others = Object.entries(held.others).sort(([a, x], [b, y]) => y - x || byteOrder(a, b));
  const otherCount = others.reduce((sum, [, count]) => sum + count, 0);
  const parts = [
    held.records === 0
      ? 'Holds no record that could be an article'
      : `Holds ${plural(held.records, 'record')} that could be ${held.records === 1 ? 'an article, listed after it as an input of its own' : 'articles, each listed after it as an input of its own'}`,
  ];
  if (otherCount) parts.push(`${plural(otherCount, 'other record')} ${otherCount === 1 ? 'is not an article' : 'are not articles'}: ${others.map(([kind, count]) => plural(count, kind)).join(', ')}`);
  if (held.stopped) parts.push(`reading stopped at byte ${integerText(held.stopped.offset)}: ${held.stopped.reason}`);
  return `${parts.join('; ')}.`;
}


/** A seed's paragraphs as HTML for feeds, escaped here because no template is in between. */
const paragraphsHtml = (article: Omit<Article, 'extra'>) =>
  article.body.format === 'paragraphs' ? article.body.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph.text)}</p>`).join('\n') : '';

const cardOf = (article: ArticleSummary, label: string | null, siteLang: string): CardView => ({
  sourcePath: article.path,
  url: urls.article(article.slug),
  headline: article.headline,
  date: article.date,
  dateLabel: label,
  section: article.section,
  excerpt: article.excerpt,
  source: { machineTranslated: article.machineTranslated },
  textLang: textLanguage(article.lang, siteLang),
});

/** What the site view is made from: the archive's summaries, and its records read one at a time. */
export interface ViewSource {
  /** In archive order. */
  summaries: readonly ArticleSummary[];
  pages: readonly Page[];
  /** A page's body as HTML, by source path. */
  pageHtml: ReadonlyMap<string, string>;
  inputs: readonly Input[];
  hidden: readonly string[];
  /** An article's whole record, by source path. */
  load: (path: string) => ArticleRecord;
  /** An input file's text as it was read, by source path. */
  textOf: (path: string) => string;
  /** Each article's and page's pictures and the files they are made from, by source path. */
  pictures?: ReadonlyMap<string, readonly Placed[]>;
}

type Shown = Omit<Article, 'extra'>;

/** From a page at `url`, up to the site's root and into the images folder. */
const imagesPrefix = (url: string) => `${'../'.repeat(url.split('/').filter(Boolean).length)}${imagesFolder}`;

/** Each picture placed in an article or page as made, or null for one that was not (its file missing, unreadable or not made). */
const shownPictures = (placed: readonly Placed[] | undefined, made: ReadonlyMap<string, MadePicture>): (ShownPicture | null)[] =>
  (placed ?? []).map((picture) => {
    const files = picture.file?.sha256 ? made.get(picture.file.sha256) : undefined;
    return files ? { image: picture.image, made: files } : null;
  });

/** An article's whole view: its record, and what its entry says of the rest of the archive. */
function articleView(entry: ArticleEntry, { article, html }: ArticleRecord, site: SiteIdentity): ArticleView {
  const { extra: _extra, ...shown } = article;
  const cited = citedArticle(shown, absolute(entry.url, site), site);
  const prefix = imagesPrefix(entry.url);
  const hasLead = shown.images[0]?.place === 'lead';
  const lead = hasLead ? (entry.pictures[0] ?? null) : null;
  const bodyImages = hasLead ? shown.images.slice(1) : shown.images;
  const bodyPictures = hasLead ? entry.pictures.slice(1) : entry.pictures;
  const shared = sharedPicture(entry.pictures, site);
  return {
    citations: citationsOf(cited),
    highwire: highwireTags(cited),
    citedWithUrl: cited.url !== null,
    ...shown,
    textLang: textLanguage(shown.lang, site.lang, shown.source.page?.dir ?? null),
    sectionUrl: entry.sectionUrl,
    tagLinks: entry.tagLinks,
    entityGroups: entry.entityGroups,
    related: entry.related,
    readingMinutes: Math.max(1, Math.round(shown.words / 230)),
    dateShelfUrl: shown.date ? urls.month(shown.date.slice(0, 7)) : urls.undated(),
    jsonLd: newsArticleJsonLd(shown, entry.url, site, shared),
    canonicalUrl: absolute(entry.url, site),
    url: entry.url,
    originalUrl: entry.originalUrl,
    rawUrl: entry.rawUrl,
    dateLabel: entry.dateLabel,
    bodyHtml: shown.body.format === 'markdown' ? withPictures(html ?? '', shown.body.markdown, bodyPictures, bodyImages, prefix) : null,
    leadPictureHtml: lead ? figureHtml(lead, prefix, 'eager') : null,
    sharedPicture: shared,
    pictureNotes: shown.images.map((image, index) => pictureNote(image, entry.pictures[index] ?? null)),
    previous: entry.previous,
    next: entry.next,
    separated: shown.source.leftovers.map((leftover) => ({
      line: leftover.line,
      text: leftover.text,
      label: `${ruleLabel(leftover.rule)}${leftover.recurrence ? ` (in ${leftover.recurrence} seeds)` : ''}, ${positionWords[leftover.position]}`,
      href: `${entry.originalUrl}#L${leftover.line}`,
      quotedAbove: leftover.kind === 'disclaimer',
    })),
    lineEndingsLabel: lineEndingsLabels[shown.source.lineEndings],
    downloadName: downloadNameOf(shown.source),
    notesByKind: notesByKind(shown, entry.noteUrls),
    fromEditor: Object.fromEntries((shown.editorial?.fields ?? []).map((field) => [field, true])),
  };
}

/** What was made of a picture, in words: `AVIF, WebP and JPEG, 480, 960 and 1,600 pixels wide`. */
function pictureNote(image: Article['images'][number], shown: ShownPicture | null) {
  const formats = shown?.made.formats ?? [];
  const widths = formats[0]?.files.map((file) => integerText(file.width)) ?? [];
  const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
  const made = shown ? `${list(formats.map(({ format }) => (format === 'webp' ? 'WebP' : format.toUpperCase())))}, ${list(widths)} pixels wide` : null;
  return { src: image.src, path: image.path, line: image.line, lead: image.place === 'lead', made };
}

/**
 * The name a source file is saved under: a web page's ends in .txt, since a page opened from the
 * disk could run its scripts; a record's is its file's name and its number (`feed-3.json`, a
 * captured page's `crawl-3.html.txt`).
 */
const downloadNameOf = (source: Pick<Article['source'], 'path' | 'kind' | 'record'>) => {
  const name = (source.record?.file ?? source.path).split('/').pop() ?? source.path;
  if (source.record) return `${name.replace(/\.(?:jsonl|ndjson|json|warc|warc\.gz)$/i, '')}-${source.record.number}.${source.kind === 'webpage' ? 'html.txt' : 'json'}`;
  return /\.html?$/i.test(name) ? `${name}.txt` : name;
};

function originalView(entry: OriginalEntry, article: Shown, text: string): OriginalView {
  return {
    slug: article.slug,
    headline: article.headline,
    url: entry.url,
    articleUrl: entry.articleUrl,
    rawUrl: urls.rawSource(article.slug, article.source.path),
    downloadName: downloadNameOf(article.source),
    path: article.source.path,
    sha256: article.source.sha256,
    size: article.source.size,
    encoding: article.source.encoding,
    lines: originalLines(article, text),
  };
}

/** Everything the templates show, derived from the archive's summaries; templates hold no logic of their own. */
export function siteView(archive: ViewSource, settings: SiteSettings, made: ReadonlyMap<string, MadePicture> = new Map()): SiteView {
  const summaries = archive.summaries;
  const urlsByPath = new Map(summaries.map((article) => [article.path, urls.article(article.slug)]));
  const shelves = shelvesOf(summaries);
  const site = { title: settings.title, lang: settings.lang, baseUrl: settings.baseUrl };
  const related = relatedArticles(summaries);
  // Each article's date as shown, made once: it is shown on its page, its card and its neighbours' related lists.
  const labels = summaries.map((article) => dateLabel(article.date));
  const articles: ArticleEntry[] = summaries.map((article, index) => {
    const url = urls.article(article.slug);
    const neighbour = (other: ArticleSummary | undefined) => (other ? { url: urlsByPath.get(other.path)!, headline: other.headline } : null);
    const noteUrls: Record<string, string> = {};
    for (const path of article.notePaths) if (urlsByPath.has(path)) noteUrls[path] = urlsByPath.get(path)!;
    return {
      url,
      originalUrl: urls.original(article.slug),
      rawUrl: urls.rawSource(article.slug, article.path),
      slug: article.slug,
      headline: article.headline,
      date: article.date,
      dateLabel: labels[index] ?? null,
      section: article.section,
      tags: article.tags,
      excerpt: article.excerpt,
      byline: article.byline,
      source: { path: article.path, kind: article.kind, sha256: article.sha256, machineTranslated: article.machineTranslated },
      previous: neighbour(summaries[index - 1]),
      next: neighbour(summaries[index + 1]),
      related: related[index]!.map((other) => ({ url: urlsByPath.get(summaries[other]!.path)!, headline: summaries[other]!.headline, dateLabel: labels[other] ?? null })),
      sectionUrl: article.section ? (shelves.sectionUrl(article.section) ?? null) : null,
      tagLinks: article.tags.map((tag) => ({ name: tag, url: shelves.tagUrl(tag) ?? null })),
      entityGroups: (['person', 'organisation', 'place'] as const)
        .map((kind) => ({ heading: entityHeadings[kind], items: article.entities.filter((entity) => entity.kind === kind).map((entity) => ({ name: entity.name, url: shelves.entityUrl(entity.key) ?? null })) }))
        .filter((group) => group.items.length > 0),
      noteUrls,
      pictures: shownPictures(archive.pictures?.get(article.path), made),
      digest: article.digest,
    };
  });
  const originals: OriginalEntry[] = articles.map((article) => ({ url: article.originalUrl, articleUrl: article.url, path: article.source.path, digest: article.digest }));

  const datedCount = summaries.filter((article) => article.date !== null).length;
  const cards = summaries.map((article, index) => cardOf(article, labels[index] ?? null, settings.lang));
  const hashOf = idHashes();
  const indexPages = pagedList({ kind: 'index', name: 'Articles', heading: 'Articles', articles: cards, pageUrl: urls.indexPage, up: null }, settings.perPage, hashOf);

  const entriesByPath = new Map(articles.map((entry) => [entry.source.path, entry]));
  const pages = archive.pages.map((page): PageView => {
    const url = urls.page(page.slug);
    const pictures = shownPictures(archive.pictures?.get(page.path), made);
    return { ...page, url, pictures, html: withPictures(archive.pageHtml.get(page.path) ?? '', page.markdown, pictures, page.images, imagesPrefix(url)) };
  });
  // A picture's entry names the articles and pages that show it.
  const shownBy = new Map([...entriesByPath, ...pages.map((page) => [page.path, { url: page.url, headline: page.title }] as const)]);
  const ledger = archive.inputs.map((input) => ledgerEntry(input, shownBy));
  // The shelves were made once, from the summaries; their pages list the articles' cards.
  const shelfCardOf = new Map(summaries.map((article, index) => [article, cards[index]!]));
  const allShelves = [...shelves.sections, ...shelves.tags, ...shelves.entities, ...shelves.months, ...(shelves.undated ? [shelves.undated] : [])];
  const lists = allShelves.flatMap((shelf) => listPages({ ...shelf, articles: shelf.articles.map((article) => shelfCardOf.get(article)!) }, settings.perPage, hashOf));
  const directories = directoriesOf(shelves, summaries.length);
  // Feeds hold the newest dated articles' whole text: only those records are read.
  // In archive order, the dated come first, newest first.
  const newest = summaries
    .filter((article) => article.date !== null)
    .slice(0, feedSize)
    .map((article) => {
      const { article: record, html } = archive.load(article.path);
      const pictures = entriesByPath.get(article.path)?.pictures ?? [];
      const lead = record.images[0]?.place === 'lead' ? 1 : 0;
      // A feed's reader may show it anywhere: its pictures are named by their whole address, the lead picture first.
      const prefix = absolute(imagesFolder, site) ?? imagesFolder;
      const leadHtml = lead && pictures[0] ? figureHtml(pictures[0], prefix, 'eager') : '';
      const contentHtml = leadHtml + (record.body.format === 'markdown' ? withPictures(html ?? '', record.body.markdown, pictures.slice(lead), record.images.slice(lead), prefix) : paragraphsHtml(record));
      return { ...record, url: urlsByPath.get(article.path)!, contentHtml, image: sharedPicture(pictures, site)?.url ?? null };
    });
  const feed = feedView(newest, site, { atom: urls.atom(), json: urls.jsonFeed(), home: urls.home() });
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
    site: { ...settings, dir: textDirection(settings.lang), hasFeeds: feed !== null, nav: pages.map((page) => ({ url: page.url, title: page.title })) },
    counts: { articles: articles.length, dated: datedCount, files: ledger.filter((entry) => entry.inFile === null).length, records: ledger.filter((entry) => entry.inFile !== null).length, pictures: ledger.filter((entry) => entry.status === 'image').length },
    listPages: lists,
    directories,
    feed,
    sitemap: settings.baseUrl === null ? null : htmlPages.map((url) => absolute(url, site)!),
    articles,
    originals,
    articleView: (entry) => articleView(entry, archive.load(entry.source.path), site),
    originalView: (entry) => originalView(entry, archive.load(entry.path).article, archive.textOf(entry.path)),
    indexPages,
    pages,
    ledger,
    attention: ledger.flatMap((entry, index) => (entry.status === 'rejected' || entry.warnings.length ? [{ path: entry.path, number: index + 1, rejected: entry.status === 'rejected', warnings: entry.warnings.length }] : [])),
    hidden: [...archive.hidden],
  };
}
