import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of package `name` at or above `from`: the nearest package.json that names it. */
export function packageFolder(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === name) return dir;
    if (path.dirname(dir) === dir) throw new Error(`${name}'s package.json was not found above ${from}`);
  }
}

/**
 * The folder news-archive is installed in (templates, package-lock.json, src/). Found by walking
 * up from this module to news-archive's package.json, so that it is the same whether the module
 * runs from src/ through tsx or from the compiled bundle in .cache/compiled/.
 */
export const packageRoot = packageFolder('news-archive', path.dirname(fileURLToPath(import.meta.url)));
