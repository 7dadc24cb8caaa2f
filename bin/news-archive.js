#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself. The sources in src/ are bundled once by esbuild into
// .cache/compiled/<SHA-256 of src/>/ and run from there: loading tsx's on-the-fly compiler costs
// about 0.3 s on every command, the bundle about 0.05 s. A changed source has another hash, so
// the bundle is never stale; where it cannot be written (a read-only install), tsx runs src/.
import { createHash } from 'node:crypto';
import module from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = path.join(root, 'src');
const compiled = path.join(root, '.cache', 'compiled');

function sourceHash() {
  const hash = createHash('sha256');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(src, path.join(entry.parentPath, entry.name)))
    .sort();
  for (const file of files) hash.update(`${file}\u0000`).update(readFileSync(path.join(src, file))).update('\u0000');
  return hash.digest('hex').slice(0, 16);
}

async function compile(dir) {
  const { build } = await import('esbuild');
  const staging = `${dir}.building-${process.pid}`;
  await build({
    // Each worker (src/workers/parallel.ts's, src/render/pool.ts's, and the process that makes the
    // pictures) is an entry of its own. All files land in one folder, so the code that starts a
    // worker finds it beside itself.
    entryPoints: { cli: path.join(src, 'cli', 'main.ts'), 'parallel-worker': path.join(src, 'workers', 'parallel-worker.ts'), 'render-worker': path.join(src, 'render', 'render-worker.ts'), 'picture-worker': path.join(src, 'render', 'picture-worker.ts') },
    entryNames: '[name]',
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  // What V8 kept of the earlier bundles is of no use to this one: it starts again (a quiet cache).
  rmSync(path.join(root, '.cache', 'v8-compile'), { recursive: true, force: true });
  // Another build may have compiled the same sources meanwhile: either copy is the same code.
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  // Bundles of other sources go once unused for an hour: a command still running may load one of their chunks.
  for (const name of readdirSync(compiled)) {
    const other = path.join(compiled, name);
    try {
      if (other !== dir && Date.now() - statSync(other).mtimeMs > 3_600_000) rmSync(other, { recursive: true, force: true });
    } catch {
      // Another command removed it first.
    }
  }
}

async function bundle() {
  const dir = path.join(compiled, sourceHash());
  try {
    readFileSync(path.join(dir, 'cli.js'));
  } catch {
    mkdirSync(compiled, { recursive: true });
    await compile(dir);
  }
  try {
    // Its time is when it was last used: other commands remove bundles unused for an hour.
    utimesSync(dir, new Date(), new Date());
  } catch {
    // A read-only install keeps its one bundle anyway.
  }
  return path.join(dir, 'cli.js');
}

// Eleventy registers a module resolver (a loader thread on Node 20, through which every later
// import is resolved) so that a JavaScript template changed during a watch is imported afresh. Our
// templates are Nunjucks and our rebuilds import no user module, so the resolver is left off, as
// Eleventy's own setting allows (11ty/eleventy#3371): about 0.3 s a command on Node 20.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= '1';

// Node 22.8 and later keep V8's compiled code of every module loaded from here on in .cache/ (or
// where NODE_COMPILE_CACHE says), so a command after the first loads Eleventy, the store and the
// NLP word lists faster; the worker threads inherit it through the environment. Node 20 has no
// such cache, and a folder that cannot be written leaves it off: either way nothing else changes.
const compileCache = module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE ? undefined : path.join(root, '.cache', 'v8-compile'));
if (compileCache?.directory) process.env.NODE_COMPILE_CACHE ??= compileCache.directory;

let entry;
try {
  entry = await bundle();
} catch {
  const { register } = await import('tsx/esm/api');
  register();
  entry = path.join(src, 'cli', 'main.ts');
}
await import(pathToFileURL(entry).href);
