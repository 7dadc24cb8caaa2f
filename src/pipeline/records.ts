import type { VFile } from 'vfile';
import type { InputFile } from '../ingest/discover.ts';
import type { Held } from '../ingest/held.ts';
import { readRecords } from '../ingest/records.ts';
import type { Memo } from '../store/memo.ts';

/** The step under which a record's own bytes are kept, by their SHA-256: its page and its download are made from them. */
export const recordBytesStep = 'record-bytes';

/** What a file of records held, for the ledger: how many records, what else, and where reading stopped. */
export type HeldSummary = { records: number; others: Held['others']; stopped: Held['stopped'] };

export interface Expanded {
  /** The inputs, each file of records followed by its records, each an input of its own. */
  found: InputFile[];
  /** The files of records and their records, read already, by their place in `found`. */
  files: Map<number, VFile>;
  held: Map<string, HeldSummary>;
}

/**
 * Files of records (a scraper's JSON Lines or JSON, WARC captures) read and split, so that each
 * record becomes an article or a rejection as a file does: the inputs in are the articles and
 * rejections out, record by record. Each record's bytes are kept in the store, for its pages.
 */
export async function expandRecords(found: readonly InputFile[], maxBytes: number, memo: Memo): Promise<Expanded> {
  const expanded: Expanded = { found: [], files: new Map(), held: new Map() };
  for (const input of found) {
    if (input.kind !== 'records') {
      expanded.found.push(input);
      continue;
    }
    const read = await readRecords(input, maxBytes);
    expanded.files.set(expanded.found.length, read.file);
    expanded.found.push(input);
    expanded.held.set(input.displayPath, { records: read.records.length, others: read.held.others, stopped: read.held.stopped });
    for (const record of read.records) {
      expanded.files.set(expanded.found.length, record.file);
      expanded.found.push(record.input);
      const sha256 = record.file.data.raw?.sha256;
      if (sha256 && !memo.keep(recordBytesStep, sha256)) memo.remember(recordBytesStep, sha256, record.bytes);
    }
  }
  return expanded;
}
