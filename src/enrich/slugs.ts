import { sha256 } from '../util/hash.ts';
import slugify from '@sindresorhus/slugify';
import { byteOrder } from '../ingest/discover.ts';
import { isDeviceName } from '../model/article.ts';

const maxLength = 80;

export const shortHash = (text: string, length = 6) => sha256(text).slice(0, length);

/** A URL-safe slug from text: ASCII, lower case, cut at a word boundary; empty if nothing is left. */
export function slugFrom(text: string): string {
  let slug = slugify(text, { decamelize: false });
  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength + 1);
    slug = cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, maxLength);
  }
  return slug;
}

/** The slug an article asks for: the headline's slug (or its fallback's) and a short hash of what the article is. */
export interface SlugProposal {
  base: string;
  hash: string;
}

/**
 * What an article's slug is made from, taken once when its file is parsed and kept with its draft:
 * `identity` is what the article is, whatever else is in the archive (its kind and id); `fallback`
 * stands in for a headline with no Latin letters or digits, such as the file name.
 */
export const slugProposal = (identity: string, headline: string, fallback: string): SlugProposal => ({
  base: slugFrom(headline) || slugFrom(fallback) || 'article',
  hash: shortHash(identity),
});

export interface SlugRequest {
  /** Unique among the requests: the source file's path. */
  key: string;
  proposal: SlugProposal;
  pinned: string | null;
}

export type SlugOutcome = { slug: string } | { conflict: string };

/**
 * One slug per article that never changes when other articles come and go: the headline's slug
 * followed by a short hash of the article's identity (`markets-rally-3f9a1c`). A pinned slug is
 * used as written; when two articles pin the same one, the second (by key) is a conflict.
 */
export function assignSlugs(requests: readonly SlugRequest[]): Map<string, SlugOutcome> {
  const ordered = [...requests].sort((a, b) => byteOrder(a.key, b.key));
  const owners = new Map<string, string>();
  const outcomes = new Map<string, SlugOutcome>();
  for (const request of ordered) {
    if (!request.pinned) continue;
    const owner = owners.get(request.pinned);
    if (owner) outcomes.set(request.key, { conflict: `slug "${request.pinned}" is already pinned by ${owner}` });
    else {
      owners.set(request.pinned, request.key);
      outcomes.set(request.key, { slug: request.pinned });
    }
  }
  for (const request of ordered) {
    if (request.pinned) continue;
    const { base, hash } = request.proposal;
    let slug = `${base}-${hash}`;
    // Two identities whose headlines and hashes both agree: vanishingly rare, settled by key order.
    for (let n = 2; owners.has(slug); n++) slug = `${base}-${hash}-${n}`;
    owners.set(slug, request.key);
    outcomes.set(request.key, { slug });
  }
  return outcomes;
}

/** Top-level names the site itself uses (see view/urls.ts); a page may not take them. */
export const reservedPageSlugs: ReadonlySet<string> = new Set(['articles', 'assets', 'page', 'sources', 'index', 'build-report', 'sections', 'tags', 'entities', 'archive', 'search', 'pagefind', 'search-index', 'feed', 'sitemap', 'robots', '404']);

export interface PageSlugRequest {
  key: string;
  /** The file name without extension, the page's address unless it pins one. */
  name: string;
  pinned: string | null;
}

/** A page lives at `<slug>/`: its pinned slug or its file name, never a name the site uses. */
export function assignPageSlugs(requests: readonly PageSlugRequest[]): Map<string, SlugOutcome> {
  const owners = new Map<string, string>();
  const outcomes = new Map<string, SlugOutcome>();
  for (const request of [...requests].sort((a, b) => byteOrder(a.key, b.key))) {
    const slug = request.pinned ?? (slugFrom(request.name) || 'page');
    const owner = owners.get(slug);
    if (isDeviceName(slug)) outcomes.set(request.key, { conflict: `The page address "${slug}/" is a name Windows keeps for a device` });
    else if (reservedPageSlugs.has(slug)) outcomes.set(request.key, { conflict: `The page address "${slug}/" is reserved by the archive` });
    else if (owner) outcomes.set(request.key, { conflict: `The page address "${slug}/" is already taken by ${owner}` });
    else {
      owners.set(slug, request.key);
      outcomes.set(request.key, { slug });
    }
  }
  return outcomes;
}
