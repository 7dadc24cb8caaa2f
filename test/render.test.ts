import assert from 'node:assert/strict';
import { cp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateCorpus } from '../bench/generate.ts';
import { cli, listFiles, repoRoot, siteHashes, tempDir, writeTo } from './helpers.ts';

/** Worker threads render from this many records to render; 1 puts every batch's pages in reach of a worker. */
const onWorkers = { NEWS_ARCHIVE_RENDER_THRESHOLD: '1' };
const onThisThread = { NEWS_ARCHIVE_RENDER_THRESHOLD: '1000000000' };

describe('rendering on both cores', () => {
  it('gives the same site byte for byte whichever thread renders a page', { timeout: 300_000 }, async () => {
    const project = await tempDir('render-threads');
    generateCorpus(project, 120);
    const args = ['build', '--base-url', 'https://example.org/news/', '--no-search'];
    const shared = await cli(project, [...args, '--out', 'shared'], onWorkers);
    assert.equal(shared.code, 0, shared.stderr);
    const alone = await cli(project, [...args, '--out', 'alone'], onThisThread);
    assert.equal(alone.code, 0, alone.stderr);
    const [a, b] = await Promise.all([siteHashes(path.join(project, 'shared')), siteHashes(path.join(project, 'alone'))]);
    assert.ok(a.size > 500, `a site of many pages (${a.size} files)`);
    assert.deepEqual([...a.keys()].filter((file) => a.get(file) !== b.get(file)), [], 'no file differs');
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  });

  it('fails in one message when a template fails on a worker, publishes nothing and leaves no folder behind', { timeout: 300_000 }, async () => {
    const project = await tempDir('render-threads-broken');
    generateCorpus(project, 60);
    await cp(path.join(repoRoot, 'templates'), path.join(project, 'mine'), { recursive: true });
    assert.equal((await cli(project, ['build', '--templates', 'mine'], onWorkers)).code, 0);
    const before = await siteHashes(path.join(project, 'site'));
    // Fails on one article only, in whichever batch and thread it falls.
    const template = path.join(project, 'mine', 'original.njk');
    await writeTo(project, 'mine/original.njk', (await readFile(template, 'utf8')).replace('<h1', '{% if original.path.endsWith("7.md") %}{{ original.nothing() }}{% endif %}<h1'));
    const broken = await cli(project, ['build', '--templates', 'mine'], onWorkers);
    assert.equal(broken.code, 1, broken.stdout);
    assert.match(broken.stderr, /^news-archive: A template failed to render: /m);
    assert.ok(!/    at /.test(broken.stderr), 'no stack trace');
    assert.deepEqual(await siteHashes(path.join(project, 'site')), before, 'the site is as it was');
    assert.deepEqual((await readdir(project)).filter((name) => name.startsWith('.site.')), [], 'no staging folder is left');
    assert.ok((await listFiles(path.join(project, 'site'))).length > 0);
  });
});
