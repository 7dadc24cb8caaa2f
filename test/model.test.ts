import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Article } from '../src/model/article.ts';
import { checkArticle } from '../src/model/validate.ts';
import { assignSlugs, slugProposal } from '../src/enrich/slugs.ts';
import { archiveOrder } from '../src/enrich/order.ts';

const valid = {
  id: 'x',
  slug: 'a-headline-abc123',
  headline: '  A headline, as written ',
  date: null,
  section: null,
  tags: [],
  byline: null,
  dateline: null,
  summary: null,
  sourceUrl: null,
  lang: null,
  body: { format: 'paragraphs', paragraphs: [{ text: 'Body.', line: 3, endLine: 3 }] },
  images: [],
  editorial: null,
  excerpt: 'Body.',
  entities: [],
  quotations: [],
  words: 1,
  extra: {},
  source: {
    kind: 'seed',
    path: 'seeds/x.txt',
    sha256: 'a'.repeat(64),
    size: 10,
    encoding: 'UTF-8',
    encodingGuessed: false,
    lineEndings: 'LF',
    leftovers: [],
    disclaimer: null,
    machineTranslated: false,
    page: null,
    record: null,
    entityLines: [],
    copies: [],
    nearDuplicates: [],
    artifacts: [],
    artifactCount: 0,
    dateReferences: [],
    notes: [],
  },
};

describe('the article schema', () => {
  it('accepts a record as it is, without rewriting its text', () => {
    const checked = checkArticle(valid);
    assert.ok(checked.ok);
    assert.equal(checked.value.headline, '  A headline, as written ');
    assert.deepEqual(Article.parse(valid), valid);
  });

  it('rejects a bad field with its name and the place it was written', () => {
    const checked = checkArticle({ ...valid, date: '2024-13-01' }, { date: { line: 4, column: 1 } });
    assert.deepEqual(checked, { ok: false, message: 'Not a valid article: date: Invalid input', place: { line: 4, column: 1 } });
    const blank = checkArticle({ ...valid, headline: '   ' }, { headline: { line: 2 } });
    assert.ok(!blank.ok && blank.message === 'Not a valid article: headline: headline is blank' && blank.place.line === 2);
    assert.ok(!checkArticle({ ...valid, slug: 'Not/Safe' }).ok);
    assert.ok(!checkArticle({ ...valid, source: { ...valid.source, sha256: 'xyz' } }).ok);
  });
});

describe('slugs', () => {
  const request = (key: string, headline: string, pinned: string | null = null) => ({ key, proposal: slugProposal(`seed:${key}`, headline, key), pinned });

  it('are the same whatever order the files come in', () => {
    const requests = [request('a', 'Same'), request('b', 'Same'), request('c', 'Other')];
    const forwards = assignSlugs(requests);
    const backwards = assignSlugs([...requests].reverse());
    assert.deepEqual([...forwards].sort(), [...backwards].sort());
  });

  it('cut long headlines at a word, and stay URL-safe', () => {
    const outcome = assignSlugs([request('a', 'A very long headline '.repeat(10))]).get('a');
    assert.ok(outcome && 'slug' in outcome);
    assert.ok(outcome.slug.length <= 80 + 7);
    const words = outcome.slug.split('-').slice(0, -1);
    assert.ok(words.every((word) => ['a', 'very', 'long', 'headline'].includes(word)), outcome.slug);
    assert.match(outcome.slug, /-[0-9a-f]{6}$/);
  });
});

describe('archive order', () => {
  it('puts dated articles newest first and undated ones last, by file name', () => {
    const article = (path: string, date: string | null) => ({ ...valid, date, source: { ...valid.source, path } }) as Article;
    const sorted = [article('seeds/b.txt', null), article('seeds/a.txt', null), article('c.md', '2020-01-01'), article('d.md', '2021-06-01T10:00:00+02:00')].sort(archiveOrder);
    assert.deepEqual(sorted.map((a) => a.source.path), ['d.md', 'c.md', 'seeds/a.txt', 'seeds/b.txt']);
  });
});
