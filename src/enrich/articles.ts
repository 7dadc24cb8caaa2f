import type { VFile } from 'vfile';
import { headlineKey, nearDuplicates } from './duplicates.ts';
import { excerptOf } from './excerpt.ts';
import type { articleFindings, textFlags } from './findings.ts';
import { sourceNotesFor } from './notes.ts';
import { plainParagraphs } from './plain-text.ts';
import type { SlugOutcome } from './slugs.ts';
import { guarded, reject, unprocessable, warningsOf } from '../ingest/diagnostics.ts';
import type { InputFile } from '../ingest/discover.ts';
import type { EntityRules } from '../ingest/entity-rules.ts';
import type { ParsedOverlay } from '../ingest/overlay.ts';
import type { Article } from '../model/article.ts';
import type { ArticleDraft } from '../model/draft.ts';
import type { ArticleRecord } from '../model/summary.ts';
import { checkArticle } from '../model/validate.ts';
import type { DraftBody, DraftFacts } from '../pipeline/kept.ts';
import type { RenderedMarkdown } from '../render/markdown.ts';
import { articleImages } from './pictures.ts';
import type { Memo } from '../store/memo.ts';
import { startMemoised, type Pool } from '../workers/parallel.ts';
import type { Outcome } from '../workers/tasks.ts';

// Drafts made into articles: the steps that need the whole collection (overlays given out, near
// duplicates, copies) and the last ones of each article (flags, names, excerpt, notes, the schema).

export type ToEnrich = { path: string; finalKey: string; file: VFile; draft: ArticleDraft; render: RenderedMarkdown | null };

/**
 * A run of drafts made into articles: each seed's flags (likely artifacts, dates it names that
 * cannot be placed), each article's names, quotations and length (not for a draft whose slug is in
 * conflict), on two threads when the pool has a worker. Returns each with its record, or null
 * (and a message on its file) when it cannot be an article.
 */
export async function enrichRun(
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
  const { pinnedSlug: _pinned, places, leadImage: _lead, ...fields } = draft;
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
    images: articleImages(draft, render?.images ?? []),
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
export function nearDuplicatesOf(drafts: ReadonlyMap<string, { facts: DraftFacts }>, bodyOf: (path: string) => DraftBody): Map<string, { path: string; similarity: number }[]> {
  const byHeadline = new Map<string, string[]>();
  for (const [path, { facts }] of drafts) {
    const headline = headlineKey(facts.headline);
    const paths = byHeadline.get(headline);
    if (paths) paths.push(path);
    else byHeadline.set(headline, [path]);
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
export function applyOverlays(
  overlays: readonly { input: InputFile; file: VFile; parsed: ParsedOverlay }[],
  found: readonly InputFile[],
  built: ReadonlySet<string>,
  copyOf: ReadonlyMap<string, string>,
): { applied: Map<string, string>; given: Map<string, { path: string; parsed: ParsedOverlay }> } {
  const seeds = new Map<string, InputFile[]>();
  for (const input of found) if (input.kind === 'seed' || input.kind === 'webpage') seeds.set(input.id, [...(seeds.get(input.id) ?? []), input]);
  const applied = new Map<string, string>();
  const given = new Map<string, { path: string; parsed: ParsedOverlay }>();
  for (const { input, file, parsed } of overlays) {
    const named = seeds.get(input.id) ?? [];
    const seed = named.length === 1 ? { input: named[0]! } : undefined;
    if (named.length > 1) reject(file, `Two seeds have its name (${named.map((other) => other.displayPath).join(', ')}): rename one so the overlay names a single seed`, 'overlay-ambiguous');
    else if (seed && given.has(seed.input.displayPath)) reject(file, `${given.get(seed.input.displayPath)!.path} already gives facts for ${seed.input.displayPath}: keep one overlay per seed`, 'overlay-twice');
    else if (!seed) reject(file, `Overlay names no seed: there is no ${input.displayPath.replace(/\.ya?ml$/i, '.txt')} (or .html) beside it`, 'overlay-orphan');
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
export function groupCopies(copyOf: ReadonlyMap<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [copy, original] of copyOf) groups.set(original, [...(groups.get(original) ?? []), copy]);
  return groups;
}

const bodyText = (draft: ArticleDraft) =>
  draft.body.format === 'paragraphs' ? draft.body.paragraphs.map((paragraph) => paragraph.text).join('\n') : draft.body.markdown;

/** Flags shown per article: a text full of artifacts is flagged, not listed line by line. */
const maxArtifactsShown = 20;
