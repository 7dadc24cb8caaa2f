import type { SourceRecord } from '../model/article.ts';
import { sha256 } from '../util/hash.ts';
import type { InputFile } from './discover.ts';

/** One record of a file that holds many, as an input of its own, with its bytes. */
export interface HeldRecord {
  input: InputFile & { record: SourceRecord };
  bytes: Uint8Array;
}

/** What a file of records holds: its records, what else it holds, and where reading stopped short. */
export interface Held {
  records: HeldRecord[];
  /** Records that are not articles (a WARC's images, requests, redirects), counted by what they are. */
  others: Record<string, number>;
  /** Why the file could not be read at all, as a rejection (a JSON file that is not JSON), or null. */
  refusal: { reason: string; line?: number; column?: number } | null;
  /** Where reading stopped before the end of the file (a WARC cut short), or null. */
  stopped: { reason: string; offset: number } | null;
  /** What the owner should know of the file that is no reason to refuse it (a JSON array with a broken record in it). */
  problem?: string;
}

/** The formats a file of records comes in, by its name. */
export function recordFormat(path: string): SourceRecord['format'] | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.warc') || lower.endsWith('.warc.gz')) return 'warc';
  return null;
}

/** A record as its file's reader finds it, before it is named. */
export interface FoundRecord {
  kind: InputFile['kind'];
  record: SourceRecord;
  bytes: Uint8Array;
  /** Why the record cannot be read, though its file could be (a page in a content encoding the archive cannot undo). */
  refusal?: string;
}

/**
 * Each record as an input of its own. Its path names it by its number (`seeds/feed.jsonl#3`), which
 * is where a reader finds it; its id, which its address is made from, by what the record names
 * itself (`feed.jsonl/url-3f9a1c20b4`), so that adding, removing or reordering other records moves no
 * address. A record that names nothing is named by its number. A name two records give (a page
 * captured twice) is told apart by its order among them (`-2`).
 */
export function namedRecords(container: InputFile, found: readonly FoundRecord[]): HeldRecord[] {
  const seen = new Map<string, number>();
  // The file's whole name: `feed.json` and `feed.jsonl` beside each other hold records of their own.
  const file = container.displayPath.slice(container.displayPath.lastIndexOf('/') + 1);
  const prefix = `${container.id.slice(0, container.id.lastIndexOf('/') + 1)}${file}`;
  return found.map(({ kind, record, bytes, refusal }) => {
    let name = String(record.number);
    if (record.identity.by !== 'number') {
      const base = `${record.identity.by}-${sha256(record.identity.value).slice(0, 10)}`;
      const times = (seen.get(base) ?? 0) + 1;
      seen.set(base, times);
      name = times === 1 ? base : `${base}-${times}`;
    }
    return {
      input: { kind, id: `${prefix}/${name}`, absolutePath: container.absolutePath, displayPath: `${container.displayPath}#${record.number}`, refusal: refusal ?? null, record },
      bytes,
    };
  });
}
