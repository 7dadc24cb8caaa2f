import matter from 'gray-matter';
import type { VFile } from 'vfile';
import { notYetEnriched, type ArticleDraft, type PageDraft } from '../model/draft.ts';
import { FrontMatter, knownFrontMatterKeys } from '../model/front-matter.ts';
import { splitLines } from './lines.ts';
import { reject, warn } from './diagnostics.ts';
import { expandsBeyond, firstIssue, keyPlaces, loadYaml, maxYamlValues, yamlError } from './yaml.ts';
import { fileFacts } from './read.ts';

const maxUnknownKeyWarnings = 20;

// Front matter is YAML and only YAML. gray-matter would also read `---js` (which it evaluates: code
// from an article would run at build time) or `---json`; those engines refuse, and such files are
// rejected before gray-matter sees them. Passing options also keeps gray-matter from caching by
// content (two equal files, one shared object).
const refuse = () => {
  throw new Error('front matter must be YAML');
};
const gray = {
  excerpt: false,
  language: 'yaml',
  engines: { yaml: (source: string) => (loadYaml(source) ?? {}) as object, js: refuse, javascript: refuse, json: refuse, coffee: refuse, cson: refuse, toml: refuse },
};

export type MarkdownResult = { kind: 'article'; draft: ArticleDraft } | { kind: 'page'; page: PageDraft; /** The body's first line in the file. */ line: number } | null;

/**
 * A Markdown file with YAML front matter: an article, or a standalone page when it says
 * `kind: page`. Unknown keys are kept with a warning; a bad value for a known key rejects it.
 */
export function parseMarkdown(file: VFile, id: string): MarkdownResult {
  const raw = file.data.raw;
  if (!raw) return null;
  const text = String(file.value);
  const lines = splitLines(text);
  if (text.trim() === '') {
    reject(file, 'File holds only whitespace: no front matter and no body', 'empty', { line: 1 });
    return null;
  }
  const opening = /^---[ \t]*(\S+)/.exec(lines[0] ?? '');
  if (opening) {
    reject(file, `Front matter must be YAML, opened by a line with only ---; "---${opening[1]}" is not read`, 'front-matter-language', { line: 1 });
    return null;
  }
  if (/^---[ \t]*$/.test(lines[0] ?? '') && !lines.slice(1).some((line) => /^---[ \t]*$/.test(line))) {
    reject(file, 'Front matter is not closed: add a line with only --- after it', 'front-matter-unclosed', { line: 1 });
    return null;
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, gray);
  } catch (error) {
    const { reason, place } = yamlError(error);
    reject(file, `Front matter is not valid YAML: ${reason}`, 'yaml', place);
    return null;
  }

  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    reject(file, 'Front matter must be keys with values (a YAML mapping such as title: ...), not a list or a single value', 'front-matter', { line: 2 });
    return null;
  }
  const data: Record<string, unknown> = parsed.data;
  const frontMatterLines = parsed.matter ? splitLines(parsed.matter).length : 0;
  const bodyLine = parsed.matter === undefined || !text.startsWith('---') ? 1 : frontMatterLines + 2;
  const places = keyPlaces(lines, 1, frontMatterLines + 1);

  if (Object.keys(data).length === 0 && !text.startsWith('---')) {
    reject(file, 'No front matter: a Markdown article starts with YAML front matter between --- lines, with at least a title', 'no-front-matter', { line: 1 });
    return null;
  }
  if (expandsBeyond(data, maxYamlValues)) {
    reject(file, `Front matter expands to over ${maxYamlValues.toLocaleString('en')} values (YAML aliases repeated inside each other?): not read`, 'front-matter-too-large', { line: 1 });
    return null;
  }
  const result = FrontMatter.safeParse(data);
  if (!result.success) {
    const { message, place } = firstIssue(result.error, places, 'front matter');
    reject(file, message, 'front-matter', place);
    return null;
  }
  const front = result.data;
  // Own properties only, made by fromEntries: a key such as `__proto__` stays a plain key.
  const unknownKeys = Object.keys(data).filter((key) => !knownFrontMatterKeys.has(key)).sort();
  const extra: Record<string, unknown> = Object.fromEntries(unknownKeys.map((key) => [key, data[key]]));
  for (const key of unknownKeys.slice(0, maxUnknownKeyWarnings)) {
    warn(file, `Unknown front matter key "${key.length > 40 ? `${key.slice(0, 39)}…` : key}" kept as extra data (known keys: ${[...knownFrontMatterKeys].join(', ')})`, 'unknown-key', places[key]);
  }
  if (unknownKeys.length > maxUnknownKeyWarnings) {
    warn(file, `${unknownKeys.length - maxUnknownKeyWarnings} more unknown front matter keys kept as extra data`, 'unknown-key');
  }

  const markdown = parsed.content;
  if (markdown.trim() === '') {
    reject(file, `No body: the ${front.kind} has front matter and nothing under it`, 'no-body', { line: bodyLine });
    return null;
  }
  if (front.kind === 'page') {
    return { kind: 'page', page: { id, pinnedSlug: front.slug ?? null, title: front.title, summary: front.summary ?? null, markdown, path: String(file.path) }, line: bodyLine };
  }
  return {
    kind: 'article',
    draft: {
      id,
      headline: front.title,
      date: front.date ?? null,
      section: front.section ?? null,
      tags: front.tags ?? [],
      byline: front.byline ?? null,
      dateline: null,
      summary: front.summary ?? null,
      sourceUrl: front.source_url ?? null,
      lang: front.lang ?? null,
      body: { format: 'markdown', markdown, line: bodyLine },
      editorial: null,
      extra,
      source: {
        kind: 'markdown',
        ...fileFacts(file),
        leftovers: [],
        disclaimer: null,
        machineTranslated: false,
        entityLines: [],
        page: null,
        ...notYetEnriched(),
      },
      pinnedSlug: front.slug ?? null,
      places: { ...places, headline: places.title, body: { line: bodyLine } },
    },
  };
}
