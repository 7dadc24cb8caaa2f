import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readByline, readDateline } from '../src/ingest/dateline.ts';

describe('readDateline', () => {
  it('reads the place, date and agency before the dash, verbatim', () => {
    assert.equal(readDateline('WASHINGTON, Feb 26 - The Senate voted on Thursday.'), 'WASHINGTON, Feb 26');
    assert.equal(readDateline('LONDON (Reuters) - Shares rose.'), 'LONDON (Reuters)');
    assert.equal(readDateline('NEW YORK, March 3 (AP) — Stocks fell.'), 'NEW YORK, March 3 (AP)');
    assert.equal(readDateline('PARIS — The strike ended.'), 'PARIS');
    assert.equal(readDateline('PARIS—The strike ended.'), 'PARIS');
    assert.equal(readDateline('ST. LOUIS – A storm hit.'), 'ST. LOUIS');
    assert.equal(readDateline('RIO DE JANEIRO, Feb. 4, 2005 (Reuters) - Carnival began.'), 'RIO DE JANEIRO, Feb. 4, 2005 (Reuters)');
    assert.equal(readDateline("WINSTON-SALEM - N'DJAMENA - it works."), 'WINSTON-SALEM');
  });

  it('needs a place in capitals followed by a dash separator', () => {
    assert.equal(readDateline('Quarterly profits at US media giant TimeWarner jumped 76%.'), null);
    assert.equal(readDateline('London - The city is busy.'), null);
    assert.equal(readDateline('LONDON, the capital, is busy.'), null);
    assert.equal(readDateline('US-based Alistair Cragg ran.'), null);
    assert.equal(readDateline('EU-US seeking deal on air dispute'), null);
    assert.equal(readDateline('A - is a letter.'), null);
    assert.equal(readDateline('ONE TWO THREE FOUR FIVE - too many words.'), null);
    assert.equal(readDateline('LONDON -'), null);
  });

  it('answers in milliseconds on a 100,000-character paragraph', () => {
    const inputs = ['A'.repeat(100_000), 'AB '.repeat(33_000), `LONDON${' '.repeat(100_000)}x`, `LONDON (${'a'.repeat(100_000)}`];
    for (const text of inputs) {
      const start = performance.now();
      assert.equal(readDateline(text), null);
      assert.ok(performance.now() - start < 200, `took ${performance.now() - start}ms`);
    }
  });
});

describe('readByline', () => {
  it('returns the part after "By", verbatim', () => {
    assert.equal(readByline('By Jane Doe'), 'Jane Doe');
    assert.equal(readByline('By Jane Doe, Reuters'), 'Jane Doe, Reuters');
    assert.equal(readByline('By JANE DOE and JOHN ROE'), 'JANE DOE and JOHN ROE');
    assert.equal(readByline('By Jane Doe | Reuters'), 'Jane Doe | Reuters');
    assert.equal(readByline('By Jane Doe BBC News'), 'Jane Doe BBC News');
    assert.equal(readByline('  By John F. Kennedy  '), 'John F. Kennedy');
    assert.equal(readByline("By Ludwig van Beethoven and Sean O'Neil-Smith"), "Ludwig van Beethoven and Sean O'Neil-Smith");
  });

  it('refuses sentences that start with "By"', () => {
    assert.equal(readByline('By the end of the year, sales had doubled.'), null);
    assert.equal(readByline('By 2010 the firm will be gone.'), null);
    assert.equal(readByline('By early 2005 the net could have two new domain names.'), null);
    assert.equal(readByline('By The Way'), null);
    assert.equal(readByline('By Monday'), null);
    assert.equal(readByline('By Friday. Then'), null);
    assert.equal(readByline('By Jane Doe.'), null);
    assert.equal(readByline('Written By Jane Doe'), null);
    assert.equal(readByline('By One Two Three Four Five Six Seven Eight'), null);
    assert.equal(readByline(`By ${'Jane '.repeat(20)}`), null);
  });
});
