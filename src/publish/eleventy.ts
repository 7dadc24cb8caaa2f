import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import type { SiteView } from './view.ts';
import { relativeHref } from './urls.ts';

export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

const integer = new Intl.NumberFormat('en-GB');

interface NunjucksTemplate {
  render(data: unknown, callback: (error: Error | null, result: string) => void): void;
}
interface NunjucksLibrary {
  Template: new (source: string, environment: unknown, path: string, eagerCompile: boolean) => NunjucksTemplate;
}

/**
 * Eleventy compiles a Nunjucks template anew for every page it renders (its Nunjucks engine opts
 * out of the compile cache), which at 10,000 articles costs seconds. Compile each template once,
 * in the environment Eleventy set up (filters and includes and all), and let Eleventy cache it.
 */
function cacheNunjucksCompiles(config: any): void {
  let library: NunjucksLibrary | undefined;
  let environment: unknown;
  config.on('eleventy.engine.njk', (event: { nunjucks: NunjucksLibrary; environment: unknown }) => {
    library = event.nunjucks;
    environment = event.environment;
  });
  config.addExtension('njk', {
    key: 'njk',
    compileOptions: { cache: true },
    compile(source: string, inputPath: string) {
      if (!library) throw new Error('Eleventy did not set up its Nunjucks environment');
      const template = new library.Template(source, environment, inputPath, true);
      return (data: unknown) =>
        new Promise<string>((resolve, reject) => template.render(data, (error, result) => (error ? reject(error) : resolve(result))));
    },
  });
}

/**
 * Render the site view through the Nunjucks templates into `outDir` with Eleventy's
 * programmatic API. Autoescape stays on; only HTML our pipeline produced is marked safe.
 */
export async function renderSite(view: SiteView, outDir: string): Promise<void> {
  const input = path.relative(process.cwd(), templatesDir) || '.';
  const eleventy = new Eleventy(input, outDir, {
    quietMode: true,
    // No project config file: this function is the whole configuration.
    configPath: false,
    config(config: any) {
      config.setUseGitIgnore(false);
      config.setTemplateFormats(['njk']);
      config.addPassthroughCopy({ [path.join(input, 'assets')]: 'assets' });
      config.addGlobalData('archive', view);
      cacheNunjucksCompiles(config);
      config.addFilter('rel', (target: string, fromUrl: string) => relativeHref(target, fromUrl));
      config.addFilter('integer', (value: number) => integer.format(value));
      config.addFilter('plural', (count: number, word: string) => `${integer.format(count)} ${word}${count === 1 ? '' : 's'}`);
    },
  });
  // Our own summary reports the build; errors still reach us as a rejected write().
  eleventy.disableLogger();
  await eleventy.write();
}
