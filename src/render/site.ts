import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { materialise, type PagesToRender } from './page-keys.ts';
import type { SiteView } from '../view/view.ts';
import { TemplateError } from './templates.ts';
import { openEngine, type Template } from './engine.ts';
import { filtersFor, pageData, pageWriter } from './pages.ts';
import { openRenderPool, type Batch } from './pool.ts';

export { defaultTemplatesDir, missingTemplates, TemplateError } from './templates.ts';

/** Records sent to a thread at a time: enough to make the message worth it, few enough to share out evenly. */
const batchSize = 200;
/** Fewer records than this to render are rendered on this thread alone: a worker takes a while to start. */
const workerThreshold = Number(process.env.NEWS_ARCHIVE_RENDER_THRESHOLD ?? 1_000);

/** The list in `render` a template pages over (`pagination.data: render.articles`), if it does. */
const pagedList = (template: Template): keyof PagesToRender | null => {
  const data = template.frontMatter.pagination?.data;
  return data?.startsWith('render.') ? (data.slice('render.'.length) as keyof PagesToRender) : null;
};

/**
 * Render the site view through the Nunjucks templates into `outDir` with Eleventy's engine, and
 * write each page as soon as it is rendered. A template that pages over `render.<list>` makes one
 * page per record from that record and `archive.site` alone, so its records are shared out in
 * batches between this thread and worker threads (one per other core), each with an engine of its
 * own; every other template sees the whole view as `archive` and is rendered here. Autoescape
 * stays on; only HTML our pipeline produced is marked safe.
 */
export async function renderSite(view: SiteView, render: PagesToRender, outDir: string, templatesDir: string, onPage: () => void = () => {}): Promise<void> {
  const filters = filtersFor(view.site.baseUrl);
  const write = pageWriter(outDir);
  const records = Object.values(render).reduce((sum, list) => sum + list.length, 0);
  const pool = openRenderPool(records >= workerThreshold ? Math.max(1, availableParallelism() - 1) : 0, { templatesDir, baseUrl: view.site.baseUrl, outDir });
  try {
    const engine = await openEngine(templatesDir, filters);
    const batches: Batch[] = [];
    for (const template of engine.templates) {
      const list = pagedList(template);
      if (!list) {
        for await (const page of engine.pages(template, pageData(view, render))) {
          write(page);
          onPage();
        }
        continue;
      }
      for (let start = 0; start < render[list].length; start += batchSize) batches.push({ template: template.name, list, records: render[list].slice(start, start + batchSize), site: view.site });
      // Made into what the template sees (an article's whole view) only as its batch is sent.
    }
    // The workers take batches from the front, this thread from the back, until none is left.
    const renderHere = async (batch: Batch) => {
      const template = engine.templates.find((candidate) => candidate.name === batch.template)!;
      const records = materialise(view, batch.list as keyof PagesToRender, batch.records);
      for await (const page of engine.pages(template, pageData({ site: batch.site }, { [batch.list]: records }))) {
        write(page);
        onPage();
      }
    };
    await pool.renderAll(batches, renderHere, onPage, (batch) => ({ ...batch, records: materialise(view, batch.list as keyof PagesToRender, batch.records) }));
  } catch (error) {
    throw error instanceof TemplateError ? error : new TemplateError(error);
  } finally {
    await pool.close();
  }
  const assets = path.join(templatesDir, 'assets');
  if (existsSync(assets)) await cp(assets, path.join(outDir, 'assets'), { recursive: true });
}
