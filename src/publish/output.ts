import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Build into a fresh folder beside the output and swap it in only when the build succeeded,
 * so a failed or interrupted build leaves the previous site exactly as it was.
 */
export async function publishAtomically<T>(outDir: string, build: (stagingDir: string) => Promise<T>): Promise<T> {
  const target = path.resolve(outDir);
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.building-${process.pid}`);
  const retired = path.join(path.dirname(target), `.${path.basename(target)}.previous-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const result = await build(staging);
    const exists = await stat(target).then(() => true, () => false);
    if (exists) await rename(target, retired);
    await rename(staging, target);
    if (exists) await rm(retired, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
