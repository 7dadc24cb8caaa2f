import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../cli/errors.ts';
import { urls } from '../view/urls.ts';

const inside = (child: string, parent: string) => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

async function writtenByUs(dir: string): Promise<boolean> {
  try {
    const report = JSON.parse(await readFile(path.join(dir, urls.report()), 'utf8')) as { generator?: unknown };
    return report.generator === 'news-archive';
  } catch {
    return false;
  }
}

/**
 * The output folder is replaced, whole or file by file, on every build, so it must be ours: never the
 * working folder or one above it, never an input folder or one inside or around it, and never an
 * existing folder with files that news-archive did not write.
 */
export async function checkOutputFolder(outDir: string, cwd: string, inputs: { name: string; dir: string }[]): Promise<void> {
  const out = path.resolve(cwd, outDir);
  if (inside(path.resolve(cwd), out)) throw new UsageError(`--out ${outDir} is the working folder or holds it; the site needs a folder of its own, such as site`);
  for (const input of inputs) {
    const dir = path.resolve(cwd, input.dir);
    if (inside(out, dir) || inside(dir, out)) throw new UsageError(`--out ${outDir} overlaps the ${input.name} folder ${input.dir}; the site needs a folder of its own`);
  }
  let entries: string[] = [];
  try {
    entries = await readdir(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UsageError(`--out ${outDir} is a file; the site needs a folder of its own`);
    if (code !== 'ENOENT') throw error;
  }
  if (entries.length > 0 && !(await writtenByUs(out))) {
    throw new UsageError(`${outDir}/ holds files that news-archive did not write (it has no news-archive build-report.json); choose another --out or empty it`);
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Folders a build left beside the output when it was killed outright (SIGKILL, a power cut): a
 * staging folder is removed; a previous site moved aside is put back if the output is missing,
 * and removed otherwise. Only folders of processes that are no longer running are touched.
 */
async function clearAbandoned(target: string): Promise<void> {
  const pattern = new RegExp(`^\\.${path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(building|previous|discarded)-(\\d+)$`);
  const running = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  for (const name of await readdir(path.dirname(target)).catch(() => [] as string[])) {
    const match = pattern.exec(name);
    if (!match || Number(match[2]) === process.pid || running(Number(match[2]))) continue;
    const folder = path.join(path.dirname(target), name);
    if (match[1] === 'previous' && !existsSync(target)) renameSync(folder, target);
    // A discarded folder may still be going, removed by the process discard() started: let it.
    else if (match[1] === 'discarded') removeInBackground(folder);
    else await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Remove a folder the site no longer needs (the previous site, after the swap) in a process of
 * its own, which may outlive this one: deleting tens of thousands of files costs the kernel
 * seconds (about 12 s for the site of 10,000 articles here), and the new site is in place
 * already. The folder is first renamed `.<site>.discarded-<pid>`, a name the next build removes
 * if it is still there.
 */
function discard(folder: string, target: string): void {
  const discarded = path.join(path.dirname(target), `.${path.basename(target)}.discarded-${process.pid}`);
  rmSync(discarded, { recursive: true, force: true });
  renameSync(folder, discarded);
  removeInBackground(discarded);
}

function removeInBackground(folder: string): void {
  const child = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })', folder], { detached: true, stdio: 'ignore' });
  child.on('error', () => rmSync(folder, { recursive: true, force: true }));
  child.unref();
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalNumbers: Record<(typeof signals)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** What a build that updates the last site in place keeps of it. */
export interface Update {
  /** Every entry the last build left in the site: files, and folders (ending in `/`) made whole. */
  previous: Iterable<string>;
  /** Every entry the new site holds: the ones this build did not write again are kept. */
  next: ReadonlySet<string>;
  /** A folder (ending in `/`) written whole, never file by file, that replaces the old one whole: the search index. */
  wholeFolder: string;
}

/**
 * Move what a build wrote into the site (a folder written whole replaces the old one whole; the
 * build report goes last) and remove what the new site no longer holds. It runs synchronously,
 * so no signal handler can run in the middle of it. Returns the files moved in.
 */
function applyUpdate(target: string, staging: string, staged: string[], update: Update): string[] {
  const report = urls.report();
  // Without its report the site is trusted by no later build until this one has finished: one
  // that fails or is killed halfway leaves a site the next build makes again from nothing.
  rmSync(path.join(target, report), { force: true });
  const { wholeFolder } = update;
  for (const file of staged) {
    if (file.startsWith(wholeFolder) || file === report) continue;
    const to = path.join(target, file);
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(path.join(staging, file), to);
  }
  const rewritten = existsSync(path.join(staging, wholeFolder));
  if (rewritten) {
    // The old one goes into the staging folder, which is discarded below.
    if (existsSync(path.join(target, wholeFolder))) renameSync(path.join(target, wholeFolder), path.join(staging, '.retired'));
    renameSync(path.join(staging, wholeFolder), path.join(target, wholeFolder));
  }
  const kept = new Set([...staged, ...(rewritten ? [wholeFolder] : [])]);
  for (const entry of update.previous) {
    if (update.next.has(entry) || kept.has(entry) || entry === report) continue;
    rmSync(path.join(target, entry), { recursive: true, force: true });
    // Its folder goes too once it is empty (an article's folder, a list's).
    for (let dir = path.dirname(entry); dir !== '.'; dir = path.dirname(dir)) {
      try {
        rmdirSync(path.join(target, dir));
      } catch {
        break;
      }
    }
  }
  if (staged.includes(report)) renameSync(path.join(staging, report), path.join(target, report));
  // What is left in it is the search index it replaced.
  discard(staging, target);
  return staged;
}

/**
 * Build into a fresh folder beside the output and publish it only when the build succeeded,
 * so a failed or interrupted build (an exception, Ctrl-C, SIGTERM) leaves the previous site
 * exactly as it was. `build` says, once it has written the staging folder, how to publish it.
 * Without `update` the staging folder is the whole new site and is swapped in for the old one;
 * with it, the staging folder holds only the files rendered again, which are moved into the site,
 * and the files the new site no longer holds are removed. `carry` names folders of the old site
 * and files that a whole new site takes over when the build did not write them. Returns the files written,
 * relative to the site.
 */
export async function publishAtomically(outDir: string, build: (stagingDir: string) => Promise<{ update: Update | null; carry: readonly string[] }>): Promise<string[]> {
  const target = path.resolve(outDir);
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.building-${process.pid}`);
  const retired = path.join(path.dirname(target), `.${path.basename(target)}.previous-${process.pid}`);
  // Interrupted, the process puts things back as they were before it exits: the staging folder
  // goes, and a site moved aside for the swap comes back.
  const restore = () => {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(retired) && !existsSync(target)) renameSync(retired, target);
  };
  const onSignal = (signal: (typeof signals)[number]) => {
    restore();
    process.stderr.write(`news-archive: interrupted (${signal}); nothing was published, the previous site is as it was\n`);
    process.exit(128 + signalNumbers[signal]);
  };
  for (const signal of signals) process.on(signal, onSignal);
  await clearAbandoned(target);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const { update, carry } = await build(staging);
    const written = await filesUnder(staging);
    if (update) {
      if (!existsSync(target)) throw new Error(`${outDir} disappeared during the build; build again`);
      return applyUpdate(target, staging, written, update);
    }
    // The swap runs synchronously, so no signal handler can run in the middle of it: a signal
    // before it finds the old site in place, one after it finds the new one, and no copy is left.
    const exists = existsSync(target);
    // Folders the build kept rather than wrote again (the search index) move over from the old site.
    for (const folder of exists ? carry : []) {
      if (!existsSync(path.join(target, folder)) || existsSync(path.join(staging, folder))) continue;
      mkdirSync(path.dirname(path.join(staging, folder)), { recursive: true });
      renameSync(path.join(target, folder), path.join(staging, folder));
    }
    if (exists) renameSync(target, retired);
    renameSync(staging, target);
    if (exists) discard(retired, target);
    return written;
  } catch (error) {
    restore();
    throw error;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}
