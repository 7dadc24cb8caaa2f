import type { Stem } from './stemmers.ts';
import { eachWord } from './words.ts';

/** What the index keeps of one article's words: each key (stem) with its forms and their counts, and its length. */
export interface ArticleTerms {
  /** Its words, headline words counted three times: BM25's document length. */
  length: number;
  /** In the text's order; each key's forms sorted, '' standing for the key itself. */
  terms: [key: string, forms: [form: string, count: number][]][];
}

const known = new WeakMap<Stem, Map<string, string>>();
/** The stems `stem` gave, by form: an archive's words are mostly the same few thousand, and stemming is most of the cost of taking them. */
function stemsKnown(stem: Stem): Map<string, string> {
  let stems = known.get(stem);
  if (!stems) known.set(stem, (stems = new Map()));
  return stems;
}

/** Where the store keeps an article's terms: by its digest (its record) and the language it is stemmed in. */
export const termsStep = 'search-terms';
export const termsInput = (digest: string, lang: string) => `${digest}\u0000${lang}`;

/** A headline word says more of what an article is about than a word of its body. */
export const headlineWeight = 3;

/** The keys, forms and counts of an article's headline and paragraphs, stemmed in `lang`. */
export function termsOf(headline: string, paragraphs: readonly string[], lang: string, stem: Stem): ArticleTerms {
  const stems = stemsKnown(stem);
  // Counted by form first (one lookup a word), then each form given its key.
  const counts = new Map<string, number>();
  let length = 0;
  let weight = headlineWeight;
  const add = (form: string) => {
    counts.set(form, (counts.get(form) ?? 0) + weight);
    length += weight;
  };
  const count = (text: string, textWeight: number) => {
    weight = textWeight;
    eachWord(text, lang, add);
  };
  count(headline, headlineWeight);
  for (const paragraph of paragraphs) count(paragraph, 1);
  // Keys in the order the text gives them (the index sorts keys itself); a key's forms sorted, for
  // they are written into its postings as they stand, '' standing for the key itself.
  const byKey = new Map<string, [string, number][]>();
  for (const [form, formCount] of counts) {
    let key = stems.get(form);
    if (key === undefined) stems.set(form, (key = stem(form)));
    let forms = byKey.get(key);
    if (!forms) byKey.set(key, (forms = []));
    forms.push([form === key ? '' : form, formCount]);
  }
  const byFirst = (x: [string, unknown], y: [string, unknown]) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  const terms: ArticleTerms['terms'] = [];
  for (const [key, forms] of byKey) terms.push([key, forms.length === 1 ? forms : forms.sort(byFirst)]);
  return { length, terms };
}
