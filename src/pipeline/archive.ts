import type { VFile } from 'vfile';
import { exactCopies, nearDuplicates } from '../enrich/duplicates.ts';
import { applyOverlay } from '../enrich/editorial.ts';
import { excerptOf } from '../enrich/excerpt.ts';
import { plainParagraphs } from '../enrich/plain-text.ts';
import { noEntityRules, type EntityRules } from '../ingest/entity-rules.ts';
import { sourceNotesFor } from '../enrich/notes.ts';
import { archiveOrder } from '../enrich/order.ts';
import { assignPageSlugs, assignSlugs } from '../enrich/slugs.ts';
import { isRejected, reject, warningsOf } from '../ingest/diagnostics.ts';
import { byteOrder, discover, type InputFile } from '../ingest/discover.ts';
import { parseMarkdown, type MarkdownResult } from '../ingest/markdown.ts';
import { parseOverlay, type ParsedOverlay } from '../ingest/overlay.ts';
import { readInputs } from '../ingest/read.ts';
import { markdownRefusal, type RenderedMarkdown } from '../render/markdown.ts';
import { openPool, startMemoised, type Pool } from '../workers/parallel.ts';
import { learnRecurringLines } from '../ingest/recurring.ts';
import { parseSeed } from '../ingest/seed.ts';
import type { Article, Page } from '../model/article.ts';
import { noMemo, type Memo } from '../store/memo.ts';
import { summaryOf, type ArticleRecord } from '../model/summary.ts';
import type { ViewSource } from '../view/view.ts';
import type { ArticleDraft, PageDraft } from '../model/draft.ts';
import { checkArticle, checkPage } from '../model/validate.ts';

export interface ArchiveOptions {
  seedsDir: string;
  contentDir: string;
  maxBytes: number;
  /** An editor's corrections to the names found in the text. */
  entityRules?: EntityRules;
  cwd?: string;
  /** Results of earlier builds for the steps that depend on one text alone. */
  memo?: Memo;
}

/** One input file and what became of it. */
export interface Input {
  file: VFile;
  kind: InputFile['kind'];
  id: string;
  outcome:
    | { status: 'article'; path: string }
    | { status: 'page'; page: Page }
    /** An editor's overlay, applied to the article built from the seed at `of`. */
    | { status: 'overlay'; of: string }
    /** The same text as the file at `of`, which is built (or rejected) in its place. */
    | { status: 'duplicate'; of: string }
    | { status: 'rejected' };
}

export interface Archive extends ViewSource {
  pages: Page[];
  inputs: Input[];
  /** Hidden files in the input folders (names starting with a dot), listed but not read. */
  hidden: string[];
}

/**
 * Run one file's step, turning anything it throws into a rejection of that file: whatever an input
 * holds, the build reports it and goes on with the rest.
 */
function guarded<T>(file: VFile, step: () => T): T | null {
  try {
    return step();
  } catch (error) {
    unprocessable(file, { message: (error as Error).message, tooDeep: error instanceof RangeError });
    return null;
  }
}

/** Reject a file that a step failed on. */
function unprocessable(file: VFile, failure: { message: string; tooDeep: boolean }): void {
  reject(file, `File could not be processed: ${failure.tooDeep ? 'it is nested too deeply to process' : failure.message}`, 'unprocessable');
}

const lastSegment = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/**
 * Ingest, model and enrich: every input file becomes an article, a page, or a rejection with
 * a message on its VFile. Nothing is written.
 */
export async function loadArchive(options: ArchiveOptions): Promise<Archive> {
  const { inputs: found, hidden } = await discover(options.seedsDir, options.contentDir, options.cwd);
  // A second thread for the costly steps, started now so it is ready when they come: when there
  // are many files and no earlier build of this code left its results.
  const pool = openPool((options.memo ?? noMemo).size === 0 ? found.length : 0);
  try {
    return await loadFiles(found, hidden, options, pool);
  } finally {
    pool.close();
  }
}

async function loadFiles(found: InputFile[], hidden: string[], options: ArchiveOptions, pool: Pool): Promise<Archive> {
  const memo = options.memo ?? noMemo;
  const rules = options.entityRules ?? noEntityRules;
  const rulesJson = JSON.stringify(rules);
  const files = await readInputs(found, { maxBytes: options.maxBytes });
  const readable = found.flatMap((input, index) => (isRejected(files[index]!) ? [] : [{ input, file: files[index]! }]));

  // The same text twice is built once; the first file in path order is the one built.
  const copyOf = exactCopies(
    readable.filter(({ input }) => input.kind !== 'overlay').map(({ input, file }) => ({ key: input.displayPath, group: input.kind, text: String(file.value) })),
  );
  const originals = readable.filter(({ input }) => !copyOf.has(input.displayPath));

  // Markdown bodies not rendered by an earlier build are rendered on a second core (when there
  // are many) while the seeds are parsed here.
  const markdown = new Map<number, { parsed: NonNullable<MarkdownResult>; body: string }>();
  originals.forEach(({ input, file }, index) => {
    if (input.kind !== 'markdown') return;
    const parsed = guarded(file, () => parseMarkdown(file, input.id));
    if (!parsed) return;
    const body = parsed.kind === 'page' ? parsed.page.markdown : parsed.draft.body.format === 'markdown' ? parsed.draft.body.markdown : '';
    const refusal = markdownRefusal(body);
    if (refusal) reject(file, `${refusal}: not rendered`, 'markdown-too-complex');
    else markdown.set(index, { parsed, body });
  });
  const rendering = startMemoised(pool, memo, 'markdown', new Map([...markdown.values()].map(({ body }) => [body, body])));
  const recurring = learnRecurringLines(originals.filter(({ input }) => input.kind === 'seed').map(({ file }) => String(file.value)));
  const seeds = new Map<number, ArticleDraft>();
  const parsedOverlays = new Map<number, ParsedOverlay>();
  originals.forEach(({ input, file }, index) => {
    if (input.kind === 'seed') {
      const draft = guarded(file, () => parseSeed(file, input.id, { recurring }));
      if (draft) seeds.set(index, draft);
    } else if (input.kind === 'overlay') {
      const parsed = guarded(file, () => parseOverlay(file));
      if (parsed) parsedOverlays.set(index, parsed);
    }
  });
  const rendered = await rendering.finish();

  // Keyed by the file's path: a seed and a Markdown file may share an id, never a path.
  const drafts = new Map<string, { draft: ArticleDraft; file: VFile; kind: InputFile['kind'] }>();
  const pageDrafts: { page: PageDraft; file: VFile }[] = [];
  const overlays: { input: InputFile; file: VFile; parsed: ParsedOverlay }[] = [];
  const renders = new Map<string, RenderedMarkdown>();
  originals.forEach(({ input, file }, index) => {
    const seed = seeds.get(index);
    const overlay = parsedOverlays.get(index);
    const entry = markdown.get(index);
    if (seed) drafts.set(input.displayPath, { draft: seed, file, kind: input.kind });
    else if (overlay) overlays.push({ input, file, parsed: overlay });
    else if (entry) {
      const outcome = rendered.get(entry.body)!;
      if (!outcome.ok) return unprocessable(file, outcome);
      renders.set(String(file.path), outcome.value);
      if (entry.parsed.kind === 'article') drafts.set(input.displayPath, { draft: entry.parsed.draft, file, kind: input.kind });
      else pageDrafts.push({ page: entry.parsed.page, file });
    }
  });

  const overlaid = applyOverlays(overlays, found, drafts, copyOf);
  for (const [key, copies] of groupCopies(copyOf)) {
    const entry = drafts.get(key);
    if (entry) entry.draft = { ...entry.draft, source: { ...entry.draft.source, copies } };
  }
  markNearDuplicates(drafts);
  // What each seed's text shows: likely artifacts, and dates it names that cannot be placed.
  const flagsKeys = new Map<string, string>();
  const flagInputs = new Map<string, { undated: boolean; paragraphs: readonly { text: string }[] }>();
  for (const [key, { draft }] of drafts) {
    if (draft.body.format !== 'paragraphs') continue;
    const input = { undated: draft.date === null, paragraphs: draft.body.paragraphs };
    const memoKey = JSON.stringify([input.undated, input.paragraphs]);
    flagsKeys.set(key, memoKey);
    flagInputs.set(memoKey, input);
  }
  const flagged = await startMemoised(pool, memo, 'flags', flagInputs).finish();
  for (const [key, entry] of drafts) {
    const outcome = flagged.get(flagsKeys.get(key) ?? '');
    if (!outcome) continue;
    if (!outcome.ok) {
      unprocessable(entry.file, outcome);
      drafts.delete(key);
      continue;
    }
    const { artifacts, dateReferences } = outcome.value;
    entry.draft = { ...entry.draft, source: { ...entry.draft.source, artifacts: artifacts.slice(0, maxArtifactsShown), artifactCount: artifacts.length, dateReferences } };
  }

  const slugs = assignSlugs(
    [...drafts].map(([key, { draft, kind }]) => ({
      key,
      identity: `${kind}:${draft.id}`,
      headline: draft.headline,
      fallback: lastSegment(draft.id),
      pinned: draft.pinnedSlug,
    })),
  );
  // Each article's names, quotations and length (not for a draft whose slug is in conflict).
  const settled = [...drafts]
    .filter(([key]) => {
      const outcome = slugs.get(key);
      return outcome && !('conflict' in outcome);
    })
    .map(([, entry]) => entry);
  const plainTexts = new Map<string, string[]>();
  const findingsKeys = new Map<string, string>();
  for (const { draft, file } of settled) {
    const plain = renders.get(String(file.path))?.blocks ?? plainParagraphs(draft.body);
    plainTexts.set(draft.source.path, plain);
    findingsKeys.set(draft.source.path, JSON.stringify([draft.headline, plain, rulesJson]));
  }
  const findings = await startMemoised(
    pool,
    memo,
    'findings',
    new Map(settled.map(({ draft }) => [findingsKeys.get(draft.source.path)!, { headline: draft.headline, paragraphs: plainTexts.get(draft.source.path)!, rules }])),
  ).finish();

  const articles = new Map<string, Article>();
  for (const [key, { draft, file }] of drafts) {
    const { pinnedSlug: _pinned, places, ...fields } = draft;
    const outcome = slugs.get(key);
    if (!outcome || 'conflict' in outcome) {
      reject(file, `Its ${outcome?.conflict ?? 'slug could not be settled'}: pin another slug`, 'slug-conflict', places.slug);
      continue;
    }
    const found = findings.get(findingsKeys.get(draft.source.path)!)!;
    if (!found.ok) {
      unprocessable(file, found);
      continue;
    }
    const candidate = guarded(file, () => {
      const markdown = renders.get(String(file.path));
      return {
        ...fields,
        slug: outcome.slug,
        excerpt: excerptOf(draft, markdown?.firstParagraph),
        ...found.value,
        source: { ...draft.source, notes: sourceNotesFor(draft, warningsOf(file)) },
      };
    });
    if (candidate === null) continue;
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
    const copy = copyOf.get(input.displayPath);
    const target = overlaid.get(input.displayPath);
    const outcome: Input['outcome'] = article
      ? { status: 'article', path: input.displayPath }
      : page
        ? { status: 'page', page }
        : copy
          ? { status: 'duplicate', of: copy }
          : target && !isRejected(file)
            ? { status: 'overlay', of: target }
            : { status: 'rejected' };
    return { file, kind: input.kind, id: input.id, outcome };
  });

  const records = new Map<string, ArticleRecord>();
  for (const article of articles.values()) {
    const path = article.source.path;
    records.set(path, { article, html: renders.get(path)?.html, plain: plainTexts.get(path) ?? [] });
  }
  const texts = new Map(inputs.map((input) => [String(input.file.path), String(input.file.value ?? '')]));
  return {
    summaries: [...articles.values()].sort(archiveOrder).map((article) => summaryOf(records.get(article.source.path)!)),
    pages: [...pages.values()].sort((a, b) => byteOrder(a.slug, b.slug)),
    pageHtml: new Map([...pages.values()].map((page) => [page.path, renders.get(page.path)?.html ?? ''])),
    inputs,
    hidden,
    load: (path) => records.get(path)!,
    textOf: (path) => texts.get(path) ?? '',
  };
}

/**
 * Give each seed its editor's overlay (`seeds/<stem>.yml` beside `seeds/<stem>.txt`). An overlay
 * that names no seed, or whose seed is not built, is rejected and says why. Returns, for each
 * applied overlay, the path of its seed.
 */
function applyOverlays(
  overlays: readonly { input: InputFile; file: VFile; parsed: ParsedOverlay }[],
  found: readonly InputFile[],
  drafts: Map<string, { draft: ArticleDraft; file: VFile }>,
  copyOf: ReadonlyMap<string, string>,
): Map<string, string> {
  const seeds = new Map<string, InputFile[]>();
  for (const input of found) if (input.kind === 'seed') seeds.set(input.id, [...(seeds.get(input.id) ?? []), input]);
  const applied = new Map<string, string>();
  const given = new Map<string, string>();
  for (const { input, file, parsed } of overlays) {
    const named = seeds.get(input.id) ?? [];
    const seed = named.length === 1 ? { input: named[0]! } : undefined;
    const entry = seed && drafts.get(seed.input.displayPath);
    if (named.length > 1) reject(file, `Two seeds have its name (${named.map((other) => other.displayPath).join(', ')}): rename one so the overlay names a single seed`, 'overlay-ambiguous');
    else if (seed && given.has(seed.input.displayPath)) reject(file, `${given.get(seed.input.displayPath)} already gives facts for ${seed.input.displayPath}: keep one overlay per seed`, 'overlay-twice');
    else if (!seed) reject(file, `Overlay names no seed: there is no ${input.displayPath.replace(/\.ya?ml$/i, '.txt')} beside it`, 'overlay-orphan');
    else if (copyOf.has(seed.input.displayPath)) reject(file, `Its seed is an exact copy of ${copyOf.get(seed.input.displayPath)}: give that file the overlay`, 'overlay-orphan');
    else if (!entry) reject(file, `Its seed ${seed.input.displayPath} was rejected, so there is no article to apply it to`, 'overlay-orphan');
    else {
      entry.draft = applyOverlay(entry.draft, parsed.overlay, parsed.path);
      applied.set(input.displayPath, seed.input.displayPath);
      given.set(seed.input.displayPath, input.displayPath);
    }
  }
  return applied;
}

/** The copies of each file that is built, in path order. */
function groupCopies(copyOf: ReadonlyMap<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [copy, original] of copyOf) groups.set(original, [...(groups.get(original) ?? []), copy]);
  return groups;
}

const bodyText = (draft: ArticleDraft) =>
  draft.body.format === 'paragraphs' ? draft.body.paragraphs.map((paragraph) => paragraph.text).join('\n') : draft.body.markdown;

/** Flag articles with the same headline and a body at least 90% alike, in the notes of each. */
function markNearDuplicates(drafts: Map<string, { draft: ArticleDraft }>): void {
  const found = nearDuplicates([...drafts].map(([key, { draft }]) => ({ key, headline: draft.headline, body: bodyText(draft) })));
  for (const [key, others] of found) {
    const entry = drafts.get(key)!;
    const list = others.map((other) => ({ path: drafts.get(other.key)!.draft.source.path, similarity: other.similarity }));
    entry.draft = { ...entry.draft, source: { ...entry.draft.source, nearDuplicates: list } };
  }
}

/** Flags shown per article: a text full of artifacts is flagged, not listed line by line. */
const maxArtifactsShown = 20;
