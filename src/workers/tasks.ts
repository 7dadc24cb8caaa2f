import { articleFindings, textFlags } from '../enrich/findings.ts';
import { readWebPage } from '../ingest/webpage.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { stemmerFor } from '../search/stemmers.ts';
import { termsOf } from '../search/terms.ts';

/**
 * The costly steps that depend on one input alone, by name: what `openPool` may run on a second
 * core. Each is a pure function, so it gives the same result on either thread.
 */
export const tasks = {
  /** A Markdown body, rendered. */
  markdown: renderMarkdown,
  /** The names, quotations and word count of an article's text. */
  findings: articleFindings,
  /** A saved web page's article (Readability over linkedom) and facts. */
  webpage: readWebPage,
  /** A seed's likely artifacts and unplaced dates. */
  flags: textFlags,
  /** An article's words and stems, for the search index. */
  terms: (text: { headline: string; paragraphs: readonly string[]; lang: string }) => termsOf(text.headline, text.paragraphs, text.lang, stemmerFor(text.lang)),
};

export type TaskName = keyof typeof tasks;
export type TaskInput<Name extends TaskName> = Parameters<(typeof tasks)[Name]>[0];
export type TaskOutput<Name extends TaskName> = ReturnType<(typeof tasks)[Name]>;

/** What became of one input: the step's result, or why the step failed on it. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; tooDeep: boolean };

export function runTask<Name extends TaskName>(name: Name, input: TaskInput<Name>): Outcome<TaskOutput<Name>> {
  try {
    return { ok: true, value: (tasks[name] as (input: TaskInput<Name>) => TaskOutput<Name>)(input) };
  } catch (error) {
    return { ok: false, message: (error as Error).message, tooDeep: error instanceof RangeError };
  }
}
