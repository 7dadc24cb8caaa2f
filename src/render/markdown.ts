import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { defaultSchema } from 'hast-util-sanitize';
import { unified } from 'unified';
import { toString } from 'mdast-util-to-string';
import { sha256 } from '../util/hash.ts';

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

/** A body rendered with GitHub's extensions always on (its local pictures marked): what `renderMarkdown` gives, whichever processor it picks. */
export function gfmHtml(markdown: string): string {
  const tree = gfm.parse(markdown);
  takeLocalImages(tree, markdown);
  return String(gfm.stringify(gfm.runSync(tree) as Root));
}

/** A picture a body names from beside its file (`![alt](crowd.jpg "title")`), where the body's text has it. */
export interface BodyImage {
  src: string;
  alt: string;
  title: string | null;
  /** From the body's first line and column, which are 1. */
  line: number;
  column: number;
  /** A paragraph of pictures alone is shown as figures; a picture among words stays in its line. */
  place: 'block' | 'inline';
}

/** An address that names a file beside the article, not a page on the web (`crowd.jpg`, `photos/a.png`). */
export const isLocalAddress = (url: string) => url.trim() !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[/#?]/.test(url);

/**
 * What stands in a rendered body's HTML for each of its pictures (by number) until the picture is made:
 * words no body can hold by chance, for they hold the SHA-256 of the body itself.
 */
export function imageMarkers(markdown: string): (index: number) => string {
  const stamp = `na-image-${sha256(markdown).slice(0, 16)}-`;
  return (index) => `${stamp}${index}`;
}

type Parent = Extract<Nodes, { children: unknown }>;
type ImageNode = Extract<Nodes, { type: 'image' | 'imageReference' }>;

/**
 * The body's pictures from beside its file, in the order it shows them, each put out of the tree
 * and its marker put in: the paragraph itself for a paragraph of pictures alone, the picture's
 * own place for one among words. Pictures from the web (https) stay in the tree as they are.
 */
function takeLocalImages(tree: Root, markdown: string): BodyImage[] {
  // Every image, inline or by reference, is written `![`: a body without one needs no walk.
  if (!markdown.includes('![')) return [];
  const definitions = new Map<string, { url: string; title: string | null }>();
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'definition') definitions.set(node.identifier, { url: node.url, title: node.title ?? null });
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  const addressOf = (node: ImageNode) => (node.type === 'image' ? { url: node.url, title: node.title ?? null } : definitions.get(node.identifier));
  const isLocal = (node: Nodes): node is ImageNode => (node.type === 'image' || node.type === 'imageReference') && isLocalAddress(addressOf(node)?.url ?? '');
  const found: { node: ImageNode; place: BodyImage['place'] }[] = [];
  const replaced: { parent: Parent; node: Nodes; count: number }[] = [];
  // In document order: a walk that takes each node before its children, the first child first.
  const walk: { node: Nodes; parent: Parent | null }[] = [{ node: tree, parent: null }];
  while (walk.length > 0) {
    const { node, parent } = walk.pop()!;
    if (parent && node.type === 'paragraph' && node.children.some(isLocal) && node.children.every((child) => isLocal(child) || (child.type === 'text' && child.value.trim() === ''))) {
      const pictures = node.children.filter(isLocal);
      replaced.push({ parent, node, count: pictures.length });
      for (const picture of pictures) found.push({ node: picture, place: 'block' });
      continue;
    }
    if (parent && isLocal(node)) {
      replaced.push({ parent, node, count: 1 });
      found.push({ node, place: 'inline' });
      continue;
    }
    if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) walk.push({ node: node.children[index]!, parent: node as Parent });
  }
  let next = 0;
  const marker = imageMarkers(markdown);
  for (const { parent, node, count } of replaced) {
    const markers = Array.from({ length: count }, () => marker(next++));
    (parent.children as Nodes[])[(parent.children as Nodes[]).indexOf(node)] = { type: 'text', value: markers.join('\n') };
  }
  return found.map(({ node, place }) => {
    const address = addressOf(node)!;
    return { src: address.url, alt: node.alt ?? '', title: address.title, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, place };
  });
}

/** A rendered Markdown body: its safe HTML, and its blocks as the plain text a reader reads. */
export interface RenderedMarkdown {
  /** Each picture from beside the file stands in it as its marker (`imageMarkers`) until it is made. */
  html: string;
  images: BodyImage[];
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
  // The first paragraph with words in it: a paragraph of pictures alone is no excerpt.
  const pictureOrSpace = (node: Nodes) => node.type === 'image' || node.type === 'imageReference' || (node.type === 'text' && node.value.trim() === '');
  const first = tree.children.find((node) => node.type === 'paragraph' && !node.children.every(pictureOrSpace));
  const firstParagraph = first ? toString(first, { includeHtml: false }) : '';
  const images = takeLocalImages(tree, markdown);
  const html = String(processor.stringify(processor.runSync(tree) as Root));
  return { html, images, blocks, firstParagraph };
}
