import type { Stem } from './stemmers.ts';
import { wordsOf } from './words.ts';

/** What the index keeps of one article's words: each key (stem) with its forms and their counts, and its length. */
export interface ArticleTerms {
  /** Its words, headline words counted three times: BM25's document length. */
  length: number;
  /** Sorted by key; each key's forms sorted, '' standing for the key itself. */
  terms: [key: string, forms: [form: string, count: number][]][];
}

/** A headline word says more of what an article is about than a word of its body. */
export const headlineWeight = 3;

/** The keys, forms and counts of an article's headline and paragraphs, stemmed in `lang`. */
export function termsOf(headline: string, paragraphs: readonly string[], lang: string, stem: Stem): ArticleTerms {
  const counts = new Map<string, Map<string, number>>();
  let length = 0;
  const count = (text: string, weight: number) => {
    for (const { form } of wordsOf(text, lang)) {
      const key = stem(form);
      let forms = counts.get(key);
      if (!forms) counts.set(key, (forms = new Map()));
      const shown = form === key ? '' : form;
      forms.set(shown, (forms.get(shown) ?? 0) + weight);
      length += weight;
    }
  };
  count(headline, headlineWeight);
  for (const paragraph of paragraphs) count(paragraph, 1);
  const sorted = (entries: Iterable<[string, number]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const terms = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, forms]): [string, [string, number][]] => [key, sorted(forms)]);
  return { length, terms };
}
