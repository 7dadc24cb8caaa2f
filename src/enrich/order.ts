import { byteOrder } from '../ingest/discover.ts';
import type { Article } from '../model/article.ts';

/** The moment a date stands for: a calendar date counts as the start of its day in UTC. */
export const instantOf = (date: string) => Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);

/**
 * Archive order: dated articles newest first, by the moment they name (offsets included), then
 * undated ones in file-name order. Equal moments fall back to file-name order.
 */
export const archiveOrder = (a: Article, b: Article): number => byArchiveOrder({ date: a.date, path: a.source.path }, { date: b.date, path: b.source.path });

type Ordered = { date: string | null; path: string };

/** Archive order, of anything with a date and a source path (an article's summary). */
export const byArchiveOrder = (a: Ordered, b: Ordered): number => byInstant(a, b, (item) => (item.date ? instantOf(item.date) : null));

function byInstant<T extends Ordered>(a: T, b: T, instant: (item: T) => number | null): number {
  const [at, bt] = [instant(a), instant(b)];
  if (at !== null && bt !== null) return bt - at || byteOrder(a.path, b.path);
  if (at !== null) return -1;
  if (bt !== null) return 1;
  return byteOrder(a.path, b.path);
}

/** `items` in archive order, each date read once rather than at every comparison (a sort makes about 17 for each of 100,000). */
export function inArchiveOrder<T extends Ordered>(items: Iterable<T>): T[] {
  const instants = new Map<T, number | null>();
  for (const item of items) instants.set(item, item.date ? instantOf(item.date) : null);
  return [...instants.keys()].sort((a, b) => byInstant(a, b, (item) => instants.get(item)!));
}
