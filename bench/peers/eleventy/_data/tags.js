import articles from './articles.js';

/** One entry per tag with its articles, for one page per tag. */
export default function () {
  const byTag = new Map();
  for (const article of articles()) for (const tag of article.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), article]);
  return [...byTag].map(([name, list]) => ({ name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), articles: list }));
}
