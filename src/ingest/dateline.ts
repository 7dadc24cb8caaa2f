// A place in capitals, one to four words: LONDON, ST. LOUIS, RIO DE JANEIRO, WINSTON-SALEM,
// N'DJAMENA. Each word starts with a capital and holds no space, so words cannot be split two
// ways and the match is linear.
const place = "\\p{Lu}[\\p{Lu}.'’-]*(?: \\p{Lu}[\\p{Lu}.'’-]*){0,3}";
const month = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.?';
// The optional date ("Feb 26", "March 3, 2005") and agency ("(Reuters)", "(AP)").
const date = `,\\s*${month}\\s+\\d{1,2}(?:,\\s*\\d{4})?`;
const agency = '\\s*\\(\\p{Lu}[\\p{L} .&-]{0,30}\\)';
// A hyphen separates only with spaces around it, since a place name may hold one; an en or em
// dash needs none ("PARIS—The").
const separator = '(?:\\s+-\\s+|\\s*[–—]\\s*)';
// The story resumes with a capital, a digit or a quotation mark: "NATO - the alliance" is prose.
const dateline = new RegExp(`^(${place}(?:${date})?(?:${agency})?)${separator}["“‘'\\p{Lu}\\p{N}]`, 'u');
// Labels in capitals that open a story without being a place.
const notPlaces = /^(?:BREAKING|UPDATE|UPDATED|EXCLUSIVE|WATCH|LIVE|ANALYSIS|OPINION|COMMENT|EDITORIAL|REVIEW|NEWS|FLASH|ALERT|URGENT|CORRECTION|VIDEO|PHOTOS?)(?:\s|$)/u;

/** The dateline opening a wire story, verbatim: `WASHINGTON, Feb 26`, `LONDON (Reuters)`; else null. */
export function readDateline(firstParagraph: string): string | null {
  const found = dateline.exec(firstParagraph.trimStart())?.[1];
  // "A - " or "I — " is a sentence, not a place: a place has two letters at least.
  if (!found || !/\p{Lu}{2}|\p{Lu}[.'’-]\s?\p{Lu}/u.test(found) || notPlaces.test(found)) return null;
  return found.trim();
}

// Lower-case words a name may hold, and separators between a name and its outlet.
const connectives = new Set(['and', 'de', 'del', 'da', 'van', 'von', 'der', 'den', 'in', 'la', 'le', '&', '|', '-', '–', '—']);
// Capitalised words that start a sentence with "By", not a name: "By The end", "By Monday".
const notNames = /^(?:The|This|That|These|Those|Then|Now|Far|Contrast|Comparison|Law|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Christmas|Easter)\b/u;
// A name word: capitalised, letters with inner apostrophes or hyphens (O'Neil, Smith-Jones),
// or an initial with its full stop (F., J.R.); a trailing comma is allowed before the outlet.
const nameWord = /^(?:\p{Lu}[\p{L}'’-]*|(?:\p{Lu}\.)+),?$/u;

/** The writer named by a byline paragraph, verbatim: `Jane Doe, Reuters` from `By Jane Doe, Reuters`. */
export function readByline(paragraph: string): string | null {
  const text = paragraph.trim();
  if (text.length > 80 || !text.startsWith('By ')) return null;
  const names = text.slice(3).trim();
  const words = names.split(/\s+/u);
  if (words.length > 7 || notNames.test(names)) return null;
  // A full stop after a whole word ends a sentence ("By Friday. The"), so nameWord refuses it.
  if (!words.every((word) => connectives.has(word) || nameWord.test(word))) return null;
  return names;
}
