import type { BuildOptions } from '../commands/build.ts';
import type { SiteSettings } from '../view/view.ts';

/** The settings every page's layout reads (`archive.site`), from a build's options: made here only. */
export const siteSettingsOf = (options: BuildOptions): SiteSettings => ({
  title: options.title,
  lang: options.lang,
  perPage: options.perPage,
  baseUrl: options.baseUrl,
  search: options.search !== false,
  searchEngine: options.searchEngine ?? 'own',
});

/**
 * Every setting that shapes the site: what the pages read, and which files become inputs. The
 * fingerprint hashes this, so a setting added to either part can never be missed by a rebuild.
 */
export const buildSettingsOf = (options: BuildOptions) => ({
  ...siteSettingsOf(options),
  seeds: options.seedsDir,
  content: options.contentDir,
  maxBytes: options.maxBytes,
});
