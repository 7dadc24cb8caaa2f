import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { pageHolding, pageSizes, pagesOf, rootOf, type ListPage } from '../src/view/paging.ts';

const idOf = (path: string) => path;
const paths = (count: number, seed: number) => Array.from({ length: count }, (_, index) => `articles/${seed}/${index}.md`);
const hash = (path: string) => createHash('sha256').update(path).digest('hex');

/** What a change costs: pages to write (new, or with other items or neighbours) and names to delete. */
function cost(before: ListPage<string>[], after: ListPage<string>[]) {
  const key = (page: ListPage<string>) => `${page.name}\n${page.items.join('\n')}`;
  const linked = (pages: ListPage<string>[]) =>
    pages.map((page, index) => `${key(page)}\n${pages[index - 1]?.name ?? '-'} ${pages[index + 1]?.name ?? '-'}`);
  const old = new Set(before.map(key));
  const oldLinked = new Set(linked(before));
  const names = new Set(after.map((page) => page.name));
  return {
    written: after.filter((page) => !old.has(key(page))).length,
    writtenWithLinks: linked(after).filter((page) => !oldLinked.has(page)).length,
    deleted: before.filter((page) => !names.has(page.name)).length,
  };
}

const tally = (counts: Map<number, number>, value: number) => counts.set(value, (counts.get(value) ?? 0) + 1);
const shown = (counts: Map<number, number>) =>
  [...counts].sort(([a], [b]) => a - b).map(([value, runs]) => `${value}: ${runs}`).join(', ');

describe('pageSizes', () => {
  it('keeps pages between half and twice perPage, with a window of perPage', () => {
    assert.deepEqual(pageSizes(20), { min: 10, max: 40, older: 10, newer: 9 });
    assert.deepEqual(pageSizes(7), { min: 4, max: 14, older: 3, newer: 3 });
    assert.deepEqual(pageSizes(1), { min: 1, max: 2, older: 0, newer: 0 });
    assert.throws(() => pageSizes(0), RangeError);
    assert.throws(() => pageSizes(2.5), RangeError);
  });
});

describe('pagesOf', () => {
  it('puts every item on exactly one page, in order, and knows which page holds it', () => {
    for (const [count, perPage] of [[0, 20], [1, 20], [19, 20], [777, 20], [3000, 7], [200, 1], [500, 2]] as const) {
      const items = paths(count, count);
      const pages = pagesOf(items, idOf, perPage);
      assert.deepEqual(pages.flatMap((page) => page.items), items);
      assert.equal(new Set(pages.map((page) => page.name)).size, pages.length);
      pages.forEach((page, index) => {
        assert.ok(page.items.length > 0);
        assert.equal(page.start, index === 0 ? 0 : pages[index - 1]!.start + pages[index - 1]!.items.length);
        assert.match(page.name, /^[0-9a-f]{8,}$/);
      });
      items.forEach((item, index) => assert.ok(pages[pageHolding(pages, index)]!.items.includes(item)));
      assert.equal(pageHolding(pages, count), -1);
    }
  });

  it('closes a page after each local minimum, or in perPage pieces at max; only the newest may be shorter', () => {
    for (const perPage of [1, 2, 3, 7, 20, 50]) {
      const { min, max, older, newer } = pageSizes(perPage);
      const items = paths(4000, perPage);
      const pages = pagesOf(items, idOf, perPage);
      const hashes = [...items].reverse().map(hash);
      const cuts = new Set(
        hashes.flatMap((own, at) =>
          at >= older && at < hashes.length - newer && hashes.slice(at - older, at + newer + 1).every((other, k) => k === older || other > own)
            ? [items[hashes.length - 1 - at]!]
            : [],
        ),
      );
      const ends = new Set(pages.map((page) => page.items[0]!));
      for (const cut of cuts) assert.ok(ends.has(cut), `${cut} is a local minimum inside a page`);
      pages.forEach((page, index) => {
        assert.ok(page.items.length <= max, `page ${index} holds ${page.items.length} > ${max}`);
        if (index === 0) return;
        assert.ok(page.items.length >= min, `page ${index} holds ${page.items.length} < ${min}`);
        assert.ok(cuts.has(page.items[0]!) || page.items.length === perPage, `page ${index} ends with no cause`);
      });
    }
  });

  it('expects about perPage items a page on 10,000 items', (t) => {
    const pages = pagesOf(paths(10_000, 1), idOf, 20);
    const sizes = pages.slice(1).map((page) => page.items.length);
    const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    t.diagnostic(`${pages.length} pages, mean ${mean.toFixed(2)}, min ${Math.min(...sizes)}, max ${Math.max(...sizes)}, newest ${pages[0]!.items.length}`);
    assert.ok(Math.abs(mean - 20) < 1.5, `mean page size ${mean}`);
  });

  it('is deterministic, and names pages by their oldest item as it always has', () => {
    const items = paths(100, 0);
    const pages = pagesOf(items, idOf, 20);
    assert.deepEqual(pagesOf([...items], idOf, 20), pages);
    const name = (path: string) => createHash('sha256').update(path).digest('hex').slice(0, 8);
    for (const page of pages) assert.equal(page.name, name(page.items.at(-1)!));
    // Pinned so that a change to the hashing, which would move every page's URL, cannot pass unseen.
    assert.deepEqual(
      pages.map((page) => `${page.name}:${page.items.length}`),
      ['a1b14042:21', '5ddd1ff3:24', '2ffaf63e:16', 'adb6ebae:16', '1352c711:23'],
    );
  });

  it('lengthens only names that collide, whatever their order', () => {
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let index = 0; !pair; index += 1) {
      const path = `collide/${index}.md`;
      const name = createHash('sha256').update(path).digest('hex').slice(0, 8);
      const other = seen.get(name);
      if (other) pair = [other, path];
      seen.set(name, path);
    }
    // With perPage 1 every item is a hit, so every item opens its own page.
    const names = pagesOf([pair[0], 'other.md', pair[1]], idOf, 1).map((page) => page.name);
    assert.equal(names[0]!.slice(0, 8), names[2]!.slice(0, 8));
    assert.notEqual(names[0], names[2]);
    assert.ok(names[0]!.length > 8);
    assert.equal(names[1]!.length, 8);
    assert.deepEqual(pagesOf([pair[1], 'other.md', pair[0]], idOf, 1).map((page) => page.name), [names[2], names[1], names[0]]);
  });

  it('leaves every page but the newest as it was when the newest article arrives, adding at most one', () => {
    let items = paths(1000, 2);
    for (let count = 0; count < 200; count += 1) {
      const before = pagesOf(items, idOf, 20);
      items = [`new/${count}.md`, ...items];
      const after = pagesOf(items, idOf, 20);
      assert.deepEqual(after.slice(after.length - before.length + 1), before.slice(1).map((page) => ({ ...page, start: page.start + 1 })));
      assert.equal(after.at(-before.length)!.name, before[0]!.name);
      assert.ok(after.length - before.length <= 1);
    }
  });

  it('changes a bounded number of pages for any one insertion or removal', (t) => {
    const written = new Map<number, number>();
    const withLinks = new Map<number, number>();
    const deleted = new Map<number, number>();
    const change = fc.record({
      count: fc.integer({ min: 0, max: 5000 }),
      seed: fc.nat(),
      kind: fc.constantFrom('insert', 'remove'),
      where: fc.constantFrom('newest', 'oldest', 'anywhere'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(change, ({ count, seed, kind, where, at }) => {
        const before = paths(count, seed);
        const last = kind === 'insert' ? count : count - 1;
        if (last < 0) return;
        const index = where === 'newest' ? 0 : where === 'oldest' ? last : Math.floor(at * last);
        const after = [...before];
        if (kind === 'insert') after.splice(index, 0, `inserted/${seed}.md`);
        else after.splice(index, 1);
        const result = cost(pagesOf(before, idOf, 20), pagesOf(after, idOf, 20));
        tally(written, result.written);
        tally(withLinks, result.writtenWithLinks);
        tally(deleted, result.deleted);
        assert.ok(result.written <= 4, `${result.written} pages written`);
        assert.ok(result.writtenWithLinks <= 6, `${result.writtenWithLinks} pages written counting links`);
        assert.ok(result.deleted <= 3, `${result.deleted} pages deleted`);
      }),
      { numRuns: 500 },
    );
    t.diagnostic(`pages written (runs): ${shown(written)}`);
    t.diagnostic(`pages written counting newer/older links (runs): ${shown(withLinks)}`);
    t.diagnostic(`pages deleted (runs): ${shown(deleted)}`);
  });
});

describe('rootOf', () => {
  it('shows the newest perPage items and links Older to the page holding the next', () => {
    const items = paths(500, 3);
    const pages = pagesOf(items, idOf, 20);
    const root = rootOf(items, pages, 20);
    assert.deepEqual(root.items, items.slice(0, 20));
    assert.ok(pages.find((page) => page.name === root.older)!.items.includes(items[20]!));
    assert.deepEqual(rootOf(items.slice(0, 20), pagesOf(items.slice(0, 20), idOf, 20), 20).older, null);
    assert.deepEqual(rootOf([], [], 20), { items: [], older: null });
  });
});
