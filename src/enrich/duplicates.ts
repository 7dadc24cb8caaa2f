import { sha256 } from '../util/hash.ts';

/** Two texts are the same text when they differ only in line endings. */
export const textKey = (text: string) => sha256(text.replace(/\r\n?/g, '\n'));

/**
 * Exact copies: each key mapped to the key of the first file (in the order given) with the same
 * text. Files that are the first of their text are not in the map.
 */
export function exactCopies(items: readonly { key: string; group: string; textKey: string }[]): Map<string, string> {
  const first = new Map<string, string>();
  const copies = new Map<string, string>();
  for (const { key, group, textKey } of items) {
    const id = `${group}\u0000${textKey}`;
    const original = first.get(id);
    if (original === undefined) first.set(id, key);
    else copies.set(key, original);
  }
  return copies;
}

const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Articles are compared for near duplicates only when their headlines have the same words. */
export const headlineKey = (headline: string) => wordsOf(headline).join(' ');

/** Pairs of neighbouring words: order-aware, so a shuffled text is not "the same". */
function bigrams(text: string): Set<string> {
  const words = wordsOf(text);
  const pairs = new Set<string>();
  for (let index = 1; index < words.length; index++) pairs.add(`${words[index - 1]} ${words[index]}`);
  if (words.length === 1) pairs.add(words[0]!);
  return pairs;
}

/** Dice's coefficient of two texts' word pairs: 1 for the same words in the same order. */
function dice(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size + right.size === 0) return 1;
  let shared = 0;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  for (const pair of small) if (large.has(pair)) shared++;
  return (2 * shared) / (left.size + right.size);
}

export const nearDuplicateThreshold = 0.9;

/**
 * Near-duplicates: articles with the same headline (ignoring case and spacing) whose bodies are
 * at least 90% alike. Only articles that share a headline are compared, so this stays linear in
 * the size of the archive. Returns, for each key, the others it nearly duplicates.
 */
export function nearDuplicates(
  items: readonly { key: string; headline: string; body: string }[],
  threshold = nearDuplicateThreshold,
): Map<string, { key: string; similarity: number }[]> {
  const byHeadline = new Map<string, (typeof items)[number][]>();
  for (const item of items) {
    const headline = headlineKey(item.headline);
    const group = byHeadline.get(headline);
    if (group) group.push(item);
    else byHeadline.set(headline, [item]);
  }
  const found = new Map<string, { key: string; similarity: number }[]>();
  const add = (key: string, other: string, alike: number) => {
    const list = found.get(key);
    if (list) list.push({ key: other, similarity: alike });
    else found.set(key, [{ key: other, similarity: alike }]);
  };
  for (const group of byHeadline.values()) {
    // Each body's word pairs made once, however many bodies it is compared with.
    const pairs: (Set<string> | undefined)[] = [];
    const pairsOf = (index: number) => (pairs[index] ??= bigrams(group[index]!.body));
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!.body, group[j]!.body];
        const alike = a === b ? 1 : Math.floor(dice(pairsOf(i), pairsOf(j)) * 1000) / 1000;
        if (alike < threshold) continue;
        add(group[i]!.key, group[j]!.key, alike);
        add(group[j]!.key, group[i]!.key, alike);
      }
    }
  }
  return found;
}
