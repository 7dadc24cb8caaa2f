import type { Article } from '../model/article.ts';

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Archive order: dated articles newest first, then undated ones in file-name order. ISO dates
 * compare as strings; a calendar date sorts before a date-time of the same day.
 */
export function archiveOrder(a: Article, b: Article): number {
  if (a.date && b.date) return byBytes(b.date, a.date) || byBytes(a.source.path, b.source.path);
  if (a.date) return -1;
  if (b.date) return 1;
  return byBytes(a.source.path, b.source.path);
}
