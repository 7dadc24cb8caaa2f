import type { EntityRef } from '../model/article.ts';

export interface Relatable {
  tags: readonly string[];
  entities: readonly EntityRef[];
  section: string | null;
}

const fold = (text: string) => text.toLowerCase();

/**
 * For each article, up to `limit` others that share the most with it: entities and tags, each
 * weighted by how rare it is in the archive (a name in two articles says more than one in two
 * hundred), with the section as a tie-breaker. Features shared by more than fifty articles (or a
 * tenth of a small archive) are left out, which keeps this linear. Ties go to archive order.
 */
export function relatedArticles(articles: readonly Relatable[], limit = 5): number[][] {
  const featuresOf = (article: Relatable) => [
    ...new Set([...article.entities.map((entity) => `e:${entity.key}`), ...article.tags.map((tag) => `t:${fold(tag)}`)]),
  ];
  const features = articles.map(featuresOf);
  const holders = new Map<string, number[]>();
  features.forEach((list, index) => {
    for (const feature of list) {
      const holding = holders.get(feature);
      if (holding) holding.push(index);
      else holders.set(feature, [index]);
    }
  });
  // A feature many articles share says little about any two of them, and comparing every holder
  // with every other would grow with the square of the archive: past this many, it is left out.
  const common = Math.min(50, Math.max(10, articles.length / 10));
  return articles.map((article, index) => {
    const scores = new Map<number, number>();
    for (const feature of features[index]!) {
      const list = holders.get(feature)!;
      if (list.length < 2 || list.length > common) continue;
      const weight = 1 / Math.log2(1 + list.length);
      for (const other of list) if (other !== index) scores.set(other, (scores.get(other) ?? 0) + weight);
    }
    for (const [other, score] of scores) {
      if (article.section && articles[other]!.section && fold(article.section) === fold(articles[other]!.section!)) scores.set(other, score + 0.1);
    }
    return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([other]) => other);
  });
}
