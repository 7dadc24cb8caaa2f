import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ArticleDraft } from '../model/draft.ts';

const markdownParser = unified().use(remarkParse);

/** Markdown paragraphs as plain text; raw HTML is dropped, as the sanitiser drops it from pages. */
export function markdownParagraphs(markdown: string): string[] {
  return markdownParser
    .parse(markdown)
    .children.filter((node) => node.type === 'paragraph' || node.type === 'heading' || node.type === 'blockquote' || node.type === 'list')
    .map((node) => toString(node, { includeHtml: false }))
    .filter((text) => text.trim() !== '');
}

/** The body as the reader reads it, paragraph by paragraph, in plain text. */
export function plainParagraphs(body: ArticleDraft['body']): string[] {
  return body.format === 'paragraphs' ? body.paragraphs.map((paragraph) => paragraph.text) : markdownParagraphs(body.markdown);
}

/** Words in the body, as a reader counts them. */
export const wordCount = (paragraphs: readonly string[]) => paragraphs.reduce((sum, text) => sum + (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0), 0);
