import type { SourceNote, SourceRecord, WebPage } from '../model/article.ts';
import type { ArticleDraft } from '../model/draft.ts';

export interface FileWarning {
  message: string;
  line?: number;
}

const fieldNames: Record<string, string> = {
  date: 'the date',
  section: 'the section',
  tags: 'the tags',
  byline: 'the byline',
  dateline: 'the dateline',
  summary: 'the summary',
  sourceUrl: 'the address of the original',
  lang: 'the language',
};

const quoteList = (items: readonly string[]) => items.map((item) => `“${item}”`).join(', ');
const percent = (share: number) => `${Math.floor(share * 100)}%`;

function originNotes(draft: ArticleDraft): SourceNote[] {
  const { source, editorial } = draft;
  const notes: SourceNote[] = [];
  const given = new Set(editorial?.fields ?? []);
  const wrapped = draft.body.format === 'paragraphs' && draft.body.paragraphs.some((paragraph) => paragraph.endLine > paragraph.line);
  if (source.kind === 'webpage' && source.page) return [...notes, ...webPageNotes(draft, source.page, given)];
  if (source.kind === 'scraped' && source.record) notes.push(...scrapedNotes(draft, source.record, given));
  else notes.push({
    kind: 'origin',
    message:
      source.kind === 'seed'
        ? `Archived from the scraped text file ${source.path}. Its headline and paragraphs are shown as the file gives them${wrapped ? '; the lines of a hard-wrapped paragraph are joined with a space' : ''}.`
        : `Written in Markdown for this archive, in ${source.path}.`,
  });
  if (source.encodingGuessed && source.encoding.startsWith('UTF-8, with')) {
    notes.push({ kind: 'origin', message: `The file is not valid UTF-8 as a whole: its lines are in two encodings (as in a file joined from two), so each line was read in its own: ${source.encoding.replace(/ \(each line read in its own encoding\)$/, '')}. Which is which is a guess from the bytes of each line.` });
  } else if (source.encodingGuessed) {
    notes.push({ kind: 'origin', message: `The file is not valid UTF-8; it was read as ${source.encoding}, which is a guess from its bytes.` });
  }
  if (source.entityLines.length > 0) {
    notes.push({
      kind: 'origin',
      message: `HTML entities written as text (such as &#233; or &amp;) are shown as the characters they stand for, on line${source.entityLines.length > 1 ? 's' : ''} ${source.entityLines.join(', ')}. The original text shows them as written.`,
      line: source.entityLines[0]!,
    });
  }
  // Separated lines and the disclaimer are recorded in source.leftovers; these notes say what
  // the reader could not see from them.
  const sectionLabel = source.leftovers.find((leftover) => leftover.kind === 'section-label');
  if (sectionLabel && draft.section && !given.has('section')) {
    notes.push({ kind: 'origin', message: `The section “${draft.section}” comes from the site’s section label on line ${sectionLabel.line}.`, line: sectionLabel.line });
  }
  if (source.kind === 'seed' && draft.body.format === 'paragraphs' && draft.byline && !given.has('byline')) {
    const paragraph = draft.body.paragraphs.findIndex((candidate) => candidate.text.includes(draft.byline!));
    if (paragraph >= 0) notes.push({ kind: 'origin', message: `The byline “${draft.byline}” is read from the text, in paragraph ${paragraph + 1}, which is shown as written.`, paragraph: paragraph + 1 });
  }
  if (draft.body.format === 'paragraphs' && draft.dateline && !given.has('dateline')) {
    const paragraph = draft.body.paragraphs.findIndex((candidate) => candidate.text.trimStart().startsWith(draft.dateline!)) + 1;
    if (paragraph > 0) notes.push({ kind: 'origin', message: `The dateline “${draft.dateline}” is read from the opening of paragraph ${paragraph}, which is shown as written.`, paragraph });
  }
  if (source.copies.length > 0) {
    notes.push({ kind: 'origin', message: `The archive holds ${source.copies.length === 1 ? 'another file' : `${source.copies.length} other files`} with the same text as this one (whatever their line endings or byte-order mark), built once as this article: ${source.copies.join(', ')}.` });
  }
  return notes;
}

/** What a record's address in the archive is made from, and so what would move it. */
function addressNote(record: SourceRecord): SourceNote {
  const { by, value } = record.identity;
  const from = by === 'id' ? `its own id field (“${value}”)` : by === 'url' ? `the address it names (${value})` : by === 'record-id' ? `its WARC-Record-ID` : null;
  return {
    kind: 'origin',
    message: from
      ? `Its address in this archive is made from ${from}, so it stays when records are added to the file, removed from it or reordered.`
      : `The record names neither an id nor an address, so its address in this archive is made from its place in the file (record ${record.number}): it stays when records are added after it, and moves when one is inserted or removed before it.`,
  };
}

const digestChecks = {
  matches: 'which matches the payload the file holds',
  differs: 'which does not match the payload the file holds: the capture was damaged or changed after it was written, and is shown as the file holds it',
  unchecked: 'which was not checked (the archive does not know its algorithm)',
  none: '',
} as const;

/** Where a scraper's record stands in its file, and which of its fields became which facts. */
function scrapedNotes(draft: ArticleDraft, record: SourceRecord, given: ReadonlySet<string>): SourceNote[] {
  const format = record.format === 'jsonl' ? 'JSON Lines' : 'JSON';
  const onePerLine = draft.body.format === 'paragraphs' && draft.body.paragraphs.every((paragraph) => paragraph.endLine === paragraph.line);
  const notes: SourceNote[] = [
    {
      kind: 'origin',
      message: `Archived from record ${record.number} of ${record.file}, a scraper’s output in ${format}${record.line ? `, on line ${record.line}` : ''}. The headline is the record’s title and the paragraphs are its text, shown as the record gives them (${onePerLine ? 'a line of the text a paragraph' : 'blocks of lines between blank lines, a hard-wrapped block’s lines joined with a space'}); the original text shows the text line by line, and the whole record can be downloaded as the file holds it.`,
    },
  ];
  const facts = [
    draft.date && !given.has('date') ? `the date of publication, ${draft.date}, from its date field (the source’s own)` : '',
    draft.byline && !given.has('byline') ? `the byline from its author field` : '',
    draft.sourceUrl && !given.has('sourceUrl') ? `the address of the original from its ${record.fields.includes('url') ? 'url' : 'source'} field` : '',
    draft.section && !given.has('section') ? `the section from its categories` : '',
    draft.lang && !given.has('lang') ? `the language, ${draft.lang}, from its language field` : '',
  ].filter(Boolean);
  if (facts.length) notes.push({ kind: 'origin', message: `From the record’s own fields: ${facts.join('; ')}.` });
  if (record.site) notes.push({ kind: 'origin', message: `The record names its site “${record.site}”.` });
  if (record.unused.length) notes.push({ kind: 'origin', message: `Fields of the record the archive does not show: ${record.unused.join(', ')}. They are in the record as downloaded.` });
  notes.push(addressNote(record));
  return notes;
}

const counted = (count: number, one: string, many = `${one}s`) => (count === 1 ? `a ${one}` : `${count.toLocaleString('en')} ${many}`);

/** Where each fact of a saved web page came from, and what of the page is not the article. */
function webPageNotes(draft: ArticleDraft, page: WebPage, given: ReadonlySet<string>): SourceNote[] {
  const { source } = draft;
  const warc = source.record?.warc;
  const notes: SourceNote[] = [
    {
      kind: 'origin',
      message: `Archived from ${warc ? `a page captured in the WARC file ${source.record!.file}: record ${source.record!.number}, the response${warc.status ? ` (HTTP ${warc.status})` : ''} for ${warc.targetUri}` : `the saved web page ${source.path}`}. Its article was found in the page by Mozilla’s Readability, and its text is shown paragraph by paragraph without the page’s markup; the page itself is never rendered here (it may hold script), only shown as text.`,
    },
    { kind: 'origin', message: `The page was read as ${source.encoding}${source.encodingGuessed ? ', which is a guess from its bytes' : ''}.` },
  ];
  if (warc) {
    const identity = [warc.recordId ? `its record ID is ${warc.recordId}` : 'it gives no record ID', warc.payloadDigest ? `its payload digest ${warc.payloadDigest}, ${digestChecks[warc.digestCheck]}` : 'no payload digest'];
    notes.push({ kind: 'origin', message: `In the WARC file, ${identity.join(', and ')}.` });
    notes.push(addressNote(source.record!));
    notes.push({
      kind: 'origin',
      message: warc.capturedOn
        ? `Captured on ${warc.capturedOn} (its WARC-Date): when the page was fetched, which is not the date it was published${draft.date ? '' : ', and is not shown as one'}.`
        : 'The WARC record gives no date of capture.',
    });
  }
  if (page.title && page.title !== draft.headline) notes.push({ kind: 'origin', message: `The headline is the one Readability read in the page; its title, in the browser’s tab, is “${page.title}”.` });
  if (draft.date && page.dateFrom && !given.has('date')) notes.push({ kind: 'origin', message: `The date of publication, ${draft.date}, is the one the page states in ${page.dateFrom}.` });
  if (draft.sourceUrl && page.canonicalFrom && !given.has('sourceUrl')) notes.push({ kind: 'origin', message: `The address of the original, ${draft.sourceUrl}, is the one the page gives in ${page.canonicalFrom}.` });
  if (draft.byline && page.bylineFrom && !given.has('byline')) notes.push({ kind: 'origin', message: `The byline “${draft.byline}” is ${page.bylineFrom === 'its author meta tag' ? 'the one the page gives in its author meta tag' : 'Readability’s reading of the page'}.` });
  if (page.siteName) notes.push({ kind: 'origin', message: `The page names its site “${page.siteName}”.` });
  if (page.lang && !given.has('lang')) notes.push({ kind: 'origin', message: `The page says it is written in ${page.lang} (its <html lang>).` });
  const { leftOut } = page;
  const parts = [
    leftOut.navigation ? counted(leftOut.navigation, 'navigation menu') : '',
    leftOut.shareBars ? counted(leftOut.shareBars, 'share bar') : '',
    leftOut.comments ? counted(leftOut.comments, 'comment section') : '',
    leftOut.forms ? counted(leftOut.forms, 'form') : '',
    leftOut.links ? counted(leftOut.links, 'link') : '',
    leftOut.scripts ? counted(leftOut.scripts, 'script') : '',
  ].filter(Boolean);
  notes.push({
    kind: 'origin',
    message:
      leftOut.words > 0 || parts.length > 0
        ? `Left out as not part of the article${parts.length ? `: ${parts.join(', ')}` : ''}; ${leftOut.words.toLocaleString('en')} word${leftOut.words === 1 ? '' : 's'} of the page in all. The original page shows every line of the file.`
        : 'Nothing of the page was left out: it holds the article alone.',
  });
  return notes;
}

function editorNotes(draft: ArticleDraft): SourceNote[] {
  const { editorial } = draft;
  if (!editorial) return [];
  const notes: SourceNote[] = [];
  if (editorial.fields.length > 0) {
    const names = editorial.fields.map((field) => fieldNames[field] ?? field);
    notes.push({ kind: 'editor', message: `Given by an editor in ${editorial.path}, not by the source: ${names.join(', ')}.`, path: editorial.path });
    const label = draft.source.leftovers.find((leftover) => leftover.kind === 'section-label');
    if (label && editorial.fields.includes('section')) {
      notes.push({ kind: 'editor', message: `The site’s own section label, on line ${label.line}, reads “${label.text.trim()}”.`, line: label.line });
    }
  } else {
    notes.push({ kind: 'editor', message: `An editor’s overlay, ${editorial.path}, applies to this article.`, path: editorial.path });
  }
  return notes;
}

function unknownNotes(draft: ArticleDraft): SourceNote[] {
  const notes: SourceNote[] = [];
  if (draft.date === null) {
    const references = draft.source.dateReferences;
    notes.push({
      kind: 'unknown',
      message:
        references.length > 0
          ? `The date of publication is not known: the source does not give it. The text names dates that cannot be placed without it: ${quoteList(references.map((reference) => reference.text))}.`
          : 'The date of publication is not known: the source does not give it.',
    });
  }
  if (draft.byline === null) notes.push({ kind: 'unknown', message: 'The author is not known: the source gives no byline.' });
  if (draft.sourceUrl === null) notes.push({ kind: 'unknown', message: 'The address of the original publication is not known.' });
  return notes;
}

const artifactWords = {
  'repeated-word': 'a word repeated across a sentence boundary',
  'lowercase-sentence': 'a sentence that begins in lower case after a full stop',
} as const;

function flagNotes(draft: ArticleDraft): SourceNote[] {
  const notes: SourceNote[] = draft.source.artifacts.map((artifact) => ({
    kind: 'flag',
    message: `Paragraph ${artifact.paragraph}: ${artifactWords[artifact.kind]}, “${artifact.excerpt}”, likely a translation or scraping artifact. The text is shown as the source has it.`,
    paragraph: artifact.paragraph,
  }));
  const unlisted = draft.source.artifactCount - draft.source.artifacts.length;
  if (unlisted > 0) notes.push({ kind: 'flag', message: `And ${unlisted.toLocaleString('en')} more likely artifacts of the same kinds, not listed one by one. The text is shown as the source has it.` });
  for (const near of draft.source.nearDuplicates) {
    const alike = near.similarity >= 1 ? 'the same words in the body, broken into paragraphs differently' : `${percent(near.similarity)} of the body alike`;
    notes.push({ kind: 'flag', message: `Nearly the same as ${near.path}: the same headline, and ${alike}.`, path: near.path });
  }
  return notes;
}

/**
 * What a reader is told about where the article came from and what the archive did to it, in
 * the order they would ask: what file, what an editor added, what is not known, what looks
 * wrong in the text, and what the build warned of.
 */
export function sourceNotesFor(draft: ArticleDraft, warnings: readonly FileWarning[]): SourceNote[] {
  return [
    ...originNotes(draft),
    ...editorNotes(draft),
    ...unknownNotes(draft),
    ...flagNotes(draft),
    // A record's warnings name its line in its file, not a line of the text its page shows.
    ...warnings.map((warning): SourceNote => ({ kind: 'warning', message: warning.message, ...(warning.line && !draft.source.record ? { line: warning.line } : {}) })),
  ];
}
