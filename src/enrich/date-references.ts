/** A date the text names that only the publication date can resolve ("on Monday", "24 February"). */
export interface DateReference {
  /** Verbatim, as first written. */
  text: string;
  /** 1-based paragraph where it first occurs. */
  paragraph: number;
}

const maxReferences = 30;

const weekday = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const month =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
// A day of the month: one or two digits, never part of a longer number ("May 2005" is a year).
const day = '\\d{1,2}(?!\\d)(?:st|nd|rd|th)?';
// A year right after the day and month makes the date whole, so it is not reported.
const noYear = '(?!\\.?,?\\s*\\d)';
const period = '(?:week|weekend|month|year|season|spring|summer|autumn|winter)';
// "the next morning" follows the story's own clock; "this morning" and "last night" the reader's.
const dayPart = '(?:morning|afternoon|evening|night)';
// Thousands separators included, so "1,000 years ago" is not read as "000 years ago".
const count = '(?:(?<![\\d,.])\\d{1,3}(?:,\\d{3}){0,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)';

// One pattern, so matches come out in text order and never overlap. Every part is a fixed word
// or a bounded class, so a long paragraph is scanned in linear time. May and March count as
// months only beside a day number, which keeps "he may go" and "a march" out.
const reference = new RegExp(
  [
    // Not "Sundays" or "a Saturday-night stay": those name no particular day.
    `\\b(?:(?:[Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Ss]ince|[Uu]ntil|[Bb]y)\\s+)?${weekday}(?:['’]s)?\\b(?![-‐])`,
    `\\b${day}(?:\\s+of)?\\s+${month}\\b${noYear}`,
    `\\b${month}\\.?\\s+${day}\\b${noYear}`,
    `\\b(?:[Ll]ast|[Nn]ext|[Tt]his)\\s+(?:${period}|${month})\\b(?!\\s*\\d)`,
    `\\b(?:[Ll]ast|[Tt]his)\\s+${dayPart}\\b`,
    `\\b${count}\\s+(?:days?|weeks?|months?|years?)\\s+ago\\b`,
    `\\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\\b`,
  ].join('|'),
  'gu',
);

// Newspapers, programmes and clubs whose names contain a weekday, and "a Sunday", "every
// Monday", "the Saturday before the final", which name no day the reader could date.
const namedAfter = /^\s+(?:Times|Telegraph|Mirror|Independent|Express|Business|Herald|Post|People|Tribune|Sport|Live|Night|[Pp]rogramme|with)\b/u;
const namedBefore = /(?:\b(?:Mail|Independent|Scotland)\s+on|\b(?:Sheffield|Bloody|an?|every|each|the|The))\s+$/u;
const weekdayAtEnd = new RegExp(`${weekday}(?:['’]s)?$`, 'u');

// "Today", "Tomorrow" and "Tonight" capitalised mid-sentence are titles: the Today programme,
// USA Today, The Day Today. At the start of a sentence or quotation they are the word itself.
const capitalisedTitle = /^(?:Today|Tomorrow|Tonight)/u;
const sentenceStart = /(?:^|[.!?:]\s+|["“‘'(]\s*)$/u;

function isName(text: string, match: RegExpMatchArray): boolean {
  const start = match.index ?? 0;
  const found = match[0];
  const after = text.slice(start + found.length, start + found.length + 20);
  const named = weekdayAtEnd.exec(found);
  if (named) {
    // Read what precedes the weekday itself, so "Mail on Sunday" is caught as well as "Sunday".
    const at = start + named.index;
    if (namedAfter.test(after) || namedBefore.test(text.slice(Math.max(0, at - 20), at))) return true;
  }
  const before = text.slice(Math.max(0, start - 20), start);
  if (capitalisedTitle.test(found)) return /^\s+programme/u.test(after) || !sentenceStart.test(before);
  return false;
}

export function findDateReferences(paragraphs: readonly { text: string }[]): DateReference[] {
  const found: DateReference[] = [];
  const seen = new Set<string>();
  for (const [index, { text }] of paragraphs.entries()) {
    for (const match of text.matchAll(reference)) {
      const key = match[0].toLowerCase();
      if (seen.has(key) || isName(text, match)) continue;
      seen.add(key);
      found.push({ text: match[0], paragraph: index + 1 });
      if (found.length === maxReferences) return found;
    }
  }
  return found;
}
