import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { generateCorpus } from '../bench/generate.ts';
import { BuildLockTimeout, buildLockFile, withBuildLock } from '../src/store/lock.ts';
import { openMemo } from '../src/store/memo.ts';
import { listFiles, repoRoot, tempDir, writeTo } from './helpers.ts';

const bin = path.join(repoRoot, 'bin', 'news-archive.js');
const waiting = /^Waiting for the build already running \(PID \d+\)…$/m;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start the real CLI in `cwd`; `ended` resolves when the process has exited. */
function start(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NODE_OPTIONS: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ended = new Promise<Ended>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, ended };
}

const build = (cwd: string, env: NodeJS.ProcessEnv = {}) => start(cwd, ['build'], env).ended;

async function siteHashes(site: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(site)) hashes[file] = createHash('sha256').update(await readFile(path.join(site, file))).digest('hex');
  return hashes;
}

/** The same inputs built from nothing in a folder of their own: the site every other build must equal. */
async function coldSite(project: string, env: NodeJS.ProcessEnv = {}): Promise<Record<string, string>> {
  const copy = await tempDir('store-cold');
  await cp(project, copy, { recursive: true, filter: (source) => !/[/\\](site|\.cache|\.site\.[a-z]+-\d+)$/.test(source) });
  const result = await build(copy, env);
  assert.equal(result.code, 0, result.stderr);
  const hashes = await siteHashes(path.join(copy, 'site'));
  await rm(copy, { recursive: true, force: true });
  return hashes;
}

async function corpus(what: string, articles: number): Promise<string> {
  const project = await tempDir(what);
  generateCorpus(project, articles);
  return project;
}

const memoDir = (project: string) => path.join(project, '.cache', 'news-archive', 'memo');
/** The store's two files: the facts every build reads (`<code>.mdb`), and the bulky texts and records (`<code>.bulk.mdb`). */
const storeFiles = async (project: string) => {
  const names = (await readdir(memoDir(project))).filter((name) => name.endsWith('.mdb')).sort();
  return { main: path.join(memoDir(project), names.find((name) => !name.endsWith('.bulk.mdb'))!), bulk: path.join(memoDir(project), names.find((name) => name.endsWith('.bulk.mdb'))!) };
};
const exists = (file: string) => stat(file).then(() => true, () => false);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait, looking every few milliseconds, until `done` says so; fail after two minutes. */
async function until(what: string, done: () => Promise<boolean>, every = 20): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await pause(every);
  }
}

/** The PID of a process that has just exited: no process has it, for now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('the build lock', () => {
  it('runs two builds started at once one after the other; the second waits, says so, and finds nothing to do', { timeout: 300_000 }, async () => {
    // Enough articles that the first build still holds the lock when the second starts, however
    // unevenly a loaded machine starts the two processes.
    const project = await corpus('store-twice', 200);
    const [one, two] = await Promise.all([build(project), build(project)]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    const waited = [one, two].filter((result) => waiting.test(result.stderr));
    assert.equal(waited.length, 1, `exactly one waited: ${one.stderr}\n---\n${two.stderr}`);
    assert.equal(waited[0]!.stderr.match(new RegExp(waiting.source, 'gm'))!.length, 1, 'it says so once');
    assert.match(waited[0]!.stdout, /^Nothing changed since the last build/m);
    assert.deepEqual(await siteHashes(path.join(project, 'site')), await coldSite(project));
    assert.equal(await exists(buildLockFile(project)), false, 'the lock is gone');
  });

  it('takes over at once a lock left by a process that is no longer running, or by one that died before writing it', { timeout: 120_000 }, async () => {
    const project = await corpus('store-dead', 5);
    await writeTo(project, '.cache/news-archive/build.lock', JSON.stringify({ pid: await deadPid(), started: new Date().toISOString(), what: 'build' }));
    const started = Date.now();
    const result = await build(project);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, waiting);
    assert.ok(Date.now() - started < 60_000);
    assert.equal(await exists(buildLockFile(project)), false);

    await writeTo(project, '.cache/news-archive/build.lock', '');
    await utimes(buildLockFile(project), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await writeTo(project, 'content/one-more.md', '---\ntitle: One more\n---\n\nOne more article.\n');
    const again = await build(project);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, waiting);
  });

  it('waits for a running holder up to its timeout, then fails with a clear error and leaves its lock alone', { timeout: 60_000 }, async () => {
    const project = await tempDir('store-timeout');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      const held = JSON.stringify({ pid: holder.pid, started: new Date().toISOString(), what: 'build' });
      await writeTo(project, '.cache/news-archive/build.lock', held);
      let ran = false;
      await assert.rejects(
        withBuildLock(project, 'build', async () => void (ran = true), { timeout: 400, poll: 50 }),
        (error: unknown) => error instanceof BuildLockTimeout && error.message.includes(`the build already running (PID ${holder.pid}) has not finished`),
      );
      assert.equal(ran, false);
      assert.equal(await readFile(buildLockFile(project), 'utf8'), held);
    } finally {
      holder.kill('SIGKILL');
    }
    // Once the holder is gone, the lock is taken, held while the work runs, and released after it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const inside = await withBuildLock(project, 'build', async () => JSON.parse(await readFile(buildLockFile(project), 'utf8')) as { pid: number });
    assert.equal(inside.pid, process.pid);
    assert.equal(await exists(buildLockFile(project)), false);
  });

  it('goes when a build is stopped with SIGTERM, and the next build gives a cold build\'s site', { timeout: 300_000 }, async () => {
    const project = await corpus('store-term', 120);
    const running = start(project, ['build']);
    await until('the build takes the lock', () => exists(buildLockFile(project)));
    await pause(1_500);
    running.child.kill('SIGTERM');
    const stopped = await running.ended;
    assert.ok(stopped.code === 143 || stopped.code === 0, `stopped: ${stopped.code} ${stopped.signal} ${stopped.stderr}`);
    assert.equal(await exists(buildLockFile(project)), false, 'the lock went with it');
    const next = await build(project);
    assert.equal(next.code, 0, next.stderr);
    assert.doesNotMatch(next.stderr, waiting);
    assert.deepEqual(await siteHashes(path.join(project, 'site')), await coldSite(project));
  });
});

describe('the memo store', () => {
  it('finds what was remembered, for its code version only, and keeps only what the last build used', async () => {
    const dir = path.join(await tempDir('store-memo'), 'memo');
    const first = await openMemo(dir, 'a'.repeat(64));
    assert.equal(first.size, 0);
    first.remember('markdown', 'one', { html: '<p>one</p>', blocks: ['one'], firstParagraph: 'one' });
    first.remember('markdown', 'two', { html: '<p>two</p>', blocks: ['two'], firstParagraph: 'two' });
    first.remember('flags', 'one', { dateReferences: [], artifacts: [{ paragraph: 1, kind: 'repeated-word', excerpt: 'said. said.' }] });
    await first.save();

    const second = await openMemo(dir, 'a'.repeat(64));
    assert.equal(second.size, 3);
    assert.deepEqual(second.find('markdown', 'one'), { html: '<p>one</p>', blocks: ['one'], firstParagraph: 'one' });
    assert.deepEqual(second.find('flags', 'one'), { dateReferences: [], artifacts: [{ paragraph: 1, kind: 'repeated-word', excerpt: 'said. said.' }] });
    assert.equal(second.find('markdown', 'three'), undefined);
    assert.equal(second.find('findings', 'one'), undefined, 'another step, another key');
    second.remember('markdown', 'three', { html: '<p>three</p>', blocks: ['three'], firstParagraph: 'three' });
    await second.save();

    const third = await openMemo(dir, 'a'.repeat(64));
    assert.equal(third.size, 3, 'two used and one added; the unused one is gone');
    assert.equal(third.find('markdown', 'two'), undefined);
    assert.deepEqual(third.find('markdown', 'three'), { html: '<p>three</p>', blocks: ['three'], firstParagraph: 'three' });
    await third.save();

    const other = await openMemo(dir, 'b'.repeat(64));
    assert.equal(other.size, 0, 'another version of the code starts from nothing');
    assert.equal(other.find('markdown', 'three'), undefined);
    await other.save();
    assert.deepEqual((await readdir(dir)).sort(), ['bbbbbbbbbbbbbbbb.bulk.mdb', 'bbbbbbbbbbbbbbbb.bulk.mdb-lock', 'bbbbbbbbbbbbbbbb.mdb', 'bbbbbbbbbbbbbbbb.mdb-lock', 'bbbbbbbbbbbbbbbb.mdb.seal'], 'the other version\'s store is removed');
    assert.equal((await openMemo(dir, 'a'.repeat(64))).size, 0);
  });

  it('keeps the bulky steps\' results in a file of their own, and finds them there on the next build', async () => {
    const dir = path.join(await tempDir('store-bulky'), 'memo');
    const code = 'd'.repeat(64);
    const bulky = new Set(['body']);
    const body = 'A long body. '.repeat(20_000);
    const first = await openMemo(dir, code, bulky);
    first.remember('body', 'one', body);
    first.remember('facts', 'one', { words: 2 });
    await first.save();
    const size = async (name: string) => (await stat(path.join(dir, name))).size;
    assert.ok((await size('dddddddddddddddd.bulk.mdb')) > body.length, 'the body is in the bulk file');
    assert.ok((await size('dddddddddddddddd.mdb')) < body.length / 4, 'and not in the facts\' file');

    const second = await openMemo(dir, code, bulky);
    assert.equal(second.size, 2);
    assert.equal(second.find('body', 'one'), body);
    assert.deepEqual(second.find('facts', 'one'), { words: 2 });
    await second.save();
    assert.throws(() => second.find('a:b', 'one'), /step's name/, 'a step name with a colon is refused');
    const third = await openMemo(dir, code, bulky);
    assert.equal(third.size, 2, 'both kept: the last build used both');
    await third.save();
  });

  it('discards a store of another code version, and a damaged one, and the build gives a cold build\'s site', { timeout: 300_000 }, async () => {
    const project = await corpus('store-damaged', 30);
    let result = await build(project);
    assert.equal(result.code, 0, result.stderr);
    const before = await storeFiles(project);
    result = await build(project, { NEWS_ARCHIVE_CODE_VERSION: 'next' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await readdir(memoDir(project))).filter((name) => name.endsWith('.mdb')).length, 2);
    assert.notEqual((await storeFiles(project)).main, before.main, 'the new code has a store of its own; the old one is gone');

    const env = { NEWS_ARCHIVE_CODE_VERSION: 'next' };
    const damages: [string, (file: string) => Promise<void>][] = [
      ['garbage of the same size', async (file) => writeFile(file, randomBytes((await stat(file)).size))],
      ['garbage, with its old size and time', async (file) => {
        const { size, atime, mtime } = await stat(file);
        await writeFile(file, randomBytes(size));
        await utimes(file, atime, mtime);
      }],
      ['cut short', (file) => truncate(file, 100)],
      ['empty', (file) => truncate(file, 0)],
    ];
    for (const [index, [what, damage]] of damages.entries()) {
      // Either file of the store, in turn.
      const files = await storeFiles(project);
      await damage(index % 2 === 0 ? files.main : files.bulk);
      // A change, so that the build reads its inputs (and the memo) rather than stop at once.
      await writeTo(project, `content/change-${index}.md`, `---\ntitle: Change ${index}\n---\n\nA change to build: ${what}.\n`);
      result = await build(project, env);
      assert.equal(result.code, 0, `${what}: ${result.stderr}`);
      assert.deepEqual(await siteHashes(path.join(project, 'site')), await coldSite(project, env), what);
    }
  });

  it('killed with SIGKILL after it first wrote to the store, leaves a store the next build does not trust', { timeout: 120_000 }, async () => {
    const dir = path.join(await tempDir('store-save-killed'), 'memo');
    const code = 'c'.repeat(64);
    const old = await openMemo(dir, code);
    for (let index = 0; index < 100; index++) old.remember('markdown', `old ${index}`, { html: `<p>${index}</p>`, blocks: [], firstParagraph: '' });
    await old.save();
    const sealFile = path.join(dir, `${code.slice(0, 16)}.mdb.seal`);
    assert.equal(await exists(sealFile), true, 'a save seals the store');
    // A build of its own process that writes 20,000 new results as it goes: it is killed as it saves.
    const saving = `const { openMemo } = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'src', 'store', 'memo.ts')).href)});
const memo = await openMemo(${JSON.stringify(dir)}, ${JSON.stringify(code)});
for (let index = 0; index < 20000; index++) memo.remember('markdown', 'new ' + index, { html: '<p>' + 'x'.repeat(2000) + index + '</p>', blocks: [], firstParagraph: '' });
process.stdout.write('saving\\n');
await memo.save();`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', saving], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL', 'killed before it finished');
    assert.equal(await exists(sealFile), false, 'the seal went with its first write');
    // A store its save did not seal is not trusted, whatever LMDB's file holds.
    const next = await openMemo(dir, code);
    assert.equal(next.size, 0);
    assert.equal(next.find('markdown', 'old 1'), undefined);
    await next.save();
  });

  it('after a build killed with SIGKILL while it reads or renders, the next build gives a cold build\'s site', { timeout: 600_000 }, async () => {
    const project = await corpus('store-killed', 120);
    assert.equal((await build(project)).code, 0);
    const seal = async () => path.join(memoDir(project), `${path.basename((await storeFiles(project)).main)}.seal`);
    const killWhen = async (what: string, when: (started: number) => Promise<void>) => {
      // New articles, so that the build has results to save.
      for (let index = 0; index < 40; index++) {
        const words = Array.from({ length: 200 }, (_, word) => `${what}${(index * 7 + word * 13) % 97}`).join(' ');
        await writeTo(project, `content/${what}/${index}.md`, `---\ntitle: ${what} ${index}\n---\n\nWhat the *${what}* build said on day ${index}: ${words}.\n\n“A quotation of ${what} ${index},” said Ana Ruiz in London.\n`);
      }
      const started = Date.now();
      const running = start(project, ['build']);
      await when(started);
      assert.ok(await exists(buildLockFile(project)), `${what}: killed while it holds the lock`);
      running.child.kill('SIGKILL');
      const killed = await running.ended;
      assert.equal(killed.signal, 'SIGKILL', `${what}: killed before it finished`);
      const next = await build(project);
      assert.equal(next.code, 0, `${what}: ${next.stderr}`);
      assert.doesNotMatch(next.stderr, waiting, `${what}: the dead build's lock is taken over`);
      assert.deepEqual(await siteHashes(path.join(project, 'site')), await coldSite(project), what);
    };
    const sealFile = await seal();
    await killWhen('reading', async () => {
      await until('the build takes the lock', () => exists(buildLockFile(project)));
      await pause(800);
    });
    // Killed while it renders, with the store's new results not yet saved (they are saved once the
    // pages are written: rendering reads the records of the pages it renders from the store).
    await killWhen('rendering', async (started) => {
      const renders = async () => {
        for (const name of await readdir(project)) if (name.startsWith('.site.building-') && (await exists(path.join(project, name, 'articles')))) return true;
        return false;
      };
      await until('it renders pages', renders);
      assert.ok(((await stat(sealFile).catch(() => null))?.mtimeMs ?? 0) < started, 'not saved yet');
    });
  });
});
