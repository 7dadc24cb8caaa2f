import { loadArchive, type Input } from '../pipeline/archive.ts';
import { loadEntityRules } from '../ingest/entity-rules.ts';
import type { BuildOptions } from './build.ts';
import { countsOf } from '../publish/report.ts';
import { siteView } from '../view/view.ts';
import { siteSettingsOf } from '../pipeline/settings.ts';
import { countLines } from '../cli/summary.ts';

export interface CheckOutcome {
  inputs: Input[];
  lines: string[];
  /** A file was rejected, or `--strict` found a warning. */
  failed: boolean;
}

/** Read and check every input as a build would, and say what became of each; write nothing. */
export async function check(options: BuildOptions): Promise<CheckOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const entityRules = await loadEntityRules(options.entityRules, cwd);
  const archive = await loadArchive({ seedsDir: options.seedsDir, contentDir: options.contentDir, maxBytes: options.maxBytes, entityRules, cwd });
  const view = siteView(archive, siteSettingsOf(options));
  const counts = countsOf(archive);
  const failed = counts.rejected > 0 || (options.strict && counts.warnings > 0);
  const verdict = failed
    ? `Check failed: ${counts.rejected} rejected${options.strict ? `, ${counts.warnings} warnings (--strict)` : ''}. Nothing was written.`
    : 'Check passed. Nothing was written.';
  return { inputs: archive.inputs, lines: [...countLines(view.ledger, counts), verdict], failed };
}
