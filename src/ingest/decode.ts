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

/** Labels a browser reads as Windows-1252 whatever they say (the WHATWG Encoding Standard). */
const windows1252Labels = new Set(['ascii', 'us-ascii', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'cp1252', 'windows-1252', 'x-cp1252', 'cp819', 'ibm819', 'iso-ir-100', 'csisolatin1', 'ansi_x3.4-1968']);

/** The encoding a page declares in its first 1,024 bytes: `<meta charset>`, or `http-equiv` Content-Type's charset. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const label = /charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(meta[0])?.[1];
    if (label) return label.toLowerCase();
  }
  return null;
}

/**
 * A saved web page's text: its BOM decides; else the charset its `<meta>` declares (as a browser
 * reads it, so `iso-8859-1` is Windows-1252) unless its bytes are UTF-8; else, or when the bytes
 * are not what it declares, as any other file (`decode`).
 */
export function decodeHtml(bytes: Uint8Array): Decoded {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const label = bom ? null : declaredCharset(bytes);
  if (label === null) return decode(bytes);
  const declared = ` (as its <meta charset> declares)`;
  if (label === 'utf-8' || label === 'utf8' || label.startsWith('utf-16')) {
    const read = decode(bytes);
    return read.encoding === 'UTF-8' ? { ...read, encoding: `UTF-8${declared}` } : { ...read, encoding: `${read.encoding} (its <meta charset> says ${label}, which its bytes are not)` };
  }
  // Pages saved by a tool that re-encodes (as UTF-8) keep their old declaration; text in a legacy
  // encoding is almost never valid UTF-8 by chance, so bytes that are valid UTF-8 are read as it.
  const read = decode(bytes);
  if (read.encoding === 'UTF-8' && bytes.some((byte) => byte >= 0x80)) return { ...read, encoding: `UTF-8 (its <meta charset> says ${label}, but its bytes are UTF-8)` };
  const name = windows1252Labels.has(label) ? 'windows-1252' : label;
  if (!iconv.encodingExists(name)) {
    return { ...read, encoding: `${read.encoding} (its <meta charset> names ${label}, an encoding not known)` };
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
  return { text, encoding: `${name === 'windows-1252' ? 'Windows-1252' : label}${declared}`, guessed: false };
}
