import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import type { Input } from '../pipeline/archive.ts';
import type { BuildResult } from '../commands/build.ts';
import type { BuildCounts } from '../publish/report.ts';
import type { SiteView } from '../view/view.ts';
import { integerText, plural } from '../view/words.ts';

/** The closing summary: files read, what became of them, what was written, how long it took. */
export function summarise(result: BuildResult, outDir: string): string {
  const { counts } = result;
  const lines = countLines(result.view.ledger, counts, result.archive.reread);
  for (const notice of result.notices) lines.push(`  notice  ${notice}`);
  lines.push(
    result.failure
      ? `Not published: ${result.failure}. Nothing was written to ${outDir}/ (${result.seconds.toFixed(2)} s)`
      : `${plural(result.pages.total, 'page')} in ${outDir}/: ${integerText(result.pages.rendered)} rendered, ${integerText(result.pages.total - result.pages.rendered)} unchanged since the last build; ${plural(result.written.length - result.pages.rendered, 'other file')} written; ${result.seconds.toFixed(2)} s`,
  );
  const { made, cached, failed } = result.pictures;
  if (made + cached + failed > 0) lines.push(`Pictures: ${integerText(made)} made, ${integerText(cached)} as an earlier build made them${failed ? `, ${integerText(failed)} could not be made` : ''}`);
  if (!result.failure) lines.push(`Time by stage: ${result.stages.map((stage) => `${stage.name} ${stage.seconds.toFixed(2)} s`).join(' · ')}`);
  return lines.join('\n');
}

/**
 * What became of the inputs: files read (or, of those, how many were read again since the last
 * build; the rest are known from the store), then articles + pages + overlays + pictures + duplicates +
 * rejected, which always add up to the inputs (the files, but a file of records counts as its
 * records), and each rejection with its place and reason.
 */
export function countLines(ledger: SiteView['ledger'], counts: BuildCounts, reread = counts.files): string[] {
  const files = ledger.filter((entry) => entry.inFile === null);
  const byKind = (kind: string) => files.filter((entry) => entry.kind === kind).length;
  const kinds = [
    plural(byKind('seed'), 'seed'),
    ...(byKind('webpage') ? [plural(byKind('webpage'), 'web page')] : []),
    `${integerText(byKind('markdown'))} Markdown`,
    ...(byKind('overlay') ? [plural(byKind('overlay'), 'overlay')] : []),
    ...(byKind('image') ? [plural(byKind('image'), 'picture')] : []),
    ...(byKind('records') ? [`${plural(byKind('records'), 'file')} of records${counts.records ? `, holding ${plural(counts.records, 'record')}${counts.otherRecords ? ` and ${integerText(counts.otherRecords)} that are not articles` : ''}` : ''}`] : []),
  ];
  const inputs = counts.files - counts.held + counts.records;
  const outcomes = [
    plural(counts.articles, 'article'),
    plural(counts.pages, 'page'),
    ...(counts.overlays ? [plural(counts.overlays, 'overlay') + ' applied'] : []),
    ...(counts.images ? [plural(counts.images, 'picture') + ' shown'] : []),
    ...(counts.duplicates ? [plural(counts.duplicates, 'duplicate')] : []),
    `${counts.rejected} rejected`,
  ];
  const lines = [
    `${plural(counts.files, 'file')}${reread >= counts.files ? ' read' : ''} (${kinds.join(', ')})${reread < counts.files ? `: ${integerText(reread)} read again, ${integerText(counts.files - reread)} unchanged since the last build` : ''}${counts.hidden ? `; ${plural(counts.hidden, 'hidden file')} skipped` : ''}`,
    `${outcomes.join(' + ')} = ${counts.records || counts.held ? `${plural(inputs, 'input')} (${plural(counts.files - counts.held, 'file')} and ${plural(counts.records, 'record')})` : plural(counts.files, 'file')}; ${plural(counts.warnings, 'warning')}`,
  ];
  for (const entry of ledger) if (entry.reason) lines.push(`  rejected  ${entry.reason}`);
  return lines;
}

/** Print the inputs' messages like a compiler, in vfile-reporter style; routine notes only if asked. */
export function printDiagnostics(inputs: readonly Input[], verbose: boolean): void {
  // Info messages (a leftover separated, no date given) are routine: shown only with --verbose.
  const files = inputs
    .map(({ file }) => {
      const shown = new VFile({ path: file.path });
      shown.messages = verbose ? file.messages : file.messages.filter((message) => message.fatal !== null && message.fatal !== undefined);
      return shown;
    })
    .filter((file) => file.messages.length > 0);
  const report = reporter(files);
  if (report) console.error(report);
}
