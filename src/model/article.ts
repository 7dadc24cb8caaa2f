import { z } from 'zod';

/** Text that is not blank, kept exactly as given: the gate checks, it never rewrites. */
const Text = (what: string) => z.string().regex(/\S/, `${what} is blank`);

/** A calendar date (`2024-05-01`) or an ISO 8601 date-time with offset; never invented. */
export const ArchiveDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * A language tag (BCP 47), in its canonical form: `en`, `fr-CA`, `pt-BR`, `zh-Hant`. Checked by the
 * engine's own `Intl.getCanonicalLocales`, which knows the tags a browser does.
 */
export const LanguageTag = z
  .string()
  .transform((tag, context) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag.trim());
      if (canonical) return canonical;
    } catch {
      // Reported below.
    }
    context.addIssue({ code: 'custom', message: `lang must be a language tag such as en, fr, pt-BR or zh-Hant, not "${tag}"` });
    return z.NEVER;
  })
  .pipe(z.string().regex(/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/));

/** One line of site boilerplate that was separated from the body, kept verbatim. */
export const Leftover = z.object({
  line: z.int().positive(),
  text: Text('leftover'),
  rule: z.string().min(1),
  kind: z.enum(['section-label', 'disclaimer', 'widget-label', 'link-label', 'advertisement', 'photo-credit', 'recurring']),
  /** Above the headline, between paragraphs, or under the article. */
  position: z.enum(['head', 'body', 'tail']),
  /** For a line learned from the collection: how many other seeds carry it word for word. */
  recurrence: z.int().positive().optional(),
});

/** Where a fact shown with the article came from. */
export const FactOrigin = z.enum(['source', 'editor']);

/** A sentence for the reader about where the article came from or what was done to it. */
export const SourceNote = z.object({
  /** origin: where it came from; editor: what an editor added; unknown: what is not known;
   * flag: what looks wrong in the text, left as it is; warning: what the build warned of. */
  kind: z.enum(['origin', 'editor', 'unknown', 'flag', 'warning']),
  message: z.string().min(1),
  line: z.int().positive().optional(),
  /** The paragraph the note is about (1-based), so the page can link to it. */
  paragraph: z.int().positive().optional(),
  /** Another file of the archive the note is about (a near-duplicate, an identical copy). */
  path: z.string().min(1).optional(),
});

/** A likely translation or scraping artifact, found and flagged, never corrected. */
export const Artifact = z.object({
  paragraph: z.int().positive(),
  kind: z.enum(['repeated-word', 'lowercase-sentence']),
  excerpt: z.string().min(1),
});

/** A date the text names that cannot be placed without a publication date ("on Monday"). */
export const DateReference = z.object({ text: z.string().min(1), paragraph: z.int().positive() });

/** A person, organisation or place the text names, found by NLP, with its stable key. */
export const EntityRef = z.object({
  kind: z.enum(['person', 'organisation', 'place']),
  name: Text('entity'),
  key: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  mentions: z.int().positive(),
});

/** Words the text quotes, verbatim, with the speaker where its sentence names one. */
export const Quotation = z.object({ text: Text('quotation'), speaker: z.string().min(1).nullable(), paragraph: z.int().positive() });

/** What an editor said about a seed in its sidecar file, without touching the seed. */
export const Editorial = z.object({
  /** The sidecar file: `seeds/<stem>.yml`. */
  path: z.string().min(1),
  /** The article's fields whose value came from the editor rather than the source. */
  fields: z.array(z.enum(['date', 'section', 'tags', 'byline', 'summary', 'sourceUrl', 'dateline', 'lang'])),
  correction: Text('correction').nullable(),
  note: Text('editor note').nullable(),
});

export const LineEndings = z.enum(['LF', 'CRLF', 'CR', 'mixed', 'none']);

/** What a saved web page said of itself, and what Readability left out of its article. */
export const WebPage = z.object({
  /** Its `<title>`, as the browser showed it in the tab. */
  title: z.string().nullable(),
  siteName: z.string().nullable(),
  /** Where the canonical address and the publication date were read (`its <link rel="canonical">`); null where the page gives none. */
  canonicalFrom: z.string().nullable(),
  dateFrom: z.string().nullable(),
  /** Where the byline came from: the page's author meta tag, or Readability's reading of it. */
  bylineFrom: z.string().nullable(),
  /** The language its `<html lang>` names, and the direction it or Readability gives. */
  lang: LanguageTag.nullable(),
  dir: z.enum(['ltr', 'rtl']).nullable(),
  /** The page around the article, counted on the page as saved. */
  leftOut: z.object({
    words: z.int().nonnegative(),
    links: z.int().nonnegative(),
    navigation: z.int().nonnegative(),
    forms: z.int().nonnegative(),
    shareBars: z.int().nonnegative(),
    comments: z.int().nonnegative(),
    scripts: z.int().nonnegative(),
  }),
});

/**
 * For an article that is one record of a file holding many: a line of a scraper's JSON Lines, an
 * element of its JSON array, a response in a WARC capture. The article's `path` names the record
 * (`seeds/feed.jsonl#3`); this says where in its file it stands.
 */
export const SourceRecord = z.object({
  /** The file that holds it: `seeds/feed.jsonl`. */
  file: z.string().min(1),
  format: z.enum(['jsonl', 'json', 'warc']),
  /** Its place among the file's records, from 1. */
  number: z.int().positive(),
  /** The line it starts on (JSON), or null (a WARC, which is read by bytes). */
  line: z.int().positive().nullable(),
  /** Where its bytes start in the file. */
  offset: z.int().nonnegative(),
  /**
   * What names it in the archive (its id, and so its address): the record's own `id` field, its
   * `url` (or `source`), a WARC record's `WARC-Record-ID`; or, when it gives none, its number, which
   * changes when a record is inserted before it. `value` is what it gave.
   */
  identity: z.object({ by: z.enum(['id', 'url', 'record-id', 'number']), value: z.string().min(1) }),
  /** A WARC response: what the capture says of it; null for other records. */
  warc: z
    .object({
      targetUri: z.string().min(1),
      recordId: z.string().nullable(),
      payloadDigest: z.string().nullable(),
      /** The payload digest, checked against the payload as the file holds it: 'unchecked' for an algorithm the archive does not know. */
      digestCheck: z.enum(['matches', 'differs', 'unchecked', 'none']),
      /** When the page was captured (`WARC-Date`): never its publication date. */
      capturedOn: ArchiveDate.nullable(),
      contentType: z.string().nullable(),
      status: z.int().nullable(),
    })
    .nullable(),
  /** A scraper's record: the site it names (its `hostname` or `sitename`), the fields it held, in its order, and those the archive did not take. */
  site: z.string().nullable(),
  fields: z.array(z.string()),
  unused: z.array(z.string()),
});

export const Source = z.object({
  /** A scraped text file, Markdown, a saved web page (alone or in a WARC), or a scraper's record. */
  kind: z.enum(['seed', 'markdown', 'webpage', 'scraped']),
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
  /** For a saved web page: what it said of itself and what was left out; null for other files. */
  page: WebPage.nullable(),
  /** For one record of a file that holds many; null for a file that is one article. */
  record: SourceRecord.nullable(),
  /** Lines where HTML entities written as text (`caf&#233;`) were shown as their characters. */
  entityLines: z.array(z.int().positive()),
  /** Other input files with exactly this text, built once as this article. */
  copies: z.array(z.string().min(1)),
  /** Articles with the same headline and a body at least 90% alike. */
  nearDuplicates: z.array(z.object({ path: z.string().min(1), similarity: z.number().min(0).max(1) })),
  /** The first artifacts found (at most 20), and how many there are in all. */
  artifacts: z.array(Artifact),
  artifactCount: z.int().nonnegative(),
  dateReferences: z.array(DateReference),
  notes: z.array(SourceNote),
});

export const Paragraph = z.object({
  /** The block's lines as in the file, joined by a space where a line was hard-wrapped. */
  text: Text('paragraph'),
  line: z.int().positive(),
  /** The block's last line: the same as `line` for a paragraph on one line. */
  endLine: z.int().positive(),
});

/** Seeds keep their paragraphs as text (escaped by the templates); Markdown keeps its source. */
export const Body = z.discriminatedUnion('format', [
  z.object({ format: z.literal('paragraphs'), paragraphs: z.array(Paragraph).min(1) }),
  z.object({ format: z.literal('markdown'), markdown: z.string().min(1), line: z.int().positive() }),
]);

/**
 * A picture the article shows, from a file beside the one that names it: an overlay's `image:`
 * (the lead, above the text) or a Markdown image (`![alt](crowd.jpg "caption. Photo: credit")`),
 * standing alone as a block or inline in a paragraph. Its words are kept as written.
 */
export const ArticleImage = z.object({
  /** As written: a path from the file that names it (`crowd.jpg`, `photos/crowd.jpg`). */
  src: z.string().min(1),
  /** The alternative text; empty when none was given (a warning). */
  alt: z.string(),
  caption: z.string().nullable(),
  credit: z.string().nullable(),
  /** The file that names it (the Markdown article, or the seed's overlay), and where. */
  path: z.string().min(1),
  line: z.int().positive(),
  column: z.int().positive(),
  place: z.enum(['lead', 'block', 'inline']),
});

/** Lower-case letters and digits in words joined by single hyphens: safe in any URL and file system. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Names Windows keeps for devices: a folder called `con` cannot be copied to a Windows host. */
export const isDeviceName = (slug: string) => /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(slug);

/** A slug: lower case (so no two differ only in case), short, and never a device name. */
export const Slug = z
  .string()
  .regex(slugPattern, 'slug must be lower-case letters, digits and single hyphens, such as markets-rally')
  .max(100)
  .refine((slug) => !isDeviceName(slug), 'slug must not be a name Windows keeps for a device (con, nul, aux, prn, com1, lpt1...)');

export const Article = z.object({
  /** Stable identity: a seed's path under its folder without extension, e.g. `000_a4d7`. */
  id: z.string().min(1),
  /** URL-safe, unique in the archive, derived from the headline unless the author pins it. */
  slug: Slug,
  headline: Text('headline'),
  date: ArchiveDate.nullable(),
  section: Text('section').nullable(),
  tags: z.array(Text('tag')),
  byline: Text('byline').nullable(),
  /** A wire dateline opening the body, as written: `WASHINGTON, Feb 26`. */
  dateline: Text('dateline').nullable(),
  summary: Text('summary').nullable(),
  sourceUrl: z.url({ protocol: /^https?$/ }).nullable(),
  /** The language the article is written in, where its front matter or its editor says; null where
   * nothing does, and the site's language is taken for it (its pages say so in their source notes). */
  lang: LanguageTag.nullable(),
  body: Body,
  /** Pictures from files beside the article, in the order it shows them (its lead first). */
  images: z.array(ArticleImage),
  /** Facts an editor gave in a sidecar file; every other fact comes from the source. */
  editorial: Editorial.nullable(),
  excerpt: z.string(),
  /** People, organisations and places the text names, most mentioned first. */
  entities: z.array(EntityRef),
  quotations: z.array(Quotation),
  /** Words in the body, for the reading time. */
  words: z.int().nonnegative(),
  /** Front-matter keys the schema does not know, kept as written. */
  // Checked, not rebuilt: zod's record would copy it by assignment, and a key named `__proto__`
  // would then set the copy's prototype instead of staying a key.
  extra: z.custom<Record<string, unknown>>((value) => value !== null && typeof value === 'object' && !Array.isArray(value), 'extra must be a mapping'),
  source: Source,
});

/** A standalone page written in Markdown (`kind: page`), such as the about page. */
export const Page = z.object({
  id: z.string().min(1),
  slug: Slug,
  title: Text('title'),
  markdown: z.string(),
  path: z.string().min(1),
  /** For its meta description: its front matter's summary, else the opening of its first paragraph, as plain text (empty when it has none). */
  description: z.string(),
  /** The pictures its body shows from beside it, in their order. */
  images: z.array(ArticleImage.extend({ place: z.enum(['block', 'inline']) })),
});

export type ArchiveDate = z.infer<typeof ArchiveDate>;
export type Leftover = z.infer<typeof Leftover>;
export type Artifact = z.infer<typeof Artifact>;
export type DateReference = z.infer<typeof DateReference>;
export type Editorial = z.infer<typeof Editorial>;
export type EntityRef = z.infer<typeof EntityRef>;
export type Quotation = z.infer<typeof Quotation>;
export type SourceNote = z.infer<typeof SourceNote>;
export type LineEndings = z.infer<typeof LineEndings>;
export type WebPage = z.infer<typeof WebPage>;
export type Source = z.infer<typeof Source>;
export type SourceRecord = z.infer<typeof SourceRecord>;
export type Paragraph = z.infer<typeof Paragraph>;
export type Body = z.infer<typeof Body>;
export type ArticleImage = z.infer<typeof ArticleImage>;
export type Article = z.infer<typeof Article>;
export type Page = z.infer<typeof Page>;
