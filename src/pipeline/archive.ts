import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { exactCopies, headlineKey, nearDuplicates, textKey } from '../enrich/duplicates.ts';
import { applyOverlay } from '../enrich/editorial.ts';
import { excerptOf } from '../enrich/excerpt.ts';
import type { articleFindings, textFlags } from '../enrich/findings.ts';
import { plainParagraphs } from '../enrich/plain-text.ts';
import { noEntityRules, type EntityRules } from '../ingest/entity-rules.ts';
import { sourceNotesFor } from '../enrich/notes.ts';
import { byArchiveOrder } from '../enrich/order.ts';
import { assignPageSlugs, assignSlugs, type SlugOutcome } from '../enrich/slugs.ts';
import { isRejected, reject, restoreMessages, savedMessages, warningsOf, type SavedMessage } from '../ingest/diagnostics.ts';
import { byteOrder, discover, type InputFile } from '../ingest/discover.ts';
import { parseMarkdown, type MarkdownResult } from '../ingest/markdown.ts';
import { parseOverlay, type ParsedOverlay } from '../ingest/overlay.ts';
import { fileFromBytes, readInputs, type RawFacts } from '../ingest/read.ts';
import { askedOf, learnFromZones, stillAnswered, zonesOf, type AskedRecurrence, type Zones } from '../ingest/recurring.ts';
import { parseSeed } from '../ingest/seed.ts';
import { markdownRefusal, type RenderedMarkdown } from '../render/markdown.ts';
import { openPool, startMemoised, type Pool } from '../workers/parallel.ts';
import type { Outcome } from '../workers/tasks.ts';
import type { Article, Page } from '../model/article.ts';
import type { ArticleDraft, PageDraft } from '../model/draft.ts';
import { summaryOf, type ArticleRecord, type ArticleSummary } from '../model/summary.ts';
import { checkArticle, checkPage } from '../model/validate.ts';
import { inMemory, type Memo } from '../store/memo.ts';
import type { ViewSource } from '../view/view.ts';

export interface ArchiveOptions {
  seedsDir: string;
  contentDir: string;
  maxBytes: number;
  /** An editor's corrections to the names found in the text. */
  entityRules?: EntityRules;
  cwd?: string;
  /** What earlier builds of this code made, for the inputs and facts that have not changed since. */
  memo?: Memo;
  /** The SHA-256 of input files' bytes, by absolute path, as the fingerprint took them: such a file is not read unless it must be parsed again. */
  digests?: ReadonlyMap<string, string>;
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
  /** How many input files this build read; the others were placed from what the store knew of them. */
  reread: number;
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
  const memo = options.memo ?? inMemory();
  const pool = openPool(memo.size === 0 ? found.length : 0);
  try {
    return await loadFiles(found, hidden, options, memo, pool);
  } finally {
    pool.close();
  }
}

/** What the store keeps of a readable file's bytes, by their SHA-256: enough to place it in the collection without reading it. */
interface TextFacts {
  raw: Omit<RawFacts, 'absolutePath'>;
  /** Its text's hash with line endings made one: the same text twice is built once. */
  textKey: string;
  /** A seed's first and last lines, for learning the collection's boilerplate. */
  zones: Zones | null;
}

/** What a draft's parse leaves for the steps over the whole archive; the draft itself is kept apart. */
interface DraftFacts {
  headline: string;
  identity: string;
  fallback: string;
  pinned: string | null;
}

/** A parse as the store keeps it, by the file's kind, path, id and bytes. */
interface SavedDraft {
  /** The questions the parse asked of the collection, and its answers: the parse holds while they do. */
  asked: AskedRecurrence[];
  messages: SavedMessage[];
  outcome: { kind: 'rejected' } | { kind: 'article'; facts: DraftFacts } | { kind: 'page'; page: PageDraft; html: string };
}

/** A draft's whole body, and its Markdown rendered. */
interface DraftBody {
  draft: ArticleDraft;
  render: RenderedMarkdown | null;
}

/** What became of an article's draft, by everything it was made from. */
interface SavedArticle {
  messages: SavedMessage[];
  summary: ArticleSummary | null;
}

const key = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

const factsOf = (file: VFile, kind: InputFile['kind']): TextFacts => {
  const { absolutePath: _absolute, ...raw } = file.data.raw!;
  const text = String(file.value);
  return { raw, textKey: textKey(text), zones: kind === 'seed' ? zonesOf(text) : null };
};

async function loadFiles(found: InputFile[], hidden: string[], options: ArchiveOptions, memo: Memo, pool: Pool): Promise<Archive> {
  const rules = options.entityRules ?? noEntityRules;
  const rulesJson = JSON.stringify(rules);
  let reread = 0;
  const read = async (inputs: readonly InputFile[]) => {
    reread += inputs.length;
    return readInputs(inputs, { maxBytes: options.maxBytes });
  };

  // Reading: a file whose bytes the fingerprint found unchanged is placed from what the store knows
  // of them, and read only if a step below must parse it again. Overlays are small, and always read.
  const files: VFile[] = new Array(found.length);
  const facts = new Map<number, TextFacts>();
  const toRead: number[] = [];
  found.forEach((input, index) => {
    const sha256 = input.refusal || input.kind === 'overlay' ? undefined : options.digests?.get(input.absolutePath);
    const known = sha256 === undefined ? undefined : memo.find<TextFacts>('text', JSON.stringify([input.kind, sha256]));
    if (!known) return toRead.push(index);
    const file = new VFile({ path: input.displayPath });
    file.data.raw = { ...known.raw, absolutePath: input.absolutePath };
    files[index] = file;
    facts.set(index, known);
  });
  (await read(toRead.map((index) => found[index]!))).forEach((file, at) => {
    const index = toRead[at]!;
    files[index] = file;
    if (isRejected(file)) return;
    const kind = found[index]!.kind;
    const known = factsOf(file, kind);
    facts.set(index, known);
    if (kind !== 'overlay') memo.remember('text', JSON.stringify([kind, known.raw.sha256]), known);
  });
  const readable = found.flatMap((input, index) => (facts.has(index) ? [{ input, file: files[index]!, facts: facts.get(index)!, index }] : []));

  // The same text twice is built once; the first file in path order is the one built.
  const copyOf = exactCopies(readable.filter(({ input }) => input.kind !== 'overlay').map(({ input, facts }) => ({ key: input.displayPath, group: input.kind, textKey: facts.textKey })));
  const originals = readable.filter(({ input }) => !copyOf.has(input.displayPath));
  const recurring = learnFromZones(originals.flatMap(({ input, facts }) => (input.kind === 'seed' ? [facts.zones!] : [])));

  // Parsing: a draft the store holds is taken while the file's bytes and the answers its parse had
  // from the collection are the same; the others are parsed (Markdown bodies rendered on a second
  // core, when there are many, while the seeds are parsed here).
  type Drafted = { base: string; id: string; saved: SavedDraft; file: VFile; kind: InputFile['kind']; body: DraftBody | null };
  const drafted = new Map<string, Drafted>();
  const toParse: typeof originals = [];
  for (const entry of originals) {
    if (entry.input.kind === 'overlay') continue;
    const base = draftBase(entry);
    const saved = memo.find<SavedDraft>('draft', base);
    // An article's draft is taken only with its body, which the steps below may need.
    if (saved && stillAnswered(saved.asked, recurring) && (saved.outcome.kind !== 'article' || memo.keep('draft-body', base))) {
      restoreMessages(entry.file, saved.messages);
      drafted.set(entry.input.displayPath, { base, id: key([base, saved.asked]), saved, file: entry.file, kind: entry.input.kind, body: null });
    } else toParse.push(entry);
  }
  const unread = toParse.filter(({ file }) => file.value === undefined);
  (await read(unread.map(({ input }) => input))).forEach((file, at) => {
    // Read to be parsed again: the bytes must be the ones the steps above placed.
    const entry = unread[at]!;
    if (file.data.raw?.sha256 !== entry.facts.raw.sha256) throw new Error(`${entry.input.displayPath} changed while the site was built: build again`);
    entry.file = file;
    files[entry.index] = file;
  });
  // In runs of a few hundred, each written to the store as it is parsed, and its text and body let
  // go: a build holds one run's drafts at a time, whatever the archive's size.
  for (let start = 0; start < toParse.length; start += runLength) {
    const chunk = toParse.slice(start, start + runLength);
    const markdown = new Map<string, { parsed: NonNullable<MarkdownResult>; body: string }>();
    for (const { input, file } of chunk) {
      if (input.kind !== 'markdown' || isRejected(file)) continue;
      const parsed = guarded(file, () => parseMarkdown(file, input.id));
      if (!parsed) continue;
      const body = parsed.kind === 'page' ? parsed.page.markdown : parsed.draft.body.format === 'markdown' ? parsed.draft.body.markdown : '';
      const refusal = markdownRefusal(body);
      if (refusal) reject(file, `${refusal}: not rendered`, 'markdown-too-complex');
      else markdown.set(input.displayPath, { parsed, body });
    }
    const rendering = startMemoised(pool, memo, 'markdown', new Map([...markdown.values()].map(({ body }) => [body, body])));
    const seedDrafts = new Map<string, { draft: ArticleDraft; asked: AskedRecurrence[] }>();
    const askedBy = new Map<string, AskedRecurrence[]>();
    for (const { input, file } of chunk) {
      if (input.kind !== 'seed' || isRejected(file)) continue;
      const tracked = askedOf(recurring);
      const draft = guarded(file, () => parseSeed(file, input.id, { recurring: tracked.recurring }));
      askedBy.set(input.displayPath, distinct(tracked.asked));
      if (draft) seedDrafts.set(input.displayPath, { draft, asked: distinct(tracked.asked) });
    }
    const rendered = await rendering.finish();
    for (const entry of chunk) {
      const { input, file } = entry;
      const path = input.displayPath;
      const asked = askedBy.get(path) ?? [];
      let body: DraftBody | null = null;
      let outcome: SavedDraft['outcome'] = { kind: 'rejected' };
      const seed = seedDrafts.get(path);
      const parsed = markdown.get(path);
      if (seed) body = { draft: seed.draft, render: null };
      else if (parsed) {
        const result = rendered.get(parsed.body)!;
        if (!result.ok) unprocessable(file, result);
        else if (parsed.parsed.kind === 'page') outcome = { kind: 'page', page: parsed.parsed.page, html: result.value.html };
        else body = { draft: parsed.parsed.draft, render: result.value };
      }
      if (body) outcome = { kind: 'article', facts: draftFacts(body.draft, input.kind) };
      const saved: SavedDraft = { asked, messages: savedMessages(file), outcome };
      const base = draftBase(entry);
      memo.remember('draft', base, saved);
      if (body) memo.remember('draft-body', base, body);
      drafted.set(path, { base, id: key([base, asked]), saved, file, kind: input.kind, body: null });
    }
    // The text is read again for the pages that show it (`textOf`).
    for (const { file } of chunk) file.value = '';
    await new Promise(setImmediate);
  }
  // In path order, whichever were parsed again: the steps below list what they find in it.
  const drafts = new Map(originals.flatMap(({ input }) => (drafted.has(input.displayPath) ? [[input.displayPath, drafted.get(input.displayPath)!] as const] : [])));
  const bodyOf = (path: string) => {
    const entry = drafts.get(path)!;
    entry.body ??= memo.find<DraftBody>('draft-body', entry.base) ?? null;
    if (!entry.body) throw new Error(`the store lost the draft of ${path}: remove .cache/ and build again`);
    return entry.body;
  };

  // The editors' overlays, read and parsed on every build.
  const overlays: { input: InputFile; file: VFile; parsed: ParsedOverlay }[] = [];
  for (const { input, file } of originals) {
    if (input.kind !== 'overlay') continue;
    const parsed = guarded(file, () => parseOverlay(file));
    if (parsed) overlays.push({ input, file, parsed });
  }
  const articleDrafts = new Map([...drafts].flatMap(([path, entry]) => (entry.saved.outcome.kind === 'article' ? [[path, { ...entry, facts: entry.saved.outcome.facts }] as const] : [])));
  const { applied: overlaid, given } = applyOverlays(overlays, found, new Set(articleDrafts.keys()), copyOf);
  const copies = groupCopies(copyOf);
  const near = nearDuplicatesOf(articleDrafts, bodyOf);

  const slugs = assignSlugs(
    [...articleDrafts].map(([path, { facts }]) => ({
      key: path,
      identity: facts.identity,
      headline: facts.headline,
      fallback: facts.fallback,
      pinned: given.get(path)?.parsed.overlay.slug ?? facts.pinned,
    })),
  );

  // Enriching: an article the store holds is taken while everything it is made from is the same
  // (its draft, overlay, copies, near duplicates, slug and the entity rules); the others are made.
  const summaries = new Map<string, ArticleSummary>();
  const recordKeys = new Map<string, string>();
  const toMake: { path: string; finalKey: string; file: VFile }[] = [];
  for (const [path, entry] of articleDrafts) {
    const overlay = given.get(path);
    const finalKey = key([entry.id, overlay ? [overlay.parsed.path, overlay.parsed.overlay] : null, copies.get(path) ?? [], near.get(path) ?? [], slugs.get(path) ?? null, rulesJson]);
    recordKeys.set(path, finalKey);
    const saved = memo.find<SavedArticle>('article', finalKey);
    if (saved && (saved.summary === null || memo.keep('record', finalKey))) {
      restoreMessages(entry.file, saved.messages);
      if (saved.summary) summaries.set(path, saved.summary);
    } else toMake.push({ path, finalKey, file: entry.file });
  }
  // In runs, as the drafts were parsed: each article is written to the store as it is made, and
  // only its summary is kept.
  for (let start = 0; start < toMake.length; start += runLength) {
    const run = toMake.slice(start, start + runLength).map((entry) => {
      const { draft: parsed, render } = bodyOf(entry.path);
      drafts.get(entry.path)!.body = null;
      const overlay = given.get(entry.path);
      let draft = overlay ? applyOverlay(parsed, overlay.parsed.overlay, overlay.parsed.path) : parsed;
      const copyList = copies.get(entry.path);
      if (copyList) draft = { ...draft, source: { ...draft.source, copies: copyList } };
      const nearList = near.get(entry.path);
      if (nearList) draft = { ...draft, source: { ...draft.source, nearDuplicates: nearList } };
      return { ...entry, draft, render };
    });
    for (const made of await enrichRun(run, { slugs, rules, rulesJson, memo, pool })) {
      const summary = made.record ? summaryOf(made.record) : null;
      if (made.record) {
        summaries.set(made.path, summary!);
        memo.remember('record', made.finalKey, made.record);
      }
      memo.remember('article', made.finalKey, { messages: savedMessages(made.file), summary } satisfies SavedArticle);
    }
    await new Promise(setImmediate);
  }

  const pageDrafts = [...drafts].flatMap(([path, { saved, file }]) => (saved.outcome.kind === 'page' ? [{ path, page: saved.outcome.page, html: saved.outcome.html, file }] : []));
  const pageSlugs = assignPageSlugs(pageDrafts.map(({ page }) => ({ key: page.path, name: lastSegment(page.id), pinned: page.pinnedSlug })));
  const pages = new Map<string, Page>();
  const pageHtml = new Map<string, string>();
  for (const { path, page, html, file } of pageDrafts) {
    const { pinnedSlug: _pinned, ...fields } = page;
    const outcome = pageSlugs.get(page.path);
    if (!outcome || 'conflict' in outcome) {
      reject(file, `${outcome?.conflict ?? 'Its address could not be settled'}: set another slug in its front matter`, 'page-slug');
      continue;
    }
    const checked = checkPage({ ...fields, slug: outcome.slug });
    if (checked.ok) {
      pages.set(path, checked.value);
      pageHtml.set(page.path, html);
    } else reject(file, checked.message, 'schema', checked.place);
  }

  const inputs: Input[] = found.map((input, index) => {
    const file = files[index]!;
    const path = input.displayPath;
    const copy = copyOf.get(path);
    const target = overlaid.get(path);
    const outcome: Input['outcome'] = summaries.has(path)
      ? { status: 'article', path }
      : pages.has(path)
        ? { status: 'page', page: pages.get(path)! }
        : copy
          ? { status: 'duplicate', of: copy }
          : target && !isRejected(file)
            ? { status: 'overlay', of: target }
            : { status: 'rejected' };
    return { file, kind: input.kind, id: input.id, outcome };
  });
  const indexOf = new Map(found.map((input, index) => [input.displayPath, index]));
  return {
    summaries: [...summaries.values()].sort(byArchiveOrder),
    pages: [...pages.values()].sort((a, b) => byteOrder(a.slug, b.slug)),
    pageHtml,
    inputs,
    hidden,
    reread,
    load: (path) => {
      const record = memo.find<ArticleRecord>('record', recordKeys.get(path) ?? '');
      if (!record) throw new Error(`the store lost the record of ${path}: remove .cache/ and build again`);
      return record;
    },
    textOf: (path) => {
      const index = indexOf.get(path)!;
      const input = found[index]!;
      const again = fileFromBytes(input, readFileSync(input.absolutePath));
      if (again.data.raw?.sha256 !== files[index]!.data.raw?.sha256) throw new Error(`${path} changed while the site was built: build again`);
      return String(again.value);
    },
  };
}

/** A draft is kept by its file's kind, path, id and bytes. */
const draftBase = ({ input, facts }: { input: InputFile; facts: TextFacts }) => JSON.stringify([input.kind, input.displayPath, input.id, facts.raw.sha256]);

const distinct = (asked: readonly AskedRecurrence[]) => [...new Map(asked.map((entry) => [`${entry[0]}\u0000${entry[1]}`, entry])).values()];

const draftFacts = (draft: ArticleDraft, kind: InputFile['kind']): DraftFacts => ({
  headline: draft.headline,
  identity: `${kind}:${draft.id}`,
  fallback: lastSegment(draft.id),
  pinned: draft.pinnedSlug,
});

type ToEnrich = { path: string; finalKey: string; file: VFile; draft: ArticleDraft; render: RenderedMarkdown | null };

/**
 * A run of drafts made into articles: each seed's flags (likely artifacts, dates it names that
 * cannot be placed), each article's names, quotations and length (not for a draft whose slug is in
 * conflict), on two threads when the pool has a worker. Returns each with its record, or null
 * (and a message on its file) when it cannot be an article.
 */
async function enrichRun(
  run: readonly ToEnrich[],
  context: { slugs: ReadonlyMap<string, SlugOutcome>; rules: EntityRules; rulesJson: string; memo: Memo; pool: Pool },
): Promise<(ToEnrich & { record: ArticleRecord | null })[]> {
  const { slugs, rules, rulesJson, memo, pool } = context;
  const flagsKeys = new Map<string, string>();
  const flagInputs = new Map<string, { undated: boolean; paragraphs: readonly { text: string }[] }>();
  for (const { path, draft } of run) {
    if (draft.body.format !== 'paragraphs') continue;
    const input = { undated: draft.date === null, paragraphs: draft.body.paragraphs };
    const memoKey = JSON.stringify([input.undated, input.paragraphs]);
    flagsKeys.set(path, memoKey);
    flagInputs.set(memoKey, input);
  }
  const flagging = startMemoised(pool, memo, 'flags', flagInputs);
  const plainTexts = new Map<string, string[]>();
  const findingsKeys = new Map<string, string>();
  const findingInputs = new Map<string, { headline: string; paragraphs: string[]; rules: EntityRules }>();
  for (const entry of run) {
    const outcome = slugs.get(entry.path);
    if (!outcome || 'conflict' in outcome) continue;
    const plain = entry.render?.blocks ?? plainParagraphs(entry.draft.body);
    plainTexts.set(entry.path, plain);
    const memoKey = JSON.stringify([entry.draft.headline, plain, rulesJson]);
    findingsKeys.set(entry.path, memoKey);
    findingInputs.set(memoKey, { headline: entry.draft.headline, paragraphs: plain, rules });
  }
  const flagged = await flagging.finish();
  const findings = await startMemoised(pool, memo, 'findings', findingInputs).finish();
  return run.map((entry) => {
    const article = enriched(entry, { flags: flagged.get(flagsKeys.get(entry.path) ?? ''), slug: slugs.get(entry.path), findings: findings.get(findingsKeys.get(entry.path) ?? '') });
    return { ...entry, record: article ? { article, html: entry.render?.html, plain: plainTexts.get(entry.path)! } : null };
  });
}

/** An article from its draft and what the steps over the archive gave it, or null (and a message on its file) when it cannot be one. */
function enriched(
  { draft: given, file, render }: { draft: ArticleDraft; file: VFile; render: RenderedMarkdown | null },
  found: { flags: Outcome<ReturnType<typeof textFlags>> | undefined; slug: SlugOutcome | undefined; findings: Outcome<ReturnType<typeof articleFindings>> | undefined },
): Article | null {
  let draft = given;
  if (found.flags) {
    if (!found.flags.ok) {
      unprocessable(file, found.flags);
      return null;
    }
    const { artifacts, dateReferences } = found.flags.value;
    draft = { ...draft, source: { ...draft.source, artifacts: artifacts.slice(0, maxArtifactsShown), artifactCount: artifacts.length, dateReferences } };
  }
  const { pinnedSlug: _pinned, places, ...fields } = draft;
  const outcome = found.slug;
  if (!outcome || 'conflict' in outcome) {
    reject(file, `Its ${outcome?.conflict ?? 'slug could not be settled'}: pin another slug`, 'slug-conflict', places.slug);
    return null;
  }
  if (!found.findings!.ok) {
    unprocessable(file, found.findings!);
    return null;
  }
  const { value } = found.findings!;
  const candidate = guarded(file, () => ({
    ...fields,
    slug: outcome.slug,
    excerpt: excerptOf(draft, render?.firstParagraph),
    ...value,
    source: { ...draft.source, notes: sourceNotesFor(draft, warningsOf(file)) },
  }));
  if (candidate === null) return null;
  const checked = checkArticle(candidate, places);
  if (checked.ok) return checked.value;
  reject(file, checked.message, 'schema', checked.place);
  return null;
}

/** For each article with the same headline as another and a body at least 90% alike, the others, by path. */
function nearDuplicatesOf(drafts: ReadonlyMap<string, { facts: DraftFacts }>, bodyOf: (path: string) => DraftBody): Map<string, { path: string; similarity: number }[]> {
  const byHeadline = new Map<string, string[]>();
  for (const [path, { facts }] of drafts) {
    const headline = headlineKey(facts.headline);
    byHeadline.set(headline, [...(byHeadline.get(headline) ?? []), path]);
  }
  // Only articles that share a headline are compared, so only their bodies are read.
  const shared = [...byHeadline.values()].filter((paths) => paths.length > 1).flat();
  const found = nearDuplicates(shared.map((path) => ({ key: path, headline: drafts.get(path)!.facts.headline, body: bodyText(bodyOf(path).draft) })));
  return new Map([...found].map(([path, others]) => [path, others.map((other) => ({ path: other.key, similarity: other.similarity }))]));
}

/**
 * Find each seed's editor's overlay (`seeds/<stem>.yml` beside `seeds/<stem>.txt`). An overlay
 * that names no seed, or whose seed is not built, is rejected and says why. Returns, for each
 * overlay applied, the path of its seed, and for each seed given one, its overlay.
 */
function applyOverlays(
  overlays: readonly { input: InputFile; file: VFile; parsed: ParsedOverlay }[],
  found: readonly InputFile[],
  built: ReadonlySet<string>,
  copyOf: ReadonlyMap<string, string>,
): { applied: Map<string, string>; given: Map<string, { path: string; parsed: ParsedOverlay }> } {
  const seeds = new Map<string, InputFile[]>();
  for (const input of found) if (input.kind === 'seed') seeds.set(input.id, [...(seeds.get(input.id) ?? []), input]);
  const applied = new Map<string, string>();
  const given = new Map<string, { path: string; parsed: ParsedOverlay }>();
  for (const { input, file, parsed } of overlays) {
    const named = seeds.get(input.id) ?? [];
    const seed = named.length === 1 ? { input: named[0]! } : undefined;
    if (named.length > 1) reject(file, `Two seeds have its name (${named.map((other) => other.displayPath).join(', ')}): rename one so the overlay names a single seed`, 'overlay-ambiguous');
    else if (seed && given.has(seed.input.displayPath)) reject(file, `${given.get(seed.input.displayPath)!.path} already gives facts for ${seed.input.displayPath}: keep one overlay per seed`, 'overlay-twice');
    else if (!seed) reject(file, `Overlay names no seed: there is no ${input.displayPath.replace(/\.ya?ml$/i, '.txt')} beside it`, 'overlay-orphan');
    else if (copyOf.has(seed.input.displayPath)) reject(file, `Its seed is an exact copy of ${copyOf.get(seed.input.displayPath)}: give that file the overlay`, 'overlay-orphan');
    else if (!built.has(seed.input.displayPath)) reject(file, `Its seed ${seed.input.displayPath} was rejected, so there is no article to apply it to`, 'overlay-orphan');
    else {
      applied.set(input.displayPath, seed.input.displayPath);
      given.set(seed.input.displayPath, { path: input.displayPath, parsed });
    }
  }
  return { applied, given };
}

/** The copies of each file that is built, in path order. */
function groupCopies(copyOf: ReadonlyMap<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [copy, original] of copyOf) groups.set(original, [...(groups.get(original) ?? []), copy]);
  return groups;
}

const bodyText = (draft: ArticleDraft) =>
  draft.body.format === 'paragraphs' ? draft.body.paragraphs.map((paragraph) => paragraph.text).join('\n') : draft.body.markdown;

/** Inputs parsed or enriched at a time: enough to share out between two threads, few enough to hold. */
const runLength = 500;

/** Flags shown per article: a text full of artifacts is flagged, not listed line by line. */
const maxArtifactsShown = 20;
