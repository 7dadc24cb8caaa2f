import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import * as cheerio from 'cheerio';
import { WARCRecord, WARCSerializer } from 'warcio';
import { outputPathOf } from '../src/view/urls.ts';
import { articlesOf, buildLedger, readText, tempProject } from './helpers.ts';

// Issue 15: "Cite this article" in five forms, and the Highwire Press tags Google Scholar and Zotero read.

const dated = `---
title: Council approves the new bridge
date: 2024-03-05T09:30:00+01:00
byline: Jane Doe
tags: [bridges, council]
lang: fr
---

Le conseil municipal a voté mardi en faveur d'une nouvelle passerelle sur la rivière.
`;
const undated = `---
title: "What the river <b>said</b>?"
---

An undated article, whose citations must not invent a date.
`;

async function* payload(bytes: Uint8Array) {
  yield bytes;
}

const capturedPage = async () =>
  WARCSerializer.serialize(
    WARCRecord.create(
      { url: 'https://valley.example/flood', date: '2024-02-03T04:05:06Z', type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      payload(new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Flood waters recede</title><meta property="og:site_name" content="Valley Times"></head><body><article><h1>Flood waters recede</h1>
<p>Residents of the valley began returning home on Friday as flood waters receded after a week of heavy rain across the region.</p>
<p>Emergency services said more than 300 homes had been damaged, and that roads would stay closed until inspections were complete.</p>
<p>The mayor thanked the volunteers who had filled sandbags through the night and said the town would rebuild what it had lost.</p></article></body></html>`)),
    ),
  );

describe('citations', () => {
  it('offers APA, MLA, Chicago, BibTeX and RIS with the archive’s address, "n.d." for an undated article, and Highwire tags that agree with the JSON-LD', async () => {
    const dir = await tempProject({ 'content/bridge.md': dated, 'content/river.md': undated, 'seeds/crawl.warc': Buffer.from(await capturedPage()) });
    const base = 'https://archive.example/news/';
    const { result } = await buildLedger(dir, { baseUrl: base });
    const bySlug = (headline: string) => articlesOf(result.archive).find((article) => article.headline === headline)!.slug;
    const load = async (slug: string) => cheerio.load(await readText(path.join(dir, 'site', outputPathOf(`articles/${slug}/`))));
    const cite = ($: cheerio.CheerioAPI) => Object.fromEntries($('.cite-styles dt').toArray().map((dt) => [$(dt).text(), $(dt).next('dd').text().trim()]));

    const bridge = bySlug('Council approves the new bridge');
    const url = `${base}articles/${bridge}/`;
    const $ = await load(bridge);
    const styles = cite($);
    assert.deepEqual(Object.keys(styles), ['APA', 'MLA', 'Chicago', 'BibTeX', 'RIS']);
    assert.equal(styles.APA, `Jane Doe. (2024, March 5). Council approves the new bridge. Test archive. ${url}`);
    assert.equal(styles.MLA, `Jane Doe. “Council approves the new bridge.” Test archive, 5 Mar. 2024, ${url}.`);
    assert.equal(styles.Chicago, `Jane Doe. “Council approves the new bridge.” Test archive, March 5, 2024. ${url}.`, 'the date as the source writes it, not moved to UTC');
    // The BibTeX and RIS read back, by Citation.js's own parsers, as the same work.
    const [fromBibtex] = new Cite(styles.BibTeX!).data as { title: string; author: { literal?: string; family?: string }[]; URL: string; issued: { 'date-parts': number[][] } }[];
    assert.equal(fromBibtex!.title, 'Council approves the new bridge');
    assert.equal(fromBibtex!.URL, url);
    assert.deepEqual(fromBibtex!.issued['date-parts'][0]!.slice(0, 1), [2024]);
    const [fromRis] = new Cite(styles.RIS!).data as { title: string; type: string; URL: string; language: string }[];
    assert.deepEqual([fromRis!.title, fromRis!.URL, fromRis!.language], ['Council approves the new bridge', url, 'fr']);
    const highwire = Object.fromEntries($('meta[name^="citation_"]').toArray().map((meta) => [$(meta).attr('name'), $(meta).attr('content')]));
    const jsonLd = JSON.parse($('script[type="application/ld+json"]').text());
    assert.deepEqual(highwire, {
      citation_title: jsonLd.headline,
      citation_author: jsonLd.author.name,
      citation_publication_date: '2024/03/05',
      citation_publisher: 'Test archive',
      citation_language: jsonLd.inLanguage,
      citation_keywords: 'bridges; council',
      citation_public_url: jsonLd.url,
    });

    const river = await load(bySlug('What the river <b>said</b>?'));
    const riverStyles = cite(river);
    assert.match(riverStyles.APA!, /^What the river <b>said<\/b>\? \(n\.d\.\)\. Test archive\. https:/, 'shown as text, never as markup');
    assert.match(riverStyles.MLA!, /Test archive, n\.d\., https:/);
    assert.match(riverStyles.Chicago!, /Test archive, n\.d\. https:/);
    assert.equal(river('.citations b').length, 0);
    assert.doesNotMatch(riverStyles.BibTeX!, /year|month/);
    assert.doesNotMatch(riverStyles.RIS!, /^PY {2}-/m);
    assert.equal(river('meta[name="citation_publication_date"]').length, 0, 'no date it does not know');
    assert.match(river('.citations').text(), /The source gives no date: “n\.d\.”, never a guess/);

    // A captured page names its own site, and the day it was captured is the day it was archived.
    const flood = await load(bySlug('Flood waters recede'));
    const floodStyles = cite(flood);
    assert.match(floodStyles.MLA!, /“Flood waters recede\.” Valley Times, n\.d\., https:\/\/archive\.example\/news\/articles\/[^ ]+\. Accessed 3 Feb\. 2024\.$/);
    assert.match(floodStyles.APA!, /Valley Times\. Retrieved February 3, 2024, from https:/);
    assert.match(floodStyles.RIS!, /^Y2 {2}- 2024\/2\/3/m);
  });

  it('carries no address when the site’s own is not known, and says so', async () => {
    const dir = await tempProject({ 'content/bridge.md': dated });
    const { result } = await buildLedger(dir);
    const article = articlesOf(result.archive)[0]!;
    const $ = cheerio.load(await readText(path.join(dir, 'site', outputPathOf(`articles/${article.slug}/`))));
    assert.doesNotMatch($('.citations').text(), /https?:/);
    assert.match($('.citations').text(), /no address, since this archive’s own is not configured/);
    assert.equal($('meta[name="citation_public_url"]').length, 0);
  });

  it('marks an article in another language in both feeds, and leaves one in the site’s language to the feed’s own', async () => {
    const english = '---\ntitle: Bridge opens\ndate: 2024-04-01\n---\n\nThe new bridge opened on Monday.\n';
    const dir = await tempProject({ 'content/bridge.md': dated, 'content/opens.md': english });
    await buildLedger(dir, { baseUrl: 'https://archive.example/' });
    const atom = cheerio.load(await readText(path.join(dir, 'site', 'feed.xml')), { xml: true });
    assert.equal(atom('feed').attr('xml:lang'), 'en');
    const entryLang = (title: string) => atom('entry').filter((_, entry) => atom(entry).find('title').text() === title).attr('xml:lang');
    assert.equal(entryLang('Council approves the new bridge'), 'fr');
    assert.equal(entryLang('Bridge opens'), undefined);
    const json = JSON.parse(await readText(path.join(dir, 'site', 'feed.json'))) as { language: string; items: { title: string; language?: string }[] };
    assert.equal(json.language, 'en');
    assert.deepEqual(json.items.map((item) => [item.title, item.language ?? null]), [['Bridge opens', null], ['Council approves the new bridge', 'fr']]);
  });
});
