import { dateToRfc3339 } from '@11ty/eleventy-plugin-rss';
import type { Article } from '../model/article.ts';

/** What a machine reading the site needs to know of it. */
export interface SiteIdentity {
  title: string;
  lang: string;
  /** Where the site is published, ending in a slash; null when not given. */
  baseUrl: string | null;
}

/** The moment an archive date names, for feeds: a calendar date is read as its start in UTC. */
export const instantOf = (date: string) => new Date(date.length === 10 ? `${date}T00:00:00Z` : date);

/** An address of the site made absolute, or null without a base URL: never a guessed host. */
export const absolute = (url: string, site: SiteIdentity) => (site.baseUrl === null ? null : new URL(url, site.baseUrl).href);

/**
 * JSON to put inside a `<script type="application/ld+json">`: `<`, `>` and `&` are written as
 * Unicode escapes, so no text of an article can close the element or open another.
 */
export const scriptSafeJson = (value: unknown) => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** schema.org NewsArticle for an article page: only what is known; dates only when the source gives them. */
export function newsArticleJsonLd(
  article: Pick<Article, 'headline' | 'date' | 'section' | 'byline' | 'excerpt' | 'sourceUrl' | 'tags' | 'words' | 'lang'>,
  url: string,
  site: SiteIdentity,
  picture: { url: string; width: number; height: number } | null = null,
): string {
  const address = absolute(url, site);
  return scriptSafeJson({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline.length > 110 ? `${article.headline.slice(0, 109)}…` : article.headline,
    ...(article.date ? { datePublished: article.date } : {}),
    ...(article.section ? { articleSection: article.section } : {}),
    ...(article.byline ? { author: { '@type': 'Person', name: article.byline } } : {}),
    ...(article.tags.length ? { keywords: article.tags.join(', ') } : {}),
    ...(article.excerpt ? { description: article.excerpt } : {}),
    ...(picture ? { image: { '@type': 'ImageObject', url: picture.url, width: picture.width, height: picture.height } } : {}),
    ...(address ? { url: address, mainEntityOfPage: address } : {}),
    ...(article.sourceUrl ? { isBasedOn: article.sourceUrl } : {}),
    wordCount: article.words,
    inLanguage: article.lang ?? site.lang,
    isPartOf: { '@type': 'WebSite', name: site.title, ...(site.baseUrl ? { url: site.baseUrl } : {}) },
  });
}

export interface FeedItem {
  id: string;
  url: string;
  title: string;
  /** RFC 3339, in UTC. */
  updated: string;
  summary: string;
  author: string | null;
  contentHtml: string;
  /** The article's own language where it is not the feed's (the site's); null where it is. */
  lang: string | null;
  /** The whole address of the picture it is shared with, or null. */
  image: string | null;
}

export interface FeedView {
  title: string;
  atomUrl: string;
  jsonUrl: string;
  homeUrl: string;
  updated: string;
  items: FeedItem[];
}

/** Feeds show dated articles only: a feed entry needs a date, and none is ever invented. */
export const feedSize = 50;


/**
 * The newest 50 dated articles as Atom and JSON Feed entries with absolute addresses, or null when
 * the base URL is not known (a feed with wrong addresses is worse than none) or nothing is dated.
 */
export function feedView<A extends Pick<Article, 'headline' | 'date' | 'excerpt' | 'byline' | 'lang'> & { url: string; contentHtml: string; image: string | null }>(
  articles: readonly A[],
  site: SiteIdentity,
  addresses: { atom: string; json: string; home: string },
): FeedView | null {
  if (site.baseUrl === null) return null;
  const dated = articles.filter((article) => article.date !== null).sort((a, b) => instantOf(b.date!).getTime() - instantOf(a.date!).getTime()).slice(0, feedSize);
  if (dated.length === 0) return null;
  const items = dated.map((article) => ({
    id: absolute(article.url, site)!,
    url: absolute(article.url, site)!,
    title: article.headline,
    updated: dateToRfc3339(instantOf(article.date!)),
    summary: article.excerpt,
    author: article.byline,
    contentHtml: article.contentHtml,
    lang: article.lang !== null && article.lang.toLowerCase() !== site.lang.toLowerCase() ? article.lang : null,
    image: article.image,
  }));
  return { title: site.title, atomUrl: absolute(addresses.atom, site)!, jsonUrl: absolute(addresses.json, site)!, homeUrl: absolute(addresses.home, site)!, updated: items[0]!.updated, items };
}

/** JSON Feed 1.1, written by us: JSON.stringify escapes what JSON needs, and nothing else does. */
export function jsonFeed(feed: FeedView, lang: string): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.homeUrl,
      feed_url: feed.jsonUrl,
      language: lang,
      items: feed.items.map((item) => ({
        id: item.id,
        url: item.url,
        title: item.title,
        content_html: item.contentHtml,
        summary: item.summary,
        date_published: item.updated,
        ...(item.image ? { image: item.image } : {}),
        ...(item.lang ? { language: item.lang } : {}),
        ...(item.author ? { authors: [{ name: item.author }] } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}
