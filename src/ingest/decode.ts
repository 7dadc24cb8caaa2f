import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** A label a reader understands: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE with BOM`, `Windows-1252`... */
  encoding: string;
  /** True when no BOM or strict UTF-8 decode proved the encoding. */
  guessed: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether the bytes open with UTF-8's byte-order mark, or with either of UTF-16's. */
export const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
export const hasUtf16Bom = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/**
 * Decode raw bytes without ever producing mojibake: a BOM decides; otherwise strict UTF-8;
 * otherwise, where some lines are UTF-8 and others are not, each line in its own encoding;
 * otherwise the bytes are legacy single-byte text, decoded as Windows-1252 (a superset of
 * Latin-1's printable characters). Both of the last are reported as a guess.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (hasUtf8Bom(bytes)) {
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
    const mixed = decodeByLine(buffer);
    if (mixed) return mixed;
    const usesC1Range = bytes.some((byte) => byte >= 0x80 && byte <= 0x9f);
    const windows1252 = usesC1Range ? iconv.decode(buffer, 'windows-1252') : null;
    // Five bytes have no Windows-1252 character; a file using them is Latin-1 with C1 controls.
    if (windows1252 !== null && !windows1252.includes('\ufffd')) return { text: windows1252, encoding: 'Windows-1252', guessed: true };
    return { text: iconv.decode(buffer, 'latin1'), encoding: 'ISO-8859-1 (Latin-1)', guessed: true };
  }
}

/** Line numbers as a reader writes them: `3, 5-9, 12`. */
function lineList(lines: readonly number[]): string {
  const runs: string[] = [];
  for (let index = 0; index < lines.length; ) {
    let end = index;
    while (end + 1 < lines.length && lines[end + 1] === lines[end]! + 1) end++;
    runs.push(end > index ? `${lines[index]}-${lines[end]}` : `${lines[index]}`);
    index = end + 1;
  }
  return runs.join(', ');
}

/**
 * Bytes that are not UTF-8 as a whole, read line by line: a file joined from a UTF-8 one and a
 * Windows-1252 one (a scraper's UTF-8 headline over a Windows-1252 body) has lines of each, and
 * each is read in its own; null when no line is UTF-8 beyond ASCII, so the file is one legacy text.
 */
function decodeByLine(buffer: Buffer): Decoded | null {
  const parts: string[] = [];
  const legacy: number[] = [];
  let utf8Lines = 0;
  let line = 1;
  for (let start = 0; start < buffer.length; line++) {
    const newline = buffer.indexOf(0x0a, start);
    const end = newline < 0 ? buffer.length : newline + 1;
    const bytes = buffer.subarray(start, end);
    start = end;
    if (!bytes.some((byte) => byte >= 0x80)) {
      parts.push(bytes.toString('latin1'));
      continue;
    }
    try {
      parts.push(utf8.decode(bytes));
      utf8Lines++;
    } catch {
      const windows1252 = iconv.decode(bytes, 'windows-1252');
      parts.push(windows1252.includes('\ufffd') ? iconv.decode(bytes, 'latin1') : windows1252);
      legacy.push(line);
    }
  }
  if (utf8Lines === 0) return null;
  return { text: parts.join(''), encoding: `UTF-8, with line${legacy.length > 1 ? 's' : ''} ${lineList(legacy)} in Windows-1252 (each line read in its own encoding)`, guessed: true };
}


/**
 * The encoding a page declares in its first 1,024 bytes, as a browser's prescan reads it: a
 * `<meta charset>`, or the charset in the content of `<meta http-equiv="Content-Type">`; never
 * a `charset=` that other text in a meta (a description) happens to hold.
 */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  for (const [meta] of head.matchAll(/<meta\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi)) {
    // Its attributes, each value read whole, so that text inside one is never taken for another.
    const attributes = new Map<string, string>();
    for (const [, name, ...values] of meta.slice(5).matchAll(/([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      const key = name!.toLowerCase();
      if (!attributes.has(key)) attributes.set(key, values.find((value) => value !== undefined) ?? '');
    }
    const attribute = (name: string) => attributes.get(name) ?? null;
    const charset = attribute('charset');
    if (charset !== null) return charset.trim().toLowerCase();
    if (attribute('http-equiv')?.trim().toLowerCase() === 'content-type') {
      const label = /charset\s*=\s*["']?\s*([^\s"';]+)/i.exec(attribute('content') ?? '')?.[1];
      if (label) return label.toLowerCase();
    }
  }
  return null;
}

/** The encoding a label names, as the WHATWG Encoding Standard resolves it (`latin1` is windows-1252, `gb2312` is gbk); null for a label it does not know. */
function encodingNamed(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/**
 * A saved web page's text: its BOM decides; else the charset its server sent (`transport`, from a
 * WARC record's Content-Type) or else its `<meta>` declares, resolved as a
 * browser resolves it (a UTF-16 label read as UTF-8, as the standard says of a declaration the
 * page's own bytes carry), unless its bytes are UTF-8; else, or when the label names no encoding
 * a browser knows, as any other file (`decode`).
 */
export function decodeHtml(bytes: Uint8Array, transport: string | null = null): Decoded {
  const bom = hasUtf8Bom(bytes) || hasUtf16Bom(bytes);
  // As a browser: what the server said (in a WARC, the response's Content-Type) before the page's own <meta>.
  const label = bom ? null : (transport ?? declaredCharset(bytes));
  if (label === null) return decode(bytes);
  const by = transport ? 'its HTTP Content-Type' : 'its <meta charset>';
  const declared = ` (as ${by} declares)`;
  const named = encodingNamed(label);
  // Whether the bytes are UTF-8 is all a declared page needs to know of them before it is decoded
  // once: the whole guess (`decode`) only where the declaration cannot be followed.
  const asUtf8 = utf8Text(bytes);
  if (named === null) {
    const read = decode(bytes);
    return { ...read, encoding: `${read.encoding} (${by} names ${label}, an encoding browsers do not know)` };
  }
  if (named === 'utf-8' || named.startsWith('utf-16')) {
    if (asUtf8 !== null) return { text: asUtf8, encoding: `UTF-8${declared}`, guessed: false };
    const read = decode(bytes);
    return { ...read, encoding: `${read.encoding} (${by} says ${label}, which its bytes are not)` };
  }
  // Pages saved by a tool that re-encodes (as UTF-8) keep their old declaration; text in a legacy
  // encoding is almost never valid UTF-8 by chance, so bytes that are valid UTF-8 are read as it.
  if (asUtf8 !== null && bytes.some((byte) => byte >= 0x80)) return { text: asUtf8, encoding: `UTF-8 (${by} says ${label}, but its bytes are UTF-8)`, guessed: false };
  // iconv-lite for Windows-1252, which Node's TextDecoder reads as Latin-1 (see `decode`).
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = named === 'windows-1252' ? iconv.decode(buffer, 'windows-1252') : new TextDecoder(named).decode(bytes);
  return { text, encoding: `${named === 'windows-1252' ? 'Windows-1252' : named}${declared}`, guessed: false };
}

/** The bytes as UTF-8 text, or null when they are not UTF-8. */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
