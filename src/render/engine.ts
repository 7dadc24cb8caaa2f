import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RenderPlugin } from '@11ty/eleventy';
import matter from 'gray-matter';

/**
 * Eleventy's template engine without its whole-site build: the Nunjucks environment Eleventy sets
 * up (its filters, includes and front-matter parsers), driven page by page through its
 * `RenderPlugin.RenderManager`. Eleventy's `write()` keeps every page it renders until the end and
 * spends about a millisecond of bookkeeping on each; here a page is rendered from its data and
 * handed back at once, so the caller writes it and lets it go.
 */

type Data = Record<string, unknown>;
type Computed = string | ((data: Data) => unknown);
type RenderFn = (data: Data) => Promise<string>;

/** What a template's front matter may say, in Eleventy's own terms. */
interface FrontMatter {
  layout?: string;
  permalink?: Computed | false;
  pagination?: { data: string; size?: number; alias?: string };
  eleventyComputed?: Record<string, Computed>;
  [key: string]: unknown;
}

/** A template read and compiled once: its front matter and its compiled body. */
export interface Template {
  /** Its path under the templates folder, `article.njk`. */
  name: string;
  inputPath: string;
  frontMatter: FrontMatter;
  render: RenderFn;
}

/** One page a template makes: the file it is written to and its text. */
export interface RenderedPage {
  file: string;
  text: string;
}

export interface Engine {
  /** Every template that makes pages (not includes or layouts), in path order. */
  templates: Template[];
  /** Every page `template` makes from `data` (the global data), one after another. */
  pages(template: Template, data: Data): AsyncGenerator<RenderedPage>;
}

/** Filters the templates may call besides Nunjucks' own. */
export type Filters = Record<string, (...args: never[]) => unknown>;

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The template files that make pages: `*.njk` anywhere under `dir` except `_includes/` and `assets/`. */
function templateFiles(dir: string, under = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(dir, under), { withFileTypes: true }).sort((a, b) => byteOrder(a.name, b.name))) {
    const name = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!under && (entry.name === '_includes' || entry.name === 'assets')) continue;
      found.push(...templateFiles(dir, name));
    } else if (entry.name.endsWith('.njk')) found.push(name);
  }
  return found;
}

/** `a.b.c` of `data`, as Eleventy reads a pagination's `data`. */
const valueAt = (data: Data, dotted: string): unknown => dotted.split('.').reduce<unknown>((value, key) => (value as Data | undefined)?.[key], data);

/** Eleventy's `page.url` for an output file: `articles/x/index.html` is `/articles/x/`. */
const urlOfFile = (file: string) => `/${file.replace(/(?:^|\/)index\.html$/, (match) => (match.startsWith('/') ? '/' : ''))}`;

/** Eleventy's default output file for a template with no permalink: `about.njk` to `about/index.html`. */
function defaultFile(name: string, pageNumber: number): string {
  const stem = name.replace(/\.njk$/, '');
  const folder = stem === 'index' ? '' : stem.endsWith('/index') ? stem.slice(0, -'index'.length) : `${stem}/`;
  return `${folder}${pageNumber > 0 ? `${pageNumber}/` : ''}index.html`;
}

/** Set up Eleventy's engine over the templates in `dir`, with our filters. */
export async function openEngine(dir: string, filters: Filters): Promise<Engine> {
  const manager = new RenderPlugin.RenderManager();
  manager.templateConfig.directories.setInput(dir);
  manager.config((config: { addFilter(name: string, filter: unknown): void }) => {
    for (const [name, filter] of Object.entries(filters)) config.addFilter(name, filter);
  });
  await manager.init();
  const parsing = manager.templateConfig.getConfig().frontMatterParsingOptions;
  const compile = async (file: string) => {
    // gray-matter keeps every text it parsed in a cache of its own: the empty excerpt option skips it.
    const parsed = matter(readFileSync(file, 'utf8'), { ...parsing, filePath: file, excerpt: false });
    return { frontMatter: parsed.data as FrontMatter, render: (await manager.compile(parsed.content, 'njk')) as RenderFn };
  };
  const layouts = new Map<string, Promise<{ frontMatter: FrontMatter; render: RenderFn }>>();
  const layout = (name: string) => {
    if (!layouts.has(name)) layouts.set(name, compile(path.join(dir, '_includes', name)));
    return layouts.get(name)!;
  };
  const templates: Template[] = [];
  for (const name of templateFiles(dir)) {
    const inputPath = path.join(dir, name);
    templates.push({ name, inputPath, ...(await compile(inputPath)) });
  }

  /** A value given as a function of the data, or as a template string to render with it. */
  const evaluate = async (value: Computed, data: Data): Promise<unknown> => {
    if (typeof value === 'function') return value(data);
    if (typeof value === 'string' && /{[{%]/.test(value)) return (await manager.compile(value, 'njk'))(data);
    return value;
  };

  async function renderOne(template: Template, data: Data): Promise<RenderedPage | null> {
    const { permalink } = template.frontMatter;
    const pageNumber = (data.pagination as { pageNumber?: number } | undefined)?.pageNumber ?? 0;
    const file = permalink === false ? false : permalink === undefined ? defaultFile(template.name, pageNumber) : await evaluate(permalink, data);
    if (file === false || file === null || file === undefined || file === '') return null;
    const outputFile = String(file).replace(/^\/+/, '').replace(/(^|\/)$/, '$1index.html');
    const page = { url: urlOfFile(outputFile), inputPath: template.inputPath, outputPath: outputFile, fileSlug: path.basename(template.name, '.njk') };
    const pageData: Data = { ...data, page };
    for (const [key, value] of Object.entries(template.frontMatter.eleventyComputed ?? {})) pageData[key] = await evaluate(value, pageData);
    let text = await template.render(pageData);
    // A layout wraps the page's text, and its own front matter fills in what the page did not say.
    for (let name = template.frontMatter.layout, seen = 0; name; seen++) {
      if (seen > 20) throw new Error(`${template.name}: layouts nest more than 20 deep`);
      const wrapper = await layout(name);
      const { layout: outer, ...defaults } = wrapper.frontMatter;
      text = await wrapper.render({ ...defaults, ...pageData, content: text });
      name = outer;
    }
    return { file: outputFile, text };
  }

  return {
    templates,
    async *pages(template, globalData) {
      const { pagination, eleventyComputed: _computed, permalink: _permalink, layout: _layout, ...own } = template.frontMatter;
      const data: Data = { ...globalData, ...own };
      if (!pagination) {
        const page = await renderOne(template, data);
        if (page) yield page;
        return;
      }
      const items = valueAt(data, pagination.data);
      const list = Array.isArray(items) ? items : items && typeof items === 'object' ? Object.keys(items) : [];
      const size = pagination.size ?? 1;
      for (let start = 0, pageNumber = 0; start < list.length; start += size, pageNumber++) {
        const chunk = list.slice(start, start + size);
        const paged: Data = { ...data, pagination: { ...pagination, items: chunk, pageNumber, size } };
        if (pagination.alias) paged[pagination.alias] = size === 1 ? chunk[0] : chunk;
        const page = await renderOne(template, paged);
        if (page) yield page;
      }
    },
  };
}
