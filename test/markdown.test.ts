import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { lineEndingsOf } from '../src/ingest/lines.ts';
import { parseMarkdown } from '../src/ingest/markdown.ts';
import fc from 'fast-check';
import { flavourOf, gfmHtml, markdownRefusal, markdownToHtml, maxDelimiters, maxNesting } from '../src/render/markdown.ts';

function markdownFile(text: string): VFile {
  const file = new VFile({ path: 'content/x.md', value: text });
  file.data.raw = { kind: 'markdown', absolutePath: 'content/x.md', sha256: '0'.repeat(64), size: text.length, encoding: 'UTF-8', encodingGuessed: false, lineEndings: lineEndingsOf(text), record: null };
  return file;
}

function fatalOf(text: string) {
  const file = markdownFile(text);
  assert.equal(parseMarkdown(file, 'x'), null, 'rejected');
  const fatal = file.messages.find((message) => message.fatal === true)!;
  return { line: fatal.line, column: fatal.column, reason: fatal.reason, rule: fatal.ruleId };
}

describe('Markdown front matter', () => {
  it('reads every known key, and keeps an unknown one with a warning on its line', () => {
    const file = markdownFile('---\ntitle: Markets\ndate: 2024-03-05\nsection: Business\ntags: markets, rates, markets\nsummary: Shares rose.\nbyline: Jane Doe\nsource_url: https://example.com/a\nmood: calm\n---\n\nBody.\n');
    const result = parseMarkdown(file, 'x');
    assert.equal(result?.kind, 'article');
    const draft = result.kind === 'article' ? result.draft : null;
    assert.deepEqual(
      { headline: draft?.headline, date: draft?.date, section: draft?.section, tags: draft?.tags, summary: draft?.summary, byline: draft?.byline, sourceUrl: draft?.sourceUrl, extra: draft?.extra },
      { headline: 'Markets', date: '2024-03-05', section: 'Business', tags: ['markets', 'rates'], summary: 'Shares rose.', byline: 'Jane Doe', sourceUrl: 'https://example.com/a', extra: { mood: 'calm' } },
    );
    assert.deepEqual(file.messages.map((message) => [message.line, message.fatal, message.ruleId]), [[9, false, 'unknown-key']]);
    assert.deepEqual(draft?.body, { format: 'markdown', markdown: '\nBody.\n', line: 11 });
  });

  it('takes numbers as text and empty values as absent', () => {
    const result = parseMarkdown(markdownFile('---\ntitle: 1984\ntags: [a, 1]\nsummary: ""\ndate:\n---\n\nBody.\n'), 'x');
    const draft = result?.kind === 'article' ? result.draft : null;
    assert.equal(draft?.headline, '1984');
    assert.deepEqual(draft?.tags, ['a', '1']);
    assert.equal(draft?.summary, null);
    assert.equal(draft?.date, null);
  });

  it('rejects bad values with a message that names the key, on its line', () => {
    assert.deepEqual(fatalOf('---\ntitle: T\ndate: 2024-02-30\n---\n\nB.\n').line, 3);
    assert.match(fatalOf('---\ntitle: T\ndate: 5 May 2024\n---\n\nB.\n').reason, /^Invalid front matter "date": date must be a real calendar date/);
    for (const url of ['example.com', 'javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd']) {
      assert.match(fatalOf(`---\ntitle: T\nsource_url: "${url}"\n---\n\nB.\n`).reason, /source_url must be an http or https address/, url);
    }
    assert.match(fatalOf('---\ntitle: T\ntags: {a: 1}\n---\n\nB.\n').reason, /tags must be a list/);
    assert.match(fatalOf('---\ntitle: T\nslug: Not A Slug\n---\n\nB.\n').reason, /slug must be lower-case letters/);
    assert.deepEqual(fatalOf('---\nsection: World\n---\n\nB.\n'), { line: 1, column: 1, reason: 'Invalid front matter "title": title is required: the headline, as text', rule: 'front-matter' });
    assert.equal(fatalOf('---\ntitle: [a, b]\n---\n\nB.\n').reason, 'Invalid front matter "title": title must be text');
    assert.deepEqual(fatalOf('---\ntitle: T\nlang: French please\n---\n\nB.\n').line, 3);
    assert.match(fatalOf('---\ntitle: T\nlang: French please\n---\n\nB.\n').reason, /^Invalid front matter "lang": lang must be a language tag such as en, fr, pt-BR/);
  });

  it('reads the language an article is written in, as a canonical language tag', () => {
    const draftOf = (lang: string) => {
      const result = parseMarkdown(markdownFile(`---\ntitle: T\nlang: ${lang}\n---\n\nB.\n`), 'x');
      return result?.kind === 'article' ? result.draft.lang : undefined;
    };
    assert.equal(draftOf('fr'), 'fr');
    assert.equal(draftOf('pt-br'), 'pt-BR');
    assert.equal(draftOf('ZH-hant'), 'zh-Hant');
    const result = parseMarkdown(markdownFile('---\ntitle: T\n---\n\nB.\n'), 'x');
    assert.equal(result?.kind === 'article' ? result.draft.lang : undefined, null, 'not given: unknown, and the site\'s is taken');
  });

  it('points at the line of a YAML syntax error, and names front matter that is never closed', () => {
    assert.deepEqual(fatalOf('---\ntitle: T\n  bad: indent\n---\n\nB.\n'), { line: 3, column: 6, reason: 'Front matter is not valid YAML: bad indentation of a mapping entry', rule: 'yaml' });
    assert.equal(fatalOf('---\ntitle: T\n...\n\nB.\n').rule, 'front-matter-unclosed');
    assert.equal(fatalOf('---\n- a\n- b\n---\n\nB.\n').reason, 'Front matter must be keys with values (a YAML mapping such as title: ...), not a list or a single value');
    assert.deepEqual(fatalOf('---\ntitle: T\n\nBody with no closing line.\n'), { line: 1, column: 1, reason: 'Front matter is not closed: add a line with only --- after it', rule: 'front-matter-unclosed' });
    assert.equal(fatalOf('Just text, no front matter.\n').rule, 'no-front-matter');
    assert.equal(fatalOf('---\ntitle: T\n---\n\n   \n').rule, 'no-body');
  });

  it('makes kind: page a standalone page', () => {
    const result = parseMarkdown(markdownFile('---\nkind: page\ntitle: About\n---\n\nHello.\n'), 'about');
    assert.equal(result?.kind, 'page');
  });
});

describe('Markdown rendering', () => {
  it('renders everything its limits let through, and refuses a line nested deeper than any article, before rendering', () => {
    const quotes = (depth: number) => `${'> '.repeat(depth)}x\n`;
    const list = (depth: number) => `${Array.from({ length: depth }, (_, level) => `${' '.repeat(level * 2)}- item ${level}`).join('\n')}\n`;
    const emphasis = `${'*'.repeat(maxDelimiters / 2)}x${'*'.repeat(maxDelimiters / 2)}\n`;
    for (const body of [quotes(maxNesting), list(200), emphasis, `${' '.repeat(5000)}indented code\n`]) {
      assert.equal(markdownRefusal(body), null);
      // At the limits, rendering still has stack to spare on any thread: it never fails.
      assert.ok(markdownToHtml(body).length > 0);
    }
    assert.match(markdownRefusal(quotes(maxNesting + 1))!, /^A line nested 1,001 quotes or list items deep/);
    assert.match(markdownRefusal(`${'- '.repeat(maxNesting + 1)}x\n`)!, /^A line nested/);
    assert.match(markdownRefusal(`${' '.repeat(2 * maxNesting)}- deep\n`)!, /^A line nested/, 'indentation under a list marker counts as nesting');
  });

  it('reads a body without tables, strikethrough, footnotes, task boxes or bare addresses as CommonMark, to the same page GFM gives', () => {
    // Pieces of Markdown, GitHub's marks and addresses in links, code and text among them, in any
    // order: whichever reading a body gets, its HTML is the one GitHub Flavored Markdown gives.
    const piece = fc.constantFrom('Word', ' ', '\n', '\n\n', '# ', '> ', '- ', '1. ', '*', '_', '**', '`', '[', ']', '](', '(', ')', '![', '<', '>', '"', '&amp;', '&#46;', '&#64;', '&#124;', '\\', '!', ':', '.', '/', 'https://x.org', 'www.x.org', 'a@b.co', 'mailto:', 'http', 'www', 'x', ' ', '|', '~', '^', '---', ':-', '-:', '    ', '\t', 'é', '<b>', '<script>', ']: ', '[ ] ', '[x]', '[^1]', '| --- |');
    const read = { commonmark: 0, gfm: 0 };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }), (pieces) => {
        const body = pieces.join('');
        read[flavourOf(body)] += 1;
        assert.equal(markdownToHtml(body), gfmHtml(body));
      }),
      { numRuns: 3_000 },
    );
    assert.ok(read.commonmark > 300 && read.gfm > 300, `${read.commonmark} bodies read as CommonMark, ${read.gfm} as GFM`);
    assert.equal(flavourOf('A paragraph with a [link](https://www.x.org/@desk) and a # sign.'), 'commonmark', 'an address inside a link is not a bare one');
    assert.equal(flavourOf('A paragraph naming www.x.org.'), 'gfm');
    // Found by review: addresses written with character references or escapes, which GFM links
    // once they are decoded, tables of one column, whose delimiter row needs no pipe, and a
    // body's own pictures, which stand as their markers in either reading (found by the property).
    for (const body of ['See www&#46;x.org today.', 'Write to a&#64;b.co.', 'a&commat;b.co', 'See https&#58;//x.org', 'See www\\.x.org', 'See https:\\/\\/x.org', 'mailto&#58;a&#64;b.co', '# Title www&#46;x.org', 'Title a&#x40;b.co\n===', 'a\n:-', 'a\n-:', 'a\n:-:', 'Headline\n---:', 'Intro\n\nName\n:---\nValue\n', '![](Word)', 'See ![a](crowd.jpg) at www.x.org', '![a](crowd.jpg)\n\n| a |\n|---|\n']) {
      assert.equal(markdownToHtml(body), gfmHtml(body), body);
    }
    assert.equal(markdownToHtml('Write to desk@x.org or see https://x.org.'), '<p>Write to <a href="mailto:desk@x.org">desk@x.org</a> or see <a href="https://x.org">https://x.org</a>.</p>\n');
  });

  it('renders Markdown and GFM, and sanitises raw HTML and script URLs', () => {
    assert.equal(markdownToHtml('Shares **rose**.'), '<p>Shares <strong>rose</strong>.</p>\n');
    assert.match(markdownToHtml('| a |\n|---|\n| 1 |\n'), /<table>/);
    assert.equal(markdownToHtml('# Part one\n\n## Detail'), '<h2>Part one</h2>\n<h3>Detail</h3>\n', 'the page headline stays the only h1');
    assert.equal(markdownToHtml('## Part one\n\n### Detail'), '<h2>Part one</h2>\n<h3>Detail</h3>\n', 'no level is skipped');
    const html = markdownToHtml('<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) ![y](data:text/html,hi)\n\n<iframe src="https://example.com"></iframe>\n');
    assert.doesNotMatch(html, /<script|onerror|javascript:|<iframe|data:text/i);
  });
});
