import type { Worker } from 'node:worker_threads';
import { siblingEntry } from '../util/sibling-entry.ts';
import { startWorker } from '../workers/parallel.ts';
import { TemplateError } from './templates.ts';
import type { SiteWide } from '../view/view.ts';

/** Records of one paged template to render on one thread: all a page needs besides the templates. */
export interface Batch {
  template: string;
  list: string;
  records: unknown[];
  site: SiteWide;
}

/** What a render worker is started with. */
export interface RenderWorkerSetup {
  templatesDir: string;
  baseUrl: string | null;
  outDir: string;
}

export type RenderReply = { id: number; pages: number } | { id: number; error: string };

export interface RenderPool {
  /**
   * Render every batch: the workers take them from the front, `renderHere` (this thread) from the
   * back, so the threads end together. A worker that fails leaves its batch to this thread; a
   * template that fails rejects with its message.
   */
  renderAll(batches: readonly Batch[], renderHere: (batch: Batch) => Promise<void>, onPage: () => void, prepare: (batch: Batch) => Batch): Promise<void>;
  /** Stop the workers; resolves once they have stopped, so none writes into a folder about to be removed. */
  close(): Promise<void>;
}

export function openRenderPool(count: number, setup: RenderWorkerSetup): RenderPool {
  const workers: Worker[] = [];
  const stopped = new Set<Worker>();
  for (let index = 0; index < count; index++) {
    try {
      const worker = startWorker(siblingEntry('render-worker', import.meta.url), setup);
      // A worker that fails or stops while idle is left out; the batches it would have taken go to the others.
      worker.on('error', () => {});
      worker.on('exit', () => stopped.add(worker));
      workers.push(worker);
    } catch {
      break;
    }
  }
  return {
    async renderAll(batches, renderHere, onPage, prepare) {
      let front = 0;
      let back = batches.length - 1;
      let failure: Error | null = null;
      const left: Batch[] = [];
      const serve = (worker: Worker) =>
        new Promise<void>((done) => {
          let current: Batch | null = null;
          const next = () => {
            if (failure || front > back) return finish();
            current = batches[front++]!;
            worker.postMessage({ id: front, ...prepare(current) });
          };
          const finish = () => {
            worker.off('message', onReply);
            worker.off('error', onLost);
            worker.off('messageerror', onLost);
            worker.off('exit', onLost);
            done();
          };
          const onReply = (reply: RenderReply) => {
            if ('error' in reply) {
              failure ??= new TemplateError(new Error(reply.error));
              return finish();
            }
            for (let page = 0; page < reply.pages; page++) onPage();
            current = null;
            next();
          };
          // A worker that dies leaves what it held to this thread.
          const onLost = () => {
            if (current) left.push(current);
            finish();
          };
          worker.on('message', onReply);
          worker.on('error', onLost);
          worker.on('messageerror', onLost);
          worker.on('exit', onLost);
          next();
        });
      const here = async () => {
        while (!failure && front <= back) {
          await renderHere(batches[back--]!);
          // Rendering settles in microtasks only: let the workers' replies in, so each gets its next batch.
          await new Promise(setImmediate);
        }
      };
      await Promise.all([...workers.filter((worker) => !stopped.has(worker)).map(serve), here()]);
      if (failure) throw failure;
      for (const batch of left) await renderHere(batch);
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
