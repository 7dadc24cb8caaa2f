import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import type { SiteView } from './view.ts';
import { relativeHref } from './urls.ts';

export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

const integer = new Intl.NumberFormat('en-GB');

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
      config.addFilter('rel', (target: string, fromUrl: string) => relativeHref(target, fromUrl));
      config.addFilter('integer', (value: number) => integer.format(value));
      config.addFilter('plural', (count: number, word: string) => `${integer.format(count)} ${word}${count === 1 ? '' : 's'}`);
    },
  });
  // Our own summary reports the build; errors still reach us as a rejected write().
  eleventy.disableLogger();
  await eleventy.write();
}
