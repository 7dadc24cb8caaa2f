import { decodeHTMLStrict } from 'entities';
import type { VFile } from 'vfile';
import type { Leftover, Paragraph } from '../model/article.ts';
import { notYetEnriched, type ArticleDraft } from '../model/draft.ts';
import { readByline, readDateline } from './dateline.ts';
import { info, reject, warn } from './diagnostics.ts';
import { matchLeftover, recurringRule, type LeftoverRule } from './leftover-rules.ts';
import { splitLines } from './lines.ts';
import { isShortFragment, minimumRecurrence, noRecurringLines, type RecurringLines } from './recurring.ts';
import { fileFacts } from './read.ts';

export interface SeedContext {
  /** Boilerplate learned from the whole collection. */
  recurring: RecurringLines;
  /** A headline given apart from the text (a scraper record's title): then every line is the body's. */
  headline?: string;
  /** Each line is a paragraph of its own (a scraper writes one per line, with no blank line between). */
  linePerParagraph?: boolean;
}

const isBlank = (line: string) => line.trim() === '';
const isIndented = (line: string) => /^(?:\t| {2,})\S/.test(line);
const entityPattern = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
const longHeadline = 300;

type Match = { rule: LeftoverRule; section?: string; recurrence?: number };

/** HTML entities written as text (`caf&#233;`) stand for characters: show those. */
function withEntities(text: string): string {
  return entityPattern.test(text) ? decodeHTMLStrict(text) : text;
}

/** A first line that reads as a paragraph: it ends a sentence and is long, or holds several. */
function readsAsParagraph(line: string): boolean {
  const text = line.trim();
  const words = text.split(/\s+/).length;
  return (/[^.]\.$/.test(text) && words >= 12) || (/[.!?]["”’]? \p{Lu}/u.test(text) && words >= 20);
}

/**
 * Blocks of consecutive non-blank lines become paragraphs; an indented line under one that is not
 * indented starts a new one (a block indented throughout stays one paragraph); a separated line
 * ends the block it stood in. A hard-wrapped block's lines are joined with a space, so the text
 * reads as the writer wrote it; the original text page keeps every line as it is.
 */
function paragraphsOf(lines: readonly string[], from: number, to: number, separated: ReadonlySet<number>, linePerParagraph = false): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: { parts: string[]; line: number; endLine: number } | null = null;
  const close = () => {
    if (current) paragraphs.push({ text: current.parts.join(' '), line: current.line, endLine: current.endLine });
    current = null;
  };
  for (let index = from; index < to; index++) {
    const line = lines[index] ?? '';
    if (isBlank(line)) {
      close();
      continue;
    }
    // A separated line inside a block (an ad label in a hard-wrapped paragraph) is skipped; the
    // paragraph around it stays one.
    if (separated.has(index + 1)) continue;
    if (current && (linePerParagraph || (isIndented(line) && !isIndented(lines[index - 1] ?? '')))) close();
    current ??= { parts: [], line: index + 1, endLine: index + 1 };
    current.parts.push(line.trim());
    current.endLine = index + 1;
  }
  close();
  return paragraphs;
}

/**
 * A scraped text file: the first line that is not site boilerplate is the headline,
 * blank-line-separated blocks are paragraphs, and boilerplate lines (by the rule table, or learned
 * from the collection) are separated as leftovers wherever they stand. The text itself is never
 * changed. Returns null (with a fatal message on the file) when it cannot be an article.
 */
export function parseSeed(file: VFile, id: string, context: SeedContext = { recurring: noRecurringLines }): ArticleDraft | null {
  const raw = file.data.raw;
  if (!raw) return null;
  const lines = splitLines(String(file.value));
  const filled = lines.flatMap((line, index) => (isBlank(line) ? [] : [index]));
  if (filled.length === 0) {
    reject(file, raw.size === 0 ? 'Empty file: no headline and no body' : 'File holds only whitespace: no headline and no body', 'empty');
    return null;
  }

  const learned = (zone: RecurringLines['head'], line: string): Match | null => {
    const found = zone.get(line.trim());
    return found?.learned ? { rule: recurringRule, recurrence: found.support } : null;
  };
  const leftovers = new Map<number, Leftover & { section?: string }>();
  const separate = (index: number, match: Match, position: Leftover['position']) => {
    const { rule, section, recurrence } = match;
    leftovers.set(index + 1, { line: index + 1, text: lines[index] ?? '', rule: rule.id, kind: rule.kind, position, ...(recurrence ? { recurrence } : {}), ...(section ? { section } : {}) });
  };

  // Above the headline: boilerplate the rules know or the collection taught.
  let cursor = 0;
  for (; cursor < filled.length; cursor++) {
    const index = filled[cursor]!;
    const match = matchLeftover(lines[index]!) ?? learned(context.recurring.head, lines[index]!);
    if (!match) break;
    separate(index, match, 'head');
  }
  // Only boilerplate may stand above the headline: when what is left to be the headline reads as
  // a paragraph, the first line was the headline after all (a title ending in "News").
  const given = context.headline;
  const candidate = filled[cursor];
  if (given === undefined && cursor > 0 && (candidate === undefined || readsAsParagraph(lines[candidate]!) || /[^.]\.$/.test(lines[candidate]!.trim()))) {
    leftovers.clear();
    cursor = 0;
  }
  // A headline given apart stands, as it were, just above the first line that is not boilerplate.
  const headlineIndex = given === undefined ? filled[cursor] : (filled[cursor] ?? lines.length) - 1;
  if (headlineIndex === undefined) {
    reject(file, 'No headline: every line of the file is a site leftover', 'no-headline');
    return null;
  }
  // Under the article, from the bottom up, while lines are boilerplate.
  let bodyEnd = lines.length;
  for (const index of filled.slice(cursor + 1).reverse()) {
    if (leftovers.has(index + 1)) continue;
    const match = matchLeftover(lines[index]!) ?? learned(context.recurring.tail, lines[index]!);
    if (!match) break;
    separate(index, match, 'tail');
    bodyEnd = index;
  }
  // Just under the headline, lines the collection taught (a site's standfirst, "By Staff").
  for (const index of filled.slice(cursor + 1, cursor + 3)) {
    if (index >= bodyEnd || leftovers.has(index + 1)) continue;
    const match = learned(context.recurring.head, lines[index]!);
    if (match) separate(index, match, 'body');
  }
  // Between paragraphs, only what the rules know: a learned line is trusted only at the edges.
  for (const index of filled) {
    if (index <= headlineIndex || index >= bodyEnd || leftovers.has(index + 1)) continue;
    const match = matchLeftover(lines[index]!);
    if (match) separate(index, match, 'body');
  }

  const separated = new Set(leftovers.keys());
  const paragraphs = paragraphsOf(lines, headlineIndex + 1, bodyEnd, separated, context.linePerParagraph);
  const ordered = [...leftovers.values()].sort((a, b) => a.line - b.line);
  if (paragraphs.length === 0) {
    const under = ordered.filter((leftover) => leftover.line > headlineIndex + 1).map((leftover) => leftover.line);
    const reason = given !== undefined
      ? 'No body: every line of the text is a site leftover'
      : under.length
      ? `No body: every line under the headline is a site leftover (line${under.length > 1 ? 's' : ''} ${under.slice(0, 10).join(', ')}${under.length > 10 ? ` and ${(under.length - 10).toLocaleString('en')} more` : ''})`
      : 'No body: the file has a headline and nothing under it';
    reject(file, reason, 'no-body', { line: headlineIndex + 1 });
    return null;
  }

  for (const leftover of ordered) {
    const text = leftover.text.trim();
    const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
    info(file, `Separated leftover "${shown}"`, leftover.rule, { line: leftover.line });
  }
  warnOfUnsureLines(file, lines, paragraphs, context.recurring);

  const headline = given ?? lines[headlineIndex] ?? '';
  if (given !== undefined) {
    // Given by the scraper: shown as it is, and not checked for looking like a paragraph.
  } else if (headline.trim().length > longHeadline) {
    warn(file, `Headline is ${headline.trim().length} characters long, over ${longHeadline}: is the first line really a headline?`, 'long-headline', { line: headlineIndex + 1 });
  } else if (readsAsParagraph(headline)) {
    warn(file, 'First line reads like a paragraph, not a headline; it is shown as the headline', 'headline-is-paragraph', { line: headlineIndex + 1 });
  }

  const entityLines: number[] = [];
  const shownHeadline = withEntities(headline.trim());
  if (shownHeadline !== headline.trim() && given === undefined) entityLines.push(headlineIndex + 1);
  const shownParagraphs = paragraphs.map((paragraph) => {
    const text = withEntities(paragraph.text);
    if (text !== paragraph.text) entityLines.push(paragraph.line);
    return { ...paragraph, text };
  });

  // The label nearest the body names the section: under the article first, then above it.
  const labels = ordered.filter((leftover) => leftover.section);
  const sectionLabel = labels.find((leftover) => leftover.position === 'tail') ?? [...labels].reverse().find((leftover) => leftover.position !== 'tail');
  const byline = shownParagraphs.slice(0, 2).map((paragraph) => readByline(paragraph.text)).find((found) => found !== null) ?? null;
  // The dateline opens the story: its first paragraph, or the one after a byline.
  const opening = shownParagraphs.find((paragraph) => readByline(paragraph.text) === null);
  const dateline = opening && shownParagraphs.indexOf(opening) < 2 ? readDateline(opening.text) : null;
  const disclaimer = ordered.find((leftover) => leftover.kind === 'disclaimer')?.text ?? null;
  return {
    id,
    headline: shownHeadline,
    date: null,
    section: sectionLabel?.section ?? null,
    tags: [],
    byline,
    dateline,
    summary: null,
    sourceUrl: null,
    lang: null,
    body: { format: 'paragraphs', paragraphs: shownParagraphs },
    editorial: null,
    extra: {},
    source: {
      kind: 'seed',
      ...fileFacts(file),
      leftovers: ordered.map(({ section: _section, ...leftover }) => leftover),
      disclaimer,
      machineTranslated: disclaimer !== null,
      entityLines,
      page: null,
      ...notYetEnriched(),
    },
    pinnedSlug: null,
    places: { ...(given === undefined ? { headline: { line: headlineIndex + 1 } } : {}), body: { line: paragraphs[0]!.line } },
  };
}

/**
 * When unsure, the line stays in the body and the owner is told: a short label-like line at the
 * foot of the article that no rule knows, or a sentence that recurs in too few seeds to be sure.
 */
function warnOfUnsureLines(file: VFile, lines: readonly string[], paragraphs: readonly Paragraph[], recurring: RecurringLines): void {
  for (const paragraph of paragraphs.slice(-2)) {
    if (paragraph.line !== paragraph.endLine) continue;
    const text = (lines[paragraph.line - 1] ?? '').trim();
    const recurrence = recurring.tail.get(text);
    if (recurrence && recurrence.support >= minimumRecurrence) {
      warn(file, `Line recurs word for word at the foot of ${recurrence.support} seeds, too few to be sure it is site boilerplate: kept in the body`, 'unsure-leftover', { line: paragraph.line });
    } else if (paragraph === paragraphs.at(-1) && paragraphs.length > 1 && isShortFragment(text)) {
      warn(file, `Last line "${text.length > 60 ? `${text.slice(0, 59)}…` : text}" looks like a site label (a few words, no closing punctuation) but no rule or other seed confirms it: kept in the body`, 'unsure-leftover', { line: paragraph.line });
    }
  }
}
