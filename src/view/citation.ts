import { createRequire } from 'node:module';
import type { Cite as CiteClass } from '@citation-js/core';
import type { Article } from '../model/article.ts';

/**
 * Citation.js, loaded when the first citation is made: loading it takes 160 ms, which a process
 * that renders no article page (a build that changes only lists, a render worker with none) does
 * not pay.
 */
let Cite: typeof CiteClass | undefined;
function citeOf(item: Record<string, unknown>): CiteClass {
  if (!Cite) {
    const require = createRequire(import.meta.url);
    Cite = (require('@citation-js/core') as { Cite: typeof CiteClass }).Cite;
    require('@citation-js/plugin-bibtex');
    require('@citation-js/plugin-ris');
  }
  return new Cite(item);
}

/** What a citation of an archived article is made of: only what the archive knows. */
export interface CitedArticle {
  /** Its id in the citation managers' records: the article's slug. */
  key: string;
  headline: string;
  byline: string | null;
  /** The date the source gives (a calendar date, or a date-time with its offset), or null. */
  date: string | null;
  lang: string;
  tags: readonly string[];
  /** Who published it, where the source says so; else the archive itself. */
  publisher: string;
  /** The article's address in this archive, absolute, or null when the site's address is not known. */
  url: string | null;
  /** The day the archive's copy was made, where it is known (a WARC's capture date), or null. */
  archivedOn: string | null;
}

export interface Citations {
  apa: string;
  mla: string;
  chicago: string;
  bibtex: string;
  ris: string;
}

/** What a citation names as the article's publisher: the page's or record's own site name, else the archive. */
export function citedArticle(article: Pick<Article, 'slug' | 'headline' | 'byline' | 'date' | 'lang' | 'tags' | 'source'>, url: string | null, site: { title: string; lang: string }): CitedArticle {
  const { source } = article;
  const capturedOn = source.record?.warc?.capturedOn ?? null;
  return {
    key: article.slug,
    headline: article.headline,
    byline: article.byline,
    date: article.date,
    lang: article.lang ?? site.lang,
    tags: article.tags,
    publisher: source.page?.siteName ?? source.record?.site ?? site.title,
    url,
    archivedOn: capturedOn ? capturedOn.slice(0, 10) : null,
  };
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** MLA shortens the months of more than four letters. */
const mlaMonths = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** The calendar date a date names as it is written, never moved to another zone. */
const dayParts = (date: string) => {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

/** A title closed with a full stop, unless it ends in its own punctuation. */
const closed = (text: string) => (/[.?!…]["”’]?$/.test(text) ? text : `${text}.`);
/** A title in quotation marks, its closing punctuation inside them (MLA and Chicago). */
const quoted = (text: string) => `“${closed(text)}”`;

/**
 * The article cited in APA (7th ed.), MLA (9th ed.) and Chicago (17th ed., bibliography) as a news
 * article online: written here, since each is one pattern for one kind of work (a CSL processor
 * costs 4 ms an article: 4 s of every thousand pages built); and as BibTeX and RIS by
 * Citation.js, whose escaping of TeX and RIS is what citation managers read. The headline and
 * byline are as the source gives them; an undated article is "n.d.", never a guessed date.
 */
export function citationsOf(cited: CitedArticle): Citations {
  const { headline, byline, publisher, url } = cited;
  const date = cited.date ? dayParts(cited.date) : null;
  const archived = cited.archivedOn ? dayParts(cited.archivedOn) : null;
  const apaDate = date ? `(${date.year}, ${months[date.month - 1]} ${date.day})` : '(n.d.)';
  const apa = [
    byline ? `${closed(byline)} ${apaDate}. ${closed(headline)}` : `${closed(headline)} ${apaDate}.`,
    `${publisher}.`,
    url ? (archived ? `Retrieved ${months[archived.month - 1]} ${archived.day}, ${archived.year}, from ${url}` : url) : '',
  ];
  const mla = [
    byline ? closed(byline) : '',
    quoted(headline),
    `${publisher}, ${date ? `${date.day} ${mlaMonths[date.month - 1]} ${date.year}` : 'n.d.'}${url ? `, ${url}` : ''}.`,
    archived ? `Accessed ${archived.day} ${mlaMonths[archived.month - 1]} ${archived.year}.` : '',
  ];
  const chicago = [
    byline ? closed(byline) : '',
    quoted(headline),
    closed(`${publisher}, ${date ? `${months[date.month - 1]} ${date.day}, ${date.year}` : 'n.d.'}`),
    archived ? `Accessed ${months[archived.month - 1]} ${archived.day}, ${archived.year}.` : '',
    url ? `${url}.` : '',
  ];
  const csl = citeOf({
    id: cited.key,
    type: 'article-newspaper',
    title: headline,
    ...(byline ? { author: [{ literal: byline }] } : {}),
    'container-title': publisher,
    ...(date ? { issued: { 'date-parts': [[date.year, date.month, date.day]] } } : {}),
    ...(archived ? { accessed: { 'date-parts': [[archived.year, archived.month, archived.day]] } } : {}),
    ...(url ? { URL: url } : {}),
    language: cited.lang,
    ...(cited.tags.length ? { keyword: cited.tags.map((tag) => tag.replace(/,/g, ' ')).join(',') } : {}),
  });
  const join = (parts: string[]) => parts.filter(Boolean).join(' ');
  return { apa: join(apa), mla: join(mla), chicago: join(chicago), bibtex: csl.format('bibtex').trim(), ris: risText(csl.format('ris', { format: 'object' })) };
}

/**
 * RIS from Citation.js's tags, one line a value: its own text output breaks every value at 70
 * characters, and its parser, like others, reads the break as a space (inside an address).
 */
function risText(entries: Record<string, string | number | (string | number)[]>[]): string {
  return entries
    .map((entry) => {
      const lines = [`TY  - ${entry.TY}`];
      for (const [tag, values] of Object.entries(entry)) if (tag !== 'TY') for (const value of [values].flat()) lines.push(`${tag}  - ${String(value).replace(/\s+/g, ' ')}`);
      return [...lines, 'ER  - '].join('\n');
    })
    .join('\n');
}

/**
 * Highwire Press tags (`citation_*`), which Google Scholar and Zotero's embedded-metadata translator
 * read: the same facts as the page's JSON-LD, and none it does not know.
 */
export function highwireTags(cited: CitedArticle): { name: string; content: string }[] {
  const date = cited.date ? dayParts(cited.date) : null;
  const pad = (value: number) => String(value).padStart(2, '0');
  return [
    { name: 'citation_title', content: cited.headline },
    ...(cited.byline ? [{ name: 'citation_author', content: cited.byline }] : []),
    ...(date ? [{ name: 'citation_publication_date', content: `${date.year}/${pad(date.month)}/${pad(date.day)}` }] : []),
    { name: 'citation_publisher', content: cited.publisher },
    { name: 'citation_language', content: cited.lang },
    ...(cited.tags.length ? [{ name: 'citation_keywords', content: cited.tags.join('; ') }] : []),
    ...(cited.url ? [{ name: 'citation_public_url', content: cited.url }] : []),
  ];
}
