import { brotliDecompressSync } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import { ArchiveDate, type SourceRecord } from '../model/article.ts';
import type { InputFile } from './discover.ts';
import { namedRecords, type FoundRecord, type Held } from './held.ts';
import { checkDigest } from './digest.ts';

/** A page a browser would show: HTML, as the response's Content-Type says. */
const isHtml = (contentType: string | null) => contentType !== null && /^\s*(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType);

/** What a record that is not an article is, for the count the ledger gives of them. */
function otherKind(type: string, status: number | null, contentType: string | null): string {
  if (type === 'request') return 'request';
  if (type === 'warcinfo') return 'warcinfo record';
  if (type === 'metadata') return 'metadata record';
  if (type === 'revisit') return 'revisit';
  if (type !== 'response' && type !== 'resource') return `${type} record`;
  if (status !== null && status >= 300 && status < 400) return 'redirect';
  if (status !== null && status >= 400) return 'error response';
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media.startsWith('image/')) return 'image';
  if (/javascript|ecmascript/.test(media)) return 'script';
  if (media === 'text/css') return 'stylesheet';
  if (media.startsWith('font/') || /font/.test(media)) return 'font';
  if (media.startsWith('video/') || media.startsWith('audio/')) return 'media file';
  if (/json|xml/.test(media)) return 'data response';
  if (status !== null && (status < 200 || status >= 300)) return 'other response';
  return 'response that is not HTML';
}

/** Bytes the record's content block still owed when the file ended: more than none means it was cut short. */
const owed = (record: WARCRecord) => (record._reader as { limit?: number }).limit ?? 0;

/**
 * A page's payload as the browser got it: warcio undoes chunked transfer, gzip and deflate; Brotli
 * (which browsers' crawls often hold) is undone here. A content encoding neither knows is a reason
 * the record cannot be read, never bytes passed on as if they were the page.
 */
async function decoded(record: WARCRecord): Promise<{ payload: Uint8Array; refusal?: string }> {
  const payload = await record.readFully(true);
  const encodings = (record.httpHeaders?.headers.get('Content-Encoding') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name && name !== 'identity');
  if (encodings.length === 0 || (encodings.length === 1 && ['gzip', 'x-gzip', 'deflate'].includes(encodings[0]!))) return { payload };
  if (encodings.length === 1 && encodings[0] === 'br') {
    try {
      return { payload: brotliDecompressSync(payload) };
    } catch (error) {
      return { payload, refusal: `its payload is not the Brotli its Content-Encoding says (${(error as Error).message})` };
    }
  }
  return { payload, refusal: `its payload is in the content encoding ${encodings.join(', ')}, which the archive cannot undo` };
}

/**
 * A WARC capture (`.warc`, or `.warc.gz` with a gzip member a record), read with warcio: every
 * HTML response (2xx) is a saved web page, its payload decoded from any transfer and content
 * encoding; every other record is counted by what it is. Where the file is cut short or damaged,
 * the records read before are kept and reading stops, saying at which byte.
 */
export async function warcRecords(container: InputFile, bytes: Uint8Array): Promise<Held> {
  const held: Held = { records: [], others: {}, refusal: null, stopped: null };
  const found: FoundRecord[] = [];
  const parser = new WARCParser([bytes]);
  let number = 0;
  let end = 0;
  // warcio says what it finds wrong on the console: here it is the file's warning instead.
  const said: string[] = [];
  const warn = console.warn;
  console.warn = (...words: unknown[]) => said.push(words.map(String).join(' '));
  try {
    for await (const record of parser) {
      number++;
      const type = record.warcType;
      if (!type) {
        held.stopped = { offset: end, reason: end === 0 ? 'it does not begin with a WARC record (no WARC-Type)' : `record ${number} has no WARC-Type: the file is cut short or damaged there` };
        break;
      }
      // A record without its Content-Length is one the file cut inside its WARC header.
      if (record.warcHeaders.headers.get('Content-Length') === null) {
        held.stopped = { offset: end, reason: `record ${number} is cut short inside its WARC header (it gives no Content-Length)` };
        break;
      }
      const code = Number(record.httpHeaders?.statusCode);
      const status = record.httpHeaders && Number.isInteger(code) ? code : null;
      const contentType = (record.httpHeaders ? record.httpHeaders.headers.get('Content-Type') : record.warcContentType) ?? null;
      const page = (type === 'response' || type === 'resource') && isHtml(contentType) && (status === null || (status >= 200 && status < 300));
      // Read, not skipped: warcio's skipFully never returns at a record the file cuts short.
      // The payload as sent, for its digest; then as the browser got it (chunked transfer and gzip content decoded).
      const sent = await record.readFully(false);
      if (owed(record) > 0) {
        held.stopped = { offset: parser.offset, reason: `record ${number} is cut short (its WARC header gives ${record.warcContentLength.toLocaleString('en')} bytes, the file ends ${owed(record).toLocaleString('en')} bytes before them)` };
        break;
      }
      end = parser.offset + parser.recordLength;
      if (!page) {
        const kind = otherKind(type, status, contentType);
        held.others[kind] = (held.others[kind] ?? 0) + 1;
        continue;
      }
      const { payload, refusal } = await decoded(record);
      const recordId = record.warcHeader('WARC-Record-ID') ?? null;
      const capturedOn = ArchiveDate.safeParse(record.warcDate ?? '');
      const source: SourceRecord = {
        file: container.displayPath,
        format: 'warc',
        number,
        line: null,
        offset: parser.offset,
        identity: recordId ? { by: 'record-id', value: recordId } : { by: 'number', value: String(number) },
        warc: {
          targetUri: record.warcTargetURI ?? '(none given)',
          recordId,
          payloadDigest: record.warcPayloadDigest ?? null,
          digestCheck: checkDigest(record.warcPayloadDigest ?? null, sent),
          capturedOn: capturedOn.success ? capturedOn.data : null,
          contentType,
          status,
        },
        site: null,
        fields: [],
        unused: [],
      };
      found.push({ kind: 'webpage', record: source, bytes: payload, ...(refusal ? { refusal } : {}) });
    }
  } catch (error) {
    held.stopped = { offset: end, reason: `the record after it could not be read (${(error as Error).message})` };
  } finally {
    console.warn = warn;
  }
  if (said.length) held.problem = `warcio, reading it, said: ${said.slice(0, 3).join('; ')}${said.length > 3 ? ` (and ${said.length - 3} more)` : ''}`;
  held.records = namedRecords(container, found);
  // warcio stops without a word at a gzip member it cannot inflate, or at bytes that are not a record.
  // (A record's closing blank lines are not counted in its length: only other bytes after it are left unread.)
  if (!held.stopped && bytes.subarray(end).some((byte) => byte !== 0x0d && byte !== 0x0a)) {
    held.stopped = { offset: end, reason: `the ${(bytes.length - end).toLocaleString('en')} bytes after it are not a WARC record the file could give (cut short, or damaged)` };
  }
  if (number === 0 || (held.records.length === 0 && Object.keys(held.others).length === 0)) {
    held.refusal = { reason: held.stopped ? `Not a WARC file, or damaged from its start: ${held.stopped.reason}` : 'No records: the WARC file holds none' };
    held.stopped = null;
  }
  return held;
}
