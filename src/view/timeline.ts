import { monthName } from './shelves.ts';

/** A month of the timeline: its count, and the address of its shelf (null when it holds none, or has no page). */
export interface TimelineMonth {
  month: string;
  name: string;
  count: number;
  url: string | null;
}

/** A bar chart of articles per month, drawn at build time as SVG (no script), and its numbers as a table. */
export interface TimelineView {
  width: number;
  height: number;
  fontSize: number;
  /** One bar per month from the first to the last, an empty month a gap (no bar, no link). */
  bars: (TimelineMonth & { x: number; y: number; barWidth: number; barHeight: number; label: string })[];
  /** Year labels under the bars, thinned so that at most a dozen are drawn. */
  years: { x: number; year: string }[];
  /** The baseline's height in the drawing, and the largest month's count it is scaled to. */
  baseline: number;
  most: number;
  /** The months that hold articles, newest first: the same numbers as the chart, for the table. */
  rows: TimelineMonth[];
  /** Articles with no known date: counted beside the chart, never placed on it. */
  undated: { count: number; url: string | null };
  summary: string;
}

const step = 8;
const plotHeight = 120;

/** Every month from `first` to `last` (`YYYY-MM`), in order. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last; key = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(key);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

const plural = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

/**
 * The timeline of months that hold dated articles (`YYYY-MM` → count and shelf address), with the
 * undated beside it; null when no article is dated. The drawing's units are the viewBox's: it
 * scales to the page's width.
 */
export function timelineOf(counts: ReadonlyMap<string, { count: number; url: string | null }>, undated: { count: number; url: string | null }, what = 'article'): TimelineView | null {
  const keys = [...counts.keys()].sort();
  if (keys.length === 0) return null;
  const months = monthsBetween(keys[0]!, keys[keys.length - 1]!);
  const width = Math.max(600, months.length * step);
  const fontSize = Math.round(width / 50);
  const baseline = plotHeight + 4;
  const most = Math.max(...[...counts.values()].map(({ count }) => count));
  const bars = months.flatMap((month, index) => {
    const known = counts.get(month);
    if (!known || known.count === 0) return [];
    const barHeight = Math.max(2, Math.round((known.count / most) * plotHeight));
    const barWidth = Math.max(1, (width / months.length) * 0.8);
    const name = monthName(month);
    return [{ month, name, count: known.count, url: known.url, x: (index * width) / months.length, y: baseline - barHeight, barWidth, barHeight, label: `${name}: ${plural(known.count, what)}` }];
  });
  const firsts = months.flatMap((month, index) => (index === 0 || month.endsWith('-01') ? [{ x: (index * width) / months.length, year: month.slice(0, 4) }] : []));
  const every = Math.ceil(firsts.length / 12);
  const years = firsts.filter((_, index) => index % every === 0);
  const rows = [...keys].reverse().map((month) => ({ month, name: monthName(month), count: counts.get(month)!.count, url: counts.get(month)!.url }));
  const dated = rows.reduce((sum, row) => sum + row.count, 0);
  const span = `${monthName(keys[0]!)} to ${monthName(keys[keys.length - 1]!)}`;
  return {
    width,
    height: baseline + fontSize * 2,
    fontSize,
    bars,
    years,
    baseline,
    most,
    rows,
    undated,
    summary: `${plural(dated, `dated ${what}`)} from ${span}, ${plural(keys.length, 'month')} with ${what}s in them; the busiest holds ${plural(most, what)}.`,
  };
}
