import { existsSync } from 'node:fs';
import path from 'node:path';
import Image from '@11ty/eleventy-img';
import sharp from 'sharp';
import type { Memo } from '../store/memo.ts';
import { sha256 } from '../util/hash.ts';

/** The widths a picture is made in (never wider than its file), and its formats, best first: browsers take the first they read. */
export const pictureWidths = [480, 960, 1600];
export const pictureFormats = ['avif', 'webp', 'jpeg'] as const;
/** A GIF or WebP of several frames keeps them all: animated WebP, with an animated GIF for a browser without it (sharp writes no animated AVIF). */
export const animatedFormats = ['webp', 'gif'] as const;
export type PictureFormat = (typeof pictureFormats)[number] | (typeof animatedFormats)[number];
/** AVIF at sharp's effort 2 (its default is 4), for speed: the two have not yet been measured side by side. */
const sharpAvifOptions = { effort: 2 };
const settings = JSON.stringify({ pictureWidths, pictureFormats, sharpAvifOptions, version: 1 });

/** Whether a file is a picture of several frames, from its header alone. */
async function isAnimated(file: string): Promise<boolean> {
  const { format, pages = 1 } = await sharp(file).metadata();
  return pages > 1 && (format === 'gif' || format === 'webp');
}

/** A picture made: its files (names in the images folder) by format, narrowest first, and the size of the widest. */
export interface MadePicture {
  width: number;
  height: number;
  formats: { format: PictureFormat; files: { name: string; width: number; height: number }[] }[];
}

const step = 'picture';

/**
 * Every picture file the articles show, made with Eleventy's image plugin into `dir` (several
 * widths, AVIF and WebP with a JPEG fallback, or for an animated one WebP and GIF) and remembered by its bytes' SHA-256: a picture made
 * before whose files are still in `dir` is not made again. A file that cannot be made into a
 * picture comes back with the reason.
 */
export async function makePictures(
  files: readonly { sha256: string; absolutePath: string }[],
  dir: string,
  memo: Memo,
): Promise<{ made: Map<string, MadePicture>; failed: Map<string, string>; processed: number; cached: number }> {
  const made = new Map<string, MadePicture>();
  const failed = new Map<string, string>();
  let processed = 0;
  let cached = 0;
  const distinct = [...new Map(files.map((file) => [file.sha256, file])).values()];
  await Promise.all(
    distinct.map(async (file) => {
      const input = `${file.sha256}\u0000${settings}`;
      const known = memo.find<MadePicture>(step, input);
      if (known && known.formats.every(({ files }) => files.every(({ name }) => existsSync(path.join(dir, name))))) {
        cached++;
        made.set(file.sha256, known);
        return;
      }
      try {
        const animated = await isAnimated(file.absolutePath);
        // Named by the bytes and the settings, in lower-case hex: the same picture has the same files
        // on every machine. An animated one's are named apart, so that no still picture of the same
        // bytes made by an earlier version can stand for them.
        const stem = sha256(animated ? `${input}\u0000animated ${animatedFormats.join(' ')}` : input).slice(0, 16);
        const wanted: readonly PictureFormat[] = animated ? animatedFormats : pictureFormats;
        const metadata = await Image(file.absolutePath, {
          widths: pictureWidths,
          formats: [...wanted],
          outputDir: dir,
          urlPath: '/',
          sharpAvifOptions,
          ...(animated ? { sharpOptions: { animated: true } } : {}),
          filenameFormat: (_id: string, _src: string, width: number, format: string) => `${stem}-${width}.${format}`,
        });
        const formats = wanted.map((format) => ({ format, files: (metadata[format] ?? []).map((entry) => ({ name: entry.filename, width: entry.width, height: entry.height })) }));
        const widest = (metadata[wanted.at(-1)!] ?? []).at(-1);
        if (!widest || formats.some(({ files }) => files.length === 0)) throw new Error('no picture came out of it');
        const picture: MadePicture = { width: widest.width, height: widest.height, formats };
        memo.remember(step, input, picture);
        made.set(file.sha256, picture);
        processed++;
      } catch (error) {
        failed.set(file.sha256, (error as Error).message.split('\n')[0]!);
      }
    }),
  );
  return { made, failed, processed, cached };
}
