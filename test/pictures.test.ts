import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { captionAndCredit } from '../src/enrich/pictures.ts';
import { animatedGif, buildLedger, buildProject, listFiles, samplePicture, tempProject, writeTo } from './helpers.ts';

const article = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-05-01\n---\n\n${body}\n`;

async function pictureProject() {
  return tempProject({
    'content/world/crowd.jpg': await samplePicture(1700, 1000),
    'content/world/icon.png': await samplePicture(60, 60, 'png'),
    'content/world/flags.png': await samplePicture(500, 200, 'png', 4),
    'content/world/protest.md': article(
      'Protest outside parliament',
      '![Flags](flags.png)\n\nThousands gathered on Tuesday.\n\n![Protesters outside parliament](crowd.jpg "Protesters at noon. Photo: Jane Doe/Reuters")\n\nA small ![](icon.png) mark, and ![a lost one](gone.jpg) too.\n\n![Escaping](../../../etc/passwd.jpg)',
    ),
    'content/world/unused.webp': await samplePicture(40, 40, 'png'),
    'seeds/story.txt': 'Markets rally as rates fall\n\nShares rose sharply on Monday after the central bank cut rates.\n\nAnalysts said the move was expected.\n',
    'seeds/story.yml': 'section: Business\nimage:\n  src: floor.jpg\n  alt: Traders on the floor of the exchange\n  credit: "Photo: AP"\n',
    'seeds/floor.jpg': await samplePicture(900, 600, 'jpeg', 2),
  });
}

const pageOf = async (dir: string, slugStart: string) => {
  const file = (await listFiles(path.join(dir, 'site'))).find((name) => name.startsWith(`articles/${slugStart}`) && name.endsWith('/index.html') && !name.includes('/original/'))!;
  return { file, $: cheerio.load(await readFile(path.join(dir, 'site', file), 'utf8')) };
};

describe('pictures', () => {
  it('splits a title into its caption and its credit, each as written', () => {
    assert.deepEqual(captionAndCredit('Photo: Jane Doe/Reuters'), { caption: null, credit: 'Photo: Jane Doe/Reuters' });
    assert.deepEqual(captionAndCredit('Protesters at noon. Photo: Jane Doe/Reuters'), { caption: 'Protesters at noon.', credit: 'Photo: Jane Doe/Reuters' });
    assert.deepEqual(captionAndCredit('The old bridge — © City Archive'), { caption: 'The old bridge', credit: '© City Archive' });
    assert.deepEqual(captionAndCredit('A photographer at work'), { caption: 'A photographer at work', credit: null });
    assert.deepEqual(captionAndCredit(null), { caption: null, credit: null });
  });

  it('shows a Markdown picture in several widths and formats, in a figure with its caption and credit, and an overlay’s above the text', { timeout: 120_000 }, async () => {
    const dir = await pictureProject();
    const { result, byPath } = await buildLedger(dir);
    assert.equal(result.failure, null);

    const { $ } = await pageOf(dir, 'protest-outside-parliament');
    // The picture the body opens with loads at once; the excerpt is the first paragraph with words.
    assert.equal($('.article-body figure.picture').first().find('img').attr('loading'), 'eager');
    assert.equal(result.archive.summaries.find((summary) => summary.path === 'content/world/protest.md')!.excerpt, 'Thousands gathered on Tuesday.');
    const figure = $('.article-body figure.picture').eq(1);
    assert.equal($('.article-body figure.picture').length, 2);
    assert.deepEqual(figure.find('source').map((_, source) => $(source).attr('type')).get(), ['image/avif', 'image/webp']);
    const img = figure.find('img');
    assert.equal(img.attr('alt'), 'Protesters outside parliament');
    assert.equal(img.attr('loading'), 'lazy', 'below the first paragraph, it loads when the reader nears it');
    // The widest made (never wider than the file's 1,700 pixels), with its height, so nothing moves as it loads.
    assert.equal(img.attr('width'), '1600');
    assert.equal(img.attr('height'), String(Math.round((1000 * 1600) / 1700)));
    const widths = figure.find('source[type="image/avif"]').attr('srcset')!.split(', ').map((entry) => entry.split(' ')[1]);
    assert.deepEqual(widths, ['480w', '960w', '1600w']);
    assert.equal(figure.find('figcaption .caption').text(), 'Protesters at noon.');
    assert.equal(figure.find('figcaption .credit').text(), 'Photo: Jane Doe/Reuters');
    // Every file the page names is in the site, linked relatively.
    const named = [...figure.find('source').map((_, source) => $(source).attr('srcset')!).get().flatMap((set) => set.split(', ').map((entry) => entry.split(' ')[0]!)), img.attr('src')!];
    for (const href of named) {
      assert.match(href, /^\.\.\/\.\.\/images\/[0-9a-f]{16}-\d+\.(?:avif|webp|jpeg)$/);
      assert.ok(existsSync(path.join(dir, 'site', 'articles', 'x', href)), href);
    }
    // The inline picture stays in its sentence; the missing ones leave nothing behind, not even their marker.
    assert.equal($('.article-body p picture img[alt=""]').length, 1);
    assert.doesNotMatch($('.article-body').html()!, /na-image-|gone\.jpg|passwd/);
    assert.match($('.picture-notes').text(), /gone\.jpg, named in content\/world\/protest\.md at line 12: not shown/);

    const story = await pageOf(dir, 'markets-rally');
    const lead = story.$('.lead-picture figure.picture.lead img');
    assert.equal(lead.attr('alt'), 'Traders on the floor of the exchange');
    assert.equal(lead.attr('loading'), 'eager');
    assert.equal(story.$('.lead-picture figcaption .credit').text(), 'Photo: AP');
    assert.ok(story.$('.lead-picture').index() < story.$('.article-body').index(), 'the lead stands above the text');

    // Every file is accounted for: the pictures as their articles', the unused one rejected with its reason.
    assert.equal(byPath['content/world/crowd.jpg']!.status, 'image');
    assert.deepEqual(byPath['content/world/crowd.jpg']!.shownBy.map((by) => by.path), ['content/world/protest.md']);
    assert.equal(byPath['seeds/floor.jpg']!.status, 'image');
    assert.equal(byPath['content/world/unused.webp']!.status, 'rejected');
    assert.match(byPath['content/world/unused.webp']!.reason!, /A picture no article or page shows/);
    const { counts } = result;
    assert.equal(counts.files, counts.articles + counts.pages + counts.overlays + counts.images + counts.duplicates + counts.rejected);
    assert.equal(counts.images, 4);
    // Warnings name the file and the line: no alternative text, a missing file, a path out of the folders.
    const warnings = byPath['content/world/protest.md']!.warnings;
    assert.ok(warnings.some((warning) => /^12:9 Image icon\.png has no alternative text/.test(warning)), warnings.join('\n'));
    assert.ok(warnings.some((warning) => /^12:33 Image gone\.jpg not found/.test(warning)), warnings.join('\n'));
    assert.ok(warnings.some((warning) => /^14:1 Image \.\.\/\.\.\/\.\.\/etc\/passwd\.jpg not found/.test(warning)), warnings.join('\n'));
  });

  it('makes a picture once: a rebuild makes only a new or changed one, and the site drops the old one’s files', { timeout: 180_000 }, async () => {
    const dir = await pictureProject();
    const first = await buildProject(dir, { store: true });
    assert.deepEqual(first.pictures, { made: 4, cached: 0, failed: 0 });
    const again = await buildProject(dir, { store: true });
    assert.deepEqual(again.pictures, { made: 0, cached: 4, failed: 0 });
    assert.equal(again.pages.rendered, 3, 'only the pages every build renders (sources, search, 404)');

    const before = (await listFiles(path.join(dir, 'site', 'images'))).sort();
    await writeTo(dir, 'content/world/crowd.jpg', await samplePicture(1700, 1000, 'jpeg', 3));
    const changed = await buildProject(dir, { store: true });
    assert.deepEqual(changed.pictures, { made: 1, cached: 3, failed: 0 });
    assert.ok(changed.written.some((file) => file.startsWith('articles/protest-outside-parliament')), 'the page showing it is rendered again');
    const after = (await listFiles(path.join(dir, 'site', 'images'))).sort();
    assert.equal(after.length, before.length);
    assert.equal(after.filter((file) => !before.includes(file)).length, 9, 'three widths in three formats, new');
  });

  it('shares an article with its first picture: Open Graph, the card, JSON-LD and the feeds, by whole addresses', { timeout: 120_000 }, async () => {
    const base = 'https://example.org/news/';
    const dir = await pictureProject();
    // Dated by its editor, so that the seed's article is in the feeds (which hold dated articles only).
    await writeTo(dir, 'seeds/story.yml', `date: 2024-05-02\n${await readFile(path.join(dir, 'seeds', 'story.yml'), 'utf8')}`);
    await buildLedger(dir, { baseUrl: base });
    const shared = (page: cheerio.CheerioAPI) => ({
      og: page('meta[property="og:image"]').attr('content'),
      size: [page('meta[property="og:image:width"]').attr('content'), page('meta[property="og:image:height"]').attr('content')],
      alt: page('meta[property="og:image:alt"]').attr('content'),
      card: page('meta[name="twitter:card"]').attr('content'),
      twitter: page('meta[name="twitter:image"]').attr('content'),
      jsonLd: JSON.parse(page('script[type="application/ld+json"]').text()).image,
    });
    // The lead picture stands for the seed's article; the body's first (the flags) for the Markdown one.
    const story = shared((await pageOf(dir, 'markets-rally')).$);
    assert.match(story.og!, /^https:\/\/example\.org\/news\/images\/[0-9a-f]{16}-900\.jpeg$/);
    assert.deepEqual(story.size, ['900', '600']);
    assert.equal(story.alt, 'Traders on the floor of the exchange');
    assert.equal(story.card, 'summary_large_image');
    assert.equal(story.twitter, story.og);
    assert.deepEqual(story.jsonLd, { '@type': 'ImageObject', url: story.og, width: 900, height: 600 });
    assert.ok(existsSync(path.join(dir, 'site', new URL(story.og!).pathname.slice('/news/'.length))), 'the shared file is in the site');
    const protest = shared((await pageOf(dir, 'protest-outside-parliament')).$);
    // Its widest made is 480: eleventy-img adds a file's own width only when it is a quarter wider (its minimumThreshold).
    assert.match(protest.og!, /-480\.jpeg$/);
    assert.equal(protest.alt, 'Flags');

    // Feeds: JSON Feed's item image, and the lead picture at the head of the entry's content.
    const feed = JSON.parse(await readFile(path.join(dir, 'site', 'feed.json'), 'utf8'));
    const item = feed.items.find((entry: { title: string }) => entry.title === 'Markets rally as rates fall');
    assert.equal(item.image, story.og);
    const content = cheerio.load(item.content_html);
    assert.equal(content('figure.picture.lead img').attr('alt'), 'Traders on the floor of the exchange');
    assert.ok(content('figure.picture.lead source').attr('srcset')!.startsWith(`${base}images/`));

    // Without the site's address a shared picture could only be guessed at: none is named.
    const local = await pictureProject();
    await buildLedger(local);
    const unnamed = shared((await pageOf(local, 'markets-rally')).$);
    assert.deepEqual({ og: unnamed.og, card: unnamed.card, jsonLd: unnamed.jsonLd }, { og: undefined, card: 'summary', jsonLd: undefined });
  });

  it('keeps every frame of an animated GIF: animated WebP with an animated GIF for the rest, a still GIF made as any picture', { timeout: 60_000 }, async () => {
    const dir = await tempProject({
      'content/moving.gif': animatedGif(640, 360, 3),
      'content/still.gif': animatedGif(640, 360, 1),
      'content/a.md': article('A moving chart', 'The chart moves.\n\n![A chart that moves](moving.gif)\n\n![A chart that stands](still.gif)'),
    });
    const { result } = await buildLedger(dir);
    assert.deepEqual(result.pictures, { made: 2, cached: 0, failed: 0 });
    const { $ } = await pageOf(dir, 'a-moving-chart');
    const [moving, still] = [$('.article-body figure.picture').eq(0), $('.article-body figure.picture').eq(1)];
    assert.deepEqual(moving.find('source').map((_, source) => $(source).attr('type')).get(), ['image/webp']);
    const fallback = moving.find('img').attr('src')!;
    assert.match(fallback, /\.gif$/);
    assert.deepEqual([moving.find('img').attr('width'), moving.find('img').attr('height')], ['640', '360'], 'the height of one frame, not of all three');
    const files = path.join(dir, 'site', 'articles', 'x');
    const made = moving.find('source').attr('srcset')!.split(', ').map((entry) => entry.split(' ')[0]!);
    assert.equal(made.length, 2, 'the file is 480 wide and its own 640');
    for (const [file, frameHeight] of [[fallback, 270], [made[0]!, 270], [made[1]!, 360]] as const) {
      const { pages, pageHeight } = await sharp(path.join(files, file), { animated: true }).metadata();
      assert.deepEqual({ pages, pageHeight }, { pages: 3, pageHeight: frameHeight }, file);
    }
    assert.deepEqual(still.find('source').map((_, source) => $(source).attr('type')).get(), ['image/avif', 'image/webp']);
    assert.match(still.find('img').attr('src')!, /\.jpeg$/);
    assert.match($('.picture-notes').text(), /WebP and GIF, 480 and 640 pixels wide/);
  });

  it('shows a page’s pictures as an article’s: in the page, in the ledger as the page’s, and made again only when changed', { timeout: 120_000 }, async () => {
    const dir = await tempProject({
      'content/about.md': '---\nkind: page\ntitle: About\n---\n\nWho we are.\n\n![The reading room](room.jpg "The reading room. Photo: Archive staff")\n\nOur mark: ![](mark.png).\n',
      'content/room.jpg': await samplePicture(1200, 800),
      'content/mark.png': await samplePicture(40, 40, 'png'),
      'content/story.md': article('A story', 'Words.'),
    });
    const { result, byPath } = await buildLedger(dir, { store: true });
    assert.equal(result.failure, null);
    const $ = cheerio.load(await readFile(path.join(dir, 'site', 'about', 'index.html'), 'utf8'));
    const figure = $('article.standalone figure.picture');
    assert.equal(figure.find('img').attr('alt'), 'The reading room');
    assert.equal(figure.find('img').attr('loading'), 'lazy', 'below the first paragraph');
    assert.equal(figure.find('figcaption .credit').text(), 'Photo: Archive staff');
    const named = figure.find('source, img').map((_, element) => ($(element).attr('srcset') ?? $(element).attr('src'))!.split(', ').map((entry) => entry.split(' ')[0]!)).get();
    assert.ok(named.length > 3);
    for (const href of named) {
      assert.match(href, /^\.\.\/images\//, 'relative, from the page up to the site root');
      assert.ok(existsSync(path.join(dir, 'site', 'about', href)), href);
    }
    assert.equal($('article.standalone p picture img[alt=""]').length, 1, 'the picture among words stays in its line');
    assert.doesNotMatch($('article.standalone').html()!, /na-image-/);
    // The files are the page's in the ledger, so the count of files in adds up.
    assert.equal(byPath['content/room.jpg']!.status, 'image');
    assert.deepEqual(byPath['content/room.jpg']!.shownBy, [{ path: 'content/about.md', url: 'about/' }]);
    assert.equal(byPath['content/about.md']!.status, 'page');
    assert.ok(byPath['content/about.md']!.warnings.some((warning) => /^10:11 Image mark\.png has no alternative text/.test(warning)), byPath['content/about.md']!.warnings.join('\n'));
    const { counts } = result;
    assert.equal(counts.files, counts.articles + counts.pages + counts.images);

    const again = await buildProject(dir, { store: true });
    assert.deepEqual(again.pictures, { made: 0, cached: 2, failed: 0 });
    assert.ok(!again.written.includes('about/index.html'));
    await writeTo(dir, 'content/room.jpg', await samplePicture(1200, 800, 'jpeg', 5));
    const changed = await buildProject(dir, { store: true });
    assert.deepEqual(changed.pictures, { made: 1, cached: 1, failed: 0 });
    assert.ok(changed.written.includes('about/index.html'), 'the page showing it is rendered again');
  });

  it('finishes a build whose picture process is killed, says so on each picture left unmade, and makes them on the next build', { timeout: 120_000 }, async () => {
    const names = ['one', 'two', 'three', 'four'];
    const files: Record<string, Uint8Array | string> = { 'content/a.md': article('Four pictures', `Words.\n\n${names.map((name) => `![Picture ${name}](${name}.jpg)`).join('\n\n')}`) };
    for (const [index, name] of names.entries()) files[`content/${name}.jpg`] = await samplePicture(1600, 1067, 'jpeg', index + 2);
    const dir = await tempProject(files);
    // The process that makes the pictures is a child of this one (the build runs here): it is
    // killed as soon as it is seen, as the system's out-of-memory killer would kill it.
    let killed = false;
    const watch = setInterval(() => {
      for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          if (parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('picture-worker')) {
            process.kill(Number(pid), 'SIGKILL');
            killed = true;
            clearInterval(watch);
          }
        } catch {
          // The process ended while it was read.
        }
      }
    }, 10);
    const { result, byPath } = await buildLedger(dir, { store: true });
    clearInterval(watch);
    assert.ok(killed, 'the picture process was seen and killed');
    assert.equal(result.failure, null);
    assert.equal(byPath['content/a.md']!.status, 'article');
    // Each picture is made (by another process, when the killed one had made some) or has a warning naming its line.
    assert.equal(result.pictures.made + result.pictures.failed, names.length);
    const warnings = byPath['content/a.md']!.warnings.filter((warning) => /^\d+:1 Image \w+\.jpg could not be made into a picture \(the process making pictures ended \(SIGKILL\) before this one was made\)/.test(warning));
    assert.equal(warnings.length, result.pictures.failed, byPath['content/a.md']!.warnings.join('\n'));

    const again = await buildProject(dir, { store: true });
    assert.deepEqual(again.pictures, { made: result.pictures.failed, cached: result.pictures.made, failed: 0 });
    // No file the killed process may have left half-written is kept: every one the site holds reads whole.
    const made = await listFiles(path.join(dir, 'site', 'images'));
    assert.ok(made.length >= names.length * 3);
    for (const file of made) assert.ok((await sharp(path.join(dir, 'site', 'images', file)).stats()).channels.length >= 3, file);
  });

  it('builds the article without a picture that cannot be made, and says why', { timeout: 60_000 }, async () => {
    const dir = await tempProject({
      'content/broken.jpg': new TextEncoder().encode('not a picture at all'),
      'content/a.md': article('A broken picture', 'Words.\n\n![A broken one](broken.jpg)'),
    });
    const { result, byPath } = await buildLedger(dir);
    assert.equal(result.failure, null);
    assert.equal(result.pictures.failed, 1);
    assert.equal(byPath['content/a.md']!.status, 'article');
    assert.ok(byPath['content/a.md']!.warnings.some((warning) => /^8:1 Image broken\.jpg could not be made into a picture/.test(warning)), byPath['content/a.md']!.warnings.join('\n'));
    const { $ } = await pageOf(dir, 'a-broken-picture');
    assert.equal($('.article-body picture').length, 0);
  });
});
