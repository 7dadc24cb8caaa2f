import type { VFile } from 'vfile';
import { excerptOf } from './enrich/excerpt.ts';
import { sourceNotesFor } from './enrich/notes.ts';
import { archiveOrder } from './enrich/order.ts';
import { assignPageSlugs, assignSlugs } from './enrich/slugs.ts';
import { isRejected, reject, warningsOf } from './ingest/diagnostics.ts';
import { byteOrder, discover, type InputFile } from './ingest/discover.ts';
import { parseMarkdown } from './ingest/markdown.ts';
import { readInputs } from './ingest/read.ts';
import { parseSeed } from './ingest/seed.ts';
import type { Article, Page } from './model/article.ts';
import type { ArticleDraft, PageDraft } from './model/draft.ts';
import { checkArticle, checkPage } from './model/validate.ts';

export interface ArchiveOptions {
  seedsDir: string;
  contentDir: string;
  maxBytes: number;
  cwd?: string;
}

/** One input file and what became of it. */
export interface Input {
  file: VFile;
  kind: InputFile['kind'];
  id: string;
  outcome: { status: 'article'; article: Article } | { status: 'page'; page: Page } | { status: 'rejected' };
}

export interface Archive {
  /** In archive order: newest first, undated last in file-name order. */
  articles: Article[];
  pages: Page[];
  inputs: Input[];
  /** Hidden files in the input folders (names starting with a dot), listed but not read. */
  hidden: string[];
}

const lastSegment = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/**
 * Ingest, model and enrich: every input file becomes an article, a page, or a rejection with
 * a message on its VFile. Nothing is written.
 */
export async function loadArchive(options: ArchiveOptions): Promise<Archive> {
  const { inputs: found, hidden } = await discover(options.seedsDir, options.contentDir, options.cwd);
  const files = await readInputs(found, { maxBytes: options.maxBytes });

  // Keyed by the file's path: a seed and a Markdown file may share an id, never a path.
  const drafts = new Map<string, { draft: ArticleDraft; file: VFile; kind: InputFile['kind'] }>();
  const pageDrafts: { page: PageDraft; file: VFile }[] = [];
  found.forEach((input, index) => {
    const file = files[index]!;
    if (isRejected(file)) return;
    if (input.kind === 'seed') {
      const draft = parseSeed(file, input.id);
      if (draft) drafts.set(input.displayPath, { draft, file, kind: input.kind });
      return;
    }
    const parsed = parseMarkdown(file, input.id);
    if (parsed?.kind === 'article') drafts.set(input.displayPath, { draft: parsed.draft, file, kind: input.kind });
    if (parsed?.kind === 'page') pageDrafts.push({ page: parsed.page, file });
  });

  const slugs = assignSlugs(
    [...drafts].map(([key, { draft, kind }]) => ({
      key,
      identity: `${kind}:${draft.id}`,
      headline: draft.headline,
      fallback: lastSegment(draft.id),
      pinned: draft.pinnedSlug,
    })),
  );
  const articles = new Map<string, Article>();
  for (const [key, { draft, file }] of drafts) {
    const { pinnedSlug: _pinned, places, ...fields } = draft;
    const outcome = slugs.get(key);
    if (!outcome || 'conflict' in outcome) {
      reject(file, `Its ${outcome?.conflict ?? 'slug could not be settled'}: pin another slug`, 'slug-conflict', places.slug);
      continue;
    }
    const candidate = {
      ...fields,
      slug: outcome.slug,
      excerpt: excerptOf(draft),
      source: { ...draft.source, notes: sourceNotesFor(draft, warningsOf(file)) },
    };
    const checked = checkArticle(candidate, places);
    if (checked.ok) articles.set(key, checked.value);
    else reject(file, checked.message, 'schema', checked.place);
  }

  const pageSlugs = assignPageSlugs(pageDrafts.map(({ page }) => ({ key: page.path, name: lastSegment(page.id), pinned: page.pinnedSlug })));
  const pages = new Map<string, Page>();
  for (const { page, file } of pageDrafts) {
    const { pinnedSlug: _pinned, ...fields } = page;
    const outcome = pageSlugs.get(page.path);
    if (!outcome || 'conflict' in outcome) {
      reject(file, `${outcome?.conflict ?? 'Its address could not be settled'}: set another slug in its front matter`, 'page-slug');
      continue;
    }
    const checked = checkPage({ ...fields, slug: outcome.slug });
    if (checked.ok) pages.set(page.path, checked.value);
    else reject(file, checked.message, 'schema', checked.place);
  }

  const inputs: Input[] = found.map((input, index) => {
    const file = files[index]!;
    const article = articles.get(input.displayPath);
    const page = pages.get(input.displayPath);
    const outcome: Input['outcome'] = article ? { status: 'article', article } : page ? { status: 'page', page } : { status: 'rejected' };
    return { file, kind: input.kind, id: input.id, outcome };
  });

  return {
    articles: [...articles.values()].sort(archiveOrder),
    pages: [...pages.values()].sort((a, b) => byteOrder(a.slug, b.slug)),
    inputs,
    hidden,
  };
}
