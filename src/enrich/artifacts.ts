/** A likely machine-translation or scraping artifact, found and cited, never repaired. */
export interface Artifact {
  /** 1-based paragraph number. */
  paragraph: number;
  kind: 'repeated-word' | 'lowercase-sentence';
  /** A short verbatim slice of the paragraph around the finding, e.g. `said. said.`. */
  excerpt: string;
}

// Words whose full stop marks an abbreviation, not the end of a sentence, so a lower-case word
// may follow them ("Smith et al. found", "vs. the champions", "5 in. long").
const abbreviations = new Set([
  'al', 'approx', 'apr', 'aug', 'av', 'ave', 'bros', 'c', 'ca', 'cf', 'ch', 'co', 'corp', 'dec', 'dept', 'dr',
  'eg', 'est', 'etc', 'feb', 'fig', 'ft', 'gen', 'gov', 'govt', 'ie', 'in', 'inc', 'incl', 'jan', 'jr', 'jul',
  'jun', 'lb', 'lbs', 'llc', 'lp', 'lt', 'ltd', 'mar', 'max', 'min', 'mr', 'mrs', 'ms', 'mt', 'no', 'nos', 'nov', 'oct', 'op',
  'oz', 'p', 'plc', 'pp', 'prof', 'pt', 'rd', 'rep', 'rev', 'sen', 'sep', 'sept', 'sgt', 'sr', 'st', 'vol', 'vs', 'v',
]);

// A sentence-final word: letters (apostrophes allowed inside, "didn't."), then one full stop, then
// whitespace. Requiring a letter right before the dot rules out decimals ($1.13bn), ellipses
// ("..." has a dot before the dot) and the dots inside U.S., a.m., bbc.co.uk (a dot before the
// word). The lookbehind keeps the word whole; every part is a single character class, so the
// scan is linear.
const sentenceEnd = /(?<![\p{L}\p{N}.@/'’_-])([\p{L}][\p{L}'’]*)\.[ \t]+/gu;

// The token that opens the next sentence, up to whitespace; bounded so a pathological paragraph
// with no spaces cannot make one match long.
const nextToken = /\S{1,200}/y;

/** Letters of a word for comparison: "Said" and "said." are the same word. */
const bare = (token: string): string => token.replace(/[^\p{L}'’]/gu, '').toLowerCase();

/**
 * A lower-case sentence opening that is normal text: a brand written with an inner capital
 * (eBay, iPod), an e-word (e-commerce, e-mail), or an address (bbc.co.uk, www.x.com, a@b.org).
 */
function isLegitimateLowercase(token: string): boolean {
  return /^\p{Ll}+\p{Lu}/u.test(token) || /^e-/u.test(token) || /[.@/]\p{L}/u.test(token) || /^www\b/u.test(token);
}

export function findArtifacts(paragraphs: readonly { text: string }[]): Artifact[] {
  const found: Artifact[] = [];
  paragraphs.forEach(({ text }, index) => {
    const end = text.trimEnd().length;
    for (const match of text.matchAll(sentenceEnd)) {
      const word = match[1] ?? '';
      // A single letter is an initial ("J. smith"), and listed words are abbreviations.
      if (word.length === 1 || abbreviations.has(word.toLowerCase())) continue;
      nextToken.lastIndex = match.index + match[0].length;
      const token = nextToken.exec(text)?.[0];
      if (!token) continue;
      // The next word, with its own full stop when it has one: `said.` in `said. said.`.
      const next = /^[\p{L}'’]+\.?/u.exec(token)?.[0];
      if (!next) continue;
      const excerpt = text.slice(match.index, match.index + match[0].length + next.length);
      // "shares. Shares in the retailer" is ordinary prose, so a capitalised repeat counts only
      // when it stands alone as a sentence or ends the paragraph ("said. Said.").
      const repeated = bare(next) === word.toLowerCase() && /^\p{Ll}/u.test(word);
      const after = match.index + match[0].length + next.length;
      const standsAlone = next.endsWith('.') || (end - after < 4 && !/[\p{L}\p{N}]/u.test(text.slice(after, end)));
      if (repeated && (/^\p{Ll}/u.test(next) || standsAlone)) {
        found.push({ paragraph: index + 1, kind: 'repeated-word', excerpt });
      } else if (/^\p{Ll}/u.test(next) && !isLegitimateLowercase(token)) {
        found.push({ paragraph: index + 1, kind: 'lowercase-sentence', excerpt });
      }
    }
  });
  return found;
}
