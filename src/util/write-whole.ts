import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Write a file whole or not at all: into a name of this process and thread beside it, then renamed
 * over it, so a reader (or a build killed midway) never sees half of it. Throws as writing does.
 */
export function writeWhole(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const staging = `${file}.${process.pid}-${threadId}`;
  writeFileSync(staging, text);
  renameSync(staging, file);
}
