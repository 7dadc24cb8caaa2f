import { z } from 'zod';
import { ArchiveDate, LanguageTag } from './article.ts';

/** Scrapers write `null` or `""` for a field they did not find: either means the field is not there. */
const absent = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);

const text = (what: string) => z.preprocess(absent, z.string({ error: `${what} must be text` }).optional());

/** A list, or text with the list's items joined by semicolons or commas (trafilatura joins with `;`). */
const list = (what: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(value.includes(';') ? ';' : ',') : absent(value)),
    z
      .array(z.string({ error: `each of ${what} must be text` }), { error: `${what} must be a list, or text separated by semicolons` })
      .transform((items) => [...new Set(items.map((item) => item.trim()).filter(Boolean))])
      .optional(),
  );

/**
 * One article as a scraper writes it: the field names of trafilatura's JSON output (`title`, `text`,
 * `date`, `author`, `source` or `url`, `hostname`, `categories`, `tags`, `language`, `excerpt`), which
 * newspaper-style scrapers share. Only `text` is required; a field the schema does not know is kept
 * as written, never shown.
 */
export const ScraperRecord = z.looseObject({
  title: text('title'),
  text: z.preprocess(absent, z.string({ error: (issue) => (issue.input === undefined ? 'text is required: the article’s text, as the scraper extracted it' : 'text must be text') })),
  date: z.preprocess(absent, z.union(ArchiveDate.options, { error: 'date must be a calendar date like 2024-05-01, or an ISO 8601 date-time with its offset' }).optional()),
  author: text('author'),
  url: text('url'),
  source: text('source'),
  hostname: text('hostname'),
  sitename: text('sitename'),
  'source-hostname': text('source-hostname'),
  excerpt: text('excerpt'),
  description: text('description'),
  categories: list('categories'),
  tags: list('tags'),
  language: z.preprocess(absent, z.string({ error: 'language must be a language tag such as en or fr' }).pipe(LanguageTag).optional()),
});

export type ScraperRecord = z.infer<typeof ScraperRecord>;

/** The fields the archive takes from a record: every other one is kept as written and listed as unused. */
export const takenFields: ReadonlySet<string> = new Set(Object.keys(ScraperRecord.shape));
