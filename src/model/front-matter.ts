import { z } from 'zod';
import { ArchiveDate } from './article.ts';

/**
 * YAML turns `date: 2024-05-01` into a Date at UTC midnight; give it back as the calendar date
 * the author wrote, and a date-time as ISO 8601. Strings pass through to be checked.
 */
function dateFromYaml(value: unknown): unknown {
  if (!(value instanceof Date)) return value;
  if (Number.isNaN(value.getTime())) return 'invalid date';
  const iso = value.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

const optionalText = z.string().trim().min(1).optional();

/** What an author may write in the front matter of a Markdown article or page. */
export const FrontMatter = z.object({
  kind: z.enum(['article', 'page']).default('article'),
  title: z.string({ error: 'title is required (a non-empty string)' }).trim().min(1, 'title is empty'),
  date: z
    .preprocess(dateFromYaml, z.union(ArchiveDate.options, {
      error: 'date must be a calendar date like 2024-05-01 or an ISO 8601 date-time like 2024-05-01T09:30:00Z',
    }))
    .optional(),
  section: optionalText,
  tags: z
    .union([z.array(z.string().trim().min(1)), z.string()])
    .transform((tags) => (typeof tags === 'string' ? tags.split(',') : tags).map((tag) => tag.trim()).filter(Boolean))
    .optional(),
  summary: optionalText,
  byline: optionalText,
  source_url: z.url({ error: 'source_url must be an absolute URL' }).optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lower-case letters, digits and single hyphens')
    .max(100)
    .optional(),
});

export type FrontMatter = z.infer<typeof FrontMatter>;

export const knownFrontMatterKeys: ReadonlySet<string> = new Set(Object.keys(FrontMatter.shape));
