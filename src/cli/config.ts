import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from './errors.ts';

/** `news-archive.config.json` in the working directory: every key optional, flags win. */
export const Config = z.strictObject({
  title: z.string().trim().min(1).default('News archive'),
  lang: z.string().regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'lang must be a language tag such as en or en-GB').default('en'),
  seeds: z.string().min(1).default('seeds'),
  content: z.string().min(1).default('content'),
  out: z.string().min(1).default('site'),
  templates: z.string().min(1).optional(),
  perPage: z.int().min(1).max(500).default(20),
  maxBytes: z.int().positive().default(5 * 1024 * 1024),
  /** Where the site will be published, e.g. https://example.org/news/: feeds and the sitemap need it. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http or https address such as https://example.org/news/' }).optional(),
  /** Whether the site has a search page and index; `false` (or `--no-search`) leaves both out. */
  search: z.boolean().default(true),
  /** A YAML file of entity aliases and hidden names. */
  entityRules: z.string().min(1).default('entities.yml'),
});

export type Config = z.infer<typeof Config>;

export const configFileName = 'news-archive.config.json';

export async function loadConfig(cwd = process.cwd()): Promise<Config> {
  const file = path.join(cwd, configFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Config.parse({});
    throw new UsageError(`${configFileName}: could not be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${configFileName}: not valid JSON: ${(error as Error).message}`);
  }
  const result = Config.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${configFileName}: ${issue?.path.join('.') || 'config'}: ${issue?.message}`);
  }
  return result.data;
}
