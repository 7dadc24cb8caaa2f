import { readFileSync, statSync } from 'node:fs';
import { VFile } from 'vfile';
import { decode, decodeHtml } from './decode.ts';
import { lineEndingsOf } from './lines.ts';
import { reject } from './diagnostics.ts';
import type { InputFile } from './discover.ts';
import type { LineEndings } from '../model/article.ts';
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
}

declare module 'vfile' {
  interface DataMap {
    raw: RawFacts;
  }
}

/** What an article's source says of its file, as reading found its bytes. */
export function fileFacts(file: VFile): Pick<RawFacts, 'sha256' | 'size' | 'encoding' | 'encodingGuessed' | 'lineEndings'> & { path: string } {
  const { sha256, size, encoding, encodingGuessed, lineEndings } = file.data.raw!;
  return { path: String(file.path), sha256, size, encoding, encodingGuessed, lineEndings };
}

export interface ReadOptions {
  maxBytes: number;
}

/**
 * Read one input file into a VFile holding its decoded text and the facts about its bytes.
 * A file that cannot be read or decoded comes back with a fatal message, never a throw.
 */
export async function readInput(input: InputFile, options: ReadOptions): Promise<VFile> {
  const file = new VFile({ path: input.displayPath });
  if (input.refusal) {
    reject(file, input.refusal, 'not-read');
    return file;
  }
  let bytes: Buffer;
  try {
    // Synchronous: for many small files it is several times faster than the promise API.
    const info = statSync(input.absolutePath);
    if (info.size > options.maxBytes) {
      reject(file, `File is ${info.size} bytes, over the ${options.maxBytes}-byte limit (raise it with --max-bytes)`, 'too-large');
      return file;
    }
    if (info.size === 0) {
      reject(file, input.kind === 'overlay' ? 'Empty overlay: it gives no facts for its seed' : 'Empty file: no headline and no body', 'empty');
      return file;
    }
    bytes = readFileSync(input.absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    // The file system listed a name that is not valid UTF-8; Node cannot open it by that name.
    const reason = code === 'ENOENT' && input.displayPath.includes('\uFFFD')
      ? 'File name is not valid UTF-8, so the file cannot be opened by name: rename it'
      : `File could not be read (${code})`;
    reject(file, reason, 'unreadable');
    return file;
  }

  return fileFromBytes(input, bytes);
}

/**
 * A file's bytes as text on a VFile, with the facts about them; bytes that are not text (binary,
 * or not what their BOM declares) leave a fatal message instead. Never throws, whatever the bytes.
 */
export function fileFromBytes(input: Pick<InputFile, 'kind' | 'displayPath' | 'absolutePath'>, bytes: Uint8Array): VFile {
  const file = new VFile({ path: input.displayPath });
  const facts = { kind: input.kind, absolutePath: input.absolutePath, sha256: sha256(bytes), size: bytes.length };
  let decoded;
  try {
    decoded = input.kind === 'webpage' ? decodeHtml(bytes) : decode(bytes);
  } catch {
    file.data.raw = { ...facts, encoding: 'undecodable', encodingGuessed: false, lineEndings: 'none' };
    reject(file, 'File could not be decoded as text in the encoding its byte-order mark declares', 'undecodable');
    return file;
  }
  // After decoding, so that UTF-16 text (full of zero bytes) is not mistaken for binary.
  if (decoded.text.includes('\u0000')) {
    file.data.raw = { ...facts, encoding: 'binary', encodingGuessed: false, lineEndings: 'none' };
    reject(file, looksLikeUtf16(bytes) ? 'File looks like UTF-16 without a byte-order mark: save it as UTF-8, or as UTF-16 with a BOM' : 'File holds NUL characters: it is binary, not text', 'binary');
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
