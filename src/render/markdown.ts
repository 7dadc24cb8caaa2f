import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { defaultSchema } from 'hast-util-sanitize';
import { unified } from 'unified';
import { toString } from 'mdast-util-to-string';

/**
 * The page's headline is its only h1: when the body uses `#` headings, every heading moves down
 * one level, so the outline keeps its shape without skipping a level.
 */
function demoteHeadings() {
  // A walk with a stack, not recursion: a deeply nested quote must not overflow the call stack.
  const headings = (tree: Root): Extract<Nodes, { type: 'heading' }>[] => {
    const found: Extract<Nodes, { type: 'heading' }>[] = [];
    const stack: Nodes[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'heading') found.push(node);
      if ('children' in node) for (const child of node.children) stack.push(child);
    }
    return found;
  };
  return (tree: Root) => {
    const all = headings(tree);
    if (!all.some((heading) => heading.depth === 1)) return;
    for (const heading of all) heading.depth = Math.min(6, heading.depth + 1) as typeof heading.depth;
  };
}

// remark-html sanitises (GitHub's schema, which stays on): raw HTML, scripts, event handlers and
// javascript: or data: URLs never reach the page. Images must come over https, as the CSP allows.
const schema = { ...defaultSchema, protocols: { ...defaultSchema.protocols, src: ['https'] } };
const commonmark = unified().use(remarkParse).use(demoteHeadings).use(remarkHtml, { sanitize: schema }).freeze();
const gfm = unified().use(remarkParse).use(remarkGfm).use(demoteHeadings).use(remarkHtml, { sanitize: schema }).freeze();

/**
 * Marks only GitHub's extensions read, wherever they stand in the source: a table's pipe (or, for
 * a table of one column, the colon of its delimiter row, `:--` or `--:`), a strikethrough's
 * tilde, a footnote's caret, a task-list box. Written as a character reference (`&#124;`) none
 * of them is structure, in GFM or in CommonMark.
 */
const gfmMarks = /[|~^]|:-|-:|\[[\sxX]\]/;
/** What starts a bare address, which GitHub links where it stands in the text itself (its character references and escapes decoded), not in a link's address or code. */
const bareAddress = /@|www\.|:\/\//i;

/** Whether a bare address could start in the text a CommonMark tree holds (an image's alternative text counts). */
function textHoldsAddress(tree: Root): boolean {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' && bareAddress.test(node.value)) return true;
    if ((node.type === 'image' || node.type === 'imageReference') && bareAddress.test(node.alt ?? '')) return true;
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return false;
}

/**
 * A body's tree, read as GitHub Flavored Markdown, by the quickest road to the same tree: GFM's
 * search for bare addresses at every letter is most of its cost, so a body without its marks is
 * read as CommonMark, about 3 times faster, and read again as GFM only when that tree's text holds
 * the start of a bare address (a link's own address does not count: `[a](https://…)` stays
 * CommonMark; `www&#46;x.org` in the text does, as GFM links it).
 */
function parseBody(markdown: string): { processor: typeof gfm; tree: Root; flavour: 'gfm' | 'commonmark' } {
  if (!gfmMarks.test(markdown)) {
    const tree = commonmark.parse(markdown);
    if (!textHoldsAddress(tree)) return { processor: commonmark, tree, flavour: 'commonmark' };
  }
  return { processor: gfm, tree: gfm.parse(markdown), flavour: 'gfm' };
}

/** Which reading a body gets: GFM, or CommonMark alone where that gives the same page. */
export const flavourOf = (markdown: string) => parseBody(markdown).flavour;

/** Largest block (the text between blank lines) that is rendered, in characters. */
export const maxBlockLength = 50_000;
/** Most emphasis and link delimiters in one block: unmatched ones take quadratic time to resolve. */
export const maxDelimiters = 5_000;
/**
 * Most quotes and list items one line may open. Deeper, rendering would run out of stack; the
 * limit keeps far below that, so a body renders the same on any thread, in any state of the engine.
 */
export const maxNesting = 1_000;

/** How many quotes and list items a line opens at its start (indentation counts as list nesting). */
function nestingOf(line: string): number {
  const lead = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*/.exec(line)![0];
  const markers = lead.match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0;
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
  return markers + (markers > 0 ? Math.floor(indent / 2) : 0);
}

/**
 * Why a Markdown body is refused before it is rendered, or null: a line nested so deep, or a single
 * block so long or so full of unmatched emphasis and link marks, that rendering it would fail or
 * take minutes. No article written by a person comes near any of the limits.
 */
export function markdownRefusal(markdown: string): string | null {
  for (const line of markdown.split('\n')) {
    const depth = nestingOf(line);
    if (depth > maxNesting) return `A line nested ${depth.toLocaleString('en')} quotes or list items deep, over the ${maxNesting.toLocaleString('en')} a line may open`;
  }
  for (const block of markdown.split(/\n[ \t]*\n/)) {
    if (block.length > maxBlockLength) return `A single block of ${block.length.toLocaleString('en')} characters, over the ${maxBlockLength.toLocaleString('en')} a block may hold: add blank lines between paragraphs`;
    const delimiters = block.match(/[*_[\]<`]/g)?.length ?? 0;
    if (delimiters > maxDelimiters) return `A single block with ${delimiters.toLocaleString('en')} emphasis, link and code marks, over the ${maxDelimiters.toLocaleString('en')} one block may hold`;
  }
  return null;
}

/** Markdown written by an author, as safe HTML. */
export function markdownToHtml(markdown: string): string {
  return renderMarkdown(markdown).html;
}

/** A body rendered with GitHub's extensions always on: what `renderMarkdown` gives, whichever processor it picks. */
export const gfmHtml = (markdown: string): string => String(gfm.processSync(markdown));

/** A rendered Markdown body: its safe HTML, and its blocks as the plain text a reader reads. */
export interface RenderedMarkdown {
  html: string;
  /** Paragraphs, headings, quotes and lists as plain text, raw HTML left out as the page leaves it out. */
  blocks: string[];
  /** The first paragraph as plain text, for the excerpt; empty when there is none. */
  firstParagraph: string;
}

/**
 * Parse once, and take both the page's HTML and the text the rest of the pipeline reads (names,
 * quotations, reading time, excerpt) from the same tree: parsing is most of the cost of Markdown.
 */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const { processor, tree } = parseBody(markdown);
  const textual = new Set(['paragraph', 'heading', 'blockquote', 'list']);
  const blocks = tree.children.filter((node) => textual.has(node.type)).map((node) => toString(node, { includeHtml: false })).filter((text) => text.trim() !== '');
  const first = tree.children.find((node) => node.type === 'paragraph');
  const firstParagraph = first ? toString(first, { includeHtml: false }) : '';
  const html = String(processor.stringify(processor.runSync(tree) as Root));
  return { html, blocks, firstParagraph };
}
