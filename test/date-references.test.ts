import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDateReferences } from '../src/enrich/date-references.ts';

const texts = (...paragraphs: string[]) => findDateReferences(paragraphs.map((text) => ({ text }))).map((found) => found.text);

describe('findDateReferences', () => {
  it('finds weekdays, with their paragraph, verbatim', () => {
    const found = findDateReferences([
      { text: 'No dates here.' },
      { text: 'Leaders met on Monday. Monday’s summit was calm, unlike last Tuesday and Friday.' },
    ]);
    assert.deepEqual(found, [
      { text: 'on Monday', paragraph: 2 },
      { text: 'Monday’s', paragraph: 2 },
      { text: 'last Tuesday', paragraph: 2 },
      { text: 'Friday', paragraph: 2 },
    ]);
  });

  it('finds a day and month without a year, in every common form', () => {
    assert.deepEqual(texts('Troops moved on February 24, and again on 24 February, Feb. 24, the 24th of February and 3rd March.'), [
      'February 24',
      '24 February',
      'Feb. 24',
      '24th of February',
      '3rd March',
    ]);
  });

  it('finds relative words', () => {
    assert.deepEqual(texts('Yesterday it rose; today it fell.', 'Tomorrow, last week, next month, this year, last year, two years ago and last night.'), [
      'Yesterday',
      'today',
      'Tomorrow',
      'last week',
      'next month',
      'this year',
      'last year',
      'two years ago',
      'last night',
    ]);
  });

  it('skips full dates and bare years, which are resolvable', () => {
    assert.deepEqual(texts('It began in January 2005, on 24 February 2005, on February 24, 2005, in 2004 and on 3 March, 2005.'), []);
  });

  it('reports a reference once, at its first paragraph, and caps the list at 30', () => {
    assert.deepEqual(findDateReferences([{ text: 'On Monday.' }, { text: 'on Monday, and on Monday again' }]), [{ text: 'On Monday', paragraph: 1 }]);
    const many = Array.from({ length: 40 }, (_, day) => ({ text: `On ${(day % 28) + 1} ${day < 28 ? 'March' : 'April'} it rained.` }));
    assert.equal(findDateReferences(many).length, 30);
  });

  it('reads May and March as months only beside a day number', () => {
    assert.deepEqual(texts('He may go. They march on. May I? Protesters march 10 miles.'), []);
    assert.deepEqual(texts('The election is on 5 May and the Budget on March 16.'), ['5 May', 'March 16']);
  });

  it('skips newspapers, programmes and clubs named after a day', () => {
    const text =
      'The Sunday Times, The Sunday Telegraph, the Mail on Sunday and the Independent on Sunday reported it. ' +
      'Sheffield Wednesday lost. He told BBC Radio 4’s Today programme and USA Today, then GMTV’s Sunday programme.';
    assert.deepEqual(texts(text), []);
    assert.deepEqual(texts('Good Friday is fine to report.'), ['Friday']);
  });

  it('reads "Today" as a date only where a sentence or quotation starts', () => {
    assert.deepEqual(texts('He told Today. "Today’s ruling stands," he said.'), ['Today']);
  });

  it('scans a 100,000-character paragraph in milliseconds', () => {
    const inputs = ['1'.repeat(100_000), `on${' '.repeat(100_000)}x`, '1 '.repeat(50_000), 'last '.repeat(20_000), 'May '.repeat(25_000), '1,'.repeat(50_000)];
    for (const text of inputs) {
      const start = performance.now();
      findDateReferences([{ text }]);
      assert.ok(performance.now() - start < 200, `took ${performance.now() - start}ms on ${text.slice(0, 12)}`);
    }
  });
});
