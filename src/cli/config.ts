import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config-schema.ts';
import { UsageError } from './errors.ts';

/** What a project without a config file gets; the schema gives the same for each key a file leaves out. */
export const configDefaults = {
  title: 'News archive',
  lang: 'en',
  seeds: 'seeds',
  content: 'content',
  out: 'site',
  perPage: 20,
  maxBytes: 5 * 1024 * 1024,
  search: true,
  searchEngine: 'own' as 'pagefind' | 'own',
  entityRules: 'entities.yml',
};

export const configFileName = 'news-archive.config.json';

export type { Config };

export async function loadConfig(cwd = process.cwd()): Promise<Config> {
  const file = path.join(cwd, configFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // zod is loaded only for a file to check: a build with nothing to do should take no time.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...configDefaults };
    throw new UsageError(`${configFileName}: could not be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${configFileName}: not valid JSON: ${(error as Error).message}`);
  }
  const { Config } = await import('./config-schema.ts');
  const result = Config.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${configFileName}: ${issue?.path.join('.') || 'config'}: ${issue?.message}`);
  }
  return result.data;
}
