import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as words from './words.ts';

/**
 * A small seeded PRNG (mulberry32). The benchmark must generate byte-identical inputs on every
 * run so that timings are comparable between runs and machines; Math.random cannot be seeded.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** `count` distinct items, in list order (a partial Fisher–Yates would reorder them needlessly). */
  sample<T>(list: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, list.length)) chosen.add(Math.floor(this.next() * list.length));
    return [...chosen].sort((a, b) => a - b).map((index) => list[index] as T);
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const withArticle = (phrase: string) => (/^[aeiou]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`);
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** "criticise" -> "criticises", "launch" -> "launches": enough English for headline verbs. */
const thirdPerson = (verb: string) => (/(?:ch|sh|s|x)$/.test(verb) ? `${verb}es` : `${verb}s`);

function personName(random: Random): string {
  return `${random.pick(words.firstNames)} ${random.pick(words.surnames)}`;
}

function money(random: Random): string {
  return random.chance(0.3) ? `£${random.int(1, 9)}.${random.int(1, 9)}bn` : `£${random.int(2, 950)}m`;
}

function quote(random: Random): string {
  const forms = [
    () => `This is ${random.pick(words.judgements)} for ${random.pick(words.domains)}`,
    () => `We have been clear from the start that ${random.pick(words.consequences)}`,
    () => `Nobody should pretend otherwise: ${random.pick(words.consequences)}`,
    () => `We will ${random.pick(words.presentVerbs)} any ${random.pick(words.nouns)} that puts ${random.pick(words.domains)} first`,
    () => `People in ${random.pick(words.places)} deserve better than this, and ${random.pick(words.consequences)}`,
  ];
  return random.pick(forms)();
}

/** One sentence of news copy. Several shapes, so paragraphs do not all read the same. */
function sentence(random: Random): string {
  const shapes = [
    () => `${capitalise(random.pick(words.subjects))} ${random.pick(words.pastVerbs)} ${withArticle(`${random.pick(words.adjectives)} ${random.pick(words.nouns)}`)} for ${random.pick(words.domains)} ${random.pick(words.times)}.`,
    () => `“${quote(random)},” said ${personName(random)}, ${random.pick(words.roles)} ${random.pick(words.organisations)}.`,
    () => capitalise(`${random.pick(words.connectives)} ${random.pick(words.subjects)} ${random.pick(words.pastVerbs)} the ${random.pick(words.nouns)} in ${random.pick(words.places)}, saying ${random.pick(words.consequences)}.`),
    () => `Figures published ${random.pick(words.times)} showed spending on ${random.pick(words.domains)} ${random.chance(0.5) ? 'rose' : 'fell'} by ${random.int(1, 19)}.${random.int(0, 9)}% to ${money(random)}, the ${random.chance(0.5) ? 'largest' : 'smallest'} change since ${random.int(1990, 2014)}.`,
    () => `${personName(random)}, who has worked in ${random.pick(words.domains)} for ${random.int(3, 30)} years, told reporters in ${random.pick(words.places)} that ${random.pick(words.consequences)}.`,
    () => `The ${random.pick(words.nouns)} is expected to cost about ${money(random)} over ${random.int(2, 10)} years, and ${random.pick(words.consequences)}.`,
    () => `${capitalise(random.pick(words.subjects))} said the ${random.pick(words.adjectives)} ${random.pick(words.nouns)} was ${random.pick(words.judgements)}.`,
  ];
  return random.pick(shapes)();
}

function paragraph(random: Random): string {
  return Array.from({ length: random.int(2, 4) }, () => sentence(random)).join(' ');
}

/** Paragraphs until the body reaches `targetWords`, the way a wire story runs on. */
function paragraphs(random: Random, targetWords: number): string[] {
  const result: string[] = [];
  let total = 0;
  while (total < targetWords) {
    const next = paragraph(random);
    result.push(next);
    total += wordCount(next);
  }
  return result;
}

function headline(random: Random): string {
  const plural = random.chance(0.5);
  const subject = plural ? random.pick(words.headlineSubjectsPlural) : random.pick(words.headlineSubjectsSingular);
  const verb = random.pick(words.presentVerbs);
  const text = `${subject} ${plural ? verb : thirdPerson(verb)} ${random.pick(words.adjectives)} ${random.pick(words.nouns)} for ${random.pick(words.domains)}`;
  return random.chance(0.3) ? `${random.pick(words.places)}: ${text}` : text;
}

/** A calendar date between 2015-01-01 and 2024-12-31, so the archive spans ten years. */
function date(random: Random): string {
  const start = Date.UTC(2015, 0, 1);
  const days = Math.floor((Date.UTC(2024, 11, 31) - start) / 86_400_000);
  return new Date(start + random.int(0, days) * 86_400_000).toISOString().slice(0, 10);
}

/** A scraped text file: headline, blank line, paragraphs; sometimes the site's section label trails. */
function seedText(random: Random): string {
  const lines = [headline(random), '', paragraphs(random, random.int(500, 620)).join('\n\n')];
  // About one scraped page in five keeps a "Business news" label at the tail, as real scrapes do,
  // so the build's leftover separation is exercised too.
  if (random.chance(0.2)) lines.push('', `${random.pick(words.sections)} news`);
  return `${lines.join('\n')}\n`;
}

/** A Markdown article: front matter, then paragraphs with the odd heading, list and link. */
function markdownText(random: Random, index: number): string {
  const section = random.pick(words.sections);
  const tags = random.sample(words.tags, random.int(1, 4));
  // JSON strings are valid YAML double-quoted scalars, so titles with colons stay safe.
  const frontMatter = [
    '---',
    `title: ${JSON.stringify(headline(random))}`,
    `date: ${date(random)}`,
    `section: ${section}`,
    'tags:',
    ...tags.map((tag) => `  - ${tag}`),
    `summary: ${JSON.stringify(sentence(random))}`,
    '---',
  ];
  const blocks: string[] = [];
  const body = paragraphs(random, random.int(500, 620));
  body.forEach((text, position) => {
    if (position > 0 && position % 4 === 0 && random.chance(0.5)) {
      blocks.push(`## ${random.pick(['What happens next', 'Reaction', 'The cost', 'Background', `Why it matters for ${random.pick(words.domains)}`])}`);
    }
    blocks.push(random.chance(0.1) ? text.replace(/^(\S+ \S+ \S+)/, '**$1**') : text);
  });
  if (random.chance(0.3)) blocks.push(random.sample(words.consequences, 3).map((item) => `- ${capitalise(item)}`).join('\n'));
  if (random.chance(0.3)) blocks.push(`Read [the full ${random.pick(words.nouns)}](https://example.org/${section.toLowerCase()}/${index}) for details.`);
  return `${frontMatter.join('\n')}\n\n${blocks.join('\n\n')}\n`;
}

export interface GeneratedCorpus {
  seedsDir: string;
  contentDir: string;
  seeds: number;
  markdown: number;
  words: number;
  bytes: number;
}

/**
 * Write `count` articles under `root`: even indexes as seeds, odd as Markdown. Each article's
 * text depends only on its index, so the 1,000 corpus is the first tenth of the 10,000 one.
 * Files go in sub-folders of 1,000 so no single directory gets huge, as a real archive would.
 */
export function generateCorpus(root: string, count: number, options: { allMarkdown?: boolean } = {}): GeneratedCorpus {
  const corpus: GeneratedCorpus = { seedsDir: path.join(root, 'seeds'), contentDir: path.join(root, 'content'), seeds: 0, markdown: 0, words: 0, bytes: 0 };
  const madeDirs = new Set<string>();
  for (let index = 0; index < count; index++) {
    const random = new Random(0x5eed ^ Math.imul(index + 1, 0x9e3779b1));
    // Half seeds, half Markdown; or all Markdown, the form every peer of the benchmark can read.
    const isSeed = !options.allMarkdown && index % 2 === 0;
    const batch = `batch-${String(Math.floor(index / 1000)).padStart(3, '0')}`;
    const dir = path.join(isSeed ? corpus.seedsDir : corpus.contentDir, batch);
    const file = path.join(dir, `article-${String(index).padStart(6, '0')}.${isSeed ? 'txt' : 'md'}`);
    const text = isSeed ? seedText(random) : markdownText(random, index);
    if (!madeDirs.has(dir)) mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
    writeFileSync(file, text);
    if (isSeed) corpus.seeds++;
    else corpus.markdown++;
    corpus.words += wordCount(text);
    corpus.bytes += Buffer.byteLength(text);
  }
  // An empty folder still has to exist for --seeds/--content when a corpus has none of a kind.
  mkdirSync(corpus.seedsDir, { recursive: true });
  mkdirSync(corpus.contentDir, { recursive: true });
  return corpus;
}
