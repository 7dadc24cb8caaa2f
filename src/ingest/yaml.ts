import yaml from 'js-yaml';
import type { z } from 'zod';
import type { FieldPlaces } from '../model/draft.ts';

/**
 * YAML's core schema has no timestamps, so `date: 2024-02-30` stays the text the author wrote and
 * is checked as such, never silently turned into 1 March.
 */
export const loadYaml = (source: string): unknown => yaml.load(source, { schema: yaml.CORE_SCHEMA });

/** A YAML syntax error as a message and a 1-based place. */
export function yamlError(error: unknown): { reason: string; place: { line: number; column?: number } } {
  const mark = (error as { mark?: { line: number; column: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? (error as Error).message;
  return { reason, place: mark ? { line: mark.line + 1, column: mark.column + 1 } : { line: 1 } };
}

/** Lines of each top-level key among `lines[from..to)`, so errors can name where it was written. */
export function keyPlaces(lines: readonly string[], from: number, to: number): FieldPlaces {
  const places: FieldPlaces = {};
  for (let index = from; index < to; index++) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[index] ?? '')?.[1];
    if (key && !places[key]) places[key] = { line: index + 1 };
  }
  return places;
}

/** The first schema issue, named by its key and placed on the line that key was written on. */
export function firstIssue(error: z.ZodError, places: FieldPlaces, what: string) {
  const issue = error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const place = places[key] ?? { line: 1 };
  return { message: key ? `Invalid ${what} "${key}": ${issue?.message}` : `Invalid ${what}: ${issue?.message}`, place };
}

/** More values than any real front matter holds: a file past it is refused, not expanded. */
export const maxYamlValues = 10_000;

/**
 * Whether a YAML value, with every alias expanded, holds more than `limit` values. js-yaml
 * shares aliased nodes, so a "billion laughs" file loads in a moment; anything that later walks
 * it (a template engine, a JSON dump) would not. Counting stops as soon as the limit is passed.
 */
export function expandsBeyond(value: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (++count > limit) return true;
    if (next !== null && typeof next === 'object') for (const child of Object.values(next as object)) stack.push(child);
  }
  return false;
}
