import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import type { BuildResult } from './build.ts';
import { plural } from './publish/words.ts';


/** The closing summary: files read, what became of them, what was written, how long it took. */
export function summarise(result: BuildResult, outDir: string): string {
  const { counts } = result;
  const seeds = result.view.ledger.filter((entry) => entry.kind === 'seed').length;
  const pages = result.written.filter((file) => file.endsWith('.html')).length;
  const lines = [
    `${plural(counts.files, 'file')} read (${plural(seeds, 'seed')}, ${counts.files - seeds} Markdown)${counts.hidden ? `; ${plural(counts.hidden, 'hidden file')} skipped` : ''}`,
    `${plural(counts.articles, 'article')} built, ${plural(counts.pages, 'page')}, ${counts.rejected} rejected, ${plural(counts.warnings, 'warning')}`,
  ];
  for (const entry of result.view.ledger) if (entry.reason) lines.push(`  rejected  ${entry.reason}`);
  lines.push(
    result.failure
      ? `Not published: ${result.failure}. Nothing was written to ${outDir}/ (${result.seconds.toFixed(2)} s)`
      : `${plural(pages, 'page')} and ${plural(result.written.length - pages, 'other file')} written to ${outDir}/ in ${result.seconds.toFixed(2)} s`,
  );
  return lines.join('\n');
}

export function printDiagnostics(result: BuildResult, verbose: boolean): void {
  // Info messages (a leftover separated, no date given) are routine: shown only with --verbose.
  const files = result.archive.inputs
    .map(({ file }) => {
      const shown = new VFile({ path: file.path });
      shown.messages = verbose ? file.messages : file.messages.filter((message) => message.fatal !== null && message.fatal !== undefined);
      return shown;
    })
    .filter((file) => file.messages.length > 0);
  const report = reporter(files);
  if (report) console.error(report);
}

