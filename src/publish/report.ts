import type { SiteView } from './view.ts';

export interface BuildCounts {
  files: number;
  articles: number;
  pages: number;
  rejected: number;
  duplicates: number;
  overlays: number;
  warnings: number;
  hidden: number;
}

export function countsOf(view: SiteView): BuildCounts {
  return {
    files: view.ledger.length,
    articles: view.ledger.filter((entry) => entry.status === 'article').length,
    pages: view.ledger.filter((entry) => entry.status === 'page').length,
    rejected: view.ledger.filter((entry) => entry.status === 'rejected').length,
    duplicates: view.ledger.filter((entry) => entry.status === 'duplicate').length,
    overlays: view.ledger.filter((entry) => entry.status === 'overlay').length,
    warnings: view.ledger.reduce((sum, entry) => sum + entry.warnings.length, 0),
    hidden: view.hidden.length,
  };
}

/**
 * `build-report.json`: every input file and what became of it. It holds no times or absolute
 * paths, so the same inputs give the same bytes.
 */
export function buildReport(view: SiteView, fingerprint: string): string {
  const report = {
    generator: 'news-archive',
    /** Of everything that shaped this site: the next build with the same one has nothing to do. */
    fingerprint,
    counts: countsOf(view),
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
    })),
    hidden: view.hidden,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
