import { byteOrder } from '../ingest/discover.ts';
import type { Article } from '../model/article.ts';

/** The moment a date stands for: a calendar date counts as the start of its day in UTC. */
export const instantOf = (date: string) => Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);

/**
 * Archive order: dated articles newest first, by the moment they name (offsets included), then
 * undated ones in file-name order. Equal moments fall back to file-name order.
 */
export function archiveOrder(a: Article, b: Article): number {
  if (a.date && b.date) return instantOf(b.date) - instantOf(a.date) || byteOrder(a.source.path, b.source.path);
  if (a.date) return -1;
  if (b.date) return 1;
  return byteOrder(a.source.path, b.source.path);
}
