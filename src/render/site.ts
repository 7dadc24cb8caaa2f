import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import type { PagesToRender } from '../publish/page-keys.ts';
import type { SiteView } from '../publish/view.ts';
import { contentSecurityPolicy } from '../publish/security.ts';
import { outputPathOf, relativeHref, templateLinks } from '../publish/urls.ts';
import { integerText, plural } from '../publish/words.ts';
import { TemplateError } from '../publish/templates.ts';
import { openEngine } from './engine.ts';

export { defaultTemplatesDir, missingTemplates, TemplateError } from '../publish/templates.ts';

/**
 * Render the site view through the Nunjucks templates into `outDir` with Eleventy's engine, and
 * write each page as soon as it is rendered (rendering is async, so a signal can still land between pages). Every template sees the whole view as `archive`;
 * the paged templates page over `render`, the records whose pages this build renders. Autoescape
 * stays on; only HTML our pipeline produced is marked safe.
 */
export async function renderSite(view: SiteView, render: PagesToRender, outDir: string, templatesDir: string, onPage: () => void = () => {}): Promise<void> {
  // The 404 page is served for any missing address, at any depth: its links start from the
  // host's root when the base URL is known (a path, not a whole URL, so that a preview host
  // or www. still finds its stylesheet), and are relative to the site's root otherwise.
  const baseUrl = view.site.baseUrl;
  const rel = (target: string, fromUrl: string) =>
    fromUrl === '/404.html' && baseUrl ? new URL(outputPathOf(target.split('#')[0] ?? ''), baseUrl).pathname : relativeHref(target, fromUrl);
  const data = { archive: view, render, links: templateLinks, contentSecurityPolicy };
  const folders = new Set<string>();
  try {
    const engine = await openEngine(templatesDir, { rel, integer: integerText, plural });
    for (const template of engine.templates) {
      for await (const page of engine.pages(template, data)) {
        const file = path.join(outDir, page.file);
        const folder = path.dirname(file);
        if (!folders.has(folder)) {
          mkdirSync(folder, { recursive: true });
          folders.add(folder);
        }
        // Written synchronously: many small files go out several times faster than through
        // promises, and the page's text is let go at once.
        writeFileSync(file, page.text);
        onPage();
      }
    }
  } catch (error) {
    throw new TemplateError(error);
  }
  const assets = path.join(templatesDir, 'assets');
  if (existsSync(assets)) await cp(assets, path.join(outDir, 'assets'), { recursive: true });
}
