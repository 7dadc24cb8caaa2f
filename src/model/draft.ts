import type { Article, ArticleImage, Page } from './article.ts';

/** Where a field of the record was written in its file, so schema errors can point at it. */
export type FieldPlaces = Partial<Record<string, { line: number; column?: number }>>;

/** An article as ingest leaves it: everything but what needs the whole archive or the finished text (slug, excerpt, entities, quotations, words). */
export type ArticleDraft = Omit<Article, 'slug' | 'excerpt' | 'entities' | 'quotations' | 'words' | 'images'> & {
  /** The picture an editor's overlay names, shown above the text; a Markdown body's own come with its rendering. */
  leadImage?: ArticleImage;
  /** A slug the author pinned in front matter; otherwise one is derived from the headline. */
  pinnedSlug: string | null;
  places: FieldPlaces;
};

/** What enrich finds about a source across the archive and in its text: nothing, until it looks. */
export const notYetEnriched = () =>
  ({ copies: [], nearDuplicates: [], artifacts: [], artifactCount: 0, dateReferences: [], notes: [] }) satisfies Partial<Article['source']>;

/** A standalone page before its address is settled. */
export type PageDraft = Omit<Page, 'slug' | 'images' | 'description'> & { pinnedSlug: string | null; summary: string | null };
