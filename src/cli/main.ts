import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BuildOptions } from '../commands/build.ts';
import { unchangedSince } from '../store/fingerprint.ts';
import { progressLine } from './progress.ts';
import { plural } from '../view/words.ts';
import { configFileName, loadConfig } from './config.ts';
import { UsageError } from './errors.ts';
import { BuildLockTimeout, withBuildLock } from '../store/lock.ts';
import { defaultTemplatesDir, missingTemplates, TemplateError } from '../render/templates.ts';

const help = `news-archive: scraped news text and Markdown articles in, a static archive site out.

Usage
  news-archive build [options]   build the site
  news-archive serve [options]   build, serve on localhost with live reload, rebuild on change
  news-archive check [options]   read and check every input, print every message; build nothing
  news-archive new "Headline"    start a Markdown article in the content folder
  news-archive --help            show this help

Options
  --seeds DIR       scraped text files, *.txt in any sub-folder   (default: seeds)
  --content DIR     Markdown articles and pages, *.md             (default: content)
  --out DIR         where the site is written                     (default: site)
  --templates DIR   your own copy of the templates                (default: the ones shipped)
  --strict          fail on any warning or rejected file, and publish nothing
  --max-bytes N     largest input file read, in bytes             (default: 5242880)
  --base-url URL    where the site will be published, e.g. https://example.org/news/;
                    feeds, the sitemap and canonical links need it (without it they are skipped)
  --no-search       leave out the search page and its index (search: false in the config)
  --search-engine E own (the index news-archive makes and updates itself), or pagefind
                                                                  (default: own)
  --verbose         also list routine notes (leftovers separated, ...)
  --port N          port for serve                                (default: 8080)
  --date YYYY-MM-DD date for new                                  (default: today)
  --section NAME    section for new

Defaults can be set in ${configFileName}; flags win.
Exit status: 0 when the site was published (check: when every input is accepted); 1 when no
article could be built, a file was rejected (check), or --strict found a warning or rejection;
2 for a usage or configuration error.`;

const options = {
  seeds: { type: 'string' },
  content: { type: 'string' },
  out: { type: 'string' },
  templates: { type: 'string' },
  strict: { type: 'boolean', default: false },
  'max-bytes': { type: 'string' },
  'base-url': { type: 'string' },
  'no-search': { type: 'boolean', default: false },
  'search-engine': { type: 'string' },
  verbose: { type: 'boolean', default: false },
  port: { type: 'string' },
  date: { type: 'string' },
  section: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function searchEngineOf(value: string): 'pagefind' | 'own' {
  if (value !== 'pagefind' && value !== 'own') throw new UsageError(`--search-engine takes pagefind or own, not "${value}"`);
  return value;
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} takes a positive whole number, not "${value}"`);
  return Number(value);
}

/** A base URL as the site's root: http or https, ending in a slash. */
function baseUrlOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url ${value}: not an address; give one such as https://example.org/news/`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--base-url ${value}: must be an http or https address`);
  if (url.search || url.hash) throw new UsageError(`--base-url ${value}: must not hold a query or a fragment`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const command = positionals[0];
  if (values.help || command === 'help') {
    console.log(help);
    return 0;
  }
  if (command === undefined) {
    console.error(help);
    return 2;
  }
  if (!['build', 'serve', 'check', 'new'].includes(command)) throw new UsageError(`unknown command "${command}"`);
  const extra = positionals[command === 'new' ? 2 : 1];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"${command === 'new' ? ': put the headline in quotes' : ''}`);
  if ((values.date !== undefined || values.section !== undefined) && command !== 'new') throw new UsageError('--date and --section are for new');
  for (const flag of ['seeds', 'content', 'templates'] as const) {
    const dir = values[flag];
    if (dir === undefined) continue;
    if (!existsSync(dir)) throw new UsageError(`--${flag} ${dir}: no such folder`);
    if (!statSync(dir).isDirectory()) throw new UsageError(`--${flag} ${dir} is a file, not a folder`);
  }
  if (values.port !== undefined && command !== 'serve') throw new UsageError('--port is for serve');
  const config = await loadConfig();
  const buildOptions: BuildOptions = {
    seedsDir: values.seeds ?? config.seeds,
    contentDir: values.content ?? config.content,
    outDir: values.out ?? config.out,
    templatesDir: values.templates ?? config.templates ?? defaultTemplatesDir,
    strict: values.strict,
    maxBytes: positiveInteger(values['max-bytes'], '--max-bytes') ?? config.maxBytes,
    title: config.title,
    lang: config.lang,
    perPage: config.perPage,
    baseUrl: baseUrlOf(values['base-url'] ?? config.baseUrl),
    entityRules: config.entityRules,
    search: config.search && !values['no-search'],
    searchEngine: searchEngineOf(values['search-engine'] ?? config.searchEngine),
  };
  if (command === 'new') {
    const headline = positionals[1];
    if (!headline?.trim()) throw new UsageError('new takes the headline: news-archive new "Markets rally"');
    const { localDate, newArticle } = await import('../commands/new-article.ts');
    const written = await newArticle({ headline, contentDir: buildOptions.contentDir, date: values.date ?? localDate(), ...(values.section ? { section: values.section } : {}) });
    console.log(`Wrote ${written}: replace its body, then run news-archive build`);
    return 0;
  }
  if (command === 'check') {
    // The pipeline (Eleventy, the NLP word lists) loads only for the commands that run it.
    const [{ check }, { printDiagnostics }] = await Promise.all([import('../commands/check.ts'), import('./summary.ts')]);
    const outcome = await check(buildOptions);
    printDiagnostics(outcome.inputs, true);
    console.log(outcome.lines.join('\n'));
    return outcome.failed ? 1 : 0;
  }
  const missing = missingTemplates(buildOptions.templatesDir);
  if (missing.length > 0) throw new UsageError(`templates folder ${buildOptions.templatesDir} lacks ${missing.join(', ')}; start from a copy of the shipped templates/`);
  if (command === 'serve') {
    const buildFlags = (['seeds', 'content', 'out', 'templates', 'max-bytes', 'base-url', 'search-engine'] as const).flatMap((flag) => (values[flag] === undefined ? [] : [`--${flag}`, String(values[flag])]));
    if (values.strict) buildFlags.push('--strict');
    if (values.verbose) buildFlags.push('--verbose');
    if (values['no-search']) buildFlags.push('--no-search');
    const { serve } = await import('../commands/serve.ts');
    await serve(buildOptions, { port: positiveInteger(values.port, '--port') ?? 8080, buildFlags });
    return 0;
  }
  // One build at a time writes the site and the cache: a second one waits (serve's rebuilds are builds too).
  return withBuildLock(process.cwd(), 'build', async () => {
    // Checked before the pipeline is loaded: a build with nothing to do should take no time.
    const started = process.hrtime.bigint();
    const { fingerprint, unchanged } = await unchangedSince(buildOptions);
    if (unchanged) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(`Nothing changed since the last build (inputs, templates, settings and code): ${buildOptions.outDir}/ is up to date, with ${plural(unchanged.articles ?? 0, 'article')} (${seconds.toFixed(2)} s)`);
      return 0;
    }
    const [{ build }, { printDiagnostics, summarise }] = await Promise.all([import('../commands/build.ts'), import('./summary.ts')]);
    const result = await build({ ...buildOptions, fingerprint, progress: progressLine() });
    printDiagnostics(result.archive.inputs, values.verbose);
    console.log(summarise(result, buildOptions.outDir));
    return result.failure ? 1 : 0;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // User mistakes get one line; anything else is a bug in news-archive and keeps its stack.
    if (error instanceof TemplateError) {
      console.error(`news-archive: ${error.message}\nNothing was published; the previous site is as it was.`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof BuildLockTimeout) {
      console.error(`news-archive: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    const known = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(known ? `news-archive: ${(error as Error).message}\nRun news-archive --help for usage.` : error);
    process.exitCode = 2;
  },
);
