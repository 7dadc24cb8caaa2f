import { setFlagsFromString } from 'node:v8';

/**
 * Keep V8's heap near what is live while a build makes the whole archive from nothing; returns
 * what gives V8 its own choice back. Left to itself, V8 lets the heap grow to up to four times what
 * survived its last full collection before the next one: a build from nothing at 10,000 articles
 * held 942 MB of heap for about 220 MB live (1.66 GB of memory in all), at 100,000 6.8 GB (11.1 GB
 * in all). With growth bounded to a quarter, the same builds peaked at 1.04 GB and 6.2 GB, and took
 * as long. A rebuild, which makes much short-lived garbage around a live set of the archive's
 * summaries, took 10-25% longer so: it keeps V8's own choice. The flag is read at each collection,
 * so it may be set while the process runs; it holds for every thread.
 */
export function boundHeapGrowth(): () => void {
  // A growth the user chose (`node --heap-growing-percent=N`) is theirs.
  if (process.execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag))) return () => {};
  setFlagsFromString('--heap-growing-percent=25');
  return () => setFlagsFromString('--heap-growing-percent=0');
}
