import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { decodeHTMLStrict } from 'entities';
import { decode } from '../src/ingest/decode.ts';
import { splitLines } from '../src/ingest/lines.ts';
import { buildProject, listFiles, repoRoot, tempDir, articlesOf } from './helpers.ts';

// The BBC corpus (2,225 real articles) sits beside the repository on the team's machines and is
// never copied into it. Without it this suite says so, loudly, rather than pass.
const corpus = process.env.NEWS_ARCHIVE_BBC ?? path.resolve(repoRoot, '../shared/corpus/bbc');
const present = existsSync(corpus);

/** The paragraphs a reader should see: blank-line-separated blocks, their lines joined by a space. */
function blocksOf(text: string): string[] {
  const blocks: string[][] = [[]];
  for (const line of splitLines(text)) {
    if (line.trim() === '') blocks.push([]);
    else blocks.at(-1)!.push(line.trim());
  }
  return blocks.filter((block) => block.length > 0).map((block) => block.join(' '));
}

describe('the BBC corpus', { skip: present ? false : `corpus not found at ${corpus}: set NEWS_ARCHIVE_BBC to its folder to run this suite` }, async () => {
  const project = await tempDir('bbc');
  const started = process.hrtime.bigint();
  const result = await buildProject(project, { seedsDir: corpus, contentDir: path.join(project, 'content'), outDir: 'site' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stories = (await readdir(corpus, { recursive: true })).filter((name) => name.endsWith('.txt'));

  it('accounts for every file: built + duplicates + rejected', () => {
    const { files, articles, duplicates, rejected, pages, overlays } = result.counts;
    console.log(`BBC corpus: ${files} files, ${articles} built, ${duplicates} duplicates, ${rejected} rejected, ${result.counts.warnings} warnings, ${seconds.toFixed(1)} s`);
    assert.equal(stories.length, 2225);
    assert.equal(files, stories.length + 1, 'the 2,225 stories and the corpus README.TXT');
    assert.equal(articles + duplicates + rejected + pages + overlays, files);
    assert.equal(duplicates, 98);
    assert.equal(result.failure, null);
  });

  it('shows every built article’s headline and paragraphs exactly as its file gives them', async () => {
    const built = articlesOf(result.archive).filter((article) => article.source.path.endsWith('.txt'));
    assert.equal(built.length, 2225 - 98);
    const withEntities = built.filter((article) => article.source.entityLines.length > 0);
    console.log(`BBC corpus: ${withEntities.length} articles show HTML entities written as text as their characters`);
    assert.ok(withEntities.length > 0);
    const absolute = new Map(result.archive.inputs.map((input) => [String(input.file.path), input.file.data.raw!.absolutePath]));
    for (const article of built) {
      assert.match(article.source.path, /^bbc\/(?:business|entertainment|politics|sport|tech)\/\d{3}\.txt$/, 'paths are shown from the corpus folder, not from where the build ran');
      const bytes = await readFile(absolute.get(article.source.path)!);
      // Entities written as text (`communiqu&#233;`) are shown as their characters.
      const [headline, ...paragraphs] = blocksOf(decode(bytes).text).map((block) => decodeHTMLStrict(block));
      assert.equal(article.headline, headline, article.source.path);
      assert.ok(article.body.format === 'paragraphs');
      assert.deepEqual(article.body.paragraphs.map((paragraph) => paragraph.text), paragraphs, article.source.path);
    }
  });

  it('decodes the Latin-1 pound sign in sport/199.txt as £, and says the encoding was a guess', () => {
    const article = articlesOf(result.archive).find((candidate) => candidate.source.path.endsWith('sport/199.txt'))!;
    assert.equal(article.source.encoding, 'ISO-8859-1 (Latin-1)');
    assert.equal(article.source.encodingGuessed, true);
    assert.ok(article.body.format === 'paragraphs' && article.body.paragraphs.some((paragraph) => paragraph.text.includes('£')));
  });

  it('writes no replacement character and no mojibake into any page', async () => {
    const site = path.join(project, 'site');
    const pages = (await listFiles(site)).filter((file) => file.endsWith('.html'));
    assert.ok(pages.length > 2 * (2225 - 98));
    for (const file of pages) {
      const html = await readFile(path.join(site, file), 'utf8');
      assert.ok(!/\uFFFD|Ã|â€/.test(html), `${file} holds mojibake`);
    }
  });
});
