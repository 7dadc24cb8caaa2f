import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { repoRoot, shippedSeed, summaryLine, tempDir, tempProject } from './helpers.ts';

// Issue 15: the deploy recipes in deploy/ build what they say, with the address their host gives,
// and a run after one that left .cache/ and site/ behind renders only what changed.

const run = promisify(execFile);
const bin = path.join(repoRoot, 'bin', 'news-archive.js');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> };

const stepsOf = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

/** A recipe's build command as its host runs it, with the host's variables given: `npm run build --` is the README's build. */
async function buildAs(command: string, cwd: string, env: Record<string, string>) {
  const shell = command.replace(/^npm run build --/, `node ${JSON.stringify(bin)} build`);
  const { stdout } = await run('bash', ['-c', shell], { cwd, env: { ...process.env, ...env } });
  return stdout;
}

const article = (title: string) => `---\ntitle: ${title}\ndate: 2024-05-0${title.length % 9 + 1}\n---\n\nThe text of ${title.toLowerCase()}, long enough to be an article.\n`;

/** A first publication, then the next push on a fresh checkout with what the cache kept (.cache/ and site/) and one article more. */
async function twoRuns(command: string, env: Record<string, string>) {
  const first = await tempProject({ 'seeds/000_a4d76ca98f8e33ba.txt': await readFile(shippedSeed), 'content/one.md': article('Harbour reopens'), 'content/two.md': article('Library extends hours') });
  const cold = await buildAs(command, first, env);
  const next = await tempDir('checkout');
  await cp(path.join(first, 'seeds'), path.join(next, 'seeds'), { recursive: true });
  await cp(path.join(first, 'content'), path.join(next, 'content'), { recursive: true });
  for (const kept of ['.cache', 'site']) await cp(path.join(first, kept), path.join(next, kept), { recursive: true });
  await writeFile(path.join(next, 'content', 'three.md'), article('School wins prize'));
  const warm = await buildAs(command, next, env);
  return { cold, warm, dir: next };
}

const rendered = (stdout: string) => {
  const [, total, count] = summaryLine.exec(stdout) ?? [];
  return { total: Number(total?.replace(/,/g, '')), rendered: Number(count?.replace(/,/g, '')) };
};

describe('deploy recipes', () => {
  for (const [file, variable, address, expected] of [
    ['github-pages.yml', '${{ steps.pages.outputs.base_url }}', 'https://owner.github.io/news', 'https://owner.github.io/news/'],
    ['cloudflare-pages.yml', '${{ vars.SITE_URL }}', 'https://news.example.org/', 'https://news.example.org/'],
  ] as const) {
    it(`${file}: builds with the address the workflow gives, publishes site/, and keeps .cache/ and site/ between runs`, async () => {
      const workflow = yaml.load(await readFile(path.join(repoRoot, 'deploy', file), 'utf8')) as Workflow;
      assert.ok(workflow.on.push, 'runs on a push');
      const steps = stepsOf(workflow);
      const cache = steps.find((step) => step.uses?.startsWith('actions/cache@'));
      assert.deepEqual(cache?.with?.path?.trim().split('\n').map((line) => line.trim()), ['.cache', 'site']);
      assert.match(cache!.with!['restore-keys'] ?? '', /^news-archive-/);
      const build = steps.find((step) => step.name === 'Build')!;
      assert.ok(steps.indexOf(cache!) < steps.indexOf(build), 'the cache is restored before the build');
      assert.ok(build.run!.includes(variable));
      const published = steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@') || step.uses?.startsWith('cloudflare/wrangler-action@'))!;
      assert.match(published.with?.path ?? published.with?.command ?? '', /\bsite\b/);
      assert.equal(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'], 24);

      const { cold, warm, dir } = await twoRuns(build.run!.replace(variable, address), {});
      assert.equal(rendered(cold).rendered, rendered(cold).total);
      assert.ok(rendered(warm).rendered < rendered(warm).total / 2, `the next run renders what changed: ${summaryLine.exec(warm)?.[0]}`);
      assert.match(await readFile(path.join(dir, 'site', 'feed.xml'), 'utf8'), new RegExp(`<link href="${expected.replace(/[./]/g, '\\$&')}"`));
    });
  }

  it('netlify.toml: builds with the address Netlify gives ($URL), publishes site/, and its cache plugin keeps .cache/ and site/', async () => {
    const toml = await readFile(path.join(repoRoot, 'deploy', 'netlify.toml'), 'utf8');
    const command = JSON.parse(/^\s*command = (".*")$/m.exec(toml)![1]!) as string;
    assert.equal(/^\s*publish = "(.*)"$/m.exec(toml)?.[1], 'site');
    assert.equal(/^\s*package = "(.*)"$/m.exec(toml)?.[1], 'netlify-plugin-cache');
    assert.equal(/^\s*paths = (\[.*\])$/m.exec(toml)?.[1], '[".cache", "site"]');
    const { cold, warm, dir } = await twoRuns(command, { URL: 'https://news-archive.netlify.app' });
    assert.equal(rendered(cold).rendered, rendered(cold).total);
    assert.ok(rendered(warm).rendered < rendered(warm).total / 2);
    assert.match(await readFile(path.join(dir, 'site', 'sitemap.xml'), 'utf8'), /<loc>https:\/\/news-archive\.netlify\.app\//);
  });
});
