import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Image from '@11ty/eleventy-img';
import sharp from 'sharp';
import type { Memo } from '../store/memo.ts';
import { sha256 } from '../util/hash.ts';
import { siblingEntry } from '../util/sibling-entry.ts';

/** The widths a picture is made in (never wider than its file), and its formats, best first: browsers take the first they read. */
export const pictureWidths = [480, 960, 1600];
export const pictureFormats = ['avif', 'webp', 'jpeg'] as const;
/** A GIF or WebP of several frames keeps them all: animated WebP, with an animated GIF for a browser without it (sharp writes no animated AVIF). */
export const animatedFormats = ['webp', 'gif'] as const;
export type PictureFormat = (typeof pictureFormats)[number] | (typeof animatedFormats)[number];
/**
 * AVIF at sharp's effort 1 (its default is 4), at sharp's default quality. On 20 photographs of
 * 1,600 x 1,067 pixels made in all widths and formats: effort 1 took 0.78 of effort 2's time (the
 * median of 4 pairs) for files 0.5% larger and the same PSNR at 960 pixels (34.57 dB against
 * 34.59); effort 4 took 4.2 times effort 2's time for files 3% smaller and 1.1 dB more.
 */
const sharpAvifOptions = { effort: 1 };
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

/** A picture file to make, named by its bytes' SHA-256. */
export interface PictureFile {
  sha256: string;
  absolutePath: string;
}

/** A picture made, or why it could not be. */
export type PictureOutcome = { sha256: string; made: MadePicture } | { sha256: string; error: string };

/** The store's key of a picture: its bytes and the settings it is made with. */
const inputOf = (file: PictureFile) => `${file.sha256}\u0000${settings}`;

/**
 * One picture file made with Eleventy's image plugin into `dir`: several widths, AVIF and WebP
 * with a JPEG fallback, or for an animated one WebP and GIF.
 */
async function makePicture(file: PictureFile, dir: string): Promise<MadePicture> {
  const input = inputOf(file);
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
    // The store is the cache: a picture it does not hold is made anew, never taken from files a
    // stopped build may have left half-written.
    useCache: false,
    ...(animated ? { sharpOptions: { animated: true } } : {}),
    filenameFormat: (_id: string, _src: string, width: number, format: string) => `${stem}-${width}.${format}`,
  });
  const formats = wanted.map((format) => ({ format, files: (metadata[format] ?? []).map((entry) => ({ name: entry.filename, width: entry.width, height: entry.height })) }));
  const widest = (metadata[wanted.at(-1)!] ?? []).at(-1);
  if (!widest || formats.some(({ files }) => files.length === 0)) throw new Error('no picture came out of it');
  return { width: widest.width, height: widest.height, formats };
}

/** One file made here, as its outcome. */
export const makeOne = (file: PictureFile, dir: string): Promise<PictureOutcome> =>
  makePicture(file, dir).then(
    (made) => ({ sha256: file.sha256, made }),
    (error: unknown) => ({ sha256: file.sha256, error: (error as Error).message.split('\n')[0]! }),
  );

/**
 * Every file made in a process of its own, with glibc's allocator held to two arenas
 * (`MALLOC_ARENA_MAX=2`): the image library's threads otherwise each take an arena of their own
 * and keep what they freed. Making 20, 40 and 80 photographs so peaked at 427, 498 and 470 MB,
 * against 629, 753 and 911 MB in this process, about 9% slower; and what the worker held is given
 * back when it exits. The worker answers for each picture as it is made. One that ends before it
 * has answered for all (killed, or crashed on a file) leaves the rest to another, while each made
 * some; when one made none, the rest fail with the reason. Where no process can be started at
 * all, they are made here.
 */
function makeApart(files: readonly PictureFile[], dir: string): Promise<PictureOutcome[]> {
  const entry = siblingEntry('picture-worker', import.meta.url);
  return new Promise((resolve) => {
    const outcomes = new Map<string, PictureOutcome>();
    const child = fork(fileURLToPath(entry), [], {
      env: { ...process.env, MALLOC_ARENA_MAX: '2' },
      execArgv: entry.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (outcome: PictureOutcome) => outcomes.set(outcome.sha256, outcome));
    // A process that could not be started says so here, and then closes without a pid.
    child.on('error', () => {});
    // After the process ends and its channel is read to the end, so that no answer is lost.
    child.once('close', (code, signal) => {
      const rest = files.filter((file) => !outcomes.has(file.sha256));
      const done = [...outcomes.values()];
      if (rest.length === 0) resolve(done);
      else if (child.pid === undefined) resolve(Promise.all(files.map((file) => makeOne(file, dir))));
      else if (done.length > 0) resolve(makeApart(rest, dir).then((more) => [...done, ...more]));
      else resolve([...done, ...rest.map((file) => ({ sha256: file.sha256, error: `the process making pictures ended (${signal ?? `exit code ${code}`}) before this one was made` }))]);
    });
    if (child.pid !== undefined) child.send({ files, dir });
  });
}

/**
 * Every picture file the articles and pages show, made into `dir` and remembered by its bytes'
 * SHA-256: a picture made before whose files are still in `dir` is not made again. A file that
 * cannot be made into a picture comes back with the reason.
 */
export async function makePictures(
  files: readonly PictureFile[],
  dir: string,
  memo: Memo,
): Promise<{ made: Map<string, MadePicture>; failed: Map<string, string>; processed: number; cached: number }> {
  const made = new Map<string, MadePicture>();
  const failed = new Map<string, string>();
  const toMake: PictureFile[] = [];
  for (const file of new Map(files.map((file) => [file.sha256, file])).values()) {
    const known = memo.find<MadePicture>(step, inputOf(file));
    if (known && known.formats.every(({ files }) => files.every(({ name }) => existsSync(path.join(dir, name))))) made.set(file.sha256, known);
    else toMake.push(file);
  }
  const cached = made.size;
  const byHash = new Map(toMake.map((file) => [file.sha256, file]));
  let processed = 0;
  for (const outcome of toMake.length > 0 ? await makeApart(toMake, dir) : []) {
    if ('error' in outcome) {
      failed.set(outcome.sha256, outcome.error);
      continue;
    }
    memo.remember(step, inputOf(byHash.get(outcome.sha256)!), outcome.made);
    made.set(outcome.sha256, outcome.made);
    processed++;
  }
  return { made, failed, processed, cached };
}
