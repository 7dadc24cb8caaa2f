import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { outputPathOf } from '../src/view/urls.ts';
import { buildLedger, readText, tempProject } from './helpers.ts';

// Issue 15: the Dates page's timeline, an SVG bar chart made at build time, with its numbers as a table.

const article = (title: string, date?: string) => `---\ntitle: ${title}\n${date ? `date: ${date}\n` : ''}---\n\nThe text of ${title.toLowerCase()}, a paragraph long enough to be an article.\n`;

describe('the timeline', () => {
  it('draws a bar a month with articles, each a link to its month, leaves empty months as gaps, counts the undated beside it, and gives the same numbers as a table', async () => {
    const dir = await tempProject({
      'content/a.md': article('Autumn storm', '2023-11-20'),
      'content/b.md': article('New year fireworks', '2024-01-01'),
      'content/c.md': article('January frost', '2024-01-15T08:00:00+02:00'),
      'content/d.md': article('A story of no date'),
    });
    await buildLedger(dir);
    const file = path.join(dir, 'site', outputPathOf('archive/'));
    const $ = cheerio.load(await readText(file));
    const bars = $('svg.timeline-chart rect').toArray().map((rect) => ({ x: Number($(rect).attr('x')), height: Number($(rect).attr('height')), label: $(rect).find('title').text(), href: $(rect).parent('a').attr('href') }));
    assert.deepEqual(bars.map((bar) => bar.label), ['November 2023: 1 article', 'January 2024: 2 articles']);
    assert.ok(bars[1]!.height > bars[0]!.height, 'the busier month is the taller bar');
    // November, an empty December, then January: two steps apart.
    const stepOf = Number($('svg.timeline-chart').attr('viewBox')!.split(' ')[2]) / 3;
    assert.equal(bars[1]!.x - bars[0]!.x, 2 * stepOf);
    for (const bar of bars) assert.ok(existsSync(path.join(path.dirname(file), bar.href!)), `${bar.href} is a month page`);
    assert.deepEqual($('svg.timeline-chart a').toArray().map((link) => $(link).attr('aria-label')), ['November 2023: 1 article', 'January 2024: 2 articles']);
    assert.match($('.timeline figcaption').text(), /3 dated articles from November 2023 to January 2024, 2 months with articles in them; the busiest holds 2 articles\. 1 undated is counted here, not on the chart/);
    const rows = $('.timeline-table tbody tr').toArray().map((row) => [$(row).find('th').text(), $(row).find('td').text()]);
    assert.deepEqual(rows, [['January 2024', '2'], ['November 2023', '1'], ['Date not known', '1']]);
    assert.equal($('script:not([type="application/ld+json"])').length, $('script[src]').length, 'no inline script draws it');
  });

  it('draws no chart when no article is dated', async () => {
    const dir = await tempProject({ 'content/d.md': article('A story of no date') });
    await buildLedger(dir);
    const $ = cheerio.load(await readText(path.join(dir, 'site', outputPathOf('archive/'))));
    assert.equal($('svg.timeline-chart').length, 0);
  });

  it('shows on a name’s page when the name is mentioned over time, its undated mentions counted beside the chart', async () => {
    const named = (title: string, date?: string) => `---\ntitle: ${title}\n${date ? `date: ${date}\n` : ''}---\n\nAngela Merkel spoke in Berlin about ${title.toLowerCase()}, and Angela Merkel was cheered.\n`;
    const dir = await tempProject({
      'content/a.md': named('The budget', '2021-03-04'),
      'content/b.md': named('The election', '2021-05-20'),
      'content/c.md': named('The summit', '2021-05-28'),
      'content/d.md': named('The speech'),
      'content/e.md': article('Nothing about her', '2020-01-01'),
    });
    const { result } = await buildLedger(dir);
    const page = result.view.listPages.find((list) => list.kind === 'person' && list.name === 'Angela Merkel' && list.isFirst)!;
    assert.ok(page, 'Angela Merkel has a page');
    const $ = cheerio.load(await readText(path.join(dir, 'site', outputPathOf(page.url))));
    assert.deepEqual($('svg.timeline-chart rect title').toArray().map((title) => $(title).text()), ['March 2021: 1 article', 'May 2021: 2 articles']);
    assert.match($('svg.timeline-chart').attr('aria-label')!, /^Articles naming Angela Merkel per month/);
    assert.match($('.timeline figcaption').text(), /3 dated articles from March 2021 to May 2021.*1 undated is counted here, not on the chart/);
    // Each bar leads to its month in the archive, which holds the articles naming her.
    for (const href of $('svg.timeline-chart a').toArray().map((link) => $(link).attr('href')!)) assert.ok(existsSync(path.join(dir, 'site', outputPathOf(page.url), '..', href)), href);
  });
});
