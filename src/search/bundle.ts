import path from 'node:path';
import { packageRoot } from '../util/package-root.ts';
import { stemmerPackage } from './stemmers.ts';

/**
 * The search page's engine (`engine.ts`, with the words and format it shares with the build) and
 * the stemmers of the archive's languages, bundled by esbuild into one small ES module for the
 * browser. The same sources and languages give the same bytes.
 */
export async function engineBundle(langs: readonly string[]): Promise<string> {
  const { build } = await import('esbuild');
  const imports: string[] = [];
  const entries: string[] = [];
  [...new Set(langs)].sort().forEach((lang, index) => {
    const chosen = stemmerPackage(lang);
    if (!chosen) return;
    imports.push(`import { ${chosen.name} as stem${index} } from ${JSON.stringify(chosen.specifier)};`);
    entries.push(`${JSON.stringify(lang)}: stem${index}`);
  });
  const contents = [`export { openIndex } from ${JSON.stringify('./' + path.join('src', 'search', 'engine.ts'))};`, ...imports, `export const stemmers = { ${entries.join(', ')} };`].join('\n');
  const result = await build({
    stdin: { contents, resolveDir: packageRoot, loader: 'ts', sourcefile: 'search-engine.ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
