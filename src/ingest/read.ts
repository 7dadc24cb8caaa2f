import { readFileSync, statSync } from 'node:fs';
import { VFile } from 'vfile';
import { decode, decodeHtml } from './decode.ts';
import { lineEndingsOf } from './lines.ts';
import { reject } from './diagnostics.ts';
import type { InputFile } from './discover.ts';
import type { LineEndings, SourceRecord } from '../model/article.ts';
import { sha256 } from '../util/hash.ts';

/** What is known of a file's bytes before its text is interpreted. */
export interface RawFacts {
  kind: InputFile['kind'];
  absolutePath: string;
  sha256: string;
  size: number;
  encoding: string;
  encodingGuessed: boolean;
  lineEndings: LineEndings;
  /** For one record of a file that holds many (its bytes are the record's): where it stands in that file. */
  record: SourceRecord | null;
}

declare module 'vfile' {
  interface DataMap {
    raw: RawFacts;
  }
}

/** What an article's source says of its file, as reading found its bytes. */
export function fileFacts(file: VFile): Pick<RawFacts, 'sha256' | 'size' | 'encoding' | 'encodingGuessed' | 'lineEndings' | 'record'> & { path: string } {
  const { sha256, size, encoding, encodingGuessed, lineEndings, record } = file.data.raw!;
  return { path: inputPath(file), sha256, size, encoding, encodingGuessed, lineEndings, record };
}

/** The path that names one record of a file: `seeds/feed.jsonl#3`. */
export const recordPath = (record: Pick<SourceRecord, 'file' | 'number'>) => `${record.file}#${record.number}`;

/** The path that names what a VFile holds: its file's, or, for one record of a file, the record's. */
export const inputPath = (file: VFile) => (file.data.raw?.record ? recordPath(file.data.raw.record) : String(file.path));

export interface ReadOptions {
  maxBytes: number;
}

/**
 * Read one input file into a VFile holding its decoded text and the facts about its bytes.
 * A file that cannot be read or decoded comes back with a fatal message, never a throw.
 */
export async function readInput(input: InputFile, options: ReadOptions): Promise<VFile> {
  const file = new VFile({ path: input.displayPath });
  const bytes = readBytes(input, file, options.maxBytes);
  return bytes ? fileFromBytes(input, bytes) : file;
}

/**
 * A file's bytes, or null with the reason on `file`: refused when found, over `maxBytes` (before it
 * is read), empty, or unreadable.
 */
export function readBytes(input: InputFile, file: VFile, maxBytes: number): Buffer | null {
  if (input.refusal) {
    reject(file, input.refusal, 'not-read');
    return null;
  }
  try {
    // Synchronous: for many small files it is several times faster than the promise API.
    const info = statSync(input.absolutePath);
    if (info.size > maxBytes) {
      reject(file, `File is ${info.size} bytes, over the ${maxBytes}-byte limit (raise it with --max-bytes)`, 'too-large');
      return null;
    }
    if (info.size === 0) {
      reject(file, input.kind === 'overlay' ? 'Empty overlay: it gives no facts for its seed' : input.kind === 'image' ? 'Empty picture file: no image in it' : 'Empty file: no headline and no body', 'empty');
      return null;
    }
    return readFileSync(input.absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    // The file system listed a name that is not valid UTF-8; Node cannot open it by that name.
    const reason = code === 'ENOENT' && input.displayPath.includes('\uFFFD')
      ? 'File name is not valid UTF-8, so the file cannot be opened by name: rename it'
      : `File could not be read (${code})`;
    reject(file, reason, 'unreadable');
    return null;
  }
}

/**
 * A picture file, never read as text: its size and SHA-256, from the fingerprint's reading of its
 * bytes (`known`) where there was one, else from reading them.
 */
export function readImage(input: InputFile, maxBytes: number, known?: string): VFile {
  const file = new VFile({ path: input.displayPath });
  const facts = (digest: string, size: number): RawFacts => ({ kind: 'image', absolutePath: input.absolutePath, sha256: digest, size, encoding: 'binary', encodingGuessed: false, lineEndings: 'none', record: null });
  if (known !== undefined && !input.refusal) {
    try {
      const size = statSync(input.absolutePath).size;
      if (size > 0 && size <= maxBytes) {
        file.data.raw = facts(known, size);
        return file;
      }
    } catch {
      // Read below, which says what is wrong.
    }
  }
  const bytes = readBytes(input, file, maxBytes);
  if (bytes) file.data.raw = facts(sha256(bytes), bytes.length);
  return file;
}

/**
 * A file's bytes as text on a VFile, with the facts about them; bytes that are not text (binary,
 * or not what their BOM declares) leave a fatal message instead. Never throws, whatever the bytes.
 */
export function fileFromBytes(input: Pick<InputFile, 'kind' | 'displayPath' | 'absolutePath' | 'record'>, bytes: Uint8Array): VFile {
  // A record's messages name its file (and its line there); its path names the record.
  const record = input.record ?? null;
  const file = new VFile({ path: record ? record.file : input.displayPath });
  const facts = { kind: input.kind, absolutePath: input.absolutePath, sha256: sha256(bytes), size: bytes.length, record };
  // A record's rejection says which record, at its line when it has one.
  const what = record ? `Record ${record.number}` : 'File';
  const at = record?.line ? { line: record.line } : undefined;
  let decoded;
  try {
    decoded = input.kind === 'webpage' ? decodeHtml(bytes, transportCharset(record?.warc?.contentType ?? null)) : decode(bytes);
  } catch {
    file.data.raw = { ...facts, encoding: 'undecodable', encodingGuessed: false, lineEndings: 'none' };
    reject(file, `${what} could not be decoded as text in the encoding its byte-order mark declares`, 'undecodable', at);
    return file;
  }
  // After decoding, so that UTF-16 text (full of zero bytes) is not mistaken for binary.
  if (decoded.text.includes('\u0000')) {
    file.data.raw = { ...facts, encoding: 'binary', encodingGuessed: false, lineEndings: 'none' };
    reject(file, looksLikeUtf16(bytes) ? `${what} looks like UTF-16 without a byte-order mark: save it as UTF-8, or as UTF-16 with a BOM` : `${what} holds NUL characters: it is binary, not text`, 'binary', at);
    return file;
  }
  file.value = decoded.text;
  file.data.raw = {
    ...facts,
    encoding: decoded.encoding,
    encodingGuessed: decoded.guessed,
    lineEndings: lineEndingsOf(decoded.text),
  };
  return file;
}

/** The charset a WARC response's `Content-Type` names (`text/html; charset=ISO-8859-1`), or null. */
function transportCharset(contentType: string | null): string | null {
  const charset = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] : undefined;
  return charset ?? null;
}

/** Text in UTF-16 without a BOM: most odd or most even bytes are zero, the others mostly ASCII. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let index = 0; index < sample.length; index++) if (sample[index] === 0) index % 2 === 0 ? even++ : odd++;
  const half = sample.length / 2;
  return sample.length >= 4 && (even > 0.8 * half || odd > 0.8 * half) && Math.min(even, odd) < 0.05 * half;
}

/** Read every input, a few at a time so that a large archive does not exhaust file handles. */
export async function readInputs(inputs: readonly InputFile[], options: ReadOptions): Promise<VFile[]> {
  const files: VFile[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < inputs.length; index = next++) files[index] = await readInput(inputs[index]!, options);
  };
  await Promise.all(Array.from({ length: Math.min(32, inputs.length) }, worker));
  return files;
}
