import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { loadArchive } from '../src/pipeline/archive.ts';
import { isRejected } from '../src/ingest/diagnostics.ts';
import { parseMarkdown } from '../src/ingest/markdown.ts';
import { parseOverlay } from '../src/ingest/overlay.ts';
import { fileFromBytes } from '../src/ingest/read.ts';
import { parseSeed } from '../src/ingest/seed.ts';
import { outputPathOf } from '../src/view/urls.ts';
import { buildProject, tempProject, tempDir, articlesOf } from './helpers.ts';

// `FUZZ_RUNS=1000000 node --import tsx --test test/fuzz.test.ts` runs a million cases of each
// property; npm test runs 10,000. A failure prints the seed and the shrunk input to replay it.
const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const pageCases = Math.max(200, Math.min(runs / 10, 5_000));

// Pieces that scraped text and Markdown are made of, and pieces that try to break out of HTML.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\t', '  indented', 'Russia news', 'Back to top button', 'Advertisement', 'Read more: x', 'Not all news on the site expresses the point of view of the site, but we transmit this news automatically and translate it through programmatic technology on the site and not from a human editor.'),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '" onmouseover="alert(1)', '&lt;script&gt;', 'caf&#233;', '&amp;', '&#0;', '&#x110000;', '</p><p>', '<!--', ']]>', '{{ x }}', '{% raw %}'),
  fc.constantFrom('---', 'title: x', 'date: 2024-02-30', 'slug: ../../x', '__proto__: {a: 1}', 'a: &a [1]', 'b: *a', 'kind: page', 'tags: [a, b]', 'source_url: javascript:alert(1)'),
);
const lineEnding = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\n\n\n');
const text = fc.array(fc.tuple(piece, lineEnding), { maxLength: 24 }).map((parts) => parts.map(([line, end]) => line + end).join(''));
const encoded = fc.tuple(text, fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'latin1')).map(([value, encoding]) => {
  if (encoding === 'utf8') return new Uint8Array(Buffer.from(value));
  if (encoding === 'utf8-bom') return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(value)]));
  if (encoding === 'latin1') return new Uint8Array(Buffer.from(value, 'latin1'));
  const wide = Buffer.from(value, 'utf16le');
  return new Uint8Array(Buffer.concat([Buffer.from(encoding === 'utf16le-bom' ? [0xff, 0xfe] : [0xfe, 0xff]), encoding === 'utf16le-bom' ? wide : Buffer.from(wide).swap16()]));
});
const bytes = fc.oneof(encoded, fc.uint8Array({ maxLength: 400 }));
const kind = fc.constantFrom('seed', 'markdown', 'overlay') as fc.Arbitrary<'seed' | 'markdown' | 'overlay'>;

describe('fuzzing ingest', () => {
  it(`never throws on any bytes, and every file becomes a record or a rejection (${runs.toLocaleString('en')} cases)`, { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(kind, bytes, (which, value) => {
        const file = fileFromBytes({ kind: which, displayPath: `in/x.${which}`, absolutePath: '/nowhere' }, value);
        if (isRejected(file)) return;
        const parsed = which === 'seed' ? parseSeed(file, 'x') : which === 'markdown' ? parseMarkdown(file, 'x') : parseOverlay(file);
        assert.equal(parsed === null, isRejected(file), 'a record, or a rejection, never both and never neither');
      }),
      { numRuns: runs },
    );
  });

  it(`accounts for every file of a random archive: built, page, overlay, duplicate or rejected (${Math.round(runs / 50)} archives)`, { timeout: 600_000 }, async () => {
    const root = await tempDir('fuzz');
    let count = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('seeds/a.txt', 'seeds/b.txt', 'seeds/a.yml', 'seeds/c/d.txt', 'content/e.md', 'content/f.md', 'seeds/g.bin'), bytes), { maxLength: 6 }), async (files) => {
        const dir = path.join(root, String(count++));
        const written = new Map(files);
        for (const [name, value] of written) {
          await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
          await writeFile(path.join(dir, name), value);
        }
        const archive = await loadArchive({ seedsDir: 'seeds', contentDir: 'content', maxBytes: 5_000_000, cwd: dir });
        assert.equal(archive.inputs.length, written.size);
        for (const input of archive.inputs) {
          if (input.outcome.status === 'rejected') assert.ok(isRejected(input.file), `${input.file.path} is rejected with a reason`);
          else assert.ok(!isRejected(input.file));
        }
        assert.equal(articlesOf(archive).length, archive.inputs.filter((input) => input.outcome.status === 'article').length);
      }),
      { numRuns: Math.max(50, Math.round(runs / 50)) },
    );
  });
});

describe('fuzzing pages', () => {
  it(`shows every character of ${pageCases.toLocaleString('en')} random seeds as text: no "<" from an input is ever markup`, { timeout: 600_000 }, async () => {
    const samples = fc.sample(fc.tuple(text, text), { numRuns: pageCases, seed: 20261128 });
    const files: Record<string, string> = {};
    samples.forEach(([headline, body], index) => {
      files[`seeds/${index}.txt`] = `${headline.replace(/[\r\n]+/g, ' ')}<b>\n\n${body}\n\n<i>${index}</i> & <script>alert(${index})</script>\n`;
      if (index % 5 === 0) files[`content/${index}.md`] = `---\ntitle: "T ${index}"\n---\n\n${body}\n\n<script>alert(${index})</script>\n`;
    });
    const dir = await tempProject(files);
    const result = await buildProject(dir);
    assert.ok(result.view.articles.length > pageCases / 2);
    for (const article of result.view.articles.map(result.view.articleView)) {
      const $ = cheerio.load(await readFile(path.join(dir, 'site', outputPathOf(article.url)), 'utf8'));
      assert.equal($('script:not([type="application/ld+json"]):not([src]), iframe, object, embed, svg, math, style, base, form').length, 0, article.source.path);
      assert.equal($('h1').text(), article.headline, `${article.source.path}: the headline comes back as text`);
      if (article.body.format === 'paragraphs') {
        article.body.paragraphs.forEach((paragraph, index) => assert.equal($(`#p${index + 1}`).text(), paragraph.text, `${article.source.path} paragraph ${index + 1}`));
      }
      $('*').each((_, node) => {
        for (const name of Object.keys((node as unknown as { attribs: Record<string, string> }).attribs)) assert.ok(!/^on/i.test(name), `${article.source.path}: ${name}`);
      });
    }
  });
});
