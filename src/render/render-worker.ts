import { parentPort, workerData } from 'node:worker_threads';
import { openEngine } from './engine.ts';
import { filtersFor, pageData, pageWriter } from './pages.ts';
import type { Batch, RenderReply, RenderWorkerSetup } from './pool.ts';
import { messagesOf } from './templates.ts';

// A worker of `openRenderPool`: an engine of its own over the same templates; for each batch, the
// pages of its records, written as they are rendered, and how many, or the template's message.
const setup = workerData as RenderWorkerSetup;
const engine = openEngine(setup.templatesDir, filtersFor(setup.baseUrl));
const write = pageWriter(setup.outDir);

parentPort!.on('message', async ({ id, ...batch }: Batch & { id: number }) => {
  let reply: RenderReply;
  try {
    const { templates, pages } = await engine;
    const template = templates.find((candidate) => candidate.name === batch.template);
    if (!template) throw new Error(`the worker found no template ${batch.template}`);
    let count = 0;
    for await (const page of pages(template, pageData({ site: batch.site }, { [batch.list]: batch.records }))) {
      write(page);
      count++;
    }
    reply = { id, pages: count };
  } catch (error) {
    reply = { id, error: messagesOf(error).join(': ') || String(error) };
  }
  parentPort!.postMessage(reply);
});
