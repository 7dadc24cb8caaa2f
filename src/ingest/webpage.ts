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
    const word = code < 128 ? (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) : code >= 0xd800 && code <= 0xdbff ? letterOrDigit.test(text.slice(index, index + 2)) : letterOrDigit.test(text[index]!);
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}

interface DomNode {
  nodeType: number;
  tagName?: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
const isBlock = (node: DomNode) => node.nodeType === 1 && !inlineTags.has(node.tagName!.toUpperCase());

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
      for (const child of Array.from(node.childNodes)) if (child.nodeType === 1 && (holdsBlock(child) || isBlock(child))) found = true;
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
    for (const node of Array.from(element.childNodes)) {
      if (isBlock(node) && holdsBlock(node)) {
        push(loose);
        loose = '';
        visit(node);
      } else if (isBlock(node)) {
        push(loose);
        loose = '';
        push(node.textContent ?? '');
      } else if (node.nodeType === 1 || node.nodeType === 3) loose += node.textContent ?? '';
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
  };
  for (let at = start; at < text.length; at++) {
    const char = text[at]!;
    if (char === '<') {
      const close = text.indexOf('>', at);
      if (close < 0) break;
      add(' ', at);
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

/**
 * The line of the page where each paragraph's text begins: its opening, looked for in the page's
 * visible text after the previous paragraph's (where it is not found, the previous paragraph's line).
 */
function linesOf(paragraphs: readonly string[], text: string): { line: number; endLine: number }[] {
  const starts: number[] = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  const lineAt = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
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
function pageDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  if (ArchiveDate.safeParse(text).success) return text;
  const day = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text)?.[1];
  return day && ArchiveDate.safeParse(day).success ? day : null;
}

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

/** The publication date the page states, and where: never read from its text. */
function publishedDate(document: Doc): { date: string; from: string } | null {
  const meta = pageDate(metaContent(document, 'meta[property="article:published_time"]'));
  if (meta) return { date: meta, from: 'its article:published_time meta tag' };
  for (const object of jsonLdObjects(document)) {
    const date = pageDate(typeof object.datePublished === 'string' ? object.datePublished : null);
    if (date) return { date, from: 'its JSON-LD datePublished' };
  }
  const marked = document.querySelector('[itemprop="datePublished"]');
  const microdata = pageDate(marked?.getAttribute('content') ?? marked?.getAttribute('datetime'));
  if (microdata) return { date: microdata, from: 'its itemprop="datePublished"' };
  // A <time> in the article's own element, or the page's only one: a page of many (related
  // stories, comments) does not say which is the article's.
  const inArticle = pageDate(document.querySelector('article time[datetime]')?.getAttribute('datetime'));
  if (inArticle) return { date: inArticle, from: 'the first <time datetime> of its <article>' };
  const times = document.querySelectorAll('time[datetime]');
  const only = times.length === 1 ? pageDate(times[0]!.getAttribute('datetime')) : null;
  return only ? { date: only, from: 'its one <time datetime>' } : null;
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
  const count = (selector: string) => document.querySelectorAll(selector).length;
  // Outermost elements whose class or id names them: a share bar's buttons are one bar.
  const marked = (pattern: RegExp) => {
    const found = [...document.querySelectorAll('[class], [id]')].filter((element) => pattern.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`));
    const within = new Set(found);
    return found.filter((element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) if (within.has(parent)) return false;
      return true;
    }).length;
  };
  // The words a reader sees: every text but a script's, a style sheet's and a template's.
  let words = 0;
  type Linked = { nodeType: number; tagName?: string; data?: string; firstChild: Linked | null; nextSibling: Linked | null };
  const visit = (node: Linked) => {
    if (node.nodeType === 3) words += wordCount(node.data ?? '');
    else if (node.nodeType === 1 && !unseenTags.has(node.tagName!)) for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  if (document.body) visit(document.body as unknown as Linked);
  return {
    words,
    links: count('a[href]'),
    navigation: count('nav, [role="navigation"]'),
    forms: count('form'),
    shareBars: marked(/\bshare|social/i),
    comments: marked(/\bcomments?\b|disqus/i),
    scripts: count('script'),
  };
}

/**
 * A saved web page (`seeds/**\/*.html`): its article found by Mozilla's Readability over a
 * linkedom DOM, kept as text paragraph by paragraph; the facts the page states (headline, byline,
 * publication date, address, site, language, direction), each with where it came from; and a
 * count of what Readability left out. A page in which Readability finds no article is rejected.
 */
export function parseWebPage(file: VFile, id: string): ArticleDraft | null {
  const text = String(file.value ?? '');
  // One DOM: the facts are read and the page counted before Readability takes it apart.
  const facts = parseHTML(text).document;
  const html = facts.documentElement;
  const langGiven = html?.getAttribute('lang') ?? html?.getAttribute('xml:lang') ?? null;
  const lang = langGiven ? LanguageTag.safeParse(langGiven) : null;
  if (langGiven && !lang?.success) warn(file, `The page's lang="${langGiven}" is not a language tag: its language is taken as the site's`, 'page-lang', { line: 1 });
  const date = publishedDate(facts);
  const linked = pageAddress(facts.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const canonical = linked ?? pageAddress(metaContent(facts, 'meta[property="og:url"]'));
  const canonicalFrom = linked ? 'its <link rel="canonical">' : canonical ? 'its og:url meta tag' : null;
  const title = shown(facts.querySelector('title')?.textContent ?? '') || null;
  const siteName = metaContent(facts, 'meta[property="og:site_name"]');
  const author = metaContent(facts, 'meta[name="author"]');
  const section = metaContent(facts, 'meta[property="article:section"]');
  const page = pageCounts(facts);

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
  const places = linesOf(paragraphTexts, text);
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
