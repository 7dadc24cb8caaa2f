/** A word's stem: the key that "elections", "election" and "elected" share. */
export type Stem = (form: string) => string;

/**
 * The stemmer package for each language, by its ISO 639-1 code: `porter2` (Snowball's Porter2)
 * for English, and Orama's compiled Snowball stemmers for the others (Orama's English is the older
 * Porter algorithm, which stems "elections" to "elec", so English comes from porter2). A language
 * not listed is indexed and searched unstemmed.
 */
const packages: Record<string, { specifier: string; name: 'stem' | 'stemmer' }> = {
  en: { specifier: 'porter2', name: 'stem' },
  ...Object.fromEntries(
    Object.entries({
      ar: 'arabic', hy: 'armenian', bg: 'bulgarian', da: 'danish', nl: 'dutch', fi: 'finnish', fr: 'french', de: 'german', el: 'greek', hu: 'hungarian',
      id: 'indonesian', ga: 'irish', it: 'italian', lt: 'lithuanian', ne: 'nepali', no: 'norwegian', nb: 'norwegian', nn: 'norwegian', pt: 'portuguese',
      ro: 'romanian', ru: 'russian', sr: 'serbian', es: 'spanish', sv: 'swedish', ta: 'tamil', tr: 'turkish', uk: 'ukrainian',
    }).map(([code, name]) => [code, { specifier: `@orama/stemmers/${name}`, name: 'stemmer' as const }]),
  ),
};

/** A language tag's primary language, lower case: `en-GB` is `en`. */
export const primaryLanguage = (lang: string) => (lang.split('-')[0] ?? '').toLowerCase();

/** The package and export that stems `lang`, or null when none does. */
export const stemmerPackage = (lang: string) => packages[primaryLanguage(lang)] ?? null;

const unstemmed: Stem = (form) => form;
const loaded = new Map<string, Promise<Stem>>();

/** The stemmer for `lang`, loaded once; the form itself for a language without one. */
export function stemmerFor(lang: string): Promise<Stem> {
  const chosen = stemmerPackage(lang);
  if (!chosen) return Promise.resolve(unstemmed);
  let stem = loaded.get(chosen.specifier);
  if (!stem) {
    stem = import(chosen.specifier).then((module: Record<string, unknown>) => {
      const found = (module[chosen.name] ?? (module.default as Record<string, unknown> | undefined)?.[chosen.name]) as Stem | undefined;
      if (typeof found !== 'function') throw new Error(`${chosen.specifier} has no ${chosen.name}()`);
      return found;
    });
    loaded.set(chosen.specifier, stem);
  }
  return stem;
}
