import path from 'node:path';
import type { ArticleImage } from '../model/article.ts';
import type { ArticleDraft } from '../model/draft.ts';
import type { BodyImage } from '../render/markdown.ts';

/**
 * Where a Markdown image's title gives its credit: from a word such as "Photo:" or a © sign to the
 * end (`Protesters outside parliament. Photo: Jane Doe/Reuters`). What comes before is the caption.
 */
const creditStart = /(?:^|(?<=[.!?;,|–—-]\s*)|(?<=\s))(?:(?:photo(?:graph)?s?|pictures?|images?|credits?|illustrations?|video)(?:\s+by)?\s*:|©|\(c\)\s)/iu;

/** A title split into its caption and its credit, each as written (only the space between them is dropped). */
export function captionAndCredit(title: string | null): { caption: string | null; credit: string | null } {
  const text = title?.trim() ?? '';
  if (text === '') return { caption: null, credit: null };
  const at = creditStart.exec(text)?.index;
  if (at === undefined) return { caption: text, credit: null };
  const caption = text.slice(0, at).replace(/[\s|–—-]+$/u, '');
  return { caption: caption === '' ? null : caption, credit: text.slice(at) };
}

/** A Markdown body's pictures, placed in the file `path` whose line `firstLine` the body starts on. */
export function bodyImages(path: string, firstLine: number, body: readonly BodyImage[]): (ArticleImage & { place: BodyImage['place'] })[] {
  return body.map((image) => ({
    src: image.src,
    alt: image.alt,
    ...captionAndCredit(image.title),
    path,
    line: firstLine + image.line - 1,
    column: image.column,
    place: image.place,
  }));
}

/** The article's pictures: its overlay's lead first, then its body's. */
export function articleImages(draft: Pick<ArticleDraft, 'leadImage' | 'body' | 'source'>, body: readonly BodyImage[]): ArticleImage[] {
  const own = bodyImages(draft.source.path, draft.body.format === 'markdown' ? draft.body.line : 1, body);
  return draft.leadImage ? [draft.leadImage, ...own] : own;
}

/** The warning for a Markdown picture without alternative text. */
export const noAltText = (image: Pick<BodyImage, 'src'>) => `Image ${image.src} has no alternative text: write what it shows between the brackets, ![like this](${image.src}), the words a reader who cannot see it hears`;

/** An image file in the input folders, by the path the build reports it under. */
export interface ImageFile {
  path: string;
  absolutePath: string;
  /** Null when the file could not be read (it is rejected with the reason). */
  sha256: string | null;
}

/** One picture of one article, with the file it is made from, or why it is not shown. */
export type Placed = { image: ArticleImage; file: ImageFile } | { image: ArticleImage; file: null; problem: string };

/**
 * Which file each picture of an article or a page is made from: the path written, from the folder
 * of the file that names it, must be an image file in the same input folders. The others are
 * reported (the page is built without them), and so is an image file nothing shows.
 */
export function placeImages(
  articles: readonly { path: string; images: readonly ArticleImage[] }[],
  files: readonly ImageFile[],
): { placed: Map<string, Placed[]>; shownBy: Map<string, string[]> } {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const placed = new Map<string, Placed[]>();
  const shownBy = new Map<string, string[]>();
  for (const article of articles) {
    if (article.images.length === 0) continue;
    placed.set(
      article.path,
      article.images.map((image): Placed => {
        let written: string;
        try {
          written = decodeURI(image.src.split(/[?#]/)[0]!);
        } catch {
          return { image, file: null, problem: `Image ${image.src} is not a file name (its %-escapes are broken): its page is built without it` };
        }
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(image.path), written));
        const file = byPath.get(target);
        if (!file) return { image, file: null, problem: `Image ${image.src} not found: no picture file ${target} (.jpg, .jpeg, .png, .webp, .avif, .gif, .tif) in the input folders; its page is built without it` };
        const by = shownBy.get(file.path) ?? [];
        if (!by.includes(article.path)) by.push(article.path);
        shownBy.set(file.path, by);
        if (file.sha256 === null) return { image, file: null, problem: `Image ${image.src} could not be read (see ${file.path}): its page is built without it` };
        return { image, file };
      }),
    );
  }
  return { placed, shownBy };
}
