import { VFile } from 'vfile';
import { sha256 } from '../util/hash.ts';
import { reject, warn } from './diagnostics.ts';
import type { InputFile } from './discover.ts';
import { recordFormat, type Held, type HeldRecord } from './held.ts';
import { jsonArray, jsonLines } from './json-records.ts';
import { fileFromBytes, readBytes } from './read.ts';
import { warcRecords } from './warc.ts';

/** A file of records may be larger than an article's file: each record keeps to `--max-bytes`. */
export const maxRecordsFileBytes = 1024 ** 3;

/** One record as an input, its bytes read: a VFile like any file's, or refused (over the size limit, empty, or a reason its file's reader gave). */
function recordFile(record: HeldRecord, maxBytes: number): VFile {
  const { number, line } = record.input.record;
  const refusal =
    record.bytes.length > maxBytes
      ? { reason: `Record ${number} is ${record.bytes.length} bytes, over the ${maxBytes}-byte limit (raise it with --max-bytes)`, rule: 'too-large' }
      : record.bytes.length === 0
        ? { reason: `Record ${number} is empty: no headline and no body`, rule: 'empty' }
        : record.input.refusal
          ? { reason: `Record ${number}: ${record.input.refusal}`, rule: 'not-read' }
          : null;
  if (!refusal) return fileFromBytes(record.input, record.bytes);
  const file = new VFile({ path: record.input.record.file });
  file.data.raw = { kind: record.input.kind, absolutePath: record.input.absolutePath, sha256: sha256(record.bytes), size: record.bytes.length, encoding: 'unread', encodingGuessed: false, lineEndings: 'none', record: record.input.record };
  reject(file, refusal.reason, refusal.rule, line ? { line } : undefined);
  return file;
}

/**
 * A file of records, read and split: its own VFile (rejected when it holds no record it can give),
 * what it holds, and each record as an input with its VFile, in the file's order.
 */
export async function readRecords(input: InputFile, maxBytes: number): Promise<{ file: VFile; held: Held; records: { input: HeldRecord['input']; file: VFile; bytes: Uint8Array }[] }> {
  const file = new VFile({ path: input.displayPath });
  const none: Held = { records: [], others: {}, refusal: null, stopped: null };
  const bytes = readBytes(input, file, maxRecordsFileBytes);
  const format = recordFormat(input.displayPath);
  if (!bytes || !format) return { file, held: none, records: [] };
  file.data.raw = { kind: input.kind, absolutePath: input.absolutePath, sha256: sha256(bytes), size: bytes.length, encoding: format === 'warc' ? 'WARC' : 'JSON', encodingGuessed: false, lineEndings: 'none', record: null };
  const held = format === 'jsonl' ? jsonLines(input, bytes) : format === 'json' ? jsonArray(input, bytes) : await warcRecords(input, bytes);
  if (held.refusal) {
    const { reason, line, column } = held.refusal;
    reject(file, reason, 'no-records', line ? { line, column } : undefined);
  }
  if (held.problem) warn(file, held.problem, 'records-problem');
  if (held.stopped) warn(file, `Reading stopped at byte ${held.stopped.offset.toLocaleString('en')}: ${held.stopped.reason}; ${held.records.length === 1 ? 'the record' : `the ${held.records.length.toLocaleString('en')} records`} before it ${held.records.length === 1 ? 'is' : 'are'} kept`, 'records-cut-short');
  return { file, held, records: held.records.map((record) => ({ input: record.input, file: recordFile(record, maxBytes), bytes: record.bytes })) };
}
