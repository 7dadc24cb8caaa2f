// Known-item queries made from a corpus, each with the article it came from: for bench/search-eval.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A small seeded generator (mulberry32), so the queries are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface KnownItem {
  kind: 'one word' | 'pair';
  text: string;
  /** The article it came from, by its address. */
  url: string;
}

/** The queries, from the articles' texts: words as a reader would type them, four letters or more. */
export async function knownItems(corpus: string, articles: { path: string; url: string }[], perKind: number, seed: number): Promise<KnownItem[]> {
  const next = random(seed);
  const shuffle = <T>(list: T[]) => {
    for (let index = list.length - 1; index > 0; index--) {
      const other = Math.floor(next() * (index + 1));
      [list[index], list[other]] = [list[other]!, list[index]!];
    }
    return list;
  };
  const holders = new Map<string, Set<number>>();
  const shown = new Map<string, string>();
  const wordsOf: Set<string>[] = [];
  for (const [index, article] of articles.entries()) {
    const text = await readFile(path.join(path.dirname(corpus), article.path), 'latin1');
    const words = new Set<string>();
    for (const [word] of text.matchAll(/\b[A-Za-z]{4,}\b/g)) {
      const lower = word.toLowerCase();
      words.add(lower);
      if (!shown.has(lower)) shown.set(lower, word);
    }
    wordsOf.push(words);
    for (const word of words) {
      if (!holders.has(word)) holders.set(word, new Set());
      holders.get(word)!.add(index);
    }
  }
  const items: KnownItem[] = [];
  // One word that only one article holds (five letters or more: shorter ones are mostly typos).
  const unique = shuffle([...holders].filter(([word, set]) => set.size === 1 && word.length >= 5));
  const used = new Set<number>();
  for (const [word, set] of unique) {
    const [index] = set;
    if (used.has(index!)) continue;
    used.add(index!);
    items.push({ kind: 'one word', text: shown.get(word)!, url: articles[index!]!.url });
    if (items.length >= perKind) break;
  }
  // Two words, each in 20 to 300 articles, that at most three articles share.
  const common = (word: string) => {
    const size = holders.get(word)!.size;
    return size >= 20 && size <= 300;
  };
  for (const index of shuffle([...articles.keys()])) {
    const words = shuffle([...wordsOf[index]!].filter(common).sort());
    let found: [string, string] | null = null;
    for (let a = 0; a < words.length && !found; a++) {
      for (let b = a + 1; b < words.length && !found; b++) {
        const first = holders.get(words[a]!)!;
        let shared = 0;
        for (const other of holders.get(words[b]!)!) if (first.has(other)) shared++;
        if (shared <= 3) found = [words[a]!, words[b]!];
      }
    }
    if (!found) continue;
    items.push({ kind: 'pair', text: found.map((word) => shown.get(word)!).join(' '), url: articles[index]!.url });
    if (items.filter((item) => item.kind === 'pair').length >= perKind) break;
  }
  return items;
}

