import type { SourceRecord } from '../model/article.ts';
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

/** The input one record of `container` is: its path names the record (`seeds/feed.jsonl#3`), its VFile the file. */
export function recordInput(container: InputFile, kind: InputFile['kind'], record: SourceRecord): HeldRecord['input'] {
  return {
    kind,
    id: `${container.id}/${record.number}`,
    absolutePath: container.absolutePath,
    displayPath: `${container.displayPath}#${record.number}`,
    refusal: null,
    record,
  };
}

