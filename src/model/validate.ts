import type { z } from 'zod';
import { Article, Page } from './article.ts';
import type { FieldPlaces } from './draft.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string; place: { line: number; column?: number } };

function check<T>(schema: z.ZodType<T>, candidate: unknown, places: FieldPlaces, what: string): Checked<T> {
  const result = schema.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const place = places[String(issue?.path[0] ?? '')] ?? { line: 1 };
  return { ok: false, message: `Not a valid ${what}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`, place };
}

/** The one gate every article passes, whichever kind of file it came from. */
export const checkArticle = (candidate: unknown, places: FieldPlaces = {}) => check(Article, candidate, places, 'article');
export const checkPage = (candidate: unknown, places: FieldPlaces = {}) => check(Page, candidate, places, 'page');
