import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * The page's headline is its only h1: when the body uses `#` headings, every heading moves down
 * one level, so the outline keeps its shape without skipping a level.
 */
function demoteHeadings() {
  const headings = (node: Nodes): Extract<Nodes, { type: 'heading' }>[] => [
    ...(node.type === 'heading' ? [node] : []),
    ...('children' in node ? node.children.flatMap((child) => headings(child)) : []),
  ];
  return (tree: Root) => {
    const all = headings(tree);
    if (!all.some((heading) => heading.depth === 1)) return;
    for (const heading of all) heading.depth = Math.min(6, heading.depth + 1) as typeof heading.depth;
  };
}

// remark-html sanitises by default (GitHub's schema): raw HTML, scripts, event handlers and
// javascript: URLs never reach the page. It stays on.
const processor = unified().use(remarkParse).use(remarkGfm).use(demoteHeadings).use(remarkHtml).freeze();

/** Markdown written by an author, as safe HTML. */
export function markdownToHtml(markdown: string): string {
  return String(processor.processSync(markdown));
}
