import { spawn } from 'node:child_process';
import { access, constants, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * GNU time, not the shell keyword: only `/usr/bin/time -v` reports the peak resident set size of
 * the child, which is the memory figure we care about (the build runs in one Node process).
 */
export const gnuTime = '/usr/bin/time';
export const installGnuTime = 'apt-get install -y time';

export async function hasGnuTime(): Promise<boolean> {
  return access(gnuTime, constants.X_OK).then(
    () => true,
    () => false,
  );
}

export interface TimeReport {
  wallSeconds: number;
  peakRssKb: number;
  exitStatus: number;
}

/** "1:02:03.45", "2:03.45" or "0:15.53" (what `time -v` prints) to seconds. */
function clockToSeconds(clock: string): number {
  return clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

function field(report: string, label: string): string {
  const line = report.split('\n').find((candidate) => candidate.trim().startsWith(label));
  if (!line) throw new Error(`"${label}" missing from the ${gnuTime} -v report:\n${report}`);
  return line.slice(line.lastIndexOf(': ') + 2).trim();
}

/** The three figures we use from the `time -v` report. */
export function parseTimeReport(report: string): TimeReport {
  const signalled = /Command terminated by signal (\d+)/.exec(report);
  return {
    wallSeconds: clockToSeconds(field(report, 'Elapsed (wall clock) time')),
    peakRssKb: Number(field(report, 'Maximum resident set size (kbytes)')),
    // A command killed by a signal (a crash: Node's heap running out is SIGABRT) has "Exit status: 0"
    // in the report; it is counted as the shell would, 128 + the signal.
    exitStatus: signalled ? 128 + Number(signalled[1]) : Number(field(report, 'Exit status')),
  };
}

export interface Measured extends TimeReport {
  stdout: string;
  /** The end of stderr only: diagnostics for a large corpus can run to megabytes. */
  stderrTail: string;
}

const stderrKept = 4000;

/**
 * Run `command` under `time -v`, the report going to `reportFile` so it cannot mix with the
 * command's own stderr. The whole process is measured, Node start-up and module loading included,
 * because that is what a user waits for.
 */
export function measure(command: readonly string[], cwd: string, reportFile: string, env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(gnuTime, ['-v', '-o', reportFile, ...command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-stderrKept)));
    child.on('error', reject);
    child.on('close', () => {
      readFile(reportFile, 'utf8')
        .then((report) => resolve({ ...parseTimeReport(report), stdout, stderrTail }))
        .catch(reject);
    });
  });
}

/** What the CLI's closing summary (src/cli/summary.ts) says about a build. */
export interface BuildSummary {
  filesRead: number;
  seedsRead: number;
  markdownRead: number;
  articles: number;
  markdownPages: number;
  rejected: number;
  warnings: number;
  /** The HTML pages the site holds, and how many of them this build rendered (the rest were kept). */
  pages: number | null;
  pagesRendered: number | null;
  /** Pages rendered plus the other files written (copied sources, search index, feeds, report). */
  filesWritten: number | null;
  /** The CLI's own in-process timer, which excludes Node start-up. */
  buildSeconds: number | null;
  /** Pictures this build made, and those it took as an earlier build made them (null when none is shown). */
  picturesMade: number | null;
  picturesCached: number | null;
}

/** A number as the summary prints it, thousands separated: "2,225". */
const number = (text: string | undefined) => Number((text ?? '0').replaceAll(',', ''));

function count(text: string, pattern: RegExp): number {
  return number(pattern.exec(text)?.[1]);
}

export function parseSummary(stdout: string): BuildSummary {
  const read = /([\d,]+) files? read \(([\d,]+) seeds?, ([\d,]+) Markdown[,)]/.exec(stdout);
  // "Pictures: 50 made, 0 as an earlier build made them"
  const pictures = /^Pictures: ([\d,]+) made, ([\d,]+) as an earlier build made them/m.exec(stdout);
  // "32,378 pages in site/: 61 rendered, 32,317 unchanged since the last build; 1,120 other files written; 0.95 s"
  const written = /([\d,]+) pages? in .*\/: ([\d,]+) rendered, [\d,]+ unchanged since the last build; ([\d,]+) other files? written; ([\d.]+) s/.exec(stdout);
  return {
    filesRead: number(read?.[1]),
    seedsRead: number(read?.[2]),
    markdownRead: number(read?.[3]),
    // "2,128 articles + 1 page + 98 duplicates + 0 rejected = 2,227 files; 25 warnings"
    articles: count(stdout, /^([\d,]+) articles? \+/m),
    markdownPages: count(stdout, /^[\d,]+ articles? \+ ([\d,]+) pages? \+/m),
    rejected: count(stdout, /([\d,]+) rejected/),
    warnings: count(stdout, /([\d,]+) warnings?\b/),
    pages: written ? number(written[1]) : null,
    pagesRendered: written ? number(written[2]) : null,
    filesWritten: written ? number(written[2]) + number(written[3]) : null,
    buildSeconds: written ? Number(written[4]) : null,
    picturesMade: pictures ? number(pictures[1]) : null,
    picturesCached: pictures ? number(pictures[2]) : null,
  };
}

/** HTML files on disk under `dir`: the pages a reader can open, whatever the summary counts. */
export async function countHtmlFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && path.extname(entry.name) === '.html').length;
}
