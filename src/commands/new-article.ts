import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { slugFrom } from '../enrich/slugs.ts';
import { UsageError } from '../cli/errors.ts';
import { FrontMatter } from '../model/front-matter.ts';

export interface NewArticle {
  headline: string;
  contentDir: string;
  /** `YYYY-MM-DD`; the day the author starts writing, in their own time zone, unless given. */
  date: string;
  section?: string;
  cwd?: string;
}

/** Today's calendar date where the author is, not in UTC. */
export function localDate(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Start a Markdown article in the content folder: front matter that passes the same schema as
 * every article, and a line of body to replace. Never overwrites a file.
 */
export async function newArticle(options: NewArticle): Promise<string> {
  const front = { title: options.headline.trim(), date: options.date, ...(options.section ? { section: options.section } : {}), tags: [] as string[] };
  const checked = FrontMatter.safeParse(front);
  if (!checked.success) throw new UsageError(checked.error.issues[0]?.message ?? 'invalid article');
  const name = slugFrom(front.title) || 'article';
  const file = path.join(options.contentDir, `${name}.md`);
  const text = `---\n${yaml.dump(front, { lineWidth: -1 })}---\n\nWrite the article here, in Markdown. A blank line starts a new paragraph.\n`;
  await mkdir(path.resolve(options.cwd ?? '.', options.contentDir), { recursive: true });
  try {
    await writeFile(path.resolve(options.cwd ?? '.', file), text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} already exists: edit it, or choose another headline`);
    throw error;
  }
  return file.split(path.sep).join('/');
}
