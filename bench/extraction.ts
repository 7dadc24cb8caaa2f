/**
 * Article extraction from saved web pages against the text a person marked (issue 14; never part of
 * the test suite).
 *
 *   npm run extraction-bench -- [--corpus DIR]
 *
 * Reads each page of the Zyte article-extraction benchmark's sample (read in place, `html/*.html.gz`)
 * as a build reads a saved page (`readWebPage`: Readability over linkedom, then the archive's own
 * paragraphs), joins its paragraphs with line breaks as the article body, and scores it with the
 * benchmark's own scorer (`evaluate.py`: F1 over word shingles), beside the Readability.js output
 * the sample ships. Writes nothing into the corpus: the scorer runs in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { fileFromBytes } from '../src/ingest/read.ts';
import { readWebPage } from '../src/ingest/webpage.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { corpus: { type: 'string', default: path.resolve(repoRoot, '..', 'shared', 'corpus', 'zyte-dev') } } });
const corpus = values.corpus!;

const output: Record<string, { articleBody: string }> = {};
let bytes = 0;
const started = performance.now();
for (const name of readdirSync(path.join(corpus, 'html')).filter((file) => file.endsWith('.html.gz')).sort()) {
  const id = name.slice(0, -'.html.gz'.length);
  const page = gunzipSync(readFileSync(path.join(corpus, 'html', name)));
  bytes += page.length;
  const file = fileFromBytes({ kind: 'webpage', displayPath: `seeds/${id}.html`, absolutePath: path.join(corpus, 'html', name) }, page);
  const { draft } = readWebPage({ text: String(file.value ?? ''), path: String(file.path), id, raw: file.data.raw! });
  output[id] = { articleBody: draft?.body.format === 'paragraphs' ? draft.body.paragraphs.map((paragraph) => paragraph.text).join('\n') : '' };
}
const seconds = (performance.now() - started) / 1000;
console.log(`${Object.keys(output).length} pages, ${(bytes / 1e6).toFixed(1)} MB, read in ${seconds.toFixed(2)} s on one thread`);

const work = mkdtempSync(path.join(os.tmpdir(), 'news-archive-extraction-'));
mkdirSync(path.join(work, 'output'));
copyFileSync(path.join(corpus, 'ground-truth.json'), path.join(work, 'ground-truth.json'));
copyFileSync(path.join(corpus, 'readability_js.json'), path.join(work, 'output', 'readability_js.json'));
writeFileSync(path.join(work, 'output', 'news_archive.json'), JSON.stringify({ version: 'this checkout', output }));
const scored = spawnSync('python3', [path.join(corpus, 'evaluate.py'), '--n-bootstrap', '1000'], { cwd: work, encoding: 'utf8' });
process.stdout.write(scored.stdout);
process.stderr.write(scored.stderr);
process.exitCode = scored.status ?? 1;
