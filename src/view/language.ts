/** What the engine says of a language: its text's direction (V8 had `textInfo`, later `getTextInfo()`). */
type LocaleInfo = Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } };

/**
 * The direction a language is written in, from the JavaScript engine's own locale data: `rtl` for
 * Arabic, Hebrew, Persian, Urdu and the like, `ltr` for the rest (and for a tag it cannot read).
 */
export function textDirection(lang: string): 'rtl' | 'ltr' {
  try {
    const locale = new Intl.Locale(lang) as LocaleInfo;
    const info = typeof locale.getTextInfo === 'function' ? locale.getTextInfo() : locale.textInfo;
    return info?.direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

export interface TextLanguage {
  lang: string;
  dir: 'rtl' | 'ltr';
}

/**
 * The `lang` and `dir` an article's own text is marked with where its language is not the site's
 * (interface words stay in the site's language); null where it is the site's or not known.
 */
export function textLanguage(lang: string | null, siteLang: string, dir: 'rtl' | 'ltr' | null = null): TextLanguage | null {
  // A direction the source gives (a web page's dir) is kept where it is not the site's.
  if (dir !== null && dir !== textDirection(siteLang)) return { lang: lang ?? siteLang, dir };
  if (lang === null || lang.toLowerCase() === siteLang.toLowerCase()) return null;
  return { lang, dir: dir ?? textDirection(lang) };
}
