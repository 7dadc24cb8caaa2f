import { byteOrder } from '../ingest/discover.ts';
import type { Article } from '../model/article.ts';

/** The moment a date stands for: a calendar date counts as the start of its day in UTC. */
export const instantOf = (date: string) => Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);

/**
 * Archive order: dated articles newest first, by the moment they name (offsets included), then
 * undated ones in file-name order. Equal moments fall back to file-name order.
 */
export const archiveOrder = (a: Article, b: Article): number => byArchiveOrder({ date: a.date, path: a.source.path }, { date: b.date, path: b.source.path });

/** Archive order, of anything with a date and a source path (an article's summary). */
export function byArchiveOrder(a: { date: string | null; path: string }, b: { date: string | null; path: string }): number {
  if (a.date && b.date) return instantOf(b.date) - instantOf(a.date) || byteOrder(a.path, b.path);
  if (a.date) return -1;
  if (b.date) return 1;
  return byteOrder(a.path, b.path);
}
