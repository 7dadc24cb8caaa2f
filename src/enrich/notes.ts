import type { SourceNote } from '../model/article.ts';
import type { ArticleDraft } from '../model/draft.ts';

export interface FileWarning {
  message: string;
  line?: number;
}

/**
 * What a reader is told about where the article came from and what the archive did to it, in
 * the order they would ask: what file, what was separated, what the publisher said, what is
 * not known, and what looked wrong.
 */
export function sourceNotesFor(draft: ArticleDraft, warnings: readonly FileWarning[]): SourceNote[] {
  const { source } = draft;
  const notes: SourceNote[] = [];
  notes.push({
    kind: 'origin',
    message:
      source.kind === 'seed'
        ? `Archived from the scraped text file ${source.path}. Its headline and paragraphs are shown exactly as the file gives them.`
        : `Written in Markdown for this archive, in ${source.path}.`,
  });
  if (source.encodingGuessed) {
    notes.push({ kind: 'origin', message: `The file is not valid UTF-8; it was read as ${source.encoding}, which is a guess from its bytes.` });
  }

  // Separated lines and the disclaimer are recorded in source.leftovers; these notes say what
  // the reader could not see from them.
  const sectionLabel = source.leftovers.find((leftover) => leftover.kind === 'section-label');
  if (sectionLabel && draft.section) {
    notes.push({ kind: 'origin', message: `The section “${draft.section}” comes from the site’s section label on line ${sectionLabel.line}.`, line: sectionLabel.line });
  }

  if (draft.date === null) notes.push({ kind: 'unknown', message: 'The date of publication is not known: the source does not give it.' });
  if (draft.byline === null) notes.push({ kind: 'unknown', message: 'The author is not known: the source gives no byline.' });
  if (draft.sourceUrl === null) notes.push({ kind: 'unknown', message: 'The address of the original publication is not known.' });

  for (const warning of warnings) notes.push({ kind: 'warning', message: warning.message, ...(warning.line ? { line: warning.line } : {}) });
  return notes;
}
