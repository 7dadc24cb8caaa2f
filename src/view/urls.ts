/**
 * Every address in the site comes from here. Addresses are paths from the site's root with no
 * leading slash (`articles/x/`); pages link to them relatively, so the site works under any path.
 */
export const urls = {
  home: () => '',
  /** A list's first page is its own address; a page further back is named by its oldest article (see paging.ts). */
  indexPage: (page?: string) => (page ? `page/${page}/` : ''),
  article: (slug: string) => `articles/${slug}/`,
  original: (slug: string) => `articles/${slug}/original/`,
  rawSource: (slug: string, sourcePath: string) => `articles/${slug}/source${sourcePath.endsWith('.md') ? '.md' : '.txt'}`,
  sources: () => 'sources/',
  sections: () => 'sections/',
  section: (slug: string, page?: string) => `sections/${slug}/${page ? `page/${page}/` : ''}`,
  tags: () => 'tags/',
  tag: (slug: string, page?: string) => `tags/${slug}/${page ? `page/${page}/` : ''}`,
  entities: () => 'entities/',
  entity: (key: string, page?: string) => `entities/${key}/${page ? `page/${page}/` : ''}`,
  dates: () => 'archive/',
  month: (month: string, page?: string) => `archive/${month.slice(0, 4)}/${month.slice(5, 7)}/${page ? `page/${page}/` : ''}`,
  undated: (page?: string) => `archive/undated/${page ? `page/${page}/` : ''}`,
  search: () => 'search/',
  searchScript: () => 'assets/search.js',
  searchBundle: () => 'pagefind/',
  /** The search index the archive makes itself (`searchEngine: 'own'`). */
  searchIndex: () => 'search-index/',
  atom: () => 'feed.xml',
  jsonFeed: () => 'feed.json',
  sitemap: () => 'sitemap.xml',
  robots: () => 'robots.txt',
  notFound: () => '404.html',
  page: (slug: string) => `${slug}/`,
  stylesheet: () => 'assets/style.css',
  favicon: () => 'assets/favicon.svg',
  report: () => 'build-report.json',
} as const;

/** The site-wide addresses the templates link to, with the one function that turns an address into the file it is written to. */
export const templateLinks = {
  home: urls.home(),
  sources: urls.sources(),
  stylesheet: urls.stylesheet(),
  favicon: urls.favicon(),
  report: urls.report(),
  sections: urls.sections(),
  tags: urls.tags(),
  entities: urls.entities(),
  dates: urls.dates(),
  search: urls.search(),
  searchScript: urls.searchScript(),
  atom: urls.atom(),
  jsonFeed: urls.jsonFeed(),
  fileOf: (url: string) => outputPathOf(url),
};

/**
 * Every address is lower-case ASCII words under the site's root: no `..`, no absolute path, no
 * NUL, nothing a file system could read as leaving the output folder. Slugs are checked where
 * they are made; this is the last gate before a file is written, and it fails the build.
 */
const safeAddress = /^(?:[a-z0-9]+(?:[-.][a-z0-9]+)*\/)*(?:[a-z0-9]+(?:[-.][a-z0-9]+)*)?$/;

/** The file a directory address is written to. */
export function outputPathOf(url: string): string {
  if (!safeAddress.test(url)) throw new Error(`Refusing to write outside the site: unsafe address ${JSON.stringify(url)}`);
  return url === '' || url.endsWith('/') ? `${url}index.html` : url;
}

/**
 * A link from the page at `fromUrl` (Eleventy's `page.url`, e.g. `/articles/y/`) to `target`.
 * It climbs to the root and descends, and names `index.html` so that the site also reads from
 * a folder on disk, where a directory link would not open its index.
 */
export function relativeHref(target: string, fromUrl: string): string {
  const [pathPart = '', fragment] = target.split('#', 2);
  // A place on the same page is just its fragment.
  if (fragment !== undefined && `/${pathPart}` === fromUrl) return `#${fragment}`;
  const fromDirectory = fromUrl.endsWith('/') ? fromUrl : fromUrl.slice(0, fromUrl.lastIndexOf('/') + 1);
  const depth = fromDirectory.split('/').filter(Boolean).length;
  const href = '../'.repeat(depth) + outputPathOf(pathPart);
  return fragment === undefined ? href : `${href}#${fragment}`;
}
