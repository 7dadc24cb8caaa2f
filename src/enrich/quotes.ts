export interface Quotation {
  /** The quoted words, verbatim, without the quote marks. */
  text: string;
  /** Who the same sentence says spoke, as written ("Putin", "the statement"); null when unnamed. */
  speaker: string | null;
  /** 1-based. */
  paragraph: number;
}

const minWords = 3;
// Single quotes are mostly scare quotes ('trigger'); only longer ones are speech.
const minSingleQuotedWords = 4;
// Attribution lives near the quote; bounding how far we look keeps every regex run linear.
const window = 300;

const verbs = 'said|says|say|told|tells|added|adds|warned|warns|noted|notes|stressed|stresses|explained|explains|argued|argues|insisted|insists|claimed|claims|asked|asks|stated|states|replied|replies|wrote|writes|declared|declares|announced|commented|continued|admitted|admits|acknowledged|suggested|suggests|urged|urges|conceded|recalled|observed|remarked|added';
const name = String.raw`\p{Lu}[\p{L}\p{M}'’.-]*(?: (?:\p{Lu}[\p{L}\p{M}'’.-]*|de|van|von|bin|al|of))*`;
const described = String.raw`(?:[Tt]he|[Aa]n?) [\p{Ll}-]+(?: [\p{Ll}-]+)?`;
const pronoun = String.raw`(?:he|she|they|it|we|I|He|She|They|It|We)`;
const speaker = `((?:[Tt]he )?${name}|${described}|${pronoun})`;
// "Mr Donofrio recently told..."
const adverb = String.raw`(?: \p{Ll}+ly)?`;

/** `“...,” Putin warned.` / `“...” said John Reade, an analyst.` / `“...,” according to the BBC.` */
const afterQuote = [
  new RegExp(String.raw`^[,.!?]?\s*${speaker}${adverb} (?:${verbs})\b`, 'u'),
  // "“...” chairman and chief executive Richard Parsons said."
  new RegExp(String.raw`^[,.!?]?\s*(?:[\p{Ll}-]+ ){1,4}(${name})${adverb} (?:${verbs})\b`, 'u'),
  new RegExp(String.raw`^[,.!?]?\s*(?:${verbs}) ${speaker}`, 'u'),
  new RegExp(String.raw`^[,.!?]?\s*according to ${speaker}`, 'u'),
];
/** `Putin said: “...”` / `Putin said that “...”` */
const beforeQuote = new RegExp(String.raw`(?:^|[,;]\s*|\s)${speaker} (?:${verbs})(?: that)?[:,]?\s*$`, 'u');
/** `Putin said that while Russia “has no problems”...` */
const reportedSpeech = new RegExp(String.raw`(?:^|,\s*)${speaker} (?:${verbs}) that\b[^“”"]*$`, 'u');
/** `“does not pose a threat” to Russia but could..., President Vladimir Putin said.` */
const sentenceEnd = [
  new RegExp(String.raw`,\s*${speaker} (?:${verbs})\s*[.!?]?\s*$`, 'u'),
  new RegExp(String.raw`,\s*(?:${verbs}) ${speaker}\s*[.!?]?\s*$`, 'u'),
];

const pronouns = new RegExp(`^${pronoun}$`, 'u');

interface Span {
  open: number;
  close: number;
  single: boolean;
}

/** Quote pairs in one pass: curly pairs, straight pairs in order, single quotes outside double ones. */
function quoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  let curly = -1;
  let straight = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '“') curly = i;
    else if (char === '”' && curly >= 0) {
      spans.push({ open: curly, close: i, single: false });
      curly = -1;
    } else if (char === '"') {
      if (straight < 0) straight = i;
      else {
        spans.push({ open: straight, close: i, single: false });
        straight = -1;
      }
    }
  }
  // Double spans never overlap and come in order of their closing, so one pointer walks them.
  const doubles = [...spans];
  let next = 0;
  const insideDouble = (index: number) => {
    while (next < doubles.length && doubles[next]!.close < index) next++;
    const span = doubles[next];
    return span !== undefined && span.open < index;
  };
  let single = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const before = text[i - 1] ?? ' ';
    const after = text[i + 1] ?? ' ';
    // An apostrophe sits between letters or after one ("Russia’s", "Jones’"); a quote mark does not.
    if ((char === '‘' || char === "'") && !/[\p{L}\p{N}]/u.test(before) && /\S/u.test(after)) single = i;
    else if ((char === '’' || char === "'") && single >= 0 && !/[\p{L}\p{N}]/u.test(after) && text[single] !== (char === '’' ? "'" : '‘')) {
      if (!insideDouble(single)) spans.push({ open: single, close: i, single: true });
      single = -1;
    }
  }
  return spans.sort((a, b) => a.open - b.open);
}

const wordCount = (text: string) => text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/** Where the sentence holding [open, close] starts and ends, looking at most `window` characters away. */
function sentenceAround(text: string, open: number, close: number): { start: number; end: number } {
  let start = Math.max(0, open - window);
  const head = text.slice(start, open);
  const stop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '));
  if (stop >= 0) start += stop + 2;
  const tail = text.slice(close + 1, close + 1 + window);
  const found = tail.search(/[.!?](?:\s|$)/u);
  const end = found >= 0 ? close + 2 + found : Math.min(text.length, close + 1 + window);
  return { start, end };
}

function resolve(found: string | undefined): string | null {
  if (found === undefined || pronouns.test(found)) return null;
  // The name pattern allows initials ("George W. Bush"), so a sentence's full stop can cling on.
  return found.replace(/[.’']+$/u, '');
}

/** Who the sentence around a quotation says spoke it; null when no one is named. */
function speakerOf(text: string, span: Span): string | null {
  const { start, end } = sentenceAround(text, span.open, span.close);
  const after = text.slice(span.close + 1, end);
  const before = text.slice(start, span.open);
  for (const pattern of afterQuote) {
    const match = pattern.exec(after);
    if (match) return resolve(match[1]);
  }
  const lead = beforeQuote.exec(before) ?? reportedSpeech.exec(before);
  if (lead) return resolve(lead[1]);
  // An attribution closing the sentence covers every quotation in it.
  for (const pattern of sentenceEnd) {
    const match = pattern.exec(after);
    if (match) return resolve(match[1]);
  }
  return null;
}

/**
 * Quotations of at least three words in article paragraphs, in reading order, each with the
 * speaker its own sentence names. Pronouns are not resolved: "he said" gives a null speaker.
 */
export function findQuotations(paragraphs: readonly string[]): Quotation[] {
  const quotations: Quotation[] = [];
  for (const [index, paragraph] of paragraphs.entries()) {
    for (const span of quoteSpans(paragraph)) {
      const text = paragraph.slice(span.open + 1, span.close);
      if (wordCount(text) < (span.single ? minSingleQuotedWords : minWords)) continue;
      quotations.push({ text, speaker: speakerOf(paragraph, span), paragraph: index + 1 });
    }
  }
  return quotations;
}
