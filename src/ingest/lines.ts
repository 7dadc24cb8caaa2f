import type { LineEndings } from '../model/article.ts';

/** Which line endings a text uses: one kind, several (`mixed`), or none at all. */
export function lineEndingsOf(text: string): LineEndings {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const cr = (text.match(/\r/g)?.length ?? 0) - crlf;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  const kinds = [crlf > 0, cr > 0, lf > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'CRLF' : cr > 0 ? 'CR' : 'LF';
}

/** The file's lines, whatever its line endings; line N of the file is `lines[N - 1]`. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
