import type { SourceRecord } from '../model/article.ts';
import { isUtf8 } from 'node:buffer';
import { decode, hasUtf16Bom, hasUtf8Bom } from './decode.ts';
import type { InputFile } from './discover.ts';
import { namedRecords, type FoundRecord, type Held } from './held.ts';

// A scraper's output: JSON Lines (a record a line) or a JSON array, split into its records.

/** What a parsed scraper record names itself by: its own `id`, else its `url` (or `source`); null when neither. */
function ownIdentity(value: unknown): SourceRecord['identity'] | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { id, url, source } = value as Record<string, unknown>;
  if ((typeof id === 'string' && id.trim()) || (typeof id === 'number' && Number.isFinite(id))) return { by: 'id', value: String(id).trim() };
  for (const address of [url, source]) if (typeof address === 'string' && address.trim()) return { by: 'url', value: address.trim() };
  return null;
}

const scraperRecord = (container: InputFile, format: 'jsonl' | 'json', number: number, line: number, offset: number, value: unknown): SourceRecord => ({
  file: container.displayPath,
  format,
  number,
  line,
  offset,
  identity: ownIdentity(value) ?? { by: 'number', value: String(number) },
  warc: null,
  site: null,
  fields: [],
  unused: [],
});

/**
 * JSON Lines: every line that is not blank is one record, whatever it holds (a line that is not
 * JSON is a record that is rejected, naming its line). Split on the bytes, so each record keeps its
 * own bytes, whatever the file's encoding.
 */
export function jsonLines(container: InputFile, bytes: Uint8Array): Held {
  if (hasUtf16Bom(bytes)) return { records: [], others: {}, refusal: { reason: utf16Refusal }, stopped: null };
  const records: FoundRecord[] = [];
  const utf8 = new TextDecoder();
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    let last = end;
    if (last > start && bytes[last - 1] === 0x0d) last--;
    const from = start === 0 && hasUtf8Bom(bytes) ? 3 : start;
    const slice = bytes.subarray(from, last);
    if (slice.some((byte) => byte !== 0x20 && byte !== 0x09)) {
      const record = scraperRecord(container, 'jsonl', records.length + 1, line, from, parsedOrNull(utf8.decode(slice)));
      records.push({ kind: 'scraped', record, bytes: slice });
    }
    start = end + 1;
  }
  return { records: namedRecords(container, records), others: {}, refusal: records.length ? null : { reason: 'No records: the file holds no line of JSON' }, stopped: null };
}

/** A record's value, for what it names itself by; null when it is not JSON (it is rejected later, with the parser's reason). */
function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Where each element of a JSON array begins and ends in its text, found without reading the values,
 * so that a file that is not valid JSON as a whole still gives each record it holds: after a
 * closing bracket with no opening one (two arrays one after the other, as a scraper appending runs
 * writes), the scan goes on; an element ends where its brackets close, comma or not; and a string
 * still open at the end of its line (JSON strings hold no line break) ends there, so one broken
 * record does not swallow the records after it.
 */
function elementSpans(text: string, open: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  let inArray = true;
  const close = (end: number) => {
    if (start !== -1) spans.push({ start, end });
    start = -1;
  };
  for (let at = open + 1; at < text.length; at++) {
    const char = text[at]!;
    if (char === '"') {
      if (start === -1) start = at;
      for (at++; at < text.length && text[at] !== '"' && text[at] !== '\n'; at++) if (text[at] === '\\') at++;
      if (text[at] === '\n') {
        close(at);
        depth = 0;
      }
    } else if (char === '{' || char === '[') {
      // Between arrays (after one closed), an opening bracket opens the next array, not a record.
      if (char === '[' && !inArray && depth === 0 && start === -1) {
        inArray = true;
        continue;
      }
      if (start === -1) start = at;
      depth++;
    } else if (char === '}' || char === ']') {
      if (depth > 0 && --depth === 0) close(at + 1);
      else if (depth === 0) {
        close(at);
        if (char === ']') inArray = false;
      }
    } else if (char === ',' && depth === 0) close(at);
    else if (start === -1 && !/\s/.test(char)) start = at;
  }
  // An array the file cuts short: its last record runs to the end.
  close(text.length);
  return spans.map(({ start, end }) => ({ start, end: start + text.slice(start, end).trimEnd().length }));
}

/** A parser's message on one line: its excerpt of the text may hold line breaks. */
export const oneLine = (message: string) => message.replace(/\s+/g, ' ').replace(/ (?:in|after) JSON at position \d+.*$/, '');

const utf16Refusal = 'The file is UTF-16 (its byte-order mark says so), and a scraper’s JSON is UTF-8: its records cannot be cut from it byte by byte. Save it as UTF-8 and build again';

/**
 * Where offsets of a file's text, asked in order, are in its bytes, for text as `decode` reads a
 * file that is not UTF-16: each line UTF-8, or one byte a character (Windows-1252, Latin-1), the
 * line's bytes say which.
 */
function byteCursor(bytes: Uint8Array, text: string): (offset: number) => number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let textAt = 0;
  let byteAt = hasUtf8Bom(bytes) ? 3 : 0;
  let lineUtf8: boolean | null = null;
  return (offset) => {
    for (let newline = text.indexOf('\n', textAt); newline !== -1 && newline < offset; newline = text.indexOf('\n', textAt)) {
      byteAt = buffer.indexOf(0x0a, byteAt) + 1;
      textAt = newline + 1;
      lineUtf8 = null;
    }
    if (lineUtf8 === null) {
      const end = buffer.indexOf(0x0a, byteAt);
      lineUtf8 = isUtf8(buffer.subarray(byteAt, end === -1 ? buffer.length : end));
    }
    const piece = text.slice(textAt, offset);
    byteAt += lineUtf8 ? Buffer.byteLength(piece, 'utf8') : piece.length;
    textAt = offset;
    return byteAt;
  };
}

/** Line and column of an offset in a text, from 1. */
function placeOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A JSON file: an array of records, or one record (an object, as a scraper writes for one page).
 * A file that is not JSON is rejected whole, at the place the parser stopped.
 */
export function jsonArray(container: InputFile, bytes: Uint8Array): Held {
  if (hasUtf16Bom(bytes)) return { records: [], others: {}, refusal: { reason: utf16Refusal }, stopped: null };
  const { text } = decode(bytes);
  let parsed: unknown;
  let broken: string | null = null;
  let position: string | undefined;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    position = /position (\d+)/.exec((error as Error).message)?.[1];
    broken = oneLine((error as Error).message);
  }
  const opening = text.search(/\S/);
  if (broken !== null && text[opening] !== '[') {
    const place = position === undefined ? {} : placeOf(text, Number(position));
    return { records: [], others: {}, refusal: { reason: `Not valid JSON, nor an array of records: ${broken}`, ...place }, stopped: null };
  }
  const held = (spans: { start: number; end: number }[], values?: readonly unknown[]) => {
    // Lines and byte offsets counted as the spans go, in order: each record costs its own length.
    const byteAt = byteCursor(bytes, text);
    let line = 1;
    let at = 0;
    const records = spans.map(({ start, end }, index) => {
      const gap = text.slice(at, start);
      for (let newline = gap.indexOf('\n'); newline !== -1; newline = gap.indexOf('\n', newline + 1)) line++;
      const inside = text.slice(start, end);
      const offset = byteAt(start);
      // The record's own bytes, as the file holds them, in its encoding.
      const own = bytes.subarray(offset, byteAt(end));
      const record = scraperRecord(container, 'json', index + 1, line, offset, values?.length === spans.length ? values[index] : parsedOrNull(inside));
      for (let newline = inside.indexOf('\n'); newline !== -1; newline = inside.indexOf('\n', newline + 1)) line++;
      at = end;
      return { kind: 'scraped', record, bytes: own } satisfies FoundRecord;
    });
    return { records: namedRecords(container, records), others: {}, refusal: null, stopped: null };
  };
  // An array with a broken record in it: read record by record, so only the broken one is lost.
  if (broken !== null) return { ...held(elementSpans(text, opening)), problem: `The file is not valid JSON as a whole: its records were read one by one (${broken})` };
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return { records: [], others: {}, refusal: { reason: 'No records: the file is an empty JSON array' }, stopped: null };
    return held(elementSpans(text, text.indexOf('[')), parsed);
  }
  if (parsed !== null && typeof parsed === 'object') {
    const start = text.indexOf('{');
    return held([{ start, end: text.lastIndexOf('}') + 1 }], [parsed]);
  }
  return { records: [], others: {}, refusal: { reason: 'Not a scraper’s output: the JSON is neither an array of records nor one record (an object)' }, stopped: null };
}

