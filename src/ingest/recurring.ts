import { splitLines } from './lines.ts';

/**
 * Lines that recur word for word near the top or the bottom of several seeds. `support` is the
 * number of different stories that carry the line; `learned` says whether the archive is sure
 * enough to separate it, and otherwise the line stays in the body with a warning.
 */
export interface Recurrence {
  support: number;
  learned: boolean;
}

/** What a seed's parse may ask of the collection: how a line recurs in one zone. */
export interface RecurrenceLookup {
  get(line: string): Recurrence | undefined;
}

export interface RecurringLines {
  head: RecurrenceLookup;
  tail: RecurrenceLookup;
}

/** A line must recur in this many different stories to be learned at all. */
export const minimumRecurrence = 3;
/** A sentence (rather than a short label) must recur in this many stories, and in this share of the seeds. */
export const minimumSentenceRecurrence = 5;
export const sentenceShare = 0.02;
const headZone = 3;
const tailZone = 5;

export const noRecurringLines: RecurringLines = { head: new Map(), tail: new Map() };

/** A label rather than a sentence: a few words and no closing punctuation. */
export const isShortFragment = (line: string) => {
  const text = line.trim();
  return text.split(/\s+/).length <= 8 && !/[.!?:;,"”’)\]]$/u.test(text);
};

/**
 * Learn the collection's boilerplate: a line that stands word for word among the first few or
 * last few lines of several seeds (the same disclaimer under every article of one site) is a
 * leftover, whatever its words. Stories are told apart by headline and by first paragraph, so
 * copies and re-edits of one story never teach the archive to separate that story's own lines.
 * A short label is learned from three stories; a whole sentence (an author's biography at the
 * foot of a column, "The company did not respond to a request for comment.") must recur in five
 * and in 2% of the collection, because a few reports ending on the same sentence are more likely
 * than a site that signs a few articles so.
 */
export function learnRecurringLines(texts: Iterable<string>, minimum = minimumRecurrence): { head: ReadonlyMap<string, Recurrence>; tail: ReadonlyMap<string, Recurrence> } {
  return learnFromZones([...texts].map(zonesOf), minimum);
}

/**
 * What a seed's text adds to the learning: the lines among its first few and last few, each with
 * the two lines that name its story. A text of fewer than three lines adds only to the count.
 */
export interface Zones {
  head: [line: string, headline: string, opening: string][];
  tail: [line: string, headline: string, opening: string][];
}

export function zonesOf(text: string): Zones {
  const lines = splitLines(text).map((line) => line.trim()).filter(Boolean);
  if (lines.length < 3) return { head: [], tail: [] };
  const [first, second, third] = lines as [string, string, string];
  // A line above the headline: the story is named by the two lines under it.
  const head = [...new Set(lines.slice(0, headZone))].map((line): [string, string, string] => (line === first ? [line, second, third] : [line, first, line === second ? third : second]));
  const tail = [...new Set(lines.slice(Math.max(2, lines.length - tailZone)))].map((line): [string, string, string] => [line, first, second]);
  return { head, tail };
}

/** The collection's boilerplate, learned from every seed's zones (see `learnRecurringLines`). */
export function learnFromZones(zones: readonly Zones[], minimum = minimumRecurrence): { head: ReadonlyMap<string, Recurrence>; tail: ReadonlyMap<string, Recurrence> } {
  type Seen = { headlines: Set<string>; openings: Set<string> };
  const head = new Map<string, Seen>();
  const tail = new Map<string, Seen>();
  const note = (zone: Map<string, Seen>, [line, headline, opening]: [string, string, string]) => {
    let seen = zone.get(line);
    if (!seen) zone.set(line, (seen = { headlines: new Set(), openings: new Set() }));
    seen.headlines.add(headline);
    seen.openings.add(opening);
  };
  for (const text of zones) {
    for (const entry of text.head) note(head, entry);
    for (const entry of text.tail) note(tail, entry);
  }
  const seeds = zones.length;
  const verdicts = (zone: Map<string, Seen>) => {
    const found = new Map<string, Recurrence>();
    for (const [line, seen] of zone) {
      const support = Math.min(seen.headlines.size, seen.openings.size);
      if (support < 2) continue;
      const learned = isShortFragment(line) ? support >= minimum : support >= Math.max(minimumSentenceRecurrence, sentenceShare * seeds);
      found.set(line, { support, learned });
    }
    return found;
  };
  return { head: verdicts(head), tail: verdicts(tail) };
}

/** One question a parse asked of the collection, and its answer: `[zone, line, support, learned]` (support 0 when the line does not recur). */
export type AskedRecurrence = [zone: 'head' | 'tail', line: string, support: number, learned: boolean];

/**
 * The collection's boilerplate, with a record of every line a parse asks about. A seed's parse is
 * a function of its text and of these answers, so it need not run again while the text is the
 * same and every answer is (see `stillAnswered`).
 */
export function askedOf(recurring: RecurringLines): { recurring: RecurringLines; asked: AskedRecurrence[] } {
  const asked: AskedRecurrence[] = [];
  const tracked = (zone: 'head' | 'tail'): RecurrenceLookup => ({
    get(line) {
      const found = recurring[zone].get(line);
      asked.push([zone, line, found?.support ?? 0, found?.learned ?? false]);
      return found;
    },
  });
  return { recurring: { head: tracked('head'), tail: tracked('tail') }, asked };
}

/** Whether the collection still gives every answer a parse had. */
export const stillAnswered = (asked: readonly AskedRecurrence[], recurring: RecurringLines) =>
  asked.every(([zone, line, support, learned]) => {
    const found = recurring[zone].get(line);
    return (found?.support ?? 0) === support && (found?.learned ?? false) === learned;
  });
