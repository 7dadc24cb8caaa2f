import slugify from '@sindresorhus/slugify';
import { shortHash } from './slugs.ts';
import { vocabulary } from './vocabulary.ts';

export type EntityKind = 'person' | 'organisation' | 'place';

export interface Entity {
  kind: EntityKind;
  /** The canonical display name. */
  name: string;
  mentions: number;
}

export interface EntityRules {
  /** Alias -> canonical name, matched exactly (case-sensitive) after normalising: `"Putin": "Vladimir Putin"`. */
  aliases: Record<string, string>;
  /** Names never shown as entities, before or after aliasing. */
  hidden: string[];
}

const noRules: EntityRules = { aliases: {}, hidden: [] };

const placeTags = new Set(['Country', 'City', 'Region', 'Place']);
const firstNameTags = new Set(['FirstName', 'MaleName', 'FemaleName']);
const orgTags = new Set(['Organization', 'SportsTeam']);
// A word that the lexicon knows as ordinary vocabulary is poor evidence for a name ("Time Warner").
const commonTags = new Set(['Singular', 'Plural', 'Uncountable', 'Noun', 'Adjective', 'Adverb', 'Infinitive', 'PresentTense', 'PastTense', 'Gerund', 'Verb', 'Determiner', 'Preposition', 'Pronoun', 'Conjunction', 'Modal', 'Demonym', 'Actor', 'Month', 'WeekDay']);

// The lexicon's gaps that matter for news, found by reading BBC output.
const extraPlaces = new Set(['britain', 'us', 'usa', 'uk', 'uae', 'gaza', 'west bank', 'northern ireland', 'hong kong', 'wall street']);
const extraOrgWords = new Set(['organisation', 'organisations', 'party', 'parliament', 'congress', 'senate', 'assembly', 'court', 'police', 'treasury', 'office', 'union', 'league', 'fc', 'rovers', 'athletic', 'wanderers', 'united']);
const notOrganisations = new Set(['GDP', 'GMT', 'BST', 'CEO', 'CFO', 'PC', 'PCS', 'TV', 'CD', 'CDS', 'DVD', 'DVDS', 'MP', 'MPS', 'MEP', 'MEPS', 'AM', 'PM', 'OK', 'AIDS', 'HIV', 'IT', 'ID', 'PR', 'VAT', 'LAN', 'PDA', 'SMS', 'MP3', 'US', 'UK', 'USA', 'UAE', 'EU', 'AD', 'BC', 'CV', 'DJ', 'RAM']);

/** Capitalised words that introduce a person: honorifics and offices. */
const titles = new Set([
  'Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Professor', 'Sir', 'Dame', 'Lord', 'Lady', 'Baroness', 'Rev', 'Reverend',
  'President', 'Vice-President', 'Minister', 'Secretary', 'Chancellor', 'Senator', 'Governor', 'Mayor', 'King', 'Queen',
  'Prince', 'Princess', 'Pope', 'Judge', 'Justice', 'Chairman', 'Chairwoman', 'Archbishop', 'Bishop', 'Ambassador',
  'Commissioner', 'General', 'Gen', 'Colonel', 'Col', 'Captain', 'Capt', 'Sgt', 'Sheikh', 'Ayatollah', 'Coach', 'Premier',
]);
// Peerages are part of the name when only a surname follows ("Lord Browne").
const peerages = new Set(['Lord', 'Lady', 'Baroness', 'Sir', 'Dame']);
const connectors = new Set(['of', 'for', 'and', '&', 'de', 'du', 'da', 'di', 'del', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'bin', 'ibn']);
const calendarWords = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const speechAfter = /^,?\s+(?:said|says|told|added|warned|explained|argued|insisted|who|an?|the)\b/u;

const tagsOf = (word: string): readonly string[] => vocabulary().lexicon.get(word.toLowerCase()) ?? [];
const hasTag = (word: string, set: ReadonlySet<string>) => tagsOf(word).some((tag) => set.has(tag));
/** Whether a word starts with a capital letter; ASCII is settled without the Unicode regex (this runs on every word of every article). */
const isCapitalised = (word: string) => {
  const first = word.charCodeAt(0);
  return first < 128 ? first >= 65 && first <= 90 : /^\p{Lu}/u.test(word);
};
const isAcronym = (word: string) => /^\p{Lu}[\p{Lu}\d&]{1,6}$/u.test(word);

interface Mention {
  name: string;
  kind: EntityKind | null;
}

/** Words with their offsets; a word keeps inner apostrophes and hyphens ("O'Neill", "Kassym-Jomart", "Putin's"). */
function wordsOf(text: string): { word: string; start: number; end: number }[] {
  const words: { word: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*['’]?|&/gu)) {
    words.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return words;
}

/** "Putin's" -> "Putin", "Jones'" -> "Jones". */
const dropPossessive = (word: string) => word.replace(/['’]s$|(?<=s)['’]$/u, '');

/**
 * Runs of capitalised words separated only by spaces (or an initial's full stop), allowing
 * lowercase connectors inside ("Bank of England"), each with the text right after it.
 */
function capitalisedRuns(text: string): { words: string[]; after: string }[] {
  const words = wordsOf(text);
  const runs: { words: string[]; after: string }[] = [];
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    if (!isCapitalised(first.word)) {
      i++;
      continue;
    }
    const run = [first.word];
    let last = i;
    let j = i + 1;
    while (j < words.length) {
      const prev = words[j - 1]!;
      const next = words[j]!;
      const gap = text.slice(prev.end, next.start);
      const joined = /^ +$/u.test(gap) || (/^\p{Lu}$/u.test(prev.word) && gap === '. ');
      // A possessive ends a name: "NATO's military" is not one span.
      if (!joined || /['’]s?$/u.test(prev.word)) break;
      if (isCapitalised(next.word)) {
        run.push(next.word);
        last = j;
        j++;
      } else if (connectors.has(next.word) && words[j + 1] && isCapitalised(words[j + 1]!.word) && /^ +$/u.test(text.slice(next.end, words[j + 1]!.start))) {
        run.push(next.word);
        j++;
      } else break;
    }
    runs.push({ words: run, after: text.slice(words[last]!.end, words[last]!.end + 20) });
    i = last + 1;
  }
  return runs;
}

function classify(words: readonly string[], after: string): EntityKind | null {
  const phrase = words.join(' ').toLowerCase();
  const whole = vocabulary().lexicon.get(phrase) ?? [];
  if (whole.some((tag) => orgTags.has(tag))) return 'organisation';
  if (whole.some((tag) => placeTags.has(tag)) || extraPlaces.has(phrase)) return 'place';
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (words.length === 1) {
    if (hasTag(first, new Set(['LastName'])) && !hasTag(first, commonTags)) return 'person';
    if (isAcronym(first) && !notOrganisations.has(first.toUpperCase()) && !hasTag(first, placeTags)) return 'organisation';
    return null;
  }
  const { orgWords, placeWords } = vocabulary();
  const isOrgWord = (word: string) => orgWords[word.toLowerCase()] === true || extraOrgWords.has(word.toLowerCase());
  if (isOrgWord(last) || (isOrgWord(first) && words.length > 2)) return 'organisation';
  if (placeWords[last.toLowerCase()] === true || placeWords[first.toLowerCase()] === true) return 'place';
  if (words.length > 4 || words.some((word) => connectors.has(word) || isAcronym(word) || hasTag(word, placeTags) || hasTag(word, orgTags))) return null;
  if (hasTag(first, firstNameTags) && !hasTag(last, commonTags)) return 'person';
  if (!words.some((word) => hasTag(word, commonTags)) && (hasTag(last, new Set(['LastName'])) || speechAfter.test(after))) return 'person';
  return null;
}

/** Split a run into the mentions it holds: titles mark people, "and"/"of" split lists, "The" goes. */
function mentionsOf(run: readonly string[], after: string): Mention[] {
  let words = run.map(dropPossessive);
  while (words[0] === 'The' || words[0] === 'the') words = words.slice(1);
  if (words.length === 0) return [];
  let lastTitle = -1;
  for (const [index, word] of words.entries()) if (titles.has(word)) lastTitle = index;
  if (lastTitle >= 0 && lastTitle < words.length - 1) {
    let name = words.slice(lastTitle + 1);
    const before = lastTitle > 0 ? mentionsOf(words.slice(0, lastTitle), '') : [];
    // "President of Kazakhstan Kassym-Jomart Tokayev": the office's place, then the person.
    if (name[0] === 'of' && name.length > 2) {
      before.push(...mentionsOf(name.slice(1, 2), ''));
      name = name.slice(2);
    }
    const peer = words[lastTitle]!;
    if (peerages.has(peer) && name.length === 1) name = [peer, ...name];
    if (name.some((word) => connectors.has(word))) return [...before, ...mentionsOf(name, after)];
    return [...before, { name: name.join(' '), kind: 'person' }];
  }
  const kind = classify(words, after);
  if (kind !== null || words.length === 1) return [{ name: words.join(' '), kind }];
  // Not one name as a whole: try its parts, split at connectors and at places that lead a run
  // ("Sweden and Finland", "US Securities Exchange Commission").
  const parts: string[][] = [[]];
  for (const [index, word] of words.entries()) {
    if (connectors.has(word)) parts.push([]);
    else {
      parts[parts.length - 1]!.push(word);
      if (index < words.length - 1 && (hasTag(word, placeTags) || extraPlaces.has(word.toLowerCase())) && parts[parts.length - 1]!.length === 1) parts.push([]);
    }
  }
  if (parts.length === 1) return [{ name: words.join(' '), kind: null }];
  return parts.filter((part) => part.length > 0).flatMap((part, index, all) => mentionsOf(part, index === all.length - 1 ? after : ''));
}

function isJunk(name: string): boolean {
  if (name.length <= 1 || name.length > 60) return true;
  if (/^[\p{N}\p{P}\s]+$/u.test(name)) return true;
  if (!/\p{Lu}/u.test(name)) return true;
  return calendarWords.has(name.toLowerCase());
}

const kindOrder: readonly EntityKind[] = ['person', 'organisation', 'place'];
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * People, organisations and places named in an article, with how often each is mentioned.
 * Variants are merged (possessives, a leading "the", a surname onto the one full name that
 * carries it), then `rules.aliases` are applied and `rules.hidden` dropped. Deterministic.
 */
export function findEntities(text: { headline: string; paragraphs: readonly string[] }, rules: EntityRules = noRules): Entity[] {
  const mentions: Mention[] = [];
  // A Title Case headline capitalises every word, so its runs are not names; skip it.
  const headlineWords = wordsOf(text.headline).filter((word) => /^\p{L}/u.test(word.word) && word.word.length > 3);
  const titleCase = headlineWords.length >= 3 && headlineWords.every((word) => isCapitalised(word.word));
  for (const paragraph of titleCase ? text.paragraphs : [text.headline, ...text.paragraphs]) {
    for (const run of capitalisedRuns(paragraph)) mentions.push(...mentionsOf(run.words, run.after));
  }

  // One kind per name, by vote; a name classified anywhere lends its kind to its bare mentions.
  const votes = new Map<string, Map<EntityKind, number>>();
  for (const { name, kind } of mentions) {
    if (kind === null) continue;
    const tally = votes.get(name) ?? new Map<EntityKind, number>();
    tally.set(kind, (tally.get(kind) ?? 0) + 1);
    votes.set(name, tally);
  }
  const kindOf = new Map<string, EntityKind>();
  for (const [name, tally] of votes) {
    const best = kindOrder.reduce((a, b) => ((tally.get(b) ?? 0) > (tally.get(a) ?? 0) ? b : a));
    kindOf.set(name, best);
  }

  // A surname alone goes onto the full name when exactly one person in the article carries it.
  const surnameOwners = new Map<string, string[]>();
  for (const [name, kind] of kindOf) {
    const parts = name.split(' ');
    if (kind !== 'person' || parts.length < 2) continue;
    const surname = parts[parts.length - 1]!;
    surnameOwners.set(surname, [...(surnameOwners.get(surname) ?? []), name]);
  }

  const counts = new Map<string, Entity>();
  const add = (kind: EntityKind, name: string, count: number) => {
    const key = `${kind}\u0000${name}`;
    const entity = counts.get(key);
    if (entity) entity.mentions += count;
    else counts.set(key, { kind, name, mentions: count });
  };
  const hidden = new Set(rules.hidden);
  for (const { name } of mentions) {
    const owners = name.includes(' ') ? undefined : surnameOwners.get(name);
    const kind = kindOf.get(name);
    let canonical = name;
    let finalKind = kind;
    if (owners?.length === 1 && (kind === undefined || kind === 'person')) {
      canonical = owners[0]!;
      finalKind = 'person';
    }
    if (finalKind === undefined || hidden.has(canonical)) continue;
    const aliased = Object.hasOwn(rules.aliases, canonical) ? rules.aliases[canonical]! : canonical;
    if (hidden.has(aliased) || isJunk(aliased)) continue;
    add(finalKind, aliased, 1);
  }
  return [...counts.values()].sort((a, b) => b.mentions - a.mentions || byName(a.name, b.name) || byName(a.kind, b.kind));
}

/** The slugs of names seen lately: the same names recur across articles, and slugify is costly. Bounded: cleared when full. */
const nameSlugs = new Map<string, string>();

/** A URL-safe, stable slug base for an entity: `person-vladimir-putin`. */
export function entityKey(entity: { kind: EntityKind; name: string }): string {
  let slug = nameSlugs.get(entity.name);
  if (slug === undefined) {
    if (nameSlugs.size >= 50_000) nameSlugs.clear();
    // Names with no Latin letters or digits still need a stable, distinct key.
    slug = slugify(entity.name, { decamelize: false }) || shortHash(entity.name);
    nameSlugs.set(entity.name, slug);
  }
  return `${entity.kind}-${slug}`;
}
