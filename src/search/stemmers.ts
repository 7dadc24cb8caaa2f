import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as armenian } from '@orama/stemmers/armenian';
import { stemmer as bulgarian } from '@orama/stemmers/bulgarian';
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as greek } from '@orama/stemmers/greek';
import { stemmer as hungarian } from '@orama/stemmers/hungarian';
import { stemmer as indonesian } from '@orama/stemmers/indonesian';
import { stemmer as irish } from '@orama/stemmers/irish';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as nepali } from '@orama/stemmers/nepali';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as serbian } from '@orama/stemmers/serbian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { stemmer as tamil } from '@orama/stemmers/tamil';
import { stemmer as turkish } from '@orama/stemmers/turkish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';
import { stem as english } from 'porter2';

/** A word's stem: the key that "elections", "election" and "elected" share. */
export type Stem = (form: string) => string;

/**
 * The stemmer for each language, by its ISO 639-1 code, with the package and export it comes from
 * (the browser's bundle imports the same): `porter2` (Snowball's Porter2) for English, and Orama's
 * compiled Snowball stemmers for the others (Orama's English is the older Porter algorithm, which
 * stems "elections" to "elec", so English comes from porter2). Loaded with the module, since the
 * steps that take an article's words run synchronously on either thread; each is a few kilobytes.
 * A language not listed is indexed and searched unstemmed.
 */
const stemmers: Record<string, { stem: Stem; specifier: string; name: 'stem' | 'stemmer' }> = {
  en: { stem: english, specifier: 'porter2', name: 'stem' },
  ...Object.fromEntries(
    (
      [
        ['ar', 'arabic', arabic], ['hy', 'armenian', armenian], ['bg', 'bulgarian', bulgarian], ['da', 'danish', danish], ['nl', 'dutch', dutch],
        ['fi', 'finnish', finnish], ['fr', 'french', french], ['de', 'german', german], ['el', 'greek', greek], ['hu', 'hungarian', hungarian],
        ['id', 'indonesian', indonesian], ['ga', 'irish', irish], ['it', 'italian', italian], ['lt', 'lithuanian', lithuanian], ['ne', 'nepali', nepali],
        ['no', 'norwegian', norwegian], ['nb', 'norwegian', norwegian], ['nn', 'norwegian', norwegian], ['pt', 'portuguese', portuguese],
        ['ro', 'romanian', romanian], ['ru', 'russian', russian], ['sr', 'serbian', serbian], ['es', 'spanish', spanish], ['sv', 'swedish', swedish],
        ['ta', 'tamil', tamil], ['tr', 'turkish', turkish], ['uk', 'ukrainian', ukrainian],
      ] as const
    ).map(([code, name, stem]) => [code, { stem, specifier: `@orama/stemmers/${name}`, name: 'stemmer' as const }]),
  ),
};

/** A language tag's primary language, lower case: `en-GB` is `en`. */
export const primaryLanguage = (lang: string) => (lang.split('-')[0] ?? '').toLowerCase();

/** The language an article's words are stemmed in: its own (front matter or overlay `lang`), else the site's. */
export const searchLanguage = (articleLang: string | null, siteLang: string) => primaryLanguage(articleLang ?? siteLang);

/** The package and export that stems `lang`, or null when none does. */
export const stemmerPackage = (lang: string) => {
  const chosen = stemmers[primaryLanguage(lang)];
  return chosen ? { specifier: chosen.specifier, name: chosen.name } : null;
};

const unstemmed: Stem = (form) => form;

/** The stemmer for `lang`; the form itself for a language without one. */
export const stemmerFor = (lang: string): Stem => stemmers[primaryLanguage(lang)]?.stem ?? unstemmed;
