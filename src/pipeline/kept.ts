import type { VFile } from 'vfile';
import { textKey } from '../enrich/duplicates.ts';
import { plainParagraphs } from '../enrich/plain-text.ts';
import { slugProposal, type SlugProposal } from '../enrich/slugs.ts';
import type { SavedMessage } from '../ingest/diagnostics.ts';
import type { InputFile } from '../ingest/discover.ts';
import type { RawFacts } from '../ingest/read.ts';
import { zonesOf, type AskedRecurrence, type Zones } from '../ingest/recurring.ts';
import type { Page } from '../model/article.ts';
import type { ArticleDraft, PageDraft } from '../model/draft.ts';
import type { ArticleRecord, ArticleSummary } from '../model/summary.ts';
import type { RenderedMarkdown } from '../render/markdown.ts';
import { sha256 } from '../util/hash.ts';

// What the store (store/memo.ts) keeps of the archive between builds, and the keys it is kept by:
// a file's facts by its bytes ('text'), its parse by its kind, path, id and bytes ('draft', and
// 'draft-body' apart), an article by everything it is made from ('article', and 'record' apart:
// the article alone, for its body's HTML and plain text are its draft body's, kept once).

/** The steps whose results are whole texts (a draft's body, an article's record, its words for search, the list of articles a search index holds, a record's own bytes): most of the store's bytes, kept apart from the facts every build reads. */
export const bulkySteps: ReadonlySet<string> = new Set(['draft-body', 'record', 'record-bytes', 'search-terms', 'search-docs']);

/** What the store keeps of a readable file's bytes, by their SHA-256: enough to place it in the collection without reading it. */
export interface TextFacts {
  raw: Omit<RawFacts, 'absolutePath'>;
  /** Its text's hash with line endings made one: the same text twice is built once. */
  textKey: string;
  /** A seed's first and last lines, for learning the collection's boilerplate. */
  zones: Zones | null;
}

/** What a draft's parse leaves for the steps over the whole archive; the draft itself is kept apart. */
export interface DraftFacts {
  headline: string;
  /** Taken at the parse: making a slug costs more than all else a rebuild does with a kept draft. */
  slug: SlugProposal;
  pinned: string | null;
}

/** A parse as the store keeps it, by the file's kind, path, id and bytes. */
export interface SavedDraft {
  /** The questions the parse asked of the collection, and its answers: the parse holds while they do. */
  asked: AskedRecurrence[];
  messages: SavedMessage[];
  outcome: { kind: 'rejected' } | { kind: 'article'; facts: DraftFacts } | { kind: 'page'; page: PageDraft; html: string; images: Page['images']; description: string };
}

/** A draft's whole body, and its Markdown rendered. */
export interface DraftBody {
  draft: ArticleDraft;
  render: RenderedMarkdown | null;
}

/** An article's record as the store keeps it: its HTML and plain text are read from its draft's body. */
export interface SavedRecord {
  article: ArticleRecord['article'];
}

/** An article's whole record, from what the store keeps of it and of its draft. */
export const recordOf = ({ article }: SavedRecord, { draft, render }: DraftBody): ArticleRecord => ({
  article,
  html: render?.html,
  plain: render?.blocks ?? plainParagraphs(draft.body),
});

/** What became of an article's draft, by everything it was made from. */
export interface SavedArticle {
  messages: SavedMessage[];
  summary: ArticleSummary | null;
}

/** The SHA-256 of what a kept result is made from. */
export const key = (parts: unknown[]) => sha256(JSON.stringify(parts));

export const factsOf = (file: VFile, kind: InputFile['kind']): TextFacts => {
  const { absolutePath: _absolute, ...raw } = file.data.raw!;
  const text = String(file.value);
  return { raw, textKey: textKey(text), zones: kind === 'seed' ? zonesOf(text) : null };
};

/** A file's facts are kept by its kind and bytes. */
export const textBase = (kind: InputFile['kind'], sha256: string) => JSON.stringify([kind, sha256]);

/** A draft is the parse of these: a record's draft also of what its file says of it (its line, its WARC headers). */
export const draftBase = ({ input, facts }: { input: InputFile; facts: TextFacts }) => JSON.stringify([input.kind, input.displayPath, input.id, facts.raw.sha256, ...(input.record ? [input.record] : [])]);

/** Each question once, with its answer. */
export const distinct = (asked: readonly AskedRecurrence[]) => [...new Map(asked.map((entry) => [`${entry[0]}\u0000${entry[1]}`, entry])).values()];

export const draftFacts = (draft: ArticleDraft, kind: InputFile['kind']): DraftFacts => ({
  headline: draft.headline,
  slug: slugProposal(`${kind}:${draft.id}`, draft.headline, lastSegment(draft.id)),
  pinned: draft.pinnedSlug,
});

/** The last segment of an id: a fallback for a slug, a page's address. */
export const lastSegment = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/** Inputs parsed or enriched at a time: enough to share out between two threads, few enough to hold. */
export const runLength = 500;
