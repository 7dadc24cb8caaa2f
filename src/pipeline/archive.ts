import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { applyOverlays, enrichRun, groupCopies, nearDuplicatesOf } from '../enrich/articles.ts';
import { exactCopies } from '../enrich/duplicates.ts';
import { applyOverlay } from '../enrich/editorial.ts';
import { inArchiveOrder } from '../enrich/order.ts';
import { assignPageSlugs, assignSlugs } from '../enrich/slugs.ts';
import { guarded, isRejected, reject, restoreMessages, savedMessages, unprocessable, warn } from '../ingest/diagnostics.ts';
import { truncate } from '../enrich/excerpt.ts';
import { bodyImages, noAltText, placeImages, type Placed } from '../enrich/pictures.ts';
import { byteOrder, discover, type InputFile } from '../ingest/discover.ts';
import { noEntityRules, type EntityRules } from '../ingest/entity-rules.ts';
import { parseMarkdown, type MarkdownResult } from '../ingest/markdown.ts';
import { parseOverlay, type ParsedOverlay } from '../ingest/overlay.ts';
import { fileFromBytes, readImage, readInputs } from '../ingest/read.ts';
import { askedOf, learnFromZones, stillAnswered, type AskedRecurrence } from '../ingest/recurring.ts';
import { parseScraped, scrapedText } from '../ingest/scraped.ts';
import { parseSeed } from '../ingest/seed.ts';
import type { ArticleImage, Page } from '../model/article.ts';
import type { ArticleDraft } from '../model/draft.ts';
import { summaryOf, type ArticleSummary } from '../model/summary.ts';
import { checkPage } from '../model/validate.ts';
import { markdownRefusal } from '../render/markdown.ts';
import { inMemory, type Memo } from '../store/memo.ts';
import type { ViewSource } from '../view/view.ts';
import { searchLanguage } from '../search/stemmers.ts';
import { termsInput, termsStep } from '../search/terms.ts';
import { openPool, type Pool } from '../workers/parallel.ts';
import { expandRecords, recordBytesStep, type Expanded, type HeldSummary } from './records.ts';
import { distinct, draftBase, draftFacts, factsOf, key, lastSegment, runLength, textBase, recordOf, type DraftBody, type SavedArticle, type SavedDraft, type SavedRecord, type TextFacts } from './kept.ts';

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
  /** The site's language, when the site has the archive's own index: each article's words are taken as it is made, on both threads, stemmed in its own language or else this one. */
  searchLang?: string | null;
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
    /** A picture shown by the articles at `of` (their source files), which are built with it. */
    | { status: 'image'; of: string[] }
    /** A file of records (a scraper's JSON, a WARC capture): each of its records is an input of its own. */
    | ({ status: 'held' } & HeldSummary)
    | { status: 'rejected' };
}

export interface Archive extends ViewSource {
  pages: Page[];
  inputs: Input[];
  /** Hidden files in the input folders (names starting with a dot), listed but not read. */
  hidden: string[];
  /** How many input files this build read; the others were placed from what the store knew of them. */
  reread: number;
  /** Each article's and page's pictures (by its source path), with the file each is made from or why it is not shown. */
  pictures: ReadonlyMap<string, readonly Placed[]>;
  /** A warning on the file that names a picture (its article or page, or the seed's overlay). */
  warnAboutImage: (image: ArticleImage, message: string) => void;
  /** A record's own bytes, as its file holds them (for its download), or null for an input that is a file of its own. */
  recordBytes(path: string): Uint8Array | null;
}

/**
 * Ingest, model and enrich: every input file becomes an article, a page, or a rejection with
 * a message on its VFile. Nothing is written.
 */
export async function loadArchive(options: ArchiveOptions): Promise<Archive> {
  const { inputs: files, hidden } = await discover(options.seedsDir, options.contentDir, options.cwd);
  const memo = options.memo ?? inMemory();
  // Files of records are read and split first: each record is an input of its own from here on.
  const expanded = await expandRecords(files, options.maxBytes, memo);
  const found = expanded.found;
  // A second thread for the costly steps, started now so it is ready when they come: when there
  // are many files and no earlier build of this code left its results.
  // A saved web page costs about five seeds to read (Readability over a DOM of the whole page).
  const work = found.reduce((sum, input) => sum + (input.kind === 'webpage' ? 5 : 1), 0);
  const pool = openPool(memo.size === 0 ? work : 0);
  try {
    return await loadFiles(expanded, hidden, options, memo, pool);
  } finally {
    pool.close();
  }
}

/** A warning on `file` for each of its pictures without alternative text, at its line and column. */
function warnWithoutAlt(file: VFile, images: readonly ArticleImage[]): void {
  for (const image of images) if (image.alt.trim() === '') warn(file, noAltText(image), 'image-alt', { line: image.line, column: image.column });
}

async function loadFiles(expanded: Expanded, hidden: string[], options: ArchiveOptions, memo: Memo, pool: Pool): Promise<Archive> {
  const found = expanded.found;
  const rules = options.entityRules ?? noEntityRules;
  const rulesJson = JSON.stringify(rules);
  let reread = expanded.held.size;
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
    // Files of records and their records are read already.
    if (input.kind === 'image') {
      files[index] = readImage(input, options.maxBytes, options.digests?.get(input.absolutePath));
      return;
    }
    const held = expanded.files.get(index);
    if (held) {
      files[index] = held;
      if (input.kind !== 'records' && !isRejected(held)) facts.set(index, factsOf(held, input.kind));
      return;
    }
    const sha256 = input.refusal || input.kind === 'overlay' ? undefined : options.digests?.get(input.absolutePath);
    const known = sha256 === undefined ? undefined : memo.find<TextFacts>('text', textBase(input.kind, sha256));
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
    if (kind !== 'overlay') memo.remember('text', textBase(kind, known.raw.sha256), known);
  });
  const readable = found.flatMap((input, index) => (facts.has(index) ? [{ input, file: files[index]!, facts: facts.get(index)!, index }] : []));

  // The same text twice is built once; the first file in path order is the one built.
  const copyOf = exactCopies(readable.filter(({ input }) => input.kind !== 'overlay').map(({ input, facts }) => ({ key: input.displayPath, group: input.kind, textKey: facts.textKey })));
  const originals = readable.filter(({ input }) => !copyOf.has(input.displayPath));
  const recurring = learnFromZones(originals.flatMap(({ input, facts }) => (input.kind === 'seed' ? [facts.zones!] : [])));

  // Parsing: a draft the store holds is taken while the file's bytes and the answers its parse had
  // from the collection are the same; the others are parsed (Markdown bodies rendered on a second
  // core, when there are many, while the seeds are parsed here).
  type Drafted = { base: string; id: string; saved: SavedDraft; file: VFile; body: DraftBody | null };
  const drafted = new Map<string, Drafted>();
  const toParse: typeof originals = [];
  for (const entry of originals) {
    if (entry.input.kind === 'overlay') continue;
    const base = draftBase(entry);
    const saved = memo.find<SavedDraft>('draft', base);
    // An article's draft is taken only with its body, which the steps below may need.
    if (saved && stillAnswered(saved.asked, recurring) && (saved.outcome.kind !== 'article' || memo.keep('draft-body', base))) {
      restoreMessages(entry.file, saved.messages);
      drafted.set(entry.input.displayPath, { base, id: key([base, saved.asked]), saved, file: entry.file, body: null });
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
    // Not kept apart in the store: a body is rendered again only when its file changed, and its
    // draft's body keeps the rendering for every later build.
    const bodies = [...new Set([...markdown.values()].map(({ body }) => body))];
    const rendering = pool.run('markdown', bodies);
    const seedDrafts = new Map<string, ArticleDraft>();
    const askedBy = new Map<string, AskedRecurrence[]>();
    // Saved web pages are read on both cores, as Markdown is rendered, while the seeds are parsed.
    const webPages = chunk.filter(({ input, file }) => input.kind === 'webpage' && !isRejected(file));
    const reading = pool.run('webpage', webPages.map(({ input, file }) => ({ text: String(file.value), path: String(file.path), id: input.id, raw: file.data.raw! })));
    for (const { input, file } of chunk) {
      if ((input.kind !== 'seed' && input.kind !== 'scraped') || isRejected(file)) continue;
      const tracked = askedOf(recurring);
      const parse = input.kind === 'seed' ? parseSeed : parseScraped;
      const draft = guarded(file, () => parse(file, input.id, { recurring: tracked.recurring }));
      askedBy.set(input.displayPath, distinct(tracked.asked));
      if (draft) seedDrafts.set(input.displayPath, draft);
    }
    (await reading.finish()).forEach((outcome, index) => {
      const { input, file } = webPages[index]!;
      if (!outcome.ok) return unprocessable(file, outcome);
      restoreMessages(file, outcome.value.messages);
      if (outcome.value.draft) seedDrafts.set(input.displayPath, outcome.value.draft);
    });
    const outcomes = await rendering.finish();
    const rendered = new Map(bodies.map((body, index) => [body, outcomes[index]!]));
    for (const entry of chunk) {
      const { input, file } = entry;
      const path = input.displayPath;
      const asked = askedBy.get(path) ?? [];
      let body: DraftBody | null = null;
      let outcome: SavedDraft['outcome'] = { kind: 'rejected' };
      const seed = seedDrafts.get(path);
      const parsed = markdown.get(path);
      if (seed) body = { draft: seed, render: null };
      else if (parsed) {
        const result = rendered.get(parsed.body)!;
        if (!result.ok) unprocessable(file, result);
        else if (parsed.parsed.kind === 'page') {
          const images = bodyImages(parsed.parsed.page.path, parsed.parsed.line, result.value.images);
          const description = truncate(parsed.parsed.page.summary ?? result.value.firstParagraph);
          outcome = { kind: 'page', page: parsed.parsed.page, html: result.value.html, images, description };
          warnWithoutAlt(file, images);
        }
        else {
          const { draft } = parsed.parsed;
          body = { draft, render: result.value };
          warnWithoutAlt(file, bodyImages(draft.source.path, draft.body.format === 'markdown' ? draft.body.line : 1, result.value.images));
        }
      }
      if (body) outcome = { kind: 'article', facts: draftFacts(body.draft, input.kind) };
      const saved: SavedDraft = { asked, messages: savedMessages(file), outcome };
      const base = draftBase(entry);
      memo.remember('draft', base, saved);
      if (body) memo.remember('draft-body', base, body);
      drafted.set(path, { base, id: key([base, asked]), saved, file, body: null });
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
      proposal: facts.slug,
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
      let draft = overlay ? applyOverlay(parsed, overlay.parsed.overlay, overlay.parsed.path, overlay.parsed.places.image?.line) : parsed;
      const copyList = copies.get(entry.path);
      if (copyList) draft = { ...draft, source: { ...draft.source, copies: copyList } };
      const nearList = near.get(entry.path);
      if (nearList) draft = { ...draft, source: { ...draft.source, nearDuplicates: nearList } };
      return { ...entry, draft, render };
    });
    const wordsToTake: { key: string; text: { headline: string; paragraphs: readonly string[]; lang: string } }[] = [];
    for (const made of await enrichRun(run, { slugs, rules, rulesJson, memo, pool })) {
      const summary = made.record ? summaryOf(made.record) : null;
      if (made.record) {
        summaries.set(made.path, summary!);
        memo.remember('record', made.finalKey, { article: made.record.article } satisfies SavedRecord);
        const lang = options.searchLang ? searchLanguage(summary!.lang, options.searchLang) : null;
        if (lang && !memo.keep(termsStep, termsInput(summary!.digest, lang))) wordsToTake.push({ key: termsInput(summary!.digest, lang), text: { headline: made.record.article.headline, paragraphs: made.record.plain, lang } });
      }
      memo.remember('article', made.finalKey, { messages: savedMessages(made.file), summary } satisfies SavedArticle);
    }
    const taken = await pool.run('terms', wordsToTake.map(({ text }) => text)).finish();
    taken.forEach((outcome, index) => {
      if (outcome.ok) memo.remember(termsStep, wordsToTake[index]!.key, outcome.value);
    });
    await new Promise(setImmediate);
  }

  const pageDrafts = [...drafts].flatMap(([path, { saved, file }]) => (saved.outcome.kind === 'page' ? [{ path, file, ...saved.outcome }] : []));
  const pageSlugs = assignPageSlugs(pageDrafts.map(({ page }) => ({ key: page.path, name: lastSegment(page.id), pinned: page.pinnedSlug })));
  const pages = new Map<string, Page>();
  const pageHtml = new Map<string, string>();
  for (const { path, page, html, images, description, file } of pageDrafts) {
    const { pinnedSlug: _pinned, summary: _summary, ...fields } = page;
    const outcome = pageSlugs.get(page.path);
    if (!outcome || 'conflict' in outcome) {
      reject(file, `${outcome?.conflict ?? 'Its address could not be settled'}: set another slug in its front matter`, 'page-slug');
      continue;
    }
    const checked = checkPage({ ...fields, slug: outcome.slug, images, description });
    if (checked.ok) {
      pages.set(path, checked.value);
      pageHtml.set(page.path, html);
    } else reject(file, checked.message, 'schema', checked.place);
  }

  // The pictures the articles and pages show, found among the image files; a file none shows is reported.
  const fileAt = new Map(found.map((input, index) => [input.displayPath, files[index]!]));
  const imageFiles = found.flatMap((input, index) => (input.kind === 'image' ? [{ path: input.displayPath, absolutePath: input.absolutePath, sha256: isRejected(files[index]!) ? null : files[index]!.data.raw!.sha256 }] : []));
  const { placed, shownBy } = placeImages([...summaries.values(), ...pages.values()], imageFiles);
  const warnAboutImage = (image: ArticleImage, message: string) => {
    const file = fileAt.get(image.path);
    if (file) warn(file, message, 'image', { line: image.line, column: image.column });
  };
  for (const pictures of placed.values()) for (const picture of pictures) if (!picture.file) warnAboutImage(picture.image, picture.problem);
  for (const image of imageFiles) {
    const file = fileAt.get(image.path)!;
    if (!shownBy.has(image.path) && !isRejected(file)) reject(file, 'A picture no article or page shows: name it in a Markdown file beside it (![what it shows](file.jpg)) or in a seed\'s overlay (image: {src: file.jpg, alt: ...})', 'image-unused');
  }

  const inputs: Input[] = found.map((input, index) => {
    const file = files[index]!;
    const path = input.displayPath;
    if (input.kind === 'image') return { file, kind: input.kind, id: input.id, outcome: shownBy.has(path) && !isRejected(file) ? { status: 'image', of: shownBy.get(path)! } : { status: 'rejected' } };
    const copy = copyOf.get(path);
    const target = overlaid.get(path);
    const held = expanded.held.get(path);
    const outcome: Input['outcome'] = summaries.has(path)
      ? { status: 'article', path }
      : held && !isRejected(file)
        ? { status: 'held', ...held }
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
    summaries: inArchiveOrder(summaries.values()),
    pages: [...pages.values()].sort((a, b) => byteOrder(a.slug, b.slug)),
    pageHtml,
    inputs,
    hidden,
    reread,
    pictures: placed,
    warnAboutImage,
    load: (path) => {
      const saved = memo.find<SavedRecord>('record', recordKeys.get(path) ?? '');
      const body = drafts.has(path) ? memo.find<DraftBody>('draft-body', drafts.get(path)!.base) : undefined;
      if (!saved || !body) throw new Error(`the store lost the record of ${path}: remove .cache/ and build again`);
      return recordOf(saved, body);
    },
    recordBytes: (path) => {
      const raw = files[indexOf.get(path)!]?.data.raw;
      if (!raw?.record) return null;
      const bytes = memo.find<Uint8Array>(recordBytesStep, raw.sha256);
      if (!bytes) throw new Error(`the store lost the record ${path}: remove .cache/ and build again`);
      return bytes;
    },
    textOf: (path) => {
      const index = indexOf.get(path)!;
      const input = found[index]!;
      if (input.record) {
        // A record's page shows what became the article: a scraper's text, a captured page's HTML.
        const again = fileFromBytes(input, memo.find<Uint8Array>(recordBytesStep, files[index]!.data.raw!.sha256) ?? new Uint8Array());
        return input.kind === 'scraped' ? scrapedText(String(again.value)) : String(again.value);
      }
      const again = fileFromBytes(input, readFileSync(input.absolutePath));
      if (again.data.raw?.sha256 !== files[index]!.data.raw?.sha256) throw new Error(`${path} changed while the site was built: build again`);
      return String(again.value);
    },
  };
}

