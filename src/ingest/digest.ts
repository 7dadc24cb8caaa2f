import { createHash } from 'node:crypto';

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base 32, unpadded, as WARC digests write SHA-1 (`sha1:2UW...`). */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= 0xff;
  }
  if (bits > 0) out += base32Alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

const algorithms: Record<string, string> = { sha1: 'sha1', 'sha-1': 'sha1', sha256: 'sha256', 'sha-256': 'sha256', sha512: 'sha512', 'sha-512': 'sha512', md5: 'md5' };

/**
 * A WARC payload digest (`algorithm:value`, the value in base 32 or hex, as tools write either)
 * checked against the payload as the file holds it: 'none' when there is no digest, 'unchecked'
 * when its algorithm or form is not one the archive knows.
 */
export function checkDigest(digest: string | null, payload: Uint8Array): 'matches' | 'differs' | 'unchecked' | 'none' {
  if (!digest) return 'none';
  const colon = digest.indexOf(':');
  const algorithm = algorithms[digest.slice(0, colon).trim().toLowerCase()];
  const given = digest.slice(colon + 1).trim();
  if (colon === -1 || !algorithm || !given) return 'unchecked';
  const hash = createHash(algorithm).update(payload).digest();
  if (/^[0-9a-f]+$/i.test(given) && given.length === hash.length * 2) return given.toLowerCase() === hash.toString('hex') ? 'matches' : 'differs';
  if (/^[A-Z2-7]+=*$/i.test(given)) return given.replace(/=+$/, '').toUpperCase() === base32(hash) ? 'matches' : 'differs';
  return 'unchecked';
}
