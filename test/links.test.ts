import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { buildProject, listFiles, shippedSeed, staticHost, tempProject } from './helpers.ts';

describe('the site served under a sub-path', () => {
  const prefix = '/archives/news/';
  let server: Server;
  let origin: string;
  let dir: string;

  before(async () => {
    dir = await tempProject({
      'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed),
      'content/about.md': '---\nkind: page\ntitle: About\n---\n\nSee the [sources](../sources/index.html).\n',
      'content/world/note.md': '---\ntitle: A dated note\ndate: 2023-01-02T10:30:00Z\n---\n\nA note.\n',
    });
    await buildProject(dir, { baseUrl: 'https://example.org/archives/news/' });
    server = staticHost(path.join(dir, 'site'), prefix).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('has no broken link, asset or fragment on any page reachable from the index', async () => {
    const start = `${origin}${prefix}`;
    const queue = [start];
    const seen = new Set<string>();
    const broken: string[] = [];
    const fragments: { from: string; url: string; id: string }[] = [];
    const ids = new Map<string, Set<string>>();
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await fetch(url);
      if (response.status !== 200) {
        broken.push(url);
        continue;
      }
      if (!url.endsWith('/') && !url.endsWith('.html')) continue;
      const $ = cheerio.load(await response.text());
      ids.set(url, new Set($('[id]').map((_, element) => $(element).attr('id')).get()));
      $('a[href], link[href], img[src], script[src]').each((_, element) => {
        const reference = $(element).attr('href') ?? $(element).attr('src') ?? '';
        const target = new URL(reference, url);
        if (target.origin !== origin) return;
        assert.ok(target.pathname.startsWith(prefix), `${url} links outside the site: ${reference}`);
        if (target.hash) fragments.push({ from: url, url: target.href.split('#')[0]!, id: decodeURIComponent(target.hash.slice(1)) });
        target.hash = '';
        queue.push(target.href);
      });
    }
    assert.deepEqual(broken, []);
    for (const fragment of fragments) assert.ok(ids.get(fragment.url)?.has(fragment.id), `${fragment.from} links to a missing #${fragment.id} on ${fragment.url}`);
    const pages = (await listFiles(path.join(dir, 'site'))).filter((file) => file.endsWith('.html'));
    // The 404 page is served for addresses that are not pages; nothing links to it.
    for (const page of pages.filter((file) => file !== '404.html')) assert.ok(seen.has(`${origin}${prefix}${page}`), `${page} is not linked from anywhere`);
  });
});

describe('determinism', () => {
  it('gives byte-identical output for the same inputs', async () => {
    const dir = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed), 'content/a.md': '---\ntitle: A\ndate: 2020-02-02\n---\n\nA.\n' });
    const hashes = async (out: string) => {
      await buildProject(dir, { outDir: out });
      const files = await listFiles(path.join(dir, out));
      return Object.fromEntries(await Promise.all(files.map(async (file) => [file, createHash('sha256').update(await readFile(path.join(dir, out, file))).digest('hex')])));
    };
    const first = await hashes('one');
    assert.ok(Object.keys(first).length > 5);
    assert.deepEqual(await hashes('two'), first);
  });
});
