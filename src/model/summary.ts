import type { Article, ArticleImage, EntityRef, Source } from './article.ts';
import { sha256 } from '../util/hash.ts';

/**
 * What the steps over the whole archive need of one article (its shelves, its card, its place in
 * the order, its related articles, its line in the ledger), and a digest of all the rest. The
 * whole record is made, or read from the store, only for the pages a build renders, so an archive
 * is listed from summaries a fraction of its size.
 */
export interface ArticleSummary {
  path: string;
  kind: Source['kind'];
  sha256: string;
  slug: string;
  headline: string;
  date: string | null;
  section: string | null;
  tags: string[];
  entities: EntityRef[];
  excerpt: string;
  byline: string | null;
  /** The language its source or editor names; null where none does (the site's is taken). */
  lang: string | null;
  machineTranslated: boolean;
  /** The pictures it shows from beside its file: the build finds and makes them for its page. */
  images: ArticleImage[];
  /** Other input files its source notes name (copies, near duplicates), whose pages they link to. */
  notePaths: string[];
  /**
   * SHA-256 of the record its pages are made from (the article without its raw `extra` front
   * matter, and its body's HTML): two builds with the same digest show the same article.
   */
  digest: string;
}

/** An article's whole record, as its pages need it. */
export interface ArticleRecord {
  article: Article;
  /** The HTML a Markdown body was rendered to; undefined for a seed. */
  html: string | undefined;
  /** Its text as plain paragraphs, for search. */
  plain: string[];
}

export function summaryOf({ article, html }: Pick<ArticleRecord, 'article' | 'html'>): ArticleSummary {
  const { extra: _extra, ...shown } = article;
  const digest = sha256(`${JSON.stringify(shown)}\u0000${html ?? ''}`);
  const notePaths = [...new Set(article.source.notes.flatMap((note) => (note.path ? [note.path] : [])))];
  return {
    path: article.source.path,
    kind: article.source.kind,
    sha256: article.source.sha256,
    slug: article.slug,
    headline: article.headline,
    date: article.date,
    section: article.section,
    tags: article.tags,
    entities: article.entities,
    excerpt: article.excerpt,
    byline: article.byline,
    lang: article.lang,
    machineTranslated: article.source.machineTranslated,
    images: article.images,
    notePaths,
    digest,
  };
}
