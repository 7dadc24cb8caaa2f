import type { Stats } from 'node:fs';

/** What a file's stat says of its bytes: the same size, times and inode mean the same bytes (see `fingerprint.ts` on files written in the last two seconds). */
export const statOf = (info: Stats) => `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
