import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { decode } from '../src/ingest/decode.ts';
import { lineEndingsOf } from '../src/ingest/lines.ts';
import { matchLeftover } from '../src/ingest/leftover-rules.ts';
import { parseSeed } from '../src/ingest/seed.ts';
import { shippedSeed } from './helpers.ts';

function seedFile(text: string, path = 'seeds/x.txt'): VFile {
  const bytes = Buffer.from(text);
  const file = new VFile({ path, value: text });
  file.data.raw = { kind: 'seed', absolutePath: path, sha256: '0'.repeat(64), size: bytes.length, encoding: 'UTF-8', encodingGuessed: false, lineEndings: lineEndingsOf(text), record: null };
  return file;
}

describe('the shipped seed', async () => {
  const bytes = await readFile(shippedSeed);
  const text = decode(bytes).text;
  const lines = text.split('\n');
  const file = seedFile(text, 'seeds/000_a4d76ca98f8e33ba.txt');
  const draft = parseSeed(file, '000_a4d76ca98f8e33ba');

  it('has its exact headline, curly quotes and en dash included', () => {
    assert.equal(draft?.headline, 'NATO membership of Sweden and Finland does not threaten Russia but may ‘trigger’ a response – Putin');
  });

  it('parses to exactly 11 body paragraphs, each equal to its line of the file', () => {
    assert.ok(draft && draft.body.format === 'paragraphs');
    assert.equal(draft.body.paragraphs.length, 11);
    for (const paragraph of draft.body.paragraphs) assert.equal(paragraph.text, lines[paragraph.line - 1]);
    // Translation artifacts stay as the source has them.
    assert.match(draft.body.paragraphs[0]!.text, /Putin said\. mentioned at a summit/);
  });

  it('separates the three leftovers with their rules, and none of their text is in the body', () => {
    assert.ok(draft && draft.body.format === 'paragraphs');
    assert.deepEqual(
      draft.source.leftovers.map(({ line, rule }) => [line, rule]),
      [[25, 'section-label'], [27, 'machine-translation-disclaimer'], [28, 'widget-label']],
    );
    for (const leftover of draft.source.leftovers) {
      assert.equal(leftover.text, lines[leftover.line - 1]);
      for (const paragraph of draft.body.paragraphs) assert.ok(!paragraph.text.includes(leftover.text));
    }
  });

  it('takes its section from the label, keeps the disclaimer and marks it machine-translated', () => {
    assert.equal(draft?.section, 'Russia');
    assert.match(draft?.source.disclaimer ?? '', /^Not all news on the site .* not from a human editor\.$/);
    assert.equal(draft?.source.machineTranslated, true);
  });

  it('is undated: no date is invented', () => {
    assert.equal(draft?.date, null);
  });

  it('reports each separated line as a message with its line', () => {
    assert.deepEqual(file.messages.map((message) => [message.line, message.ruleId, message.fatal]), [
      [25, 'section-label', undefined],
      [27, 'machine-translation-disclaimer', undefined],
      [28, 'widget-label', undefined],
    ]);
  });
});

describe('seed layout', () => {
  it('keeps a hard-wrapped block as one paragraph, its lines joined by a space, and splits at blank lines and indents', () => {
    const draft = parseSeed(seedFile('Headline\n\nFirst line \nwrapped here.\n\nSecond.\n  Indented third.\n'), 'x');
    assert.ok(draft && draft.body.format === 'paragraphs');
    assert.deepEqual(draft.body.paragraphs, [
      { text: 'First line wrapped here.', line: 3, endLine: 4 },
      { text: 'Second.', line: 6, endLine: 6 },
      { text: 'Indented third.', line: 7, endLine: 7 },
    ]);
  });

  it('finds the headline after leading blank lines and reads CRLF files', () => {
    const draft = parseSeed(seedFile('\r\n\r\nHeadline\r\n\r\nBody.\r\nBack to top button\r\n'), 'x');
    assert.equal(draft?.headline, 'Headline');
    assert.ok(draft && draft.body.format === 'paragraphs');
    assert.deepEqual(draft.body.paragraphs, [{ text: 'Body.', line: 5, endLine: 5 }]);
    assert.deepEqual(draft.source.leftovers.map((leftover) => leftover.line), [6]);
  });

  it('keeps a last paragraph that ends in "news" in the body', () => {
    const draft = parseSeed(seedFile('Headline\n\nThe results came in.\n\nIt was bad news\n'), 'x');
    assert.ok(draft && draft.body.format === 'paragraphs');
    assert.equal(draft.body.paragraphs.at(-1)?.text, 'It was bad news');
    assert.equal(draft.section, null);
  });

  it('separates a widget label between paragraphs too, but never a sentence that uses its words', () => {
    const draft = parseSeed(seedFile('Headline\n\nBack to top button\n\nWe went back to top form, he said.\n'), 'x');
    assert.ok(draft && draft.body.format === 'paragraphs');
    assert.deepEqual(draft.body.paragraphs.map((paragraph) => paragraph.text), ['We went back to top form, he said.']);
    assert.deepEqual(draft.source.leftovers.map(({ line, position }) => [line, position]), [[3, 'body']]);
  });

  it('rejects an empty file, a whitespace-only file and a headline with no body, with positions', () => {
    for (const [text, rule, line] of [['', 'empty', undefined], ['  \n\n\t\n', 'empty', undefined], ['\nJust a headline\n\nRussia news\n', 'no-body', 2]] as const) {
      const file = seedFile(text);
      assert.equal(parseSeed(file, 'x'), null);
      const fatal = file.messages.find((message) => message.fatal);
      assert.equal(fatal?.ruleId, rule, text);
      assert.equal(fatal?.line, line);
    }
  });
});

describe('leftover rules', () => {
  it('recognise section labels, and not sentences that mention news', () => {
    assert.equal(matchLeftover('Russia news')?.section, 'Russia');
    assert.equal(matchLeftover('Middle East news')?.section, 'Middle East');
    assert.equal(matchLeftover('Science & Tech News')?.section, 'Science & Tech');
    for (const line of ['This is good news.', 'The company said it had bad news for investors', 'It was bad news', 'That is good news', 'Fake news', 'Bad News', 'Sky News', 'Breaking news', 'Russia news today']) {
      assert.equal(matchLeftover(line), null, line);
    }
  });
});

describe('decoding', () => {
  it('reads UTF-8, strips a BOM, and guesses Windows-1252 for legacy bytes without mojibake', () => {
    assert.deepEqual(decode(Buffer.from('café')), { text: 'café', encoding: 'UTF-8', guessed: false });
    assert.deepEqual(decode(Buffer.from('\ufeffcafé')), { text: 'café', encoding: 'UTF-8 with BOM', guessed: false });
    assert.deepEqual(decode(Buffer.from([0xa3, 0x35, 0x20, 0x93, 0x71, 0x94])), { text: '£5 “q”', encoding: 'Windows-1252', guessed: true });
    assert.deepEqual(decode(Buffer.from([0xa3, 0x35])), { text: '£5', encoding: 'ISO-8859-1 (Latin-1)', guessed: true });
  });

  it('names the line endings', () => {
    assert.equal(lineEndingsOf('a\nb\n'), 'LF');
    assert.equal(lineEndingsOf('a\r\nb\r\n'), 'CRLF');
    assert.equal(lineEndingsOf('a\rb'), 'CR');
    assert.equal(lineEndingsOf('a\r\nb\n'), 'mixed');
    assert.equal(lineEndingsOf('a'), 'none');
  });
});
