import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ArticleDraft } from '../model/draft.ts';

const maxLength = 220;

/** Cut plain text at a word boundary, marking the cut with an ellipsis. */
export function truncate(text: string, limit = maxLength): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

const markdownParser = unified().use(remarkParse);

/**
 * The first paragraph of a Markdown body as plain text. Blocks are parsed one at a time until a
 * paragraph turns up, usually the first, so a long article is not parsed whole for its excerpt.
 */
function firstMarkdownParagraph(markdown: string): string {
  let source = '';
  for (const block of markdown.split(/\n[ \t]*\n/)) {
    source += `${block}\n\n`;
    const paragraph = markdownParser.parse(source).children.find((node) => node.type === 'paragraph');
    // Raw HTML is dropped from the page by the sanitiser, so it has no place in the excerpt either.
    if (paragraph) return toString(paragraph, { includeHtml: false });
  }
  return '';
}

/** The summary the author wrote, else the opening of the first paragraph, as plain text. */
export function excerptOf(draft: ArticleDraft): string {
  if (draft.summary) return truncate(draft.summary);
  const body = draft.body;
  const first = body.format === 'paragraphs' ? (body.paragraphs[0]?.text ?? '') : firstMarkdownParagraph(body.markdown);
  return truncate(first);
}
