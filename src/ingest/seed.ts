import type { VFile } from 'vfile';
import type { Leftover, Paragraph } from '../model/article.ts';
import type { ArticleDraft } from '../model/draft.ts';
import { splitLines } from './lines.ts';
import { info, reject } from './diagnostics.ts';
import { matchLeftover } from './leftover-rules.ts';

const isBlank = (line: string) => line.trim() === '';
const isIndented = (line: string) => /^(?:\t| {2,})\S/.test(line);

/**
 * Blocks of consecutive non-blank lines become paragraphs; an indented line under one that is not
 * indented starts a new one (a block indented throughout stays one paragraph). A paragraph's text
 * is its lines exactly, joined by line feeds, which HTML shows as spaces.
 */
function paragraphsOf(lines: readonly string[], firstLine: number, count: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: { parts: string[]; line: number } | null = null;
  const close = () => {
    if (current) paragraphs.push({ text: current.parts.join('\n'), line: current.line });
    current = null;
  };
  for (let index = firstLine; index < firstLine + count; index++) {
    const line = lines[index] ?? '';
    if (isBlank(line)) {
      close();
      continue;
    }
    if (current && isIndented(line) && !isIndented(lines[index - 1] ?? '')) close();
    current ??= { parts: [], line: index + 1 };
    current.parts.push(line);
  }
  close();
  return paragraphs;
}

/**
 * A scraped text file: the first non-empty line is the headline, blank-line-separated blocks
 * are paragraphs, and boilerplate lines at the tail are separated as leftovers. The text itself
 * is never changed. Returns null (with a fatal message on the file) when it cannot be an article.
 */
export function parseSeed(file: VFile, id: string): ArticleDraft | null {
  const raw = file.data.raw;
  if (!raw) return null;
  const lines = splitLines(String(file.value));
  const headlineIndex = lines.findIndex((line) => !isBlank(line));
  if (headlineIndex === -1) {
    reject(file, raw.size === 0 ? 'Empty file: no headline and no body' : 'File holds only whitespace: no headline and no body', 'empty');
    return null;
  }

  const leftovers: Leftover[] = [];
  let section: string | null = null;
  let bodyEnd = lines.length;
  for (let index = lines.length - 1; index > headlineIndex; index--) {
    const line = lines[index] ?? '';
    if (isBlank(line)) continue;
    const match = matchLeftover(line);
    if (!match) break;
    bodyEnd = index;
    leftovers.unshift({ line: index + 1, text: line, rule: match.rule.id, kind: match.rule.kind });
    // The label nearest the body names the section, and the source notes cite that line.
    if (match.section) section = match.section;
  }

  const paragraphs = paragraphsOf(lines, headlineIndex + 1, bodyEnd - headlineIndex - 1);
  if (paragraphs.length === 0) {
    const separated = leftovers.map((leftover) => leftover.line).join(', ');
    const reason = separated
      ? `No body: every line under the headline is a site leftover (line${leftovers.length > 1 ? 's' : ''} ${separated})`
      : 'No body: the file has a headline and nothing under it';
    reject(file, reason, 'no-body', { line: headlineIndex + 1 });
    return null;
  }
  for (const leftover of leftovers) {
    const text = leftover.text.trim();
    const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
    info(file, `Separated leftover "${shown}"`, leftover.rule, { line: leftover.line });
  }

  const disclaimer = leftovers.find((leftover) => leftover.kind === 'disclaimer')?.text ?? null;
  return {
    id,
    headline: lines[headlineIndex] ?? '',
    date: null,
    section,
    tags: [],
    byline: null,
    summary: null,
    sourceUrl: null,
    body: { format: 'paragraphs', paragraphs },
    extra: {},
    source: {
      kind: 'seed',
      path: String(file.path),
      sha256: raw.sha256,
      size: raw.size,
      encoding: raw.encoding,
      encodingGuessed: raw.encodingGuessed,
      lineEndings: raw.lineEndings,
      leftovers,
      disclaimer,
      machineTranslated: disclaimer !== null,
      notes: [],
    },
    pinnedSlug: null,
    places: { headline: { line: headlineIndex + 1 }, body: { line: headlineIndex + 2 } },
  };
}
