// The words of a text as search knows them, the same in Node (indexing) and in the reader's browser
// (querying and marking excerpts): this module uses no Node API and is bundled into the search page.

/** One word of a text: its form as search compares it, and where it stands in the text. */
export interface Word {
  form: string;
  start: number;
  end: number;
}

/** Letters, marks and digits, with apostrophes inside a word: everything else parts words. */
const wordPattern = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
/** Scripts written without spaces between words, which need a dictionary or bigrams. */
const unspaced = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
/** Runs of one kind: ideographs and kana and Hangul (read as overlapping pairs), dictionary scripts (read by Intl.Segmenter), the rest. */
const runPattern = /([\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]+)|([\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}][\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{M}]*)|([^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]+)/gu;
const notWordCharacter = /[^\p{L}\p{M}\p{N}]/gu;
const plainWord = /^[A-Za-z0-9]+$/;
/** French, Italian and Catalan elisions before a word: l'économie is économie. */
const elision = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|dell|dall|nell|sull|all|un|d|gl)['’](?=[\p{L}])/u;
const elidingLanguages = new Set(['fr', 'it', 'ca']);
/** Longer than this is not a word anyone types: a hash, an address run together. */
export const longestWord = 64;

let segmenter: Intl.Segmenter | null = null;
const dictionarySegments = (text: string) => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' })).segment(text);

/** A word's form: compatibility-normalised, lower case, possessive and elision dropped, apostrophes removed. */
export function formOf(raw: string, lang: string): string {
  // Most words of most archives: nothing to normalise but the case.
  if (plainWord.test(raw)) return raw.toLowerCase();
  // A capital I with a dot (Turkish İ) lowers to i and a combining dot: the word is found as typed in lower case.
  let form = raw.normalize('NFKC').toLowerCase().replace(/i\u0307/g, 'i');
  if (elidingLanguages.has(lang)) form = form.replace(elision, '');
  form = form.replace(/['’]s$/u, '');
  return form.replace(notWordCharacter, '');
}

/** Called with each word of a text, in order: its form and where it stands. */
export type WordVisitor = (form: string, start: number, end: number) => void;

function visit(visitor: WordVisitor, raw: string, start: number, lang: string): void {
  const form = formOf(raw, lang);
  if (form && form.length <= longestWord) visitor(form, start, start + raw.length);
}

/**
 * The words of `text` in order. Spaced scripts are split at anything that is not a letter, mark
 * or digit (a regular expression: Intl.Segmenter differs between Node and browsers there, and Node
 * 20's is slow on long texts); Thai, Lao, Khmer and Myanmar by Intl.Segmenter's dictionary; Chinese,
 * Japanese and Korean as overlapping pairs of characters, so any word of two or more is found.
 */
export function wordsOf(text: string, lang: string): Word[] {
  const words: Word[] = [];
  eachWord(text, lang, (form, start, end) => words.push({ form, start, end }));
  return words;
}

/** Whether a code point is a letter, mark or digit: ASCII by its code, the rest by `\p{...}` once each. */
const oneWordCharacter = /^[\p{L}\p{M}\p{N}]$/u;
const wordCharacters = new Map<number, boolean>();
function isWordCharacter(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  let known = wordCharacters.get(code);
  if (known === undefined) {
    // An archive's texts use a few hundred characters; a text of every character does not grow this past a bound.
    if (wordCharacters.size >= 65_536) wordCharacters.clear();
    wordCharacters.set(code, (known = oneWordCharacter.test(String.fromCodePoint(code))));
  }
  return known;
}
const isApostrophe = (code: number) => code === 39 || code === 0x2019;
/** Nothing from Thai (U+0E00) up: no script written without spaces can be in the text. */
const belowThai = /^[\u0000-\u0dff]*$/;

/**
 * The words of a text with no script written without spaces: `wordPattern` read by hand, code
 * point by code point (three times faster than the expression over an archive's texts), with the
 * case lowered only for words that hold a capital.
 */
function eachSpacedWord(text: string, lang: string, visitor: WordVisitor): void {
  const length = text.length;
  let at = 0;
  while (at < length) {
    let code = text.codePointAt(at)!;
    if (!isWordCharacter(code)) {
      at += code > 0xffff ? 2 : 1;
      continue;
    }
    const start = at;
    let ascii = true;
    let capital = false;
    for (;;) {
      if (code >= 128) ascii = false;
      else if (code <= 90 && code >= 65) capital = true;
      at += code > 0xffff ? 2 : 1;
      if (at >= length) break;
      code = text.codePointAt(at)!;
      if (isWordCharacter(code)) continue;
      // An apostrophe inside a word, with a letter, mark or digit after it.
      if (isApostrophe(code) && at + 1 < length) {
        const next = text.codePointAt(at + 1)!;
        if (isWordCharacter(next)) {
          ascii = false;
          at += 1;
          code = next;
          continue;
        }
      }
      break;
    }
    const raw = text.slice(start, at);
    if (ascii) {
      if (raw.length <= longestWord) visitor(capital ? raw.toLowerCase() : raw, start, at);
    } else visit(visitor, raw, start, lang);
  }
}

/** `wordsOf` without the list: each word to `visitor`, for indexing, which keeps none of them. */
export function eachWord(text: string, lang: string, visitor: WordVisitor): void {
  const spaced = belowThai.test(text) || !unspaced.test(text);
  if (spaced) return eachSpacedWord(text, lang, visitor);
  for (const match of text.matchAll(wordPattern)) {
    const raw = match[0];
    const at = match.index!;
    if (spaced || !unspaced.test(raw)) {
      visit(visitor, raw, at, lang);
      continue;
    }
    for (const run of raw.matchAll(runPattern)) {
      const runAt = at + run.index!;
      if (run[1]) {
        const characters = [...run[1]];
        if (characters.length === 1) visit(visitor, run[1], runAt, lang);
        let offset = 0;
        for (let index = 0; index + 1 < characters.length; index++) {
          visit(visitor, characters[index]! + characters[index + 1]!, runAt + offset, lang);
          offset += characters[index]!.length;
        }
      } else if (run[2]) {
        for (const segment of dictionarySegments(run[2])) if (segment.isWordLike) visit(visitor, segment.segment, runAt + segment.index, lang);
      } else if (run[3]) {
        visit(visitor, run[3], runAt, lang);
      }
    }
  }
}
