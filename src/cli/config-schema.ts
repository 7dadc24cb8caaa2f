import { z } from 'zod';
import { configDefaults } from './config.ts';

/** `news-archive.config.json` in the working directory: every key optional, flags win. */
export const Config = z.strictObject({
  title: z.string().trim().min(1).default(configDefaults.title),
  lang: z.string().regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'lang must be a language tag such as en or en-GB').default(configDefaults.lang),
  seeds: z.string().min(1).default(configDefaults.seeds),
  content: z.string().min(1).default(configDefaults.content),
  out: z.string().min(1).default(configDefaults.out),
  templates: z.string().min(1).optional(),
  perPage: z.int().min(1).max(500).default(configDefaults.perPage),
  maxBytes: z.int().positive().default(configDefaults.maxBytes),
  /** Where the site will be published, e.g. https://example.org/news/: feeds and the sitemap need it. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http or https address such as https://example.org/news/' }).optional(),
  /** Whether the site has a search page and index; `false` (or `--no-search`) leaves both out. */
  search: z.boolean().default(configDefaults.search),
  /** Which search index the site has: the one news-archive makes and updates itself (`own`, the default), or Pagefind's (`pagefind`). */
  searchEngine: z.enum(['pagefind', 'own']).default(configDefaults.searchEngine),
  /** A YAML file of entity aliases and hidden names. */
  entityRules: z.string().min(1).default(configDefaults.entityRules),
});

export type Config = z.infer<typeof Config>;

