import { Readability } from '@mozilla/readability';
import { decodeHTML } from 'entities';
import { parseHTML } from 'linkedom';
import { VFile } from 'vfile';
import { ArchiveDate, LanguageTag, type Paragraph, type WebPage } from '../model/article.ts';
import { notYetEnriched, type ArticleDraft } from '../model/draft.ts';
import { reject, savedMessages, warn, type SavedMessage } from './diagnostics.ts';
import { fileFacts, type RawFacts } from './read.ts';

type Doc = ReturnType<typeof parseHTML>['document'];

/** Elements that run inside a line of text; every other element is a block of its own. */
const inlineTags = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'BR', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'IMG', 'INS', 'KBD', 'LABEL', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR']);

/** Text as a browser shows it: runs of white space are one space, and none at either end. */
const shown = (text: string) => text.replace(/\s+/g, ' ').trim();
const letterOrDigit = /[\p{L}\p{N}]/u;
/** How many words (runs of letters and digits) a text holds: by hand, for it counts whole pages. */
function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const astral = code >= 0xd800 && code <= 0xdbff;
    const word = code < 128 ? (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) : letterOrDigit.test(astral ? text.slice(index, index + 2) : text[index]!);
    if (astral) index++;
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}

/** What the steps here read of a linkedom node: its kind, tag, text and neighbours (its child list is made anew each time it is asked for, so children are walked through their siblings). */
interface DomNode {
  nodeType: number;
  tagName?: string;
  data?: string;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  getAttribute?: (name: string) => string | null;
}
const isBlock = (node: DomNode) => node.nodeType === 1 && !inlineTags.has(node.tagName!.toUpperCase());

/** A node's text as a reader reads it: a line break is a space between the words either side. */
function textOf(node: DomNode): string {
  if (node.nodeType === 3) return node.data ?? '';
  if (node.nodeType !== 1) return '';
  if (node.tagName!.toUpperCase() === 'BR') return ' ';
  let text = '';
  for (let child = node.firstChild; child; child = child.nextSibling) text += textOf(child);
  return text;
}

/**
 * The article's paragraphs in Readability's content: the text of each block that holds no other
 * block, and the loose text beside blocks (a line of text, then a list) as a paragraph of its own.
 */
function paragraphsOf(content: DomNode): string[] {
  // Whether each element holds a block, found once for every element, from the leaves up.
  const holds = new Map<DomNode, boolean>();
  const holdsBlock = (node: DomNode): boolean => {
    let found = holds.get(node);
    if (found === undefined) {
      found = false;
      for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1 && (holdsBlock(child) || isBlock(child))) found = true;
      holds.set(node, found);
    }
    return found;
  };
  const texts: string[] = [];
  const push = (text: string) => {
    const paragraph = shown(text);
    if (paragraph) texts.push(paragraph);
  };
  const visit = (element: DomNode) => {
    let loose = '';
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (isBlock(node) && holdsBlock(node)) {
        push(loose);
        loose = '';
        visit(node);
      } else if (isBlock(node)) {
        push(loose);
        loose = '';
        push(textOf(node));
      } else if (node.nodeType === 1 || node.nodeType === 3) loose += textOf(node);
    }
    push(loose);
  };
  visit(content);
  return texts;
}

/**
 * The page's text as a reader sees it from `start` on: tags dropped, entities decoded and white
 * space collapsed, with the offset in the page each character came from.
 */
function visibleText(text: string, start: number): { chars: string; offsets: number[] } {
  let chars = '';
  const offsets: number[] = [];
  let space = true;
  const add = (char: string, at: number) => {
    const blank = /\s/.test(char);
    if (blank && space) return;
    space = blank;
    chars += blank ? ' ' : char;
    offsets.push(at);
    if (char.length === 2) offsets.push(at);
  };
  for (let at = start; at < text.length; at++) {
    const char = text[at]!;
    if (char === '<') {
      if (text.startsWith('<!--', at)) {
        const close = text.indexOf('-->', at + 4);
        at = close < 0 ? text.length : close + 2;
        continue;
      }
      const close = text.indexOf('>', at);
      if (close < 0) break;
      const name = /^<\/?([a-z][a-z0-9-]*)/i.exec(text.slice(at, at + 20))?.[1]?.toUpperCase();
      // What a script, style sheet or template holds is not shown; an inline tag joins its neighbours.
      if (name && unseenTags.has(name) && text[at + 1] !== '/') {
        const closer = new RegExp(`</${name}`, 'gi');
        closer.lastIndex = close;
        const end = closer.exec(text)?.index ?? -1;
        at = end < 0 ? text.length : text.indexOf('>', end);
        if (at < 0) break;
        continue;
      }
      if (!name || !inlineTags.has(name) || name === 'BR') add(' ', at);
      at = close;
    } else if (char === '&') {
      const entity = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});?/i.exec(text.slice(at, at + 40))?.[0];
      const decoded = entity ? decodeHTML(entity) : char;
      for (const part of decoded) add(part, at);
      if (entity) at += entity.length - 1;
    } else add(char, at);
  }
  return { chars, offsets };
}

/** The line (from 1) each offset of `text` stands on. */
function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/**
 * The line of the page where each paragraph's text begins: its opening, looked for in the page's
 * visible text after the previous paragraph's (where it is not found, the previous paragraph's line).
 */
function linesOf(paragraphs: readonly string[], text: string, lineAt: (offset: number) => number): { line: number; endLine: number }[] {
  // From the body on: the head's title and description hold the same words.
  const body = Math.max(0, text.search(/<body[\s>]/i));
  const visible = visibleText(text, body);
  let from = 0;
  let line = lineAt(body);
  return paragraphs.map((paragraph) => {
    for (const length of [40, 16]) {
      const opening = paragraph.slice(0, length);
      const at = opening.length >= 8 ? visible.chars.indexOf(opening, from) : -1;
      if (at >= 0) {
        from = at + opening.length;
        line = lineAt(visible.offsets[at]!);
        break;
      }
    }
    return { line, endLine: line };
  });
}

const metaContent = (document: Doc, selector: string) => shown(document.querySelector(selector)?.getAttribute('content') ?? '') || null;

/** A date the page states, as the archive keeps dates: a calendar date, or a date-time with its offset (one without an offset keeps its calendar date). */
function pageDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (ArchiveDate.safeParse(text).success) return text;
  // The same moment in the archive's form: `2024-03-05 09:30 +0100` is 2024-03-05T09:30:00+01:00.
  const parts = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (!parts) return null;
  const [, day, time, seconds, offset] = parts;
  if (time && offset) {
    const zone = offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
    const moment = `${day}T${time}${seconds ?? ':00'}${zone}`;
    if (ArchiveDate.safeParse(moment).success) return moment;
  }
  return day && ArchiveDate.safeParse(day).success ? day : null;
}

/** JSON-LD types that are an article (schema.org's Article and its kinds). */
const articleType = /Article$|^BlogPosting$|^Report$|^LiveBlogPosting$/;
const typesOf = (object: Record<string, unknown>) => (Array.isArray(object['@type']) ? object['@type'] : [object['@type']]).filter((type): type is string => typeof type === 'string');

/** Every object of the page's JSON-LD (a `@graph` flattened), read without running anything. */
function jsonLdObjects(document: Doc): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const add = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') {
      found.push(value as Record<string, unknown>);
      const graph = (value as Record<string, unknown>)['@graph'];
      if (graph) add(graph);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      add(JSON.parse(script.textContent ?? ''));
    } catch {
      // A page's broken JSON-LD says nothing.
    }
  }
  return found;
}

/**
 * The publication date the page states in its metadata, and where: never read from its text. A
 * `<time>` is taken after Readability has found the article (`timeDate`).
 */
function publishedDate(document: Doc): { date: string; from: string } | null {
  const meta = pageDate(metaContent(document, 'meta[property="article:published_time"]'));
  if (meta) return { date: meta, from: 'its article:published_time meta tag' };
  // An article's own date before any other object's (a WebSite's, an Organization's).
  const objects = jsonLdObjects(document);
  for (const object of [...objects.filter((candidate) => typesOf(candidate).some((type) => articleType.test(type))), ...objects.filter((candidate) => typesOf(candidate).some((type) => /^(?:WebPage|ItemPage)$/.test(type)))]) {
    const date = pageDate(object.datePublished);
    if (date) return { date, from: 'its JSON-LD datePublished' };
  }
  const marked = document.querySelector('[itemtype*="Article"] [itemprop="datePublished"]') ?? document.querySelector('[itemprop="datePublished"]');
  const microdata = pageDate(marked?.getAttribute('content') ?? marked?.getAttribute('datetime'));
  if (microdata) return { date: microdata, from: 'its itemprop="datePublished"' };
  return null;
}

/** A `<time datetime>` in the article Readability found, or the page's only one: a page of many (related stories, comments) does not say which is the article's. */
function timeDate(content: Doc['body'], times: readonly (string | null)[]): { date: string; from: string } | null {
  const inArticle = pageDate(content.querySelector('time[datetime]')?.getAttribute('datetime'));
  if (inArticle) return { date: inArticle, from: 'a <time datetime> in the article' };
  const only = times.length === 1 ? pageDate(times[0]) : null;
  return only ? { date: only, from: 'its one <time datetime>' } : null;
}

/** How deep a page's elements may nest: Readability's time grows with the cube of the depth (0.5 s at 100, 46 s at 800), and real pages stay far below this. */
export const maxPageDepth = 160;

/** How deeply the page's elements nest, found without recursion. */
function depthOf(document: Doc): number {
  let deepest = 0;
  const stack: [DomNode, number][] = [[document as unknown as DomNode, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > maxPageDepth) break;
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) stack.push([child, depth + 1]);
  }
  return deepest;
}

const headTags = new Set(['META', 'TITLE', 'LINK', 'STYLE', 'SCRIPT', 'BASE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * The body a browser would make of a page that writes none (`<title>T</title><p>...` is valid
 * HTML): linkedom leaves such elements beside `<head>` and `<body>`, and they are moved in.
 */
function impliedBody(document: Doc): void {
  const html = document.documentElement;
  const body = document.body;
  const head = document.head;
  if (!html || !body || !head) return;
  const strays = [...Array.from(document.childNodes), ...Array.from(html.childNodes)].filter((node) => node !== html && node !== head && node !== body && (node.nodeType === 1 || node.nodeType === 3));
  for (const node of strays) {
    const element = node as unknown as { tagName?: string };
    if (node.nodeType === 1 && headTags.has(element.tagName!) && body.childNodes.length === 0) head.appendChild(node);
    else body.appendChild(node);
  }
}

/** A web address the page gives for itself, absolute and http or https, or null. */
function pageAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

type PageCounts = WebPage['leftOut'];
const unseenTags = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** What the whole page holds, counted on the page as saved (before Readability takes it apart). */
function pageCounts(document: Doc): PageCounts {
  const counts: PageCounts = { words: 0, links: 0, navigation: 0, forms: 0, shareBars: 0, comments: 0, scripts: 0 };
  // One walk over the page (its depth is bounded): the words a reader sees (every text of the body
  // but a script's, a style sheet's and a template's), and the outermost elements whose class or
  // id names a share bar or comments (a bar's buttons are one bar).
  const visit = (node: DomNode, inBody: boolean, inShare: boolean, inComments: boolean) => {
    if (node.nodeType === 3) {
      if (inBody) counts.words += wordCount(node.data ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.tagName!;
    if (tag === 'SCRIPT') counts.scripts++;
    if (unseenTags.has(tag)) return;
    if (tag === 'A' && node.getAttribute!('href') !== null) counts.links++;
    if (tag === 'NAV' || node.getAttribute!('role') === 'navigation') counts.navigation++;
    if (tag === 'FORM') counts.forms++;
    const label = `${node.getAttribute!('class') ?? ''} ${node.getAttribute!('id') ?? ''}`;
    const share = !inShare && /\bshare|social/i.test(label);
    const comments = !inComments && /\bcomments?\b|disqus/i.test(label);
    if (share) counts.shareBars++;
    if (comments) counts.comments++;
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child, inBody || tag === 'BODY', inShare || share, inComments || comments);
  };
  if (document.documentElement) visit(document.documentElement as unknown as DomNode, false, false, false);
  return counts;
}

/**
 * A saved web page (`seeds/**\/*.html`): its article found by Mozilla's Readability over a
 * linkedom DOM, kept as text paragraph by paragraph; the facts the page states (headline, byline,
 * publication date, address, site, language, direction), each with where it came from; and a
 * count of what Readability left out. A page in which Readability finds no article is rejected.
 */
export function parseWebPage(file: VFile, id: string): ArticleDraft | null {
  const text = String(file.value ?? '');
  const lineAt = lineIndex(text);
  const warc = file.data.raw?.record?.warc;
  if (warc?.digestCheck === 'differs') warn(file, `Record ${file.data.raw!.record!.number}'s payload does not match its WARC-Payload-Digest (${warc.payloadDigest}): the capture was damaged or changed after it was written; it is read as the file holds it`, 'warc-digest');
  // One DOM: the facts are read and the page counted before Readability takes it apart.
  const facts = parseHTML(text).document;
  if (!text.trim() || !facts.documentElement) {
    // A WARC record has no line to name: its file and number say where it is.
    const record = file.data.raw?.record;
    reject(file, `${record ? `Record ${record.number}` : 'The page'} holds no HTML element (it is empty, or not HTML): no article`, 'no-article', record ? undefined : { line: 1 });
    return null;
  }
  if (depthOf(facts) > maxPageDepth) {
    reject(file, `The page's elements nest more than ${maxPageDepth} deep: not read (no news page does, and reading it would take minutes)`, 'page-too-deep', { line: 1 });
    return null;
  }
  if (facts.querySelector('frameset')) {
    reject(file, 'The page is a frameset: its text is in the files of its frames, not in this one', 'no-article', { line: 1 });
    return null;
  }
  impliedBody(facts);
  const html = facts.documentElement;
  const langGiven = html?.getAttribute('lang') ?? html?.getAttribute('xml:lang') ?? null;
  const lang = langGiven ? LanguageTag.safeParse(langGiven) : null;
  if (langGiven && !lang?.success) {
    const at = text.search(/<html[\s>]/i);
    warn(file, `The page's lang="${langGiven}" is not a language tag: its language is taken as the site's`, 'page-lang', { line: at < 0 ? 1 : lineAt(at) });
  }
  const stated = publishedDate(facts);
  const linked = pageAddress(facts.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const canonical = linked ?? pageAddress(metaContent(facts, 'meta[property="og:url"]'));
  const canonicalFrom = linked ? 'its <link rel="canonical">' : canonical ? 'its og:url meta tag' : null;
  const title = shown(facts.querySelector('title')?.textContent ?? '') || null;
  const siteName = metaContent(facts, 'meta[property="og:site_name"]');
  const author = metaContent(facts, 'meta[name="author"]');
  const section = metaContent(facts, 'meta[property="article:section"]');
  const page = pageCounts(facts);
  const times = [...facts.querySelectorAll('time[datetime]')].map((time) => time.getAttribute('datetime'));

  let article: ReturnType<Readability<DomNode>['parse']>;
  try {
    // Its content as the element itself, not serialised to be parsed again.
    article = new Readability<DomNode>(facts as unknown as Document, { serializer: (element) => element as unknown as DomNode }).parse();
  } catch (error) {
    reject(file, `Readability could not read the page (${(error as Error).message})`, 'no-article', { line: 1 });
    return null;
  }
  const paragraphTexts = article?.content ? paragraphsOf(article.content) : [];
  if (!article || paragraphTexts.length === 0) {
    reject(file, 'Readability found no article in the page: nothing in it reads as an article’s text', 'no-article', { line: 1 });
    return null;
  }
  const headline = shown(article.title ?? '') || (title ?? '');
  if (!headline) {
    reject(file, 'The page gives no headline: no title, no og:title and no heading Readability could read', 'no-headline', { line: 1 });
    return null;
  }
  const places = linesOf(paragraphTexts, text, lineAt);
  const paragraphs: Paragraph[] = paragraphTexts.map((paragraphText, index) => ({ text: paragraphText, ...places[index]! }));
  const articleWords = paragraphs.reduce((sum, paragraph) => sum + wordCount(paragraph.text), 0);
  const links = [...(article.content as unknown as Doc['body']).querySelectorAll('a[href]')];
  const articleLinks = links.length;
  // Readability gives its best attempt even for a page with no article: a menu is not one.
  const linkWords = links.reduce((sum, link) => sum + wordCount(link.textContent ?? ''), 0);
  if (linkWords * 2 >= articleWords) {
    reject(file, 'Readability found no article in the page: the text it found is mostly links (a menu or a list of stories, not an article)', 'no-article', { line: 1 });
    return null;
  }
  const leftOut: PageCounts = { ...page, words: Math.max(0, page.words - articleWords), links: Math.max(0, page.links - articleLinks) };
  const byline = shown(article.byline ?? '') || null;
  const date = stated ?? timeDate(article.content as unknown as Doc['body'], times);
  const pageDir = (html?.getAttribute('dir') ?? article.dir ?? '').toLowerCase();
  const webPage: WebPage = {
    title,
    siteName: shown(article.siteName ?? '') || siteName,
    canonicalFrom,
    dateFrom: date?.from ?? null,
    bylineFrom: byline ? (author === byline ? 'its author meta tag' : 'Readability’s reading of the page') : null,
    lang: lang?.success ? lang.data : null,
    dir: pageDir === 'rtl' || pageDir === 'ltr' ? pageDir : null,
    leftOut,
  };
  return {
    id,
    headline,
    date: date?.date ?? null,
    section,
    tags: [],
    byline,
    dateline: null,
    summary: null,
    sourceUrl: canonical,
    lang: webPage.lang,
    body: { format: 'paragraphs', paragraphs },
    editorial: null,
    extra: {},
    pinnedSlug: null,
    places: {},
    source: {
      kind: 'webpage',
      ...fileFacts(file),
      leftovers: [],
      disclaimer: null,
      machineTranslated: false,
      entityLines: [],
      page: webPage,
      ...notYetEnriched(),
    },
  };
}

/** A saved web page read on either thread: its draft (null when rejected) and the messages it gave. */
export function readWebPage(page: { text: string; path: string; id: string; raw: RawFacts }): { draft: ArticleDraft | null; messages: SavedMessage[] } {
  const file = new VFile({ path: page.path, value: page.text });
  file.data.raw = page.raw;
  const draft = parseWebPage(file, page.id);
  return { draft, messages: savedMessages(file) };
}
