import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// remark-html sanitises by default (GitHub's schema): raw HTML, scripts, event handlers and
// javascript: URLs never reach the page. It stays on.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkHtml).freeze();

/** Markdown written by an author, as safe HTML. */
export function markdownToHtml(markdown: string): string {
  return String(processor.processSync(markdown));
}
