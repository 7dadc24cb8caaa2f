import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findQuotations } from '../src/enrich/quotes.ts';
import { shippedSeed } from './helpers.ts';

const lines = readFileSync(shippedSeed, 'utf8').split('\n').filter((line) => line.trim() !== '');
const seedParagraphs = lines.slice(1, -3);
const one = (paragraph: string) => findQuotations([paragraph]).map(({ text, speaker }) => ({ text, speaker }));

describe('findQuotations', () => {
  it('finds the seed’s quotations with their speakers, verbatim', () => {
    const found = findQuotations(seedParagraphs);
    assert.deepEqual(
      found.find((quote) => quote.paragraph === 4),
      { text: 'What kind [of response] it will be, we will decide based on the threats that are created against us,', speaker: 'Putin', paragraph: 4 },
    );
    assert.deepEqual(
      found.filter((quote) => quote.paragraph === 1).map((quote) => quote.speaker),
      ['President Vladimir Putin', 'President Vladimir Putin'],
      'an attribution closing the sentence covers every quotation in it',
    );
    assert.equal(found.find((quote) => quote.paragraph === 7)?.speaker, 'the statement');
    assert.ok(found.every((quote) => seedParagraphs[quote.paragraph - 1]!.includes(quote.text)));
    assert.ok(!found.some((quote) => quote.text === 'expansionist policy'), 'two words are too few');
  });

  it('reads the common attribution patterns', () => {
    assert.deepEqual(one('“Prices will keep rising,” said John Reade, an analyst at UBS.'), [{ text: 'Prices will keep rising,', speaker: 'John Reade' }]);
    assert.deepEqual(one('Putin said that “nothing has changed here”.'), [{ text: 'nothing has changed here', speaker: 'Putin' }]);
    assert.deepEqual(one('Mr Blair said: "We will not back down."'), [{ text: 'We will not back down.', speaker: 'Mr Blair' }]);
    assert.deepEqual(one('"Sales were weak this year," the company said.'), [{ text: 'Sales were weak this year,', speaker: 'the company' }]);
    assert.deepEqual(one('“The deal is off,” according to Reuters.'), [{ text: 'The deal is off,', speaker: 'Reuters' }]);
    assert.deepEqual(one('"The date is yet to be set," the ARU said.'), [{ text: 'The date is yet to be set,', speaker: 'the ARU' }]);
    assert.deepEqual(one('"We are on track for growth," chief executive Richard Parsons said.'), [{ text: 'We are on track for growth,', speaker: 'Richard Parsons' }]);
  });

  it('does not guess who a pronoun means', () => {
    assert.deepEqual(one('“It was a hard day,” he said.'), [{ text: 'It was a hard day,', speaker: null }]);
    assert.deepEqual(one('The report was “deeply flawed and late” in parts.'), [{ text: 'deeply flawed and late', speaker: null }]);
  });

  it('skips short quotes, single-quoted scare quotes and apostrophes', () => {
    assert.deepEqual(one('It may “trigger” a ‘response’ in Russia’s view, the Jones’ said “not now”.'), []);
    assert.deepEqual(one('The minister said ‘we will fight them all’ today.'), [{ text: 'we will fight them all', speaker: 'The minister' }]);
  });

  it('gives 1-based paragraph numbers in reading order', () => {
    const found = findQuotations(['No quotes.', '“First one here,” she said. “Second one here,” she added.']);
    assert.deepEqual(found.map((quote) => [quote.paragraph, quote.text]), [[2, 'First one here,'], [2, 'Second one here,']]);
  });

  it('stays linear on 100,000-character paragraphs', () => {
    for (const paragraph of ['“'.repeat(100_000), '"'.repeat(100_000), 'Mr Big Name said that '.repeat(4600), `${'A B C D E F '.repeat(8000)}“x y z”`, 'x “a b c” said Tom. '.repeat(5000)]) {
      const start = performance.now();
      findQuotations([paragraph]);
      const elapsed = performance.now() - start;
      assert.ok(elapsed < 1000, `${elapsed} ms for ${paragraph.slice(0, 20)}…`);
    }
  });
});
