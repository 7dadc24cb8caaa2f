import { z } from 'zod';

/** Text that is not blank, kept exactly as given: the gate checks, it never rewrites. */
const Text = (what: string) => z.string().regex(/\S/, `${what} is blank`);

/** A calendar date (`2024-05-01`) or an ISO 8601 date-time with offset; never invented. */
export const ArchiveDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** One line of site boilerplate that was separated from the body, kept verbatim. */
export const Leftover = z.object({
  line: z.int().positive(),
  text: Text('leftover'),
  rule: z.string().min(1),
  kind: z.enum(['section-label', 'disclaimer', 'widget-label']),
});

/** A sentence for the reader about where the article came from or what was done to it. */
export const SourceNote = z.object({
  kind: z.enum(['origin', 'unknown', 'warning']),
  message: z.string().min(1),
  line: z.int().positive().optional(),
});

export const LineEndings = z.enum(['LF', 'CRLF', 'CR', 'mixed', 'none']);

export const Source = z.object({
  kind: z.enum(['seed', 'markdown']),
  /** Path relative to the project, with forward slashes: `seeds/000_x.txt`. */
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.int().nonnegative(),
  encoding: z.string().min(1),
  encodingGuessed: z.boolean(),
  lineEndings: LineEndings,
  leftovers: z.array(Leftover),
  disclaimer: z.string().nullable(),
  machineTranslated: z.boolean(),
  notes: z.array(SourceNote),
});

export const Paragraph = z.object({
  /** The block's lines exactly as in the file, joined by line feeds. */
  text: Text('paragraph'),
  line: z.int().positive(),
});

/** Seeds keep their paragraphs as text (escaped by the templates); Markdown keeps its source. */
export const Body = z.discriminatedUnion('format', [
  z.object({ format: z.literal('paragraphs'), paragraphs: z.array(Paragraph).min(1) }),
  z.object({ format: z.literal('markdown'), markdown: z.string().min(1), line: z.int().positive() }),
]);

/** Lower-case letters and digits in words joined by single hyphens: safe in any URL and file system. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Article = z.object({
  /** Stable identity: a seed's path under its folder without extension, e.g. `000_a4d7`. */
  id: z.string().min(1),
  /** URL-safe, unique in the archive, derived from the headline unless the author pins it. */
  slug: z.string().regex(slugPattern, 'slug must be lower-case letters, digits and single hyphens').max(100),
  headline: Text('headline'),
  date: ArchiveDate.nullable(),
  section: Text('section').nullable(),
  tags: z.array(Text('tag')),
  byline: Text('byline').nullable(),
  summary: Text('summary').nullable(),
  sourceUrl: z.url({ protocol: /^https?$/ }).nullable(),
  body: Body,
  excerpt: z.string(),
  /** Front-matter keys the schema does not know, kept as written. */
  extra: z.record(z.string(), z.unknown()),
  source: Source,
});

/** A standalone page written in Markdown (`kind: page`), such as the about page. */
export const Page = z.object({
  id: z.string().min(1),
  slug: z.string().regex(slugPattern).max(100),
  title: Text('title'),
  markdown: z.string(),
  path: z.string().min(1),
});

export type ArchiveDate = z.infer<typeof ArchiveDate>;
export type Leftover = z.infer<typeof Leftover>;
export type SourceNote = z.infer<typeof SourceNote>;
export type LineEndings = z.infer<typeof LineEndings>;
export type Source = z.infer<typeof Source>;
export type Paragraph = z.infer<typeof Paragraph>;
export type Body = z.infer<typeof Body>;
export type Article = z.infer<typeof Article>;
export type Page = z.infer<typeof Page>;
