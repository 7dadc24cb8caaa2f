import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Another build held the project's lock for longer than a build may wait. */
export class BuildLockTimeout extends Error {}

export interface LockOptions {
  /** How long to wait for a build already running, in milliseconds. */
  timeout?: number;
  /** How often to look whether it has finished, in milliseconds. */
  poll?: number;
}

const defaults: Required<LockOptions> = { timeout: 10 * 60_000, poll: 150 };

/** What the lock file says: who holds it, since when, for what. */
interface Holder {
  pid: number;
  started: string;
  what: string;
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalNumbers: Record<(typeof signals)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The lock of the project in `cwd`: one build at a time writes its site and its cache. */
export const buildLockFile = (cwd: string) => path.join(cwd, '.cache', 'news-archive', 'build.lock');

/** Lock files this process holds: one with its own PID that it does not hold was left by an earlier process of the same PID. */
const held = new Set<string>();

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parse(text: string): Holder | null {
  try {
    const holder = JSON.parse(text) as Holder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Run `fn` (`what`: "build") holding the build lock of the project in `cwd`. A build already
 * running is waited for, saying so once on stderr; a lock left by a process that is no longer
 * running (killed outright) is taken over at once. The lock goes when `fn` ends, and when the
 * process exits on a signal.
 */
export async function withBuildLock<T>(cwd: string, what: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquire(buildLockFile(cwd), what, { ...defaults, ...options });
  try {
    return await fn();
  } finally {
    release();
  }
}

async function acquire(file: string, what: string, { timeout, poll }: Required<LockOptions>): Promise<() => void> {
  await mkdir(path.dirname(file), { recursive: true });
  const mine = JSON.stringify({ pid: process.pid, started: new Date().toISOString(), what } satisfies Holder);
  const deadline = Date.now() + timeout;
  let told = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      return hold(file, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      // Released between the two calls: try again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const holder = parse(text);
    // A file with no holder in it yet is one just made, unless it has been so for a while: its maker died before writing.
    const stale = holder
      ? !running(holder.pid) || (holder.pid === process.pid && !held.has(file))
      : Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? 0) > 5_000;
    if (stale) {
      await takeOver(file, text);
      continue;
    }
    const who = holder ? `the ${holder.what} already running (PID ${holder.pid})` : 'the build already running';
    if (Date.now() >= deadline) {
      throw new BuildLockTimeout(`${who} has not finished in ${Math.round(timeout / 60_000)} minutes; stop it, or remove ${path.relative(process.cwd(), file)} if no build is running`);
    }
    // A lock just made may not name its holder yet: the line waits for the PID it can give.
    if (!told && holder) {
      process.stderr.write(`Waiting for ${who}…\n`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, poll));
  }
}

/** Remove the stale lock `seen`, and only it: another process waiting may have replaced it meanwhile. */
async function takeOver(file: string, seen: string): Promise<void> {
  const aside = `${file}.${process.pid}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== seen) await link(aside, file).catch(() => {});
  await rm(aside, { force: true });
}

/**
 * The lock goes when the process exits, however it exits but SIGKILL. On a signal, publishing's
 * own handler (src/publish/output.ts) puts the previous site back and exits, if it is listening;
 * otherwise this one exits as that one would.
 */
function hold(file: string, mine: string): () => void {
  held.add(file);
  const release = () => {
    process.off('exit', release);
    for (const signal of signals) process.off(signal, onSignal);
    held.delete(file);
    try {
      if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
    } catch {
      // Gone already.
    }
  };
  const onSignal = (signal: (typeof signals)[number]) => {
    if (process.listenerCount(signal) === 1) process.exit(128 + signalNumbers[signal]);
  };
  process.on('exit', release);
  for (const signal of signals) process.on(signal, onSignal);
  return release;
}
