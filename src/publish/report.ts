import type { Archive } from '../pipeline/archive.ts';
import { warningsOf } from '../ingest/diagnostics.ts';
import type { SiteView } from '../view/view.ts';

export interface BuildCounts {
  /** Files in the input folders (a file of records counts once). */
  files: number;
  /** Of those, files of records (a scraper's JSON, WARC captures), and the records they hold that could be articles, each an input of its own. */
  held: number;
  records: number;
  /** Records in them that are not articles (a WARC's images, requests, redirects). */
  otherRecords: number;
  articles: number;
  pages: number;
  rejected: number;
  duplicates: number;
  overlays: number;
  /** Picture files shown by the articles (a picture file counts once, however many show it). */
  images: number;
  warnings: number;
  hidden: number;
}

/** How many input files became what, from the archive alone (the site view's ledger lists the same files). */
export function countsOf(archive: Pick<Archive, 'inputs' | 'hidden'>): BuildCounts {
  const status = (wanted: Archive['inputs'][number]['outcome']['status']) => archive.inputs.filter((input) => input.outcome.status === wanted).length;
  const held = archive.inputs.flatMap((input) => (input.outcome.status === 'held' ? [input.outcome] : []));
  const records = archive.inputs.filter((input) => input.file.data.raw?.record).length;
  return {
    files: archive.inputs.length - records,
    held: held.length,
    records,
    otherRecords: held.reduce((sum, outcome) => sum + Object.values(outcome.others).reduce((a, b) => a + b, 0), 0),
    articles: status('article'),
    pages: status('page'),
    rejected: status('rejected'),
    duplicates: status('duplicate'),
    overlays: status('overlay'),
    images: status('image'),
    warnings: archive.inputs.reduce((sum, input) => sum + warningsOf(input.file).length, 0),
    hidden: archive.hidden.length,
  };
}

/**
 * `build-report.json`: every input file and what became of it. It holds no times or absolute
 * paths, so the same inputs give the same bytes.
 */
export function buildReport(view: SiteView, counts: BuildCounts, fingerprint: string): string {
  const report = {
    generator: 'news-archive',
    /** Of everything that shaped this site: the next build with the same one has nothing to do. */
    fingerprint,
    counts,
    files: view.ledger.map((entry) => ({
      path: entry.path,
      kind: entry.kind,
      status: entry.status,
      of: entry.of,
      sha256: entry.sha256,
      size: entry.size,
      url: entry.url,
      title: entry.title,
      reason: entry.reason,
      warnings: entry.warnings,
      ...(entry.holds ? { holds: entry.holds } : {}),
    })),
    hidden: view.hidden,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
