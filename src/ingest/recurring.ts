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

export interface RecurringLines {
  head: ReadonlyMap<string, Recurrence>;
  tail: ReadonlyMap<string, Recurrence>;
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
export function learnRecurringLines(texts: Iterable<string>, minimum = minimumRecurrence): RecurringLines {
  type Seen = { headlines: Set<string>; openings: Set<string> };
  const head = new Map<string, Seen>();
  const tail = new Map<string, Seen>();
  let seeds = 0;
  const note = (zone: Map<string, Seen>, line: string, headline: string, opening: string) => {
    let seen = zone.get(line);
    if (!seen) zone.set(line, (seen = { headlines: new Set(), openings: new Set() }));
    seen.headlines.add(headline);
    seen.openings.add(opening);
  };
  for (const text of texts) {
    const lines = splitLines(text).map((line) => line.trim()).filter(Boolean);
    seeds++;
    if (lines.length < 3) continue;
    const [first, second, third] = lines as [string, string, string];
    for (const line of new Set(lines.slice(0, headZone))) {
      // A line above the headline: the story is named by the two lines under it.
      if (line === first) note(head, line, second, third);
      else note(head, line, first, line === second ? third : second);
    }
    for (const line of new Set(lines.slice(Math.max(2, lines.length - tailZone)))) note(tail, line, first, second);
  }
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
