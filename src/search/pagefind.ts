import { mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { urls } from '../view/urls.ts';
import { escapeHtml } from '../util/escape.ts';

/** What search finds an article by, and shows of it: its headline and text, its date and section. */
export interface SearchRecord {
  /** The article's folder from the site's root (`articles/slug/`). */
  url: string;
  headline: string;
  paragraphs: string[];
  meta: { date?: string; section?: string };
}


/** A page of the article's record alone, all text escaped: what Pagefind reads. */
function searchPage(record: SearchRecord, lang: string): string {
  const meta = Object.entries(record.meta)
    .map(([key, value]) => `<span data-pagefind-meta="${key}">${escapeHtml(value)}</span>`)
    .join(' ');
  const paragraphs = record.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
  return `<!doctype html>\n<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(record.headline)}</title></head>\n<body><main data-pagefind-body><h1>${escapeHtml(record.headline)}</h1>\n<p data-pagefind-ignore>${meta}</p>\n${paragraphs}\n</main></body></html>\n`;
}

/**
 * Keep `dir` holding one small page per record at the record's address, and nothing else: a page
 * is written only when its bytes change, and a page whose article is gone is removed. Returns
 * how many pages were written.
 */
function mirrorRecords(records: readonly SearchRecord[], dir: string, lang: string): number {
  let written = 0;
  const wanted = new Set<string>();
  for (const record of records) {
    const file = path.join(dir, record.url, 'index.html');
    wanted.add(path.relative(dir, file));
    const page = searchPage(record, lang);
    let current: string | null = null;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      mkdirSync(path.dirname(file), { recursive: true });
    }
    if (current !== page) {
      writeFileSync(file, page);
      written++;
    }
  }
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (wanted.has(path.relative(dir, file))) continue;
    rmSync(file, { force: true });
    try {
      rmdirSync(path.dirname(file));
    } catch {
      // Not empty, or the folder itself.
    }
  }
  return written;
}

/**
 * Index the articles for search with Pagefind, whose npm package ships its own binary, into
 * `pagefind/` in `outDir`. Each article is indexed from its record (headline and text), not from
 * its page, so pages that change around an article (its related articles, its neighbours, the
 * lists it is on) leave the index alone. Pagefind reads the records as small pages kept in
 * `pagesDir` (in `.cache/`), which is faster than its records API (14.7 s against 20 s for
 * 10,000 articles here). The search page loads the index relative to itself, so it works under any
 * sub-path.
 *
 * One index, not shards: Pagefind cannot update an index, only write it anew, and shards merged in
 * the browser were tried and dropped. Each shard ranks with its own word statistics, and a shard
 * without the word searched for matches a shorter word instead (Pagefind's prefix fallback), so a
 * search for "Tokayev" listed articles matching "to" above the one article that names him.
 */
export async function indexForSearch(records: readonly SearchRecord[], outDir: string, lang: string, pagesDir: string): Promise<void> {
  mkdirSync(pagesDir, { recursive: true });
  mirrorRecords(records, pagesDir, lang);
  // Pagefind's process must not outlive the build (killed by a signal, or failed): it would go
  // on writing into a staging folder already removed.
  process.on('exit', stopIndexing);
  try {
    const created = await pagefind.createIndex({ forceLanguage: lang.split('-')[0] ?? 'en' });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
    const added = await created.index.addDirectory({ path: pagesDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    if (added.page_count !== records.length) throw new Error(`Pagefind indexed ${added.page_count} of ${records.length} articles`);
    const written = await created.index.writeFiles({ outputPath: path.join(outDir, urls.searchBundle()) });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    process.off('exit', stopIndexing);
    await pagefind.close();
  }
}

/** Stop Pagefind's process at once; an `indexForSearch` under way then fails. */
export function stopIndexing(): void {
  void pagefind.close();
}
