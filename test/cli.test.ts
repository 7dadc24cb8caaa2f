import assert from 'node:assert/strict';
import { cp, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { loadConfig } from '../src/cli/config.ts';
import { buildLedger, cli, listFiles, repoRoot, shippedSeed, tempProject, writeTo, articlesOf } from './helpers.ts';

describe('news-archive build', () => {
  it('ends with a summary: files read, articles built, rejections with reasons, files written, seconds', async () => {
    const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed), 'content/broken.md': '---\ntitle: Broken\ndate: someday\n---\n\nText.\n' });
    const { code, stdout, stderr } = await cli(dir, ['build']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^2 files read \(1 seed, 1 Markdown\)$/m);
    assert.match(stdout, /^1 article \+ 0 pages \+ 1 rejected = 2 files; 0 warnings$/m);
    assert.match(stdout, /^ {2}rejected {2}content\/broken\.md:3:1 Invalid front matter "date"/m);
    assert.match(stdout, /^(\d+) pages in site\/: \1 rendered, 0 unchanged since the last build; \d+ other files written; \d+\.\d\d s$/m);
    assert.match(stdout, /^Time by stage: reading \d+\.\d\d s · site view \d+\.\d\d s · rendering \d+\.\d\d s · search index \d+\.\d\d s · publishing \d+\.\d\d s · saving the store \d+\.\d\d s$/m);
    assert.match(stderr, /content\/broken\.md\n\s*3:1\s+error\s+Invalid front matter "date"/);
    assert.ok(!/    at /.test(stderr), 'no stack trace for a user mistake');
  });

  it('exits 1 and publishes nothing when no article could be built', async () => {
    const dir = await tempProject({ 'seeds/empty.txt': '' });
    const { code, stdout } = await cli(dir, ['build']);
    assert.equal(code, 1);
    assert.match(stdout, /Not published: No article could be built/);
    await assert.rejects(stat(path.join(dir, 'site')));
  });

  it('with --strict, fails on a warning and leaves the previous site as it was', async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'Alpha\n\nBody.\n' });
    assert.equal((await cli(dir, ['build'])).code, 0);
    const before = await listFiles(path.join(dir, 'site'));
    await writeTo(dir, 'content/b.md', '---\ntitle: Beta\ncolour: blue\n---\n\nBody.\n');
    const lenient = await cli(dir, ['build', '--out', 'lenient']);
    assert.equal(lenient.code, 0);
    const strict = await cli(dir, ['build', '--strict']);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /Not published: --strict: 0 rejected, 1 warnings/);
    assert.match(strict.stderr, /content\/b\.md\n\s*3:1\s+warning\s+Unknown front matter key "colour"/);
    assert.deepEqual(await listFiles(path.join(dir, 'site')), before);
  });

  it('takes --max-bytes, and lists routine notes with --verbose', async () => {
    const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed), 'seeds/small.txt': 'Small\n\nBody.\n' });
    const limited = await cli(dir, ['build', '--max-bytes', '1000', '--verbose']);
    assert.equal(limited.code, 0);
    assert.match(limited.stdout, /rejected {2}seeds\/000_a4d76ca98f8e33ba\.txt: File is 2636 bytes, over the 1000-byte limit/);
    const verbose = await cli(dir, ['build', '--verbose']);
    assert.match(verbose.stderr, /28:1\s+info\s+Separated leftover "Back to top button"\s+widget-label/);
    const quiet = await cli(dir, ['build']);
    assert.doesNotMatch(quiet.stderr, /Separated leftover/);
  });

  it('takes --seeds, --content and --out', async () => {
    const dir = await tempProject({ 'in/a.txt': 'Alpha\n\nBody.\n', 'md/b.md': '---\ntitle: Beta\n---\n\nBody.\n' });
    const { code } = await cli(dir, ['build', '--seeds', 'in', '--content', 'md', '--out', 'public']);
    assert.equal(code, 0);
    const report = JSON.parse(await readFile(path.join(dir, 'public', 'build-report.json'), 'utf8'));
    assert.deepEqual(report.files.map((file: { path: string; status: string }) => [file.path, file.status]), [['in/a.txt', 'article'], ['md/b.md', 'article']]);
    const files = await listFiles(path.join(dir, 'public'));
    for (const file of report.files) assert.ok(files.includes(`${file.url}index.html`), file.url);
    const missing = await cli(dir, ['build', '--seeds', 'nowhere']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^news-archive: --seeds nowhere: no such folder/);
  });

  it('leaves search out with --no-search (or search: false), and puts it back when it is on again', async () => {
    const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed), 'seeds/b.txt': 'Second story\n\nIt happened in London.\n' });
    const site = path.join(dir, 'site');
    const searchLinks = async (file: string) => (await readFile(path.join(site, file), 'utf8')).match(/href="[^"]*search\/index\.html"/g) ?? [];
    const off = await cli(dir, ['build', '--no-search']);
    assert.equal(off.code, 0, off.stderr);
    let files = await listFiles(site);
    assert.ok(!files.some((file) => file.startsWith('search/') || file.startsWith('search-index/')), 'no search page and no index');
    assert.deepEqual(await searchLinks('index.html'), [], 'no page links to a search page that is not there');
    assert.deepEqual(await searchLinks('404.html'), []);
    const on = await cli(dir, ['build']);
    assert.equal(on.code, 0, on.stderr);
    files = await listFiles(site);
    assert.ok(files.includes('search/index.html') && files.includes('search-index/engine.js'), 'search is back');
    assert.equal((await searchLinks('index.html')).length, 1);
    await writeTo(dir, 'news-archive.config.json', JSON.stringify({ search: false }));
    const configured = await cli(dir, ['build']);
    assert.equal(configured.code, 0, configured.stderr);
    files = await listFiles(site);
    assert.ok(!files.some((file) => file.startsWith('search/') || file.startsWith('search-index/')), 'search: false in the config turns it off too, and the old index goes');
  });

  it('answers a usage mistake with one line and exit 2', async () => {
    const dir = await tempProject({});
    const unknown = await cli(dir, ['build', '--colour']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^news-archive: Unknown option '--colour'/);
    assert.ok(!/    at /.test(unknown.stderr));
    const help = await cli(dir, ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /news-archive build \[options\]/);
    const bare = await cli(dir, []);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /news-archive build \[options\]/);
    await writeTo(dir, 'afile', 'x');
    await writeTo(dir, 'empty-templates/readme', 'x');
    for (const [args, message] of [
      [['build', '--seeds', 'afile'], /^news-archive: --seeds afile is a file, not a folder/],
      [['build', '--templates', 'empty-templates'], /^news-archive: templates folder empty-templates lacks index\.njk, article\.njk, .*_includes\/base\.njk/],
      [['build', '--port', '9000'], /^news-archive: --port is for serve/],
      [['build', 'extra'], /^news-archive: unexpected argument "extra"/],
      [['build', '--max-bytes', 'lots'], /^news-archive: --max-bytes takes a positive whole number, not "lots"/],
    ] as const) {
      const result = await cli(dir, [...args]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
  });
});

describe('news-archive serve', () => {
  it('serves the site with live reload and rebuilds when a seed is added', async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'First story\n\nBody.\n' });
    await rm(path.join(dir, 'content'), { recursive: true });
    await cp(path.join(repoRoot, 'templates'), path.join(dir, 'my-templates'), { recursive: true });
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(process.execPath, [path.join(repoRoot, 'bin', 'news-archive.js'), 'serve', '--port', String(port), '--templates', 'my-templates'], { cwd: dir });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    const until = async (test: () => Promise<boolean> | boolean, what: string) => {
      for (let tries = 0; tries < 100; tries++) {
        if (await test()) return;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      assert.fail(`timed out waiting for ${what}; output:\n${output}`);
    };
    try {
      await until(() => /Server at http:\/\/localhost:(\d+)/.test(output), 'the server');
      const url = `http://localhost:${/Server at http:\/\/localhost:(\d+)/.exec(output)![1]}/`;
      // The dev server adds its live-reload client to navigations, as a browser makes them
      // (fetch() cannot say so: it always sends sec-fetch-mode: cors).
      const index = await new Promise<string>((resolve, reject) => {
        get(url, { headers: { 'sec-fetch-mode': 'navigate' } }, (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk)).on('end', () => resolve(body));
        }).on('error', reject);
      });
      assert.match(index, /First story/);
      assert.match(index, /reload-client\.js/, 'the live-reload client is injected');
      await writeTo(dir, 'seeds/b.txt', 'Second story\n\nBody.\n');
      await until(async () => (await (await fetch(url)).text()).includes('Second story'), 'the rebuild');
      // content/ did not exist when serve started: creating it is noticed too.
      await writeTo(dir, 'content/third.md', '---\ntitle: Third story\n---\n\nBody.\n');
      await until(async () => (await (await fetch(url)).text()).includes('Third story'), 'the rebuild for a new folder');
      const base = path.join(dir, 'my-templates', '_includes', 'base.njk');
      await writeTo(dir, 'my-templates/_includes/base.njk', (await readFile(base, 'utf8')).replace('Text shown as the sources give it', 'edited footer'));
      await until(async () => (await (await fetch(url)).text()).includes('edited footer'), 'the rebuild for a template change');
    } finally {
      server.kill('SIGTERM');
    }
  });
});

describe('the output folder', () => {
  it('is never the working folder, an input folder, or a folder news-archive did not write', async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'Alpha\n\nBody.\n', 'notes/keep.me': 'mine' });
    for (const [out, message] of [
      ['.', /--out \. is the working folder or holds it/],
      ['..', /--out \.\. is the working folder or holds it/],
      ['seeds', /--out seeds overlaps the seeds folder seeds/],
      ['seeds/site', /--out seeds\/site overlaps the seeds folder seeds/],
      ['notes', /notes\/ holds files that news-archive did not write/],
      ['notes/keep.me', /--out notes\/keep\.me is a file/],
    ] as const) {
      const result = await cli(dir, ['build', '--out', out]);
      assert.equal(result.code, 2, out);
      assert.match(result.stderr, message);
    }
    assert.equal(await readFile(path.join(dir, 'seeds/a.txt'), 'utf8'), 'Alpha\n\nBody.\n');
    assert.equal(await readFile(path.join(dir, 'notes/keep.me'), 'utf8'), 'mine');
    assert.equal((await cli(dir, ['build', '--out', 'public'])).code, 0);
    assert.equal((await cli(dir, ['build', '--out', 'public'])).code, 0, 'a folder it wrote itself is replaced');
  });

  it('takes its settings from news-archive.config.json, and a bad one stops the build in one line', async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'Alpha\n\nBody.\n', 'seeds/b.txt': 'Beta\n\nBody.\n', 'news-archive.config.json': '{"title": "My papers", "out": "public", "perPage": 1, "lang": "fr"}' });
    assert.equal((await cli(dir, ['build'])).code, 0);
    const index = await readFile(path.join(dir, 'public/index.html'), 'utf8');
    assert.match(index, /<title>My papers<\/title>/);
    assert.match(index, /<html lang="fr" dir="ltr">/);
    const older = /<a rel="next" href="([^"]+)">Older/.exec(index)?.[1];
    assert.ok(older, 'one article to a page: the first page links to an older one');
    assert.match(await readFile(path.join(dir, 'public', older), 'utf8'), /Beta/);
    await writeTo(dir, 'news-archive.config.json', '{"perPage": "many"}');
    const bad = await cli(dir, ['build']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^news-archive: news-archive.config.json: perPage: /);
    assert.ok(!/    at /.test(bad.stderr));
  });

  it('gives a project without a config file the settings an empty one gives', async () => {
    const without = await tempProject({ 'seeds/a.txt': 'Alpha\n\nBody.\n' });
    const empty = await tempProject({ 'seeds/a.txt': 'Alpha\n\nBody.\n', 'news-archive.config.json': '{}' });
    assert.deepEqual(await loadConfig(without), await loadConfig(empty));
    assert.equal((await loadConfig(without)).perPage, 20);
  });
});

describe('templates', () => {
  it('can be your own copy; a broken one fails the build in one message and publishes nothing', async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'Alpha\n\nBody.\n' });
    await cp(path.join(repoRoot, 'templates'), path.join(dir, 'mine'), { recursive: true });
    const article = path.join(dir, 'mine', 'article.njk');
    await writeTo(dir, 'mine/article.njk', (await readFile(article, 'utf8')).replace('<article class="article"', '<p class="house-style">Our archive</p>\n<article class="article"'));
    assert.equal((await cli(dir, ['build', '--templates', 'mine'])).code, 0);
    const before = await listFiles(path.join(dir, 'site'));
    const page = before.find((file) => /^articles\/[^/]+\/index\.html$/.test(file))!;
    assert.match(await readFile(path.join(dir, 'site', page), 'utf8'), /house-style/);

    await writeTo(dir, 'mine/article.njk', (await readFile(article, 'utf8')).replace('{{ article.headline }}', '{{ article.headline | nosuchfilter }}'));
    const broken = await cli(dir, ['build', '--templates', 'mine']);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^news-archive: A template failed to render: .*nosuchfilter/m);
    assert.match(broken.stderr, /Nothing was published/);
    assert.ok(!/    at /.test(broken.stderr), 'no stack trace');
    assert.deepEqual(await listFiles(path.join(dir, 'site')), before);
  });
});

describe('news-archive check', () => {
  it('reads and checks everything, prints every message with its place and the counts, and writes nothing', async () => {
    const dir = await tempProject({
      'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed),
      'seeds/copy.txt': await readFile(shippedSeed),
      'content/broken.md': '---\ntitle: Broken\ndate: someday\n---\n\nText.\n',
    });
    const failing = await cli(dir, ['check']);
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /seeds\/000_a4d76ca98f8e33ba\.txt\n(?:.*\n)*\s*28:1\s+info\s+Separated leftover "Back to top button"\s+widget-label/);
    assert.match(failing.stderr, /content\/broken\.md\n\s*3:1\s+error\s+Invalid front matter "date"/);
    assert.match(failing.stdout, /^3 files read \(2 seeds, 1 Markdown\)$/m);
    assert.match(failing.stdout, /^1 article \+ 0 pages \+ 1 duplicate \+ 1 rejected = 3 files; 0 warnings$/m);
    assert.match(failing.stdout, /^Check failed: 1 rejected\. Nothing was written\.$/m);
    await assert.rejects(stat(path.join(dir, 'site')));
    await rm(path.join(dir, 'content/broken.md'));
    const passing = await cli(dir, ['check']);
    assert.equal(passing.code, 0);
    assert.match(passing.stdout, /^Check passed\. Nothing was written\.$/m);
    await writeTo(dir, 'content/odd.md', '---\ntitle: Odd\ncolour: blue\n---\n\nText.\n');
    assert.equal((await cli(dir, ['check'])).code, 0);
    assert.equal((await cli(dir, ['check', '--strict'])).code, 1);
  });
});

describe('news-archive new', () => {
  it('writes a Markdown article with valid front matter that builds, and never overwrites one', async () => {
    const dir = await tempProject({});
    const created = await cli(dir, ['new', 'Markets rally: a "record" day', '--date', '2024-05-01', '--section', 'Business']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^Wrote content\/markets-rally-a-record-day\.md/);
    const text = await readFile(path.join(dir, 'content/markets-rally-a-record-day.md'), 'utf8');
    assert.match(text, /^---\ntitle: 'Markets rally: a "record" day'\ndate: '2024-05-01'\nsection: Business\ntags: \[\]\n---\n/);
    const { result } = await buildLedger(dir);
    assert.equal(articlesOf(result.archive)[0]?.headline, 'Markets rally: a "record" day');
    assert.equal(articlesOf(result.archive)[0]?.date, '2024-05-01');
    const again = await cli(dir, ['new', 'Markets rally: a "record" day']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /^news-archive: content\/markets-rally-a-record-day\.md already exists/);
    const today = await cli(dir, ['new', 'Today']);
    assert.match(await readFile(path.join(dir, 'content/today.md'), 'utf8'), /^date: '\d{4}-\d{2}-\d{2}'$/m);
    assert.equal(today.code, 0);
    const bad = await cli(dir, ['new', 'Bad date', '--date', '2024-02-30']);
    assert.equal(bad.code, 2);
  });
});

describe('the progress line', () => {
  it('shows done/total, rate and time left in a terminal, and nothing when the output is not one', async () => {
    const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed) });
    // `script` gives the build a terminal; the line is made to appear at once instead of after 2 s.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(repoRoot, 'bin', 'news-archive.js'))} build`;
    const inTerminal = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: dir, env: { ...process.env, NEWS_ARCHIVE_PROGRESS_AFTER: '0' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)));
      child.on('error', reject);
      child.on('close', () => resolve(output));
    });
    assert.match(inTerminal, /Rendering pages: \d+\/\d+ \(\d+\/s/);
    assert.match(inTerminal, /Indexing articles for search/);
    assert.match(inTerminal, /pages in site\/: \d+ rendered/);
    const piped = await cli(dir, ['build', '--out', 'piped']);
    assert.doesNotMatch(piped.stdout + piped.stderr, /Rendering pages/);
  });
});

describe('a build with nothing to do', () => {
  it('stops at once when nothing changed, and never when a template, an article, a setting or the code did', { timeout: 180_000 }, async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'Alpha headline\n\nThe first text.\n' });
    await cp(path.join(repoRoot, 'templates'), path.join(dir, 'mine'), { recursive: true });
    const build = (env: NodeJS.ProcessEnv = {}, extra: string[] = []) => cli(dir, ['build', '--templates', 'mine', ...extra], env);
    const article = async () => {
      const files = await listFiles(path.join(dir, 'site'));
      return readFile(path.join(dir, 'site', files.find((file) => /^articles\/[^/]+\/index\.html$/.test(file))!), 'utf8');
    };
    const unchanged = /^Nothing changed since the last build \(inputs, templates, settings and code\): site\/ is up to date, with 1 article \(/m;

    assert.doesNotMatch((await build()).stdout, unchanged);
    const first = await listFiles(path.join(dir, 'site'));
    const again = await build();
    assert.match(again.stdout, unchanged);
    assert.deepEqual(await listFiles(path.join(dir, 'site')), first);

    const template = path.join(dir, 'mine', 'article.njk');
    await writeTo(dir, 'mine/article.njk', (await readFile(template, 'utf8')).replace('<article class="article"', '<p class="changed-template">new</p>\n<article class="article"'));
    assert.doesNotMatch((await build()).stdout, unchanged);
    assert.match(await article(), /changed-template/);

    await writeTo(dir, 'seeds/a.txt', 'Alpha headline\n\nThe second text.\n');
    assert.doesNotMatch((await build()).stdout, unchanged);
    assert.match(await article(), /The second text\./);

    await writeTo(dir, 'news-archive.config.json', '{ "title": "Renamed archive" }');
    assert.doesNotMatch((await build()).stdout, unchanged);
    assert.match(await article(), /Renamed archive/);

    assert.match((await build()).stdout, unchanged);
    assert.doesNotMatch((await build({ NEWS_ARCHIVE_CODE_VERSION: 'next' })).stdout, unchanged, 'new code rebuilds');
    assert.doesNotMatch((await build({ NEWS_ARCHIVE_CODE_VERSION: 'next' }, ['--strict'])).stdout, unchanged, '--strict always builds');
  });

  it('reads again only the files whose size or times changed, and misses no change made behind its back', { timeout: 120_000 }, async () => {
    const dir = await tempProject({ 'seeds/a.txt': 'Alpha headline\n\nThe first text.\n', 'seeds/b.txt': 'Beta headline\n\nThe other text.\n' });
    const unchanged = /^Nothing changed since the last build/m;
    assert.doesNotMatch((await cli(dir, ['build'])).stdout, unchanged);
    // Older than the two seconds in which a second write may not show in a file's time.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.match((await cli(dir, ['build'])).stdout, unchanged);
    const digests = JSON.parse(await readFile(path.join(dir, '.cache/news-archive/digests.json'), 'utf8')) as Record<string, unknown>;
    assert.ok(Object.keys(digests).some((file) => file.endsWith(path.join('seeds', 'a.txt'))), 'the seeds\' digests are kept with their stat');
    // The same size, and its modification time put back as it was: the change still shows (its ctime and bytes).
    const seed = path.join(dir, 'seeds/a.txt');
    const before = await stat(seed);
    await writeTo(dir, 'seeds/a.txt', 'Alpha headline\n\nThe fresh text.\n');
    await utimes(seed, before.atime, before.mtime);
    const rebuilt = await cli(dir, ['build']);
    assert.doesNotMatch(rebuilt.stdout, unchanged);
    const files = await listFiles(path.join(dir, 'site'));
    const pages = await Promise.all(files.filter((file) => /^articles\/[^/]+\/index\.html$/.test(file)).map((file) => readFile(path.join(dir, 'site', file), 'utf8')));
    assert.ok(pages.some((page) => page.includes('The fresh text.')));
  });
});
