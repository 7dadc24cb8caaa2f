// The plain Eleventy 3.1 site the benchmark measures news-archive against: the same Markdown
// articles as one page each from pagination over a data array, an index paginated by 20, tag
// pages and an Atom feed. Nothing else: no source notes, no search, no entities.
import { dateToRfc3339 } from '@11ty/eleventy-plugin-rss';

export default function (config) {
  config.addFilter('rfc3339', (date) => dateToRfc3339(new Date(date)));
  config.setTemplateFormats(['njk']);
}

export const config = { dir: { input: '.', includes: '_includes', data: '_data' } };
