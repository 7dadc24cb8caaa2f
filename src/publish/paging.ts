import { createHash } from 'node:crypto';

/**
 * Lists (the index and every shelf) split into pages whose boundaries are chosen by the articles
 * themselves, as content-defined chunking does (FastCDC, prolly trees), not by counting 20 from
 * the newest. Adding or removing one article, newest or backfilled, changes a few pages wherever
 * it lands, and a page keeps its name (its URL) for as long as the article that opens it is there.
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

/** The rule a list is cut by: a page closes after `min` items or more on a hash hit, or at `max`. */
export interface PageSizes {
  min: number;
  max: number;
  /** An item is a hit when 32 bits of its hash are 0 modulo this. */
  divisor: number;
}

/**
 * min = ceil(perPage / 2) keeps pages from being too short to be worth a click; max = 2 * perPage
 * keeps them readable when no hit comes. Between the two each item is a hit with chance 1/divisor,
 * so a page holds min - 1 + min(G, max - min + 1) items, G geometric: the divisor is the one whose
 * expected size is nearest perPage (12 for 20: 20.2 items, 1 page in 15 cut at max). A cut at max
 * depends on counting, not content, so it is what lets a change reach a second or third page.
 */
export function pageSizes(perPage: number): PageSizes {
  if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`perPage must be a whole number from 1, not ${perPage}`);
  const min = Math.ceil(perPage / 2);
  const max = 2 * perPage;
  const expected = (divisor: number) => min - 1 + divisor * (1 - (1 - 1 / divisor) ** (max - min + 1));
  let divisor = 1;
  while (Math.abs(expected(divisor + 1) - perPage) < Math.abs(expected(divisor) - perPage)) divisor += 1;
  return { min, max, divisor };
}

const nameLength = 8;

/**
 * The pages of a list given newest first, newest page first. The list is cut from its oldest end,
 * so new articles only ever touch the newest page; that page may be shorter than `min`.
 */
export function pagesOf<T>(items: readonly T[], idOf: (item: T) => string, perPage: number): ListPage<T>[] {
  const { min, max, divisor } = pageSizes(perPage);
  const oldestFirst: { hashes: string[]; items: T[] }[] = [];
  let open: { hashes: string[]; items: T[] } = { hashes: [], items: [] };
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index] as T;
    const digest = createHash('sha256').update(idOf(item)).digest();
    open.items.push(item);
    open.hashes.push(digest.toString('hex'));
    // The hit uses the digest's last 32 bits, the name its first, so the two do not correlate.
    const hit = digest.readUInt32BE(28) % divisor === 0;
    if ((open.items.length >= min && hit) || open.items.length === max) {
      oldestFirst.push(open);
      open = { hashes: [], items: [] };
    }
  }
  if (open.items.length > 0) oldestFirst.push(open);

  const names = uniqueNames(oldestFirst.map((page) => page.hashes[0] as string));
  const pages: ListPage<T>[] = [];
  let start = 0;
  for (let index = oldestFirst.length - 1; index >= 0; index -= 1) {
    const page = oldestFirst[index]!;
    pages.push({ name: names[index]!, items: page.items.reverse(), start });
    start += page.items.length;
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
