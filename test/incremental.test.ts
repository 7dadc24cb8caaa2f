import assert from 'node:assert/strict';
import { cp, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateCorpus } from '../bench/generate.ts';
import { cli, coldBuild, listFiles, repoRoot, siteHashes, summaryLine, writeTo, tempDir } from './helpers.ts';

/** Which file each file of a site is on disk (inode and time): a file moved in or rewritten is another. */
async function identities(site: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const file of await listFiles(site)) {
    const info = await stat(path.join(site, file));
    found.set(file, `${info.ino}:${info.mtimeMs}`);
  }
  return found;
}

const numberOf = (text: string) => Number(text.replaceAll(',', ''));

describe('a build after a change', () => {
  it('renders only the pages the change shows on, keeps the rest, and gives the site a build from nothing gives', { timeout: 600_000 }, async () => {
    const project = await tempDir('incremental');
    generateCorpus(project, 45);
    await cp(path.join(repoRoot, 'templates'), path.join(project, 'mine'), { recursive: true });
    // Templates of one's own that read the whole archive: a one-off, and one that pages over every article.
    await writeTo(project, 'mine/count.njk', '---js\n{ permalink: "count.txt" }\n---\n{{ archive.articles.length }} articles, newest {{ archive.articles[0].headline }}\n');
    await writeTo(project, 'mine/print.njk', '---js\n{ pagination: { data: "archive.articles", size: 1, alias: "article" }, permalink: (data) => `print/${data.article.slug}.txt` }\n---\n{{ article.headline }}, before {{ article.next.headline if article.next else "nothing" }}\n');
    const args = ['--templates', 'mine', '--base-url', 'https://example.org/news/'];
    const env = {};
    const site = path.join(project, 'site');

    const first = await cli(project, ['build', ...args], env);
    assert.equal(first.code, 0, first.stderr);

    /** Build again after a change; the site must equal a cold build's; returns pages rendered and in all. */
    const rebuild = async (why: string, extraEnv: NodeJS.ProcessEnv = {}) => {
      const before = await identities(site);
      const result = await cli(project, ['build', ...args], { ...env, ...extraEnv });
      assert.equal(result.code, 0, `${why}: ${result.stderr}`);
      const match = summaryLine.exec(result.stdout);
      assert.ok(match, `${why}: ${result.stdout}`);
      const [total, rendered, kept] = [numberOf(match[1]!), numberOf(match[2]!), numberOf(match[3]!)];
      assert.equal(rendered + kept, total, why);
      const updated = await siteHashes(site);
      const cold = await coldBuild(project, args, { ...env, ...extraEnv });
      assert.deepEqual([...updated.keys()], [...cold.keys()], `${why}: the same files as a cold build`);
      for (const [file, hash] of cold) assert.equal(updated.get(file), hash, `${why}: ${file} is byte for byte a cold build's`);
      const after = await identities(site);
      const untouched = [...after].filter(([file, identity]) => before.get(file) === identity).map(([file]) => file);
      return { total, rendered, untouched, stdout: result.stdout };
    };

    // A new article, the newest, in a section and with a tag that other articles have.
    await writeTo(project, 'content/added.md', '---\ntitle: "Harbour works to start in the spring"\ndate: 2031-01-01\nsection: Politics\ntags:\n  - budget\n---\n\nThe council said the harbour works would start in the spring.\n');
    const added = await rebuild('an article added');
    assert.match(added.stdout, /^46 files \(23 seeds, 23 Markdown\): 1 read again, 45 unchanged since the last build$/m, 'only the new file is read; the others are known from the store');
    assert.ok(added.rendered < added.total / 2, `adding one article renders ${added.rendered} of ${added.total} pages`);
    assert.ok(added.untouched.some((file) => /^articles\/.+\/original\/index\.html$/.test(file)), 'the original-text pages of the other articles are kept as they were');
    assert.ok(!added.untouched.includes('search-index/stats.json'), 'the search index is updated with the new article');
    assert.ok(added.untouched.includes('search-index/engine.js'), 'and only where the article changed it');
    // An article's text edited; then an article removed: its pages and its source copy go.
    const markdown = (await listFiles(path.join(project, 'content'))).find((file) => file.startsWith('batch-'))!;
    const text = await readFile(path.join(project, 'content', markdown), 'utf8');
    await writeTo(project, `content/${markdown}`, text.replace(/\n\n([^\n]+)\n/, '\n\nA sentence the editor added.\n\n$1\n'));
    // A page deleted from the site by hand comes back with the next build that has anything to do.
    const deleted = added.untouched.find((file) => /^articles\/.+\/original\/index\.html$/.test(file))!;
    await rm(path.join(site, deleted));
    await rebuild('an article edited, and a page deleted by hand');
    await rm(path.join(project, 'content', markdown));
    const removed = await rebuild('an article removed');
    assert.ok(removed.rendered < removed.total, 'removing an article re-renders only what showed it');

    // What shapes every page: each of these renders them all again.
    await writeTo(project, 'mine/_includes/base.njk', (await readFile(path.join(project, 'mine', '_includes', 'base.njk'), 'utf8')).replace('<main', '<p class="changed-template">new</p>\n<main'));
    const template = await rebuild('a template changed');
    assert.equal(template.rendered, template.total, 'a template change renders every page');
    assert.ok(template.untouched.includes('search-index/stats.json') && template.untouched.some((file) => file.startsWith('search-index/k/')), 'and keeps the search index, which is made from the records alone');
    await writeTo(project, 'news-archive.config.json', '{ "title": "Renamed archive" }');
    const config = await rebuild('the title changed');
    assert.equal(config.rendered, config.total, 'a new title renders every page');
    const code = await rebuild('new code', { NEWS_ARCHIVE_CODE_VERSION: 'next' });
    assert.equal(code.rendered, code.total, 'new code renders every page');

    await rm(project, { recursive: true, force: true });
  });

  it('starts from nothing when the site is not the one it recorded (replaced, or left by a build that was killed)', { timeout: 120_000 }, async () => {
    const project = await tempDir('incremental');
    generateCorpus(project, 6);
    assert.equal((await cli(project, ['build'])).code, 0);
    await writeTo(project, 'site/build-report.json', '{ "generator": "news-archive", "fingerprint": "another build", "counts": {} }');
    await writeTo(project, 'content/added.md', '---\ntitle: "One more"\n---\n\nText.\n');
    const result = await cli(project, ['build']);
    const match = summaryLine.exec(result.stdout);
    assert.ok(match && match[1] === match[2], `every page is rendered again: ${result.stdout}`);
    await rm(project, { recursive: true, force: true });
  });
});
