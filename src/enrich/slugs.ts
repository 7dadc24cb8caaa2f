import { createHash } from 'node:crypto';
import slugify from '@sindresorhus/slugify';

const maxLength = 80;

export const shortHash = (text: string, length = 6) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** A URL-safe slug from a headline: ASCII, lower case, cut at a word boundary. */
export function slugFromHeadline(headline: string): string {
  let slug = slugify(headline, { decamelize: false });
  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength + 1);
    slug = cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, maxLength);
  }
  return slug;
}

export interface SlugRequest {
  id: string;
  headline: string;
  pinned: string | null;
}

/**
 * One slug per id, unique in the archive and the same on every build of the same inputs:
 * pinned slugs are claimed first, then headlines in id order; a later article whose slug is
 * taken gets a suffix from the hash of its id, which does not depend on what else is built.
 */
export function assignSlugs(requests: readonly SlugRequest[]): Map<string, string> {
  const ordered = [...requests].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<string>();
  const slugs = new Map<string, string>();
  const claim = (request: SlugRequest, wanted: string) => {
    let slug = wanted || `article-${shortHash(request.id, 8)}`;
    if (taken.has(slug)) slug = `${slug}-${shortHash(request.id)}`;
    for (let n = 2; taken.has(slug); n++) slug = `${wanted}-${shortHash(request.id)}-${n}`;
    taken.add(slug);
    slugs.set(request.id, slug);
  };
  for (const request of ordered) if (request.pinned) claim(request, request.pinned);
  for (const request of ordered) if (!request.pinned) claim(request, slugFromHeadline(request.headline));
  return slugs;
}
