import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.ts';

// What the command line needs to know of templates before it loads Eleventy, which is slow to load.

/** The templates news-archive ships; `--templates` points a build at a copy of your own. */
export const defaultTemplatesDir = path.join(packageRoot, 'templates') + path.sep;

/** The templates a site is made from; a templates folder without them would publish no pages. */
const requiredTemplates = ['index.njk', 'article.njk', 'original.njk', 'sources.njk', 'page.njk', 'list.njk', 'directory.njk', 'search.njk', '404.njk', 'feed.xml.njk', '_includes/base.njk'];

/** The names of the required templates missing from `dir`. */
export const missingTemplates = (dir: string) => requiredTemplates.filter((name) => !existsSync(path.join(dir, name)));

/** An error's messages and its causes', outermost first (Eleventy and Nunjucks wrap theirs). */
export function messagesOf(cause: unknown): string[] {
  const messages: string[] = [];
  for (let error = cause as { message?: string; originalError?: unknown; cause?: unknown } | undefined; error; ) {
    if (error.message && !messages.includes(error.message)) messages.push(error.message.trim());
    error = (error.originalError ?? error.cause) as typeof error;
  }
  return messages;
}

/** A template in templates/ failed to render: its messages, outermost first, without the stack. */
export class TemplateError extends Error {
  constructor(cause: unknown) {
    const messages = messagesOf(cause);
    const text = messages.map((message) => message.replace(/\s+/g, ' ')).filter((message, index, all) => !all.some((other, at) => at !== index && other.includes(message)));
    super(`A template failed to render: ${text.join(': ')}`);
  }
}
