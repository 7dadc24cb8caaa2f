import { spawn } from 'node:child_process';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.ts';
import EleventyDevServer from '@11ty/eleventy-dev-server';
import type { BuildOptions } from './build.ts';

export interface ServeOptions {
  port: number;
  /** The `build` flags the user gave; the child build reads the config file itself. */
  buildFlags: string[];
}

const cli = path.join(packageRoot, 'bin', 'news-archive.js');

/**
 * Build, serve the output folder with Eleventy's dev server, and rebuild and live-reload the
 * browser whenever a seed, an article or a template changes. Each build runs in a fresh process,
 * exactly as `news-archive build` does, so no cache of an earlier build can leak into the next.
 */
export async function serve(options: BuildOptions, serveOptions: ServeOptions): Promise<void> {
  const runBuild = () =>
    new Promise<boolean>((resolve) => {
      const child = spawn(process.execPath, [cli, 'build', ...serveOptions.buildFlags], { stdio: 'inherit' });
      child.on('exit', (code) => resolve(code === 0));
      child.on('error', () => resolve(false));
    });
  await runBuild();

  const outDir = path.resolve(options.outDir);
  const server = EleventyDevServer.getServer('news-archive', outDir, { port: serveOptions.port, domDiff: false });
  server.serve(serveOptions.port);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const schedule = (changed: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        console.log(`\nChanged: ${changed}; rebuilding`);
        if (await runBuild()) server.reload({ files: [changed] });
      });
    }, 150);
  };

  const folders = [options.seedsDir, options.contentDir, path.relative(process.cwd(), path.resolve(options.templatesDir)) || '.'];
  const watchers: FSWatcher[] = [];
  const pending = new Set(folders);
  const startWatching = () => {
    for (const dir of pending) {
      if (!existsSync(dir)) continue;
      pending.delete(dir);
      watchers.push(watch(path.resolve(dir), { recursive: true }, (_event, name) => schedule(path.join(dir, String(name ?? '')))));
    }
  };
  startWatching();
  // A folder created after serve started (the first seed of a new archive) is picked up too.
  const poll = setInterval(() => {
    const before = pending.size;
    startWatching();
    if (pending.size < before) schedule('a new input folder');
    if (pending.size === 0) clearInterval(poll);
  }, 500);
  console.log(`Watching ${folders.join(', ')} for changes; press Ctrl-C to stop.`);

  const stop = async () => {
    clearInterval(poll);
    for (const watcher of watchers) watcher.close();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
