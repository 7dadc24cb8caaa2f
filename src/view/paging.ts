import { sha256 } from '../util/hash.ts';

/**
 * Lists (the index and every shelf) split into pages whose boundaries are chosen by the articles
 * themselves, as content-defined chunking does, not by counting 20 from the newest. Adding or
 * removing one article, newest or backfilled, changes at most a few pages wherever it lands, and a
 * page keeps its name (its URL) for as long as the article that opens it, its oldest, is there:
 * named by its newest, the newest page would move with every new article.
 */

/** A page of a list, newest first, as readers page through it. */
export interface ListPage<T> {
  /** Its name in the URL: hex from the hash of its oldest article's id, unique in the list. */
  name: string;
  /** Its articles, newest first. */
  items: T[];
  /** Where its newest article stands in the whole list (0 is the newest article). */
  start: number;
}

/** How a list is cut; `older + newer + 1` is perPage, the expected page size. */
export interface PageSizes {
  min: number;
  max: number;
  /** An article closes a page when its hash is the smallest of `older` articles before it and `newer` after. */
  older: number;
  newer: number;
}

/**
 * The cut is a local minimum, not a hit counted from where the page began (as FastCDC does): a cut
 * depends only on the articles within `older`/`newer` of it, so a change moves cuts only within
 * that reach and never cascades. One article in a window of perPage is its smallest, so pages hold
 * perPage on average; two cuts closer than min(older, newer) + 1 = ceil(perPage / 2) would each
 * have to be smaller than the other. max = 2 * perPage caps the rare long run with no cut (1 page
 * in 50 at perPage 20): such a run is cut into perPage pieces from its oldest end, the last piece
 * taking the rest, which is more than perPage and at most max.
 */
export function pageSizes(perPage: number): PageSizes {
  if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`perPage must be a whole number from 1, not ${perPage}`);
  const older = Math.ceil((perPage - 1) / 2);
  const newer = perPage - 1 - older;
  return { min: newer + 1, max: 2 * perPage, older, newer };
}

const nameLength = 8;

/** What an item is paged by: the SHA-256 of its id, in hex. */
export const idHash = (id: string) => sha256(id);

/** `idHash`, each id hashed once: an article stands on a dozen lists. */
export function idHashes(): (id: string) => string {
  const known = new Map<string, string>();
  return (id) => known.get(id) ?? known.set(id, idHash(id)).get(id)!;
}

/**
 * The pages of a list given newest first, newest page first. Cuts are made only where an article
 * has its full window on both sides, so the oldest page holds at least min and the newest page,
 * which may be shorter, is where new articles go; the pages before it never notice them.
 */
export function pagesOf<T>(items: readonly T[], idOf: (item: T) => string, perPage: number, hashOf: (id: string) => string = idHash): ListPage<T>[] {
  const { max, older, newer } = pageSizes(perPage);
  const oldestFirst = [...items].reverse();
  const hashes = oldestFirst.map((item) => hashOf(idOf(item)));
  const isCut = (at: number) => {
    for (let other = at - older; other <= at + newer; other += 1) if (other !== at && hashes[other]! <= hashes[at]!) return false;
    return true;
  };
  const ends: number[] = [];
  let opener = 0;
  const close = (last: number) => {
    while (last - opener + 1 > max) ends.push((opener += perPage) - 1);
    ends.push(last);
    opener = last + 1;
  };
  for (let at = older; at < oldestFirst.length - newer; at += 1) if (isCut(at)) close(at);
  if (opener < oldestFirst.length) close(oldestFirst.length - 1);

  const names = uniqueNames(ends.map((_, index) => hashes[index === 0 ? 0 : ends[index - 1]! + 1]!));
  const pages: ListPage<T>[] = [];
  for (let index = ends.length - 1; index >= 0; index -= 1) {
    const first = index === 0 ? 0 : ends[index - 1]! + 1;
    const start = oldestFirst.length - 1 - ends[index]!;
    pages.push({ name: names[index]!, items: oldestFirst.slice(first, ends[index]! + 1).reverse(), start });
  }
  return pages;
}

/**
 * The name is the opener's hash, 8 hex characters; pages whose 8 collide (about 1 list in 30,000
 * at 500 pages) all take longer prefixes until they differ. That depends only on the colliding
 * openers, so no other page's name moves, and the result does not depend on the order of pages.
 */
function uniqueNames(hashes: readonly string[]): string[] {
  const names = hashes.map((hash) => hash.slice(0, nameLength));
  const byName = new Map<string, number[]>();
  names.forEach((name, index) => byName.set(name, [...(byName.get(name) ?? []), index]));
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    let length = nameLength;
    const distinct = () => new Set(group.map((index) => hashes[index]!.slice(0, length))).size === group.length;
    while (!distinct()) length += 4;
    for (const index of group) names[index] = hashes[index]!.slice(0, length);
  }
  return names;
}

/** Which page (its place in `pages`, newest first) holds the item at `index` of the list, or -1. */
export function pageHolding<T>(pages: readonly ListPage<T>[], index: number): number {
  let low = 0;
  let high = pages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const page = pages[middle]!;
    if (index < page.start) high = middle - 1;
    else if (index >= page.start + page.items.length) low = middle + 1;
    else return middle;
  }
  return -1;
}

/**
 * What the root of a list shows: its newest `perPage` items, and "Older" to the page holding the
 * next one. That page may begin with items the root already showed; none is ever skipped.
 */
export function rootOf<T>(items: readonly T[], pages: readonly ListPage<T>[], perPage: number): { items: T[]; older: string | null } {
  const older = pageHolding(pages, perPage);
  return { items: items.slice(0, perPage), older: older === -1 ? null : pages[older]!.name };
}
