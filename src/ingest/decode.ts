import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** A label a reader understands: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE with BOM`, `Windows-1252`... */
  encoding: string;
  /** True when no BOM or strict UTF-8 decode proved the encoding. */
  guessed: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decode raw bytes without ever producing mojibake: a BOM decides; otherwise strict UTF-8;
 * otherwise the bytes are legacy single-byte text, decoded as Windows-1252 (a superset of
 * Latin-1's printable characters) and reported as a guess.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8.decode(bytes.subarray(3)), encoding: 'UTF-8 with BOM', guessed: false };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)), encoding: 'UTF-16LE with BOM', guessed: false };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)), encoding: 'UTF-16BE with BOM', guessed: false };
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'UTF-8', guessed: false };
  } catch {
    // iconv-lite, not TextDecoder: Node's TextDecoder decodes windows-1252 as Latin-1 and
    // would turn curly quotes (0x91-0x94) into control characters.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const usesC1Range = bytes.some((byte) => byte >= 0x80 && byte <= 0x9f);
    const windows1252 = usesC1Range ? iconv.decode(buffer, 'windows-1252') : null;
    // Five bytes have no Windows-1252 character; a file using them is Latin-1 with C1 controls.
    if (windows1252 !== null && !windows1252.includes('\ufffd')) return { text: windows1252, encoding: 'Windows-1252', guessed: true };
    return { text: iconv.decode(buffer, 'latin1'), encoding: 'ISO-8859-1 (Latin-1)', guessed: true };
  }
}
