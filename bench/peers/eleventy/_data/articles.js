// Every Markdown article under ARTICLES_DIR, parsed with gray-matter and rendered with the
// markdown-it that Eleventy itself uses, newest first.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import markdownIt from 'markdown-it';

const md = markdownIt({ html: false });

export default function () {
  const root = process.env.ARTICLES_DIR;
  const files = readdirSync(root, { recursive: true }).filter((name) => name.endsWith('.md')).sort();
  const articles = files.map((name, index) => {
    const { data, content } = matter(readFileSync(path.join(root, name), 'utf8'));
    return { slug: `${String(index).padStart(6, '0')}`, title: data.title, date: String(data.date), section: data.section, tags: data.tags ?? [], summary: data.summary ?? '', html: md.render(content) };
  });
  return articles.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
