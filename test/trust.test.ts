import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, rename, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateCorpus } from '../bench/generate.ts';
import { buildLedger, buildProject, cli, listFiles, repoRoot, shippedSeed, tempProject, writeTo, tempDir, articlesOf } from './helpers.ts';

const hashesOf = async (dir: string) => {
  const files = await listFiles(dir);
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex')])));
};

describe('paths and addresses', () => {
  it('refuses device names, keeps case-only twins apart, and bounds long names', async () => {
    const long = `${'Ω'.repeat(60)}${'a'.repeat(100)}`; // 220 bytes in UTF-8
    const dir = await tempProject({
      'content/con.md': '---\nkind: page\ntitle: Con\n---\n\nBody.\n',
      'content/nul.md': '---\ntitle: Nul\nslug: nul\n---\n\nBody.\n',
      'content/About.md': '---\nkind: page\ntitle: About\n---\n\nUpper.\n',
      'content/about.md': '---\nkind: page\ntitle: About\n---\n\nLower.\n',
      'seeds/Story.txt': 'Same headline\n\nUpper.\n',
      'seeds/story.txt': 'Same headline\n\nLower.\n',
      [`seeds/${long}.txt`]: `${'Very long headline '.repeat(30)}\n\nBody.\n`,
    });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['content/con.md']!.reason, 'content/con.md: The page address "con/" is a name Windows keeps for a device: set another slug in its front matter');
    assert.match(byPath['content/nul.md']!.reason!, /slug must not be a name Windows keeps for a device/);
    assert.deepEqual([byPath['content/About.md']!.status, byPath['content/about.md']!.status], ['page', 'rejected']);
    const files = await listFiles(path.join(dir, 'site'));
    const folded = new Set(files.map((file) => file.toLowerCase()));
    assert.equal(folded.size, files.length, 'no two files differ only in case');
    for (const file of files) for (const part of file.split('/')) assert.ok(Buffer.byteLength(part) <= 120, `${part} is too long for some file systems`);
    assert.equal(result.counts.articles, 3);
  });
});

describe('large inputs', () => {
  it('rejects a 50 MB seed at once, and builds a 100,000-line seed and a 10,000-paragraph Markdown article', { timeout: 120_000 }, async () => {
    const lines = Array.from({ length: 100_000 }, (_, index) => `Line ${index} of a long scraped page.${index % 3 ? '' : '\n'}`);
    const paragraphs = Array.from({ length: 10_000 }, (_, index) => `Paragraph ${index} with *emphasis* and a [link](https://example.com/${index}).`);
    const dir = await tempProject({
      'seeds/lines.txt': `Long page\n\n${lines.join('\n')}\n`,
      'content/many.md': `---\ntitle: Many paragraphs\n---\n\n${paragraphs.join('\n\n')}\n`,
    });
    await writeTo(dir, 'seeds/huge.txt', Buffer.alloc(50 * 1024 * 1024, 'a'));
    const { result, byPath } = await buildLedger(dir);
    assert.equal(byPath['seeds/huge.txt']!.reason, 'seeds/huge.txt: File is 52428800 bytes, over the 5242880-byte limit (raise it with --max-bytes)');
    assert.equal(byPath['seeds/lines.txt']!.status, 'article');
    assert.equal(byPath['content/many.md']!.status, 'article');
    const seed = articlesOf(result.archive).find((article) => article.source.path === 'seeds/lines.txt')!;
    assert.ok(seed.body.format === 'paragraphs' && seed.body.paragraphs.length === 33_334);
    const original = await readFile(path.join(dir, 'site', result.view.articles.find((article) => article.slug === seed.slug)!.originalUrl, 'index.html'), 'utf8');
    assert.ok(original.includes('id="L100002"'));
  });
});

describe('hostile Markdown', () => {
  it('never runs front matter as code, and refuses bodies too deep or too tangled to render, in moments', { timeout: 60_000 }, async () => {
    const dir = await tempProject({
      'content/js.md': "---js\n{ title: (require('fs').writeFileSync('pwned', 'ran'), 'Hello') }\n---\n\nBody.\n",
      'content/json.md': '---json\n{"title": "Hello"}\n---\n\nBody.\n',
      'content/deep.md': `---\ntitle: Deep\n---\n\n${'> '.repeat(10_000)}x\n`,
      'content/emphasis.md': `---\ntitle: Emphasis\n---\n\n${'*a'.repeat(20_000)}\n`,
      'content/image.md': '---\ntitle: Image\n---\n\n![plain](http://example.com/x.png) ![secure](https://example.com/y.png)\n',
      'content/fine.md': '---\ntitle: Fine\n---\n\nBody.\n',
    });
    const started = Date.now();
    const { result, byPath } = await buildLedger(dir);
    assert.ok(Date.now() - started < 30_000);
    assert.equal(byPath['content/js.md']!.reason, 'content/js.md:1:1 Front matter must be YAML, opened by a line with only ---; "---js" is not read');
    assert.match(byPath['content/json.md']!.reason!, /"---json" is not read/);
    await assert.rejects(readFile(path.join(dir, 'pwned')), 'no code from an article ran');
    assert.match(byPath['content/deep.md']!.reason!, /File could not be processed: it is nested too deeply to process|not rendered/);
    assert.match(byPath['content/emphasis.md']!.reason!, /A single block with 20,000 emphasis, link and code marks, over the 5,000 one block may hold: not rendered/);
    const image = result.view.articleView(result.view.articles.find((article) => article.headline === 'Image')!);
    assert.doesNotMatch(image.bodyHtml!, /http:\/\/example\.com/);
    assert.match(image.bodyHtml!, /src="https:\/\/example\.com\/y\.png"/);
    assert.equal(byPath['content/fine.md']!.status, 'article');
  });
});

describe('atomic builds', () => {
  it('put back a site a killed build had moved aside, and clear what killed builds left', async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'Alpha\n\nBody.\n' });
    await buildProject(dir);
    const before = await hashesOf(path.join(dir, 'site'));
    // A build killed outright (SIGKILL) between moving the old site aside and moving the new one in.
    await rename(path.join(dir, 'site'), path.join(dir, '.site.previous-999999999'));
    await writeTo(dir, '.site.building-999999998/index.html', 'half a site');
    await writeTo(dir, 'seeds/b.txt', 'Beta\n\nBody.\n');
    await buildProject(dir);
    const leftovers = async () => (await readdir(dir)).filter((name) => name.startsWith('.site.'));
    // What the build itself discards (the search index it replaced) is removed by a process of its own, shortly.
    for (let tries = 0; tries < 100 && (await leftovers()).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(await leftovers(), []);
    assert.notDeepEqual(await hashesOf(path.join(dir, 'site')), before, 'the new build replaced the restored site');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`leave the previous site exactly as it was when interrupted with ${signal}`, { timeout: 120_000 }, async () => {
      const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed) });
      await buildProject(dir);
      const before = await hashesOf(path.join(dir, 'site'));
      for (let index = 0; index < 300; index++) await writeTo(dir, `seeds/more/${index}.txt`, `Story ${index}\n\nParagraph of story ${index}.\n`);
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'news-archive.js'), 'build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Wait until the build is writing its staging folder, then interrupt it.
      for (let tries = 0; ; tries++) {
        const staging = (await readdir(dir)).some((name) => name.startsWith('.site.building-'));
        if (staging) break;
        assert.ok(tries < 2000, 'the build never started writing');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      child.kill(signal);
      assert.equal(await exited, signal === 'SIGTERM' ? 143 : 130);
      assert.match(stderr, new RegExp(`interrupted \\(${signal}\\); nothing was published, the previous site is as it was`));
      assert.deepEqual(await hashesOf(path.join(dir, 'site')), before);
      assert.deepEqual((await readdir(dir)).filter((name) => name.startsWith('.site.')), [], 'no staging folder is left behind');
    });
  }
});

describe('an interrupted update', () => {
  it('leaves the site as it was when a build that updates it in place is interrupted, and the next build is exact', { timeout: 300_000 }, async () => {
    const dir = await tempDir('update');
    generateCorpus(dir, 200);
    assert.equal((await cli(dir, ['build'])).code, 0);
    const before = await hashesOf(path.join(dir, 'site'));
    await writeTo(dir, 'content/added.md', '---\ntitle: "One more story"\ndate: 2031-01-01\nsection: Politics\n---\n\nThe newest story.\n');
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'news-archive.js'), 'build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let tries = 0; ; tries++) {
      if ((await readdir(dir)).some((name) => name.startsWith('.site.building-'))) break;
      assert.ok(tries < 3000, 'the build never started writing');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGTERM');
    assert.equal(await exited, 143, stdout);
    assert.deepEqual(await hashesOf(path.join(dir, 'site')), before, 'the site is as it was');
    const next = await cli(dir, ['build']);
    assert.match(next.stdout, /pages in site\/: \d+ rendered, [1-9][\d,]* unchanged since the last build/, 'the next build updates the site in place');
    const copy = await tempDir('update-cold');
    await cp(path.join(dir, 'seeds'), path.join(copy, 'seeds'), { recursive: true });
    await cp(path.join(dir, 'content'), path.join(copy, 'content'), { recursive: true });
    assert.equal((await cli(copy, ['build'])).code, 0);
    assert.deepEqual(await hashesOf(path.join(dir, 'site')), await hashesOf(path.join(copy, 'site')), 'and gives the site a build from nothing gives');
  });
});

describe('determinism', () => {
  it('gives byte-identical output whatever order the files were written in and whatever their times', async () => {
    const inputs: [string, string][] = [
      ['seeds/b.txt', 'Beta\n\nBody b.\n'],
      ['seeds/a.txt', 'Alpha\n\nBody a.\n'],
      ['seeds/x/c.txt', 'Gamma\n\nBody c.\n'],
      ['seeds/a.yml', 'date: 2021-01-01\n'],
      ['content/d.md', '---\ntitle: Delta\ndate: 2020-02-02T10:00:00+01:00\n---\n\nD.\n'],
      ['content/e.md', '---\ntitle: Epsilon\n---\n\nE.\n'],
    ];
    const one = await tempProject(Object.fromEntries(inputs));
    const two = await tempProject(Object.fromEntries([...inputs].reverse()));
    for (const [index, [file]] of inputs.entries()) await utimes(path.join(two, file), new Date(2001, 1, index + 1), new Date(2001, 1, index + 1));
    await buildProject(one);
    await buildProject(two);
    const first = await hashesOf(path.join(one, 'site'));
    assert.ok(Object.keys(first).length > 10);
    assert.deepEqual(await hashesOf(path.join(two, 'site')), first);
  });
});
