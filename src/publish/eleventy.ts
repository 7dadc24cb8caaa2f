import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import type { PagesToRender } from './page-keys.ts';
import type { SiteView } from './view.ts';
import { contentSecurityPolicy } from './security.ts';
import { outputPathOf, relativeHref, templateLinks } from './urls.ts';
import { integerText, plural } from './words.ts';
import { TemplateError } from './templates.ts';

export { defaultTemplatesDir, missingTemplates, TemplateError } from './templates.ts';

interface NunjucksTemplate {
  render(data: unknown, callback: (error: Error | null, result: string) => void): void;
}
interface NunjucksLibrary {
  Template: new (source: string, environment: unknown, path: string, eagerCompile: boolean) => NunjucksTemplate;
}

/**
 * Eleventy compiles a Nunjucks template anew for every page it renders (its Nunjucks engine opts
 * out of the compile cache), which at 10,000 articles costs seconds. Compile each template once,
 * in the environment Eleventy set up (filters, includes and all), and let Eleventy cache it.
 * Eleventy's caches live as long as the process, so each build runs in a process of its own
 * (`serve` starts a fresh one for every rebuild).
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
 * programmatic API. Every template sees the whole view as `archive`; the paged templates page
 * over `render`, the records whose pages this build renders. Autoescape stays on; only HTML our
 * pipeline produced is marked safe.
 */
export async function renderSite(view: SiteView, render: PagesToRender, outDir: string, templatesDir: string, onPage: () => void = () => {}): Promise<void> {
  const input = path.relative(process.cwd(), path.resolve(templatesDir)) || '.';
  const eleventy = new Eleventy(input, outDir, {
    quietMode: true,
    // No project config file: this function is the whole configuration.
    configPath: false,
    config(config: any) {
      config.setUseGitIgnore(false);
      config.setTemplateFormats(['njk']);
      config.addGlobalData('archive', view);
      config.addGlobalData('render', render);
      config.addGlobalData('links', templateLinks);
      config.addGlobalData('contentSecurityPolicy', contentSecurityPolicy);
      cacheNunjucksCompiles(config);
      // Called once for every page written: how the progress line counts.
      config.addTransform('progress', (content: string) => {
        onPage();
        return content;
      });
      // The 404 page is served for any missing address, at any depth: its links start from the
      // host's root when the base URL is known (a path, not a whole URL, so that a preview host
      // or www. still finds its stylesheet), and are relative to the site's root otherwise.
      const baseUrl = view.site.baseUrl;
      config.addFilter('rel', (target: string, fromUrl: string) =>
        fromUrl === '/404.html' && baseUrl ? new URL(outputPathOf(target.split('#')[0] ?? ''), baseUrl).pathname : relativeHref(target, fromUrl),
      );
      config.addFilter('integer', integerText);
      config.addFilter('plural', plural);
    },
  });
  // Our own summary reports the build; errors still reach us as a rejected write().
  eleventy.disableLogger();
  try {
    await eleventy.write();
  } catch (error) {
    throw new TemplateError(error);
  }
  // Copied here rather than by Eleventy's passthrough, which would go on copying after a template
  // failed, into a staging folder that is already gone.
  const assets = path.join(templatesDir, 'assets');
  if (existsSync(assets)) await cp(assets, path.join(outDir, 'assets'), { recursive: true });
}
