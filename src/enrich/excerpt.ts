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
 * The first paragraph of a Markdown body as plain text. The opening few kilobytes are parsed
 * first, which is where the first paragraph nearly always is; the whole body only if not.
 */
function firstMarkdownParagraph(markdown: string): string {
  const opening = markdown.length > 8192 ? markdown.slice(0, markdown.indexOf('\n\n', 8192) + 1 || undefined) : markdown;
  for (const source of opening === markdown ? [markdown] : [opening, markdown]) {
    const paragraph = markdownParser.parse(source).children.find((node) => node.type === 'paragraph');
    // Raw HTML is dropped from the page by the sanitiser, so it has no place in the excerpt either.
    if (paragraph) return toString(paragraph, { includeHtml: false });
  }
  return '';
}

/**
 * The summary the author wrote, else the opening of the first paragraph, as plain text. A Markdown
 * body's first paragraph may come already parsed, from rendering.
 */
export function excerptOf(draft: ArticleDraft, firstParagraph?: string): string {
  if (draft.summary) return truncate(draft.summary);
  const body = draft.body;
  const first = body.format === 'paragraphs' ? (body.paragraphs[0]?.text ?? '') : (firstParagraph ?? firstMarkdownParagraph(body.markdown));
  return truncate(first);
}
