import Image from '@11ty/eleventy-img';
import type { ArticleImage } from '../model/article.ts';
import { imageMarkers } from '../render/markdown.ts';
import type { MadePicture } from '../render/pictures.ts';
import { escapeHtml } from '../util/escape.ts';
import { absolute, type SiteIdentity } from './meta.ts';

/** One of an article's pictures as its pages show it: what the article says of it, and the files made of it. */
export interface ShownPicture {
  image: ArticleImage;
  made: MadePicture;
}

/** Where the pictures' files are, from the site's root. */
export const imagesFolder = 'images/';

/** The text column is at most 68ch, about 42rem; below that, the window's width. */
const sizes = '(min-width: 46rem) 42rem, 100vw';


/**
 * A `<picture>`: AVIF and WebP sources and a JPEG `<img>` (for an animated picture, WebP and a
 * GIF) in several widths, with the widest's `width` and `height` so that nothing moves as it
 * loads, written by Eleventy's image plugin.
 * `prefix` leads from the page to the images folder; a picture below the fold loads lazily.
 */
export function pictureHtml({ image, made }: ShownPicture, prefix: string, loading: 'lazy' | 'eager'): string {
  const metadata = Object.fromEntries(
    made.formats.map(({ format, files }) => [
      format,
      files.map((file) => ({ format, width: file.width, height: file.height, url: `${prefix}${file.name}`, filename: file.name, sourceType: `image/${format}`, srcset: `${prefix}${file.name} ${file.width}w` })),
    ]),
  );
  const attributes: Record<string, string> = { alt: image.alt, sizes, loading, decoding: 'async' };
  if (image.place === 'lead') attributes.fetchpriority = 'high';
  return Image.generateHTML(metadata, attributes);
}

/** A picture standing alone: in a figure, its caption and credit (as written) below it. */
export function figureHtml(shown: ShownPicture, prefix: string, loading: 'lazy' | 'eager'): string {
  const { caption, credit } = shown.image;
  const words = [caption ? `<span class="caption">${escapeHtml(caption)}</span>` : '', credit ? `<span class="credit">${escapeHtml(credit)}</span>` : ''].filter(Boolean).join(' ');
  return `<figure class="picture${shown.image.place === 'lead' ? ' lead' : ''}">${pictureHtml(shown, prefix, loading)}${words ? `<figcaption>${words}</figcaption>` : ''}</figure>`;
}

/**
 * A Markdown body's HTML with its pictures in their markers' places: a figure for a picture that
 * stands alone, the picture itself for one among words, nothing for one that could not be made
 * (its file missing or unreadable: a warning says so). Only the first block loads at once.
 */
export function withPictures(html: string, markdown: string, pictures: readonly (ShownPicture | null)[], bodyImages: readonly ArticleImage[], prefix: string): string {
  let out = html;
  const markerOf = imageMarkers(markdown);
  bodyImages.forEach((image, index) => {
    const marker = markerOf(index);
    const shown = pictures[index] ?? null;
    const loading = out.trimStart().startsWith(marker) ? 'eager' : 'lazy';
    const made = shown === null ? '' : image.place === 'block' ? figureHtml(shown, prefix, loading) : pictureHtml(shown, prefix, loading);
    out = out.replace(marker, () => made);
  });
  return out;
}

/** The picture an article is shared with (Open Graph, its JSON-LD, a feed's item): one JPEG or GIF by its whole address. */
export interface SharedPicture {
  url: string;
  width: number;
  height: number;
  alt: string;
  type: 'image/jpeg' | 'image/gif';
}

/**
 * An article's first picture that was made (its lead picture where it has one), as its widest
 * JPEG (GIF for an animated one), which every reader of a shared link can show; null without a
 * picture, or without the site's address, for a shared picture is named by its whole address and
 * no host is guessed.
 */
export function sharedPicture(pictures: readonly (ShownPicture | null)[], site: SiteIdentity): SharedPicture | null {
  const shown = pictures.find((picture) => picture !== null);
  const fallback = shown?.made.formats.find(({ format }) => format === 'jpeg' || format === 'gif');
  const widest = fallback?.files.at(-1);
  const url = widest ? absolute(`${imagesFolder}${widest.name}`, site) : null;
  return shown && fallback && widest && url ? { url, width: widest.width, height: widest.height, alt: shown.image.alt, type: fallback.format === 'gif' ? 'image/gif' : 'image/jpeg' } : null;
}
