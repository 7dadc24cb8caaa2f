import { z } from 'zod';
import { ArchiveDate, LanguageTag, Slug } from './article.ts';

/** YAML reads `title: 1984` as a number and `summary:` as null; an author means text, or nothing. */
function textFromYaml(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  return value;
}

const text = (what: string) =>
  z.preprocess(textFromYaml, z.string({ error: `${what} must be text` }).trim().optional());

const dateMessage =
  'date must be a real calendar date like 2024-05-01, or an ISO 8601 date-time with its offset like 2024-05-01T09:30:00Z or 2024-05-01T09:30:00-05:00';

/** The facts an author writes in front matter and an editor in a seed's sidecar file. */
const facts = {
  // Front matter is read without YAML timestamps, so the date arrives exactly as written.
  date: z.preprocess(textFromYaml, z.union(ArchiveDate.options, { error: dateMessage }).optional()),
  section: text('section'),
  tags: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',') : value === null ? undefined : value),
    z
      .array(z.preprocess(textFromYaml, z.string({ error: 'each tag must be text' })), { error: 'tags must be a list, or text separated by commas' })
      .transform((tags) => [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))])
      .optional(),
  ),
  summary: text('summary'),
  byline: text('byline'),
  // Only web addresses: a javascript: or data: URL would run in the reader's browser when clicked.
  source_url: z.preprocess(
    textFromYaml,
    z.url({ protocol: /^https?$/, error: 'source_url must be an http or https address such as https://example.com/story' }).optional(),
  ),
  slug: z.preprocess(textFromYaml, Slug.optional()),
  /** The language the article is written in: its pages mark its text with it, and search stems its words in it. */
  lang: z.preprocess(textFromYaml, z.string({ error: 'lang must be a language tag such as en, fr or pt-BR' }).pipe(LanguageTag).optional()),
};

/** What an author may write in the front matter of a Markdown article or page. */
export const FrontMatter = z.object({
  kind: z.enum(['article', 'page'], { error: 'kind must be article or page' }).default('article'),
  title: z.preprocess(
    textFromYaml,
    z.string({ error: (issue) => (issue.input === undefined ? 'title is required: the headline, as text' : 'title must be text') }).trim().min(1),
  ),
  ...facts,
});

/**
 * What an editor may say about a seed in `seeds/<stem>.yml`, beside it: the facts the scraped
 * text does not give, a correction and an editor's note. Never the headline or the body, which
 * stay as the source has them.
 */
export const Overlay = z.object({
  ...facts,
  dateline: text('dateline'),
  correction: text('correction'),
  editor_note: text('editor_note'),
  /** One picture from beside the seed, shown above its text: `image: {src: crowd.jpg, alt: ..., caption: ..., credit: ...}`. */
  image: z
    .strictObject(
      {
        src: z.preprocess(textFromYaml, z.string({ error: 'image.src must be the name of a picture file beside the seed, such as crowd.jpg' }).trim().min(1)),
        alt: text('image.alt'),
        caption: text('image.caption'),
        credit: text('image.credit'),
      },
      { error: 'image must be keys with values: src, alt, caption and credit' },
    )
    .optional(),
});

export type Overlay = z.infer<typeof Overlay>;
export const knownOverlayKeys: ReadonlySet<string> = new Set(Object.keys(Overlay.shape));

export type FrontMatter = z.infer<typeof FrontMatter>;

export const knownFrontMatterKeys: ReadonlySet<string> = new Set(Object.keys(FrontMatter.shape));
