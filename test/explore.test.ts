import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { BuildResult } from '../src/commands/build.ts';
import { outputPathOf } from '../src/view/urls.ts';
import { buildProject, cli, exploreProject, listFiles, readText } from './helpers.ts';

describe('an archive a reader can explore', () => {
  let dir: string;
  let result: BuildResult;
  const load = async (url: string) => cheerio.load(await readText(path.join(dir, 'site', outputPathOf(url))));
  const seedUrl = () => result.view.articles.find((article) => article.source.kind === 'seed')!.url;

  before(async () => {
    dir = await exploreProject();
    result = await buildProject(dir, { baseUrl: 'https://example.org/news/' });
  });

  it('lists dated articles first, newest first, and the undated seed last', async () => {
    const $ = await load('');
    assert.deepEqual($('.card-title').map((_, element) => $(element).text()).get().slice(0, 4), ['Finland and Sweden apply to join NATO', 'Leaders meet in Moscow', 'Markets rally', 'Rates held']);
    assert.match($('.card-title').last().text(), /^NATO membership of Sweden and Finland/);
  });

  it('has a page per section and per tag, and an index of each', async () => {
    const sections = await load('sections/');
    assert.deepEqual(sections('.directory a').map((_, element) => sections(element).text()).get(), ['Business', 'Russia', 'World']);
    const world = await load('sections/world/');
    assert.equal(world('h1').text(), 'Section: World');
    assert.deepEqual(world('.card-title').map((_, element) => world(element).text()).get(), ['Finland and Sweden apply to join NATO', 'Leaders meet in Moscow']);
    const tags = await load('tags/');
    assert.deepEqual(tags('.directory li').map((_, element) => tags(element).text().replace(/\s+/g, ' ')).get(), ['markets 2', 'NATO 2', 'rates 1', 'Russia 1']);
    const nato = await load('tags/nato/');
    assert.equal(nato('.card').length, 2);
  });

  it('finds people, organisations and places, with a page each and an index by kind', async () => {
    const $ = await load('entities/');
    const groups = Object.fromEntries($('.directory-group').map((_, group) => [[$(group).find('h2').text(), $(group).find('.directory a').map((__, a) => $(a).text()).get()]]).get() as [string, string[]][]);
    assert.ok(groups['People']?.includes('Vladimir Putin'), JSON.stringify(groups));
    assert.ok(groups['Organisations']?.includes('NATO'), JSON.stringify(groups));
    assert.ok(groups['Places']?.includes('Moscow'), JSON.stringify(groups));
    const putinLink = $('.directory a').filter((_, a) => $(a).text() === 'Vladimir Putin').attr('href')!;
    const putin = cheerio.load(await readText(path.resolve(path.join(dir, 'site', 'entities'), putinLink)));
    assert.equal(putin('h1').text(), 'Vladimir Putin');
    const named = putin('.card-title').map((_, element) => putin(element).text()).get();
    assert.ok(named.includes('Leaders meet in Moscow') && named.some((headline) => headline.startsWith('NATO membership')), named.join(' | '));
  });

  it('keeps an archive by year and month, with an Undated shelf', async () => {
    const $ = await load('archive/');
    assert.deepEqual($('.directory-group h2').map((_, element) => $(element).text()).get(), ['2022', '2021', 'Date not known']);
    assert.deepEqual($('.directory a').map((_, element) => $(element).text()).get(), ['May 2022', 'March 2021', 'Undated']);
    const undated = await load('archive/undated/');
    assert.equal(undated('.card').length, 1);
    assert.match(undated('.lede').text(), /date of publication is not known/);
    const may = await load('archive/2022/05/');
    assert.equal(may('.card').length, 2);
  });

  it('gives an article its neighbours, related articles, reading time, names and quotations', async () => {
    const $ = await load(seedUrl());
    assert.match($('.reading-time').text(), /^\d+ min read$/);
    assert.ok($('a[rel="prev"]').length === 1, 'a newer neighbour');
    const related = $('.related a').map((_, element) => $(element).text()).get();
    assert.ok(related.length >= 1 && related.length <= 5 && related.includes('Leaders meet in Moscow'), related.join(' | '));
    assert.ok($('.named a').map((_, element) => $(element).text()).get().includes('Vladimir Putin'));
    const quote = $('.quotations li').filter((_, element) => $(element).text().includes('What kind [of response] it will be')).text();
    assert.match(quote, /— Putin, paragraph 4/);
  });

  it('carries NewsArticle JSON-LD with only known dates, Open Graph and Twitter meta, a canonical link and the language', async () => {
    const $ = await load(seedUrl());
    const data = JSON.parse($('script[type="application/ld+json"]').text());
    assert.equal(data['@type'], 'NewsArticle');
    assert.equal(data.articleSection, 'Russia');
    assert.equal('datePublished' in data, false, 'no date is invented for an undated article');
    assert.equal($('link[rel="canonical"]').attr('href'), `https://example.org/news/${seedUrl()}`);
    assert.equal($('meta[property="og:type"]').attr('content'), 'article');
    assert.equal($('meta[property="og:url"]').attr('content'), `https://example.org/news/${seedUrl()}`);
    assert.ok($('meta[name="twitter:card"]').attr('content'));
    assert.equal($('html').attr('lang'), 'en');
    const dated = result.view.articles.find((article) => article.headline === 'Leaders meet in Moscow')!;
    const other = JSON.parse((await load(dated.url))('script[type="application/ld+json"]').text());
    assert.equal(other.datePublished, '2022-05-16');
    assert.deepEqual(other.author, { '@type': 'Person', name: 'Ana Ruiz' });
  });

  it('writes Atom and JSON feeds of the dated articles, a sitemap and robots.txt, all with absolute addresses', async () => {
    const atom = await readText(path.join(dir, 'site', 'feed.xml'));
    assert.equal(XMLValidator.validate(atom), true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(atom).feed;
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.ok(feed.title && feed.id && feed.updated);
    assert.equal(feed.entry.length, 4, 'the four dated articles; the undated seed has no date to give');
    for (const entry of feed.entry) {
      assert.ok(entry.title && entry.id && entry.updated && entry.content);
      assert.match(entry.link['@_href'], /^https:\/\/example\.org\/news\/articles\//);
    }
    const json = JSON.parse(await readText(path.join(dir, 'site', 'feed.json')));
    assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(json.feed_url, 'https://example.org/news/feed.json');
    assert.equal(json.items.length, 4);
    for (const item of json.items) assert.ok(item.id && item.url && item.title && item.content_html && item.date_published);
    const sitemap = await readText(path.join(dir, 'site', 'sitemap.xml'));
    assert.equal(XMLValidator.validate(sitemap), true);
    const locs = [new XMLParser().parse(sitemap).urlset.url].flat().map((entry: { loc: string }) => entry.loc);
    assert.ok(locs.includes(`https://example.org/news/${seedUrl()}`));
    assert.ok(locs.every((loc: string) => loc.startsWith('https://example.org/news/')));
    assert.equal(await readText(path.join(dir, 'site', 'robots.txt')), 'User-agent: *\nAllow: /\nSitemap: https://example.org/news/sitemap.xml\n');
    const notFound = cheerio.load(await readText(path.join(dir, 'site', '404.html')));
    assert.equal(notFound('link[rel="stylesheet"]').attr('href'), '/news/assets/style.css', 'the 404 page works at any depth');
  });

  it('skips feeds and the sitemap, with a notice, when the site’s address is not known', async () => {
    const { code, stdout } = await cli(dir, ['build', '--out', 'no-base']);
    assert.equal(code, 0);
    assert.match(stdout, /notice {2}Feeds and sitemap skipped: the site's address is not known \(give --base-url/);
    const files = await listFiles(path.join(dir, 'no-base'));
    assert.ok(!files.includes('feed.xml') && !files.includes('feed.json') && !files.includes('sitemap.xml'));
    assert.equal(await readText(path.join(dir, 'no-base', 'robots.txt')), 'User-agent: *\nAllow: /\n');
    assert.equal(cheerio.load(await readText(path.join(dir, 'no-base', outputPathOf(seedUrl()))))('link[rel="canonical"]').length, 0);
  });

  it('indexes the articles for search, and the search page says what to do without JavaScript', async () => {
    const files = await listFiles(path.join(dir, 'site'));
    assert.ok(files.includes('search-index/engine.js') && files.includes('search-index/stats.json'));
    assert.ok(files.some((file) => file.startsWith('search-index/d/')), 'what a result shows of each article');
    const $ = await load('search/');
    assert.match($('.noscript-note').text(), /Search needs JavaScript/);
    assert.equal($('.noscript-note a').length, 5);
  });
});
