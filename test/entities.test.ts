import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { listsFile } from '../src/enrich/vocabulary.ts';
import { entityKey, findEntities, type Entity } from '../src/enrich/entities.ts';
import { repoRoot, shippedSeed } from './helpers.ts';

// The seed as the ingester sees it: headline, then paragraphs, minus the site's last three lines.
const lines = readFileSync(shippedSeed, 'utf8').split('\n').filter((line) => line.trim() !== '');
const seed = { headline: lines[0]!, paragraphs: lines.slice(1, -3) };
const find = (entities: Entity[], name: string) => entities.find((entity) => entity.name === name);
const names = (entities: Entity[]) => entities.map((entity) => `${entity.kind}:${entity.name}`);

describe('findEntities', () => {
  const entities = findEntities(seed);

  it('finds Vladimir Putin, with his surname-only mentions merged in', () => {
    assert.deepEqual(find(entities, 'Vladimir Putin'), { kind: 'person', name: 'Vladimir Putin', mentions: 6 });
    assert.equal(find(entities, 'Putin'), undefined);
    assert.deepEqual(find(entities, 'Kassym-Jomart Tokayev')?.kind, 'person');
  });

  it('finds organisations and places, possessives merged', () => {
    assert.deepEqual(find(entities, 'NATO'), { kind: 'organisation', name: 'NATO', mentions: 8 });
    assert.equal(find(entities, 'CSTO')?.kind, 'organisation');
    assert.equal(find(entities, 'Collective Security Treaty Organization')?.kind, 'organisation');
    for (const place of ['Moscow', 'Sweden', 'Finland', 'Ukraine', 'Russia', 'Kazakhstan']) assert.equal(find(entities, place)?.kind, 'place', place);
    assert.equal(find(entities, 'Sweden')?.mentions, 2);
  });

  it('sorts by mentions, then name, and is deterministic', () => {
    for (let i = 1; i < entities.length; i++) {
      const [a, b] = [entities[i - 1]!, entities[i]!];
      assert.ok(a.mentions > b.mentions || (a.mentions === b.mentions && a.name <= b.name), `${a.name} before ${b.name}`);
    }
    assert.deepEqual(findEntities(seed), entities);
  });

  it('drops leading "the" and surrounding punctuation from organisations', () => {
    const found = findEntities({ headline: '', paragraphs: ['The BBC reported it. Later, “the BBC” and the BBC’s editors agreed (BBC).'] });
    assert.deepEqual(found, [{ kind: 'organisation', name: 'BBC', mentions: 4 }]);
  });

  it('does not merge a surname shared by two people', () => {
    const found = findEntities({ headline: '', paragraphs: ['Gordon Brown met Nick Brown. Brown said little.'] });
    assert.deepEqual(names(found), ['person:Gordon Brown', 'person:Nick Brown']);
  });

  it('applies aliases after merging, and drops hidden names', () => {
    const text = { headline: '', paragraphs: ['Tony Blair spoke to the FTSE panel in London. Blair’s aides and Google staff listened.'] };
    const found = findEntities(text, { aliases: { 'Tony Blair': 'Anthony Blair', Google: 'Alphabet' }, hidden: ['FTSE'] });
    assert.deepEqual(found, [
      { kind: 'person', name: 'Anthony Blair', mentions: 2 },
      { kind: 'organisation', name: 'Alphabet', mentions: 1 },
      { kind: 'place', name: 'London', mentions: 1 },
    ]);
    assert.equal(findEntities(text, { aliases: { 'tony blair': 'X' }, hidden: [] })[0]?.name, 'Tony Blair', 'aliases are case-sensitive');
  });

  it('drops junk: months, weekdays, numbers, single letters, lowercase words, very long names', () => {
    const long = `${'Abcdefghij '.repeat(7)}Organisation`;
    const found = findEntities({ headline: '', paragraphs: [`On Monday in January, 2005 and A were fine; ${long} met. nato met.`] });
    assert.deepEqual(found, []);
  });

  it('skips a Title Case headline but reads a sentence-case one', () => {
    assert.deepEqual(names(findEntities({ headline: 'Sales Boost Time Warner Profit', paragraphs: [] })), []);
    assert.deepEqual(names(findEntities({ headline: 'Putin meets Tony Blair in Moscow', paragraphs: [] })), ['place:Moscow', 'person:Putin', 'person:Tony Blair']);
  });

  it('is fast on a long paragraph', () => {
    const paragraph = 'President Vladimir Putin met NATO officials in Moscow and Sweden. '.repeat(2000);
    const start = performance.now();
    const found = findEntities({ headline: '', paragraphs: [paragraph] });
    assert.ok(performance.now() - start < 1000);
    assert.equal(find(found, 'Vladimir Putin')?.mentions, 2000);
  });
});

describe('entityKey', () => {
  it('is a URL-safe slug base with the kind first', () => {
    assert.equal(entityKey({ kind: 'person', name: 'Vladimir Putin' }), 'person-vladimir-putin');
    assert.equal(entityKey({ kind: 'organisation', name: 'Procter & Gamble' }), 'organisation-procter-and-gamble');
    assert.equal(entityKey({ kind: 'place', name: 'São Paulo' }), 'place-sao-paulo');
    assert.match(entityKey({ kind: 'place', name: '東京' }), /^place-[0-9a-f]{6}$/);
  });
});

describe("compromise's word lists", () => {
  it('find the same names whether they come from compromise itself or from the copy kept in .cache/', () => {
    // Each process loads the lists once: the first finds no copy and loads compromise (and keeps
    // one), the second reads the copy.
    const script = `import { findEntities } from './src/enrich/entities.ts'; import { readFileSync } from 'node:fs';
      const lines = readFileSync(${JSON.stringify(shippedSeed)}, 'utf8').split('\\n').filter((line) => line.trim() !== '');
      console.log(JSON.stringify(findEntities({ headline: lines[0], paragraphs: lines.slice(1) })));`;
    const run = () => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    rmSync(listsFile(), { force: true });
    const fromCompromise = run();
    assert.ok(existsSync(listsFile()), 'the lists are kept after the first load');
    const fromCopy = run();
    assert.equal(fromCopy, fromCompromise);
    // A copy that is not whole (another shape, or lists that no longer match their checksum) is made again.
    const kept = JSON.parse(readFileSync(listsFile(), 'utf8')) as { sha256: string; lists: { placeWords: Record<string, boolean> } };
    for (const damaged of ['{}', JSON.stringify({ ...kept, lists: { ...kept.lists, placeWords: {} } })]) {
      writeFileSync(listsFile(), damaged);
      assert.equal(run(), fromCompromise);
      assert.notEqual(readFileSync(listsFile(), 'utf8'), damaged, 'and kept whole again');
    }
    assert.ok((JSON.parse(fromCopy) as Entity[]).some((entity) => entity.kind === 'place'), 'the lists classify names (a place is found)');
  });
});
