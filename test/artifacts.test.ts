import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findArtifacts } from '../src/enrich/artifacts.ts';

const find = (...texts: string[]) => findArtifacts(texts.map((text) => ({ text })));

describe('findArtifacts', () => {
  it('finds a word repeated across a sentence boundary, with its paragraph and a verbatim excerpt', () => {
    assert.deepEqual(find('Clean first paragraph.', '“Peace,” the statement said. said.'), [
      { paragraph: 2, kind: 'repeated-word', excerpt: 'said. said.' },
    ]);
  });

  it('finds a capitalised repeat only when it stands alone', () => {
    assert.deepEqual(find('The minister said. Said'), [{ paragraph: 1, kind: 'repeated-word', excerpt: 'said. Said' }]);
    assert.deepEqual(find('The minister said. Said.'), [{ paragraph: 1, kind: 'repeated-word', excerpt: 'said. Said.' }]);
    assert.deepEqual(find("It owns 6.7% of the shares. Shares rose 19.6%.", 'Budget airlines. Airlines have attacked it.'), []);
  });

  it('finds a sentence that begins in lower case after a full stop', () => {
    const text = 'It could “trigger a response”, President Vladimir Putin said. mentioned at a summit on Monday.';
    assert.deepEqual(find('Headline-free opening.', 'Second.', text), [
      { paragraph: 3, kind: 'lowercase-sentence', excerpt: 'said. mentioned' },
    ]);
  });

  it('reports every finding in a paragraph, in order', () => {
    const found = find('Sales fell. Overall. sales rose. He argued. there is a case. It said. said.');
    assert.deepEqual(found.map((artifact) => artifact.excerpt), ['Overall. sales', 'argued. there', 'said. said.']);
  });

  it('passes abbreviations', () => {
    const text =
      'Fruit, e.g. apples, i.e. food, etc. and more. Chelsea vs. the rest. Mr. smith, Dr. jones and St. james met. ' +
      'Item No. five. The U.S. market and the U.K. one. At 9 a.m. or 5 p.m. daily. Acme Inc. and Foo Ltd. and Bar Co. ' +
      'and Baz Corp. said. Talks on Jan. five and Feb. six. PayPerAction LLC. and Leadplex. Smith et al. found it. J. smith spoke.';
    assert.deepEqual(find(text), []);
  });

  it('passes ellipses, decimals, prices, addresses and lower-case brands', () => {
    const text =
      'He paused... and went on. Then … he left. It rose 2.5 points to $1.13bn. Visit bbc.co.uk. ' +
      'Go to www.example.com. Write to jo@example.org. Try the site. bbc.co.uk has it. Or see. www.x.com now. ' +
      'Mail it. jo@example.org replies. Read it at news.bbc.co.uk. it is there. It sold well. eBay grew. It rose. iPod sales rose. ' +
      'The shop opened. iTunes followed. It flew. easyJet fell. Shops closed. e-commerce grew. Then. e-mail too.';
    assert.deepEqual(find(text), []);
  });

  it('passes ordinary news text', () => {
    const text = 'Quarterly profits jumped 76% to $1.13bn. The firm, which is now one of the biggest investors in Google, benefited.';
    assert.deepEqual(find(text, 'It said: "We are pleased." Shares rose.'), []);
  });

  it('scans a 100,000-character paragraph in milliseconds', () => {
    const inputs = [
      'a'.repeat(100_000),
      'a.'.repeat(50_000),
      'said. '.repeat(16_000),
      'said. Said '.repeat(9_000),
      `x.${' '.repeat(100_000)}y`,
      '.'.repeat(100_000),
      `${'word '.repeat(20_000)}.`,
    ];
    for (const text of inputs) {
      const start = performance.now();
      findArtifacts([{ text }]);
      assert.ok(performance.now() - start < 200, `took ${performance.now() - start}ms on ${text.slice(0, 12)}`);
    }
  });
});
