import type { Editorial } from '../model/article.ts';
import type { ArticleDraft } from '../model/draft.ts';
import type { Overlay } from '../model/front-matter.ts';

type Field = Editorial['fields'][number];

/**
 * A seed with its editor's overlay applied: the facts the overlay gives replace the unknowns (or
 * the source's own reading), and `editorial` records which facts came from the editor, so the
 * page and its source notes can say so. The headline and the body are never touched.
 */
export function applyOverlay(draft: ArticleDraft, overlay: Overlay, path: string, imageLine = 1): ArticleDraft {
  const given: Partial<Pick<ArticleDraft, Field>> = {};
  if (overlay.date !== undefined) given.date = overlay.date;
  if (overlay.section !== undefined) given.section = overlay.section;
  if (overlay.tags !== undefined) given.tags = overlay.tags;
  if (overlay.byline !== undefined) given.byline = overlay.byline;
  if (overlay.dateline !== undefined) given.dateline = overlay.dateline;
  if (overlay.summary !== undefined) given.summary = overlay.summary;
  if (overlay.source_url !== undefined) given.sourceUrl = overlay.source_url;
  if (overlay.lang !== undefined) given.lang = overlay.lang;
  const fields = (Object.keys(given) as Field[]).sort();
  const image = overlay.image;
  return {
    ...draft,
    ...given,
    ...(image ? { leadImage: { src: image.src, alt: image.alt ?? '', caption: image.caption ?? null, credit: image.credit ?? null, path, line: imageLine, column: 1, place: 'lead' as const } } : {}),
    pinnedSlug: overlay.slug ?? draft.pinnedSlug,
    editorial: { path, fields, correction: overlay.correction ?? null, note: overlay.editor_note ?? null },
  };
}
