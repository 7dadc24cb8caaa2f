import { VFile } from 'vfile';
import { z } from 'zod';
import type { ArticleDraft } from '../model/draft.ts';
import { ScraperRecord, takenFields } from '../model/scraper-record.ts';
import { info, reject, warn, type Place } from './diagnostics.ts';
import { oneLine } from './json-records.ts';
import { noRecurringLines } from './recurring.ts';
import { parseSeed, type SeedContext } from './seed.ts';

const webAddress = z.url({ protocol: /^https?$/ });

/** A date-time without its offset names a day but not the moment: the day is what the record says. */
const dayOf = (value: unknown) => (typeof value === 'string' ? (/^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim())?.[1] ?? value) : value);

/**
 * The record's fields by the schema: a field it cannot take (a date that is not a date) is left out
 * with a warning and the rest are taken; only a record without text is rejected.
 */
function checkedFields(file: VFile, fields: Record<string, unknown>, at: Place): ScraperRecord | null {
  const given: Record<string, unknown> = { ...fields, date: dayOf(fields.date) };
  for (let tries = 0; tries < 20; tries++) {
    const checked = ScraperRecord.safeParse(given);
    if (checked.success) return checked.data;
    const issue = checked.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    if (field === 'text' || field === '') {
      reject(file, `Record ${file.data.raw!.record!.number} has no article: ${issue.message}`, 'record-schema', at);
      return null;
    }
    warn(file, `Field ${field} left out: ${issue.message}`, 'record-field', at);
    delete given[field];
  }
  reject(file, 'Record has too many fields the archive cannot read', 'record-schema', at);
  return null;
}

/**
 * One record of a scraper's output (a line of JSON Lines, an element of a JSON array): its `text`
 * is the body, split into paragraphs as a seed's lines are and with the same leftover rules, under
 * its `title`; its other fields are the source's own facts. Every message names the record's line
 * in its file. Returns null (with a fatal message) when the record cannot be an article.
 */
export function parseScraped(file: VFile, id: string, context: SeedContext = { recurring: noRecurringLines }): ArticleDraft | null {
  const raw = file.data.raw!;
  const record = raw.record!;
  const at = { line: record.line ?? 1 };
  let value: unknown;
  try {
    value = JSON.parse(String(file.value));
  } catch (error) {
    reject(file, `Record ${record.number} is not valid JSON: ${oneLine((error as Error).message)}`, 'record-json', at);
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    reject(file, `Record ${record.number} is not a JSON object with the article’s fields (title, text, date...)`, 'record-json', at);
    return null;
  }
  const fields = Object.keys(value);
  const parsed = checkedFields(file, value as Record<string, unknown>, at);
  if (!parsed) return null;

  // The text, read as a seed's lines: a scraper that writes no blank line writes a paragraph a line.
  const text = new VFile({ path: file.path, value: parsed.text });
  text.data.raw = raw;
  const title = parsed.title?.trim();
  const draft = parseSeed(text, id, { ...context, ...(title ? { headline: title } : {}), linePerParagraph: !/\n[ \t]*\r?\n/.test(parsed.text) });
  // What the text's reading said is said of the record, at its line: the text is one JSON string.
  for (const message of text.messages) {
    const reason = message.fatal === true && /^(?:Empty file|File holds only whitespace)/.test(message.reason) ? `Record ${record.number} has no article: its text is blank` : message.reason;
    const say = message.fatal === true ? reject : message.fatal === false ? warn : info;
    say(file, reason, message.ruleId ?? 'record', at);
  }
  if (!draft) return null;
  if (!title) warn(file, 'Record has no title: the first line of its text is taken as the headline', 'record-no-title', at);

  const address = parsed.url ?? parsed.source;
  const sourceUrl = address === undefined ? null : webAddress.safeParse(address.trim()).success ? address.trim() : null;
  if (address !== undefined && sourceUrl === null) warn(file, `Field ${parsed.url !== undefined ? 'url' : 'source'} left out: "${address}" is not an http or https address`, 'record-field', at);
  const [section, ...moreCategories] = parsed.categories ?? [];
  return {
    ...draft,
    date: parsed.date ?? null,
    section: section ?? draft.section,
    tags: [...new Set([...(parsed.tags ?? []), ...moreCategories])],
    byline: parsed.author?.trim() || draft.byline,
    summary: parsed.excerpt?.trim() || parsed.description?.trim() || null,
    sourceUrl,
    lang: parsed.language ?? null,
    source: {
      ...draft.source,
      kind: 'scraped',
      record: {
        ...record,
        site: (parsed.hostname ?? parsed.sitename ?? parsed['source-hostname'])?.trim() || null,
        fields,
        unused: fields.filter((field) => !takenFields.has(field)),
      },
    },
    places: {},
  };
}

/** A scraper record's text, as its page shows it: the field the body was read from. */
export function scrapedText(json: string): string {
  try {
    const value = JSON.parse(json) as { text?: unknown } | null;
    return typeof value?.text === 'string' ? value.text : '';
  } catch {
    return '';
  }
}
