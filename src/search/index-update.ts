import { bitmapBits, bitmapText, bucketOf, byArchiveOrder, layout, prefixLimits, prefixOf, type BlockRef, type KeyEntry, type KeyFile, type Posting, type PrefixEntry, type PrefixFile, type Stats } from './format.ts';
import {
  blockName,
  commonestFirst,
  compare,
  cutsOf,
  formOrder,
  idHashOf,
  indexShape,
  keptOf,
  keyHashOf,
  prefixEntriesOf,
  rarityOf,
  sectionId,
  statsText,
  tallyArticle,
  tallyOf,
  type Emit,
  type IndexedArticle,
  type IndexShape,
  type PrefixForm,
} from './index-files.ts';

/** The index the update starts from does not hold what its articles say it should: it is made again from nothing. */
export class StaleIndex extends Error {}

/** A file of the index the update starts from, by its path in the index folder (and a block's key), or null when that index has no such file. */
export type ReadFile = (file: string, blockOf?: string) => string | null;

/** What changes in one key: the articles that leave it (by id, with the day they were filed under) and the postings that join it. */
interface KeyChange {
  leaving: Map<string, number>;
  joining: Posting[];
  /** How many more (or fewer) articles hold each form ('' is not used: the key's own form is the key). */
  forms: Map<string, number>;
}

/** A form whose place in a prefix file changes: its rarity before and after, null where it has none. */
interface FormChange {
  form: string;
  key: string;
  before: number | null;
  after: number | null;
}

const postingOrder = (a: Posting, b: Posting) => byArchiveOrder({ day: a[1], id: a[0] }, { day: b[1], id: b[0] });

/** The posting of an article in one key. */
function postingOf(article: IndexedArticle, forms: readonly [string, number][]): Posting {
  return [article.id, article.day, sectionId(article.section), article.terms.length, ...forms.flat()];
}

/**
 * Brings an index up to date: from its files (`read`), the articles that left it (`removed`, as
 * they were indexed) and those that joined it (`added`), every file that changes is given to `emit`
 * and every file that goes to `drop`, so that the index is, byte for byte, the one `indexFiles`
 * makes from the articles now in it. It reads only the files the changed articles' words live in:
 * their key files, one block of each common word (more where a block's cut moves), the prefix
 * files of forms that came, went or became much commoner or rarer, and the statistics.
 * Throws `StaleIndex` when the files do not hold what `removed` says they do.
 */
export function updateIndex(read: ReadFile, removed: readonly IndexedArticle[], added: readonly IndexedArticle[], langs: readonly string[], emit: Emit, drop: (file: string) => void, shape: IndexShape = indexShape): void {
  const json = <T>(file: string): T | null => {
    const text = read(file);
    return text === null ? null : (JSON.parse(text) as T);
  };
  const stats = json<Stats>(layout.stats());
  if (!stats) throw new StaleIndex('no statistics');
  const tally = tallyOf(stats);
  const keyBits = bitmapBits(stats.keyBuckets);
  const prefixBits = bitmapBits(stats.prefixBuckets);
  const setBit = (bits: Uint8Array, bucket: number, on: boolean) => {
    if (on) bits[bucket >> 3]! |= 1 << (bucket & 7);
    else bits[bucket >> 3]! &= ~(1 << (bucket & 7));
  };

  const changes = new Map<string, KeyChange>();
  const changeOf = (key: string) => {
    let change = changes.get(key);
    if (!change) changes.set(key, (change = { leaving: new Map(), joining: [], forms: new Map() }));
    return change;
  };
  const countForms = (change: KeyChange, key: string, forms: readonly [string, number][], by: number) => {
    for (const [form] of forms) {
      const shown = form === '' ? key : form;
      change.forms.set(shown, (change.forms.get(shown) ?? 0) + by);
    }
  };
  for (const article of removed) {
    tallyArticle(tally, article, -1);
    for (const [key, forms] of article.terms.terms) {
      const change = changeOf(key);
      change.leaving.set(article.id, article.day);
      countForms(change, key, forms, -1);
    }
  }
  for (const article of added) {
    tallyArticle(tally, article, 1);
    for (const [key, forms] of article.terms.terms) {
      const change = changeOf(key);
      change.joining.push(postingOf(article, forms));
      countForms(change, key, forms, 1);
    }
  }

  const formChanges: FormChange[] = [];
  const byFile = new Map<string, string[]>();
  for (const key of changes.keys()) {
    const file = layout.keyFile(key);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push(key);
  }
  for (const [file, keys] of byFile) {
    const entries = new Map((json<KeyFile>(file)?.keys ?? []).map((entry) => [entry.key, entry]));
    for (const key of keys) {
      const entry = updateKey(key, entries.get(key), changes.get(key)!, read, emit, drop, formChanges, shape);
      if (entry) entries.set(key, entry);
      else entries.delete(key);
    }
    setBit(keyBits, bucketOf(keys[0]!), entries.size > 0);
    if (entries.size === 0) drop(file);
    else emit(file, JSON.stringify({ keys: [...entries.values()].sort((a, b) => compare(a.key, b.key)) } satisfies KeyFile));
  }

  updatePrefixes(formChanges, json, emit, drop, (bucket, on) => setBit(prefixBits, bucket, on), shape);
  emit(layout.stats(), statsText(tally, langs, bitmapText(keyBits), bitmapText(prefixBits)));
}

/** One key's entry after the change (null when no article holds it any more), its blocks written and dropped as they change. */
function updateKey(key: string, entry: KeyEntry | undefined, change: KeyChange, read: ReadFile, emit: Emit, drop: (file: string) => void, formChanges: FormChange[], shape: IndexShape): KeyEntry | null {
  const before = new Map(entry?.forms ?? []);
  const after = new Map(before);
  for (const [form, by] of change.forms) {
    const count = (after.get(form) ?? 0) + by;
    if (count < 0) throw new StaleIndex(`form ${form} of ${key} held by fewer articles than leave it`);
    if (count === 0) after.delete(form);
    else after.set(form, count);
  }
  for (const form of change.forms.keys()) {
    const was = before.has(form) ? rarityOf(before.get(form)!) : null;
    const is = after.has(form) ? rarityOf(after.get(form)!) : null;
    if (was !== is) formChanges.push({ form, key, before: was, after: is });
  }
  const df = (entry?.df ?? 0) - change.leaving.size + change.joining.length;
  if (df < 0) throw new StaleIndex(`${key} held by fewer articles than leave it`);

  const readBlock = (name: string): Posting[] => {
    const text = read(layout.block(name), key);
    if (text === null) throw new StaleIndex(`block ${name} of ${key} missing`);
    drop(layout.block(name));
    return JSON.parse(text) as Posting[];
  };
  const refs = entry?.blocks;
  let postings: Posting[] | null = null;
  // Postings in the key file, or blocks to be gathered back into it.
  if (!refs) postings = applyChange(entry?.postings ?? [], change.leaving, change.joining);
  else if (df <= shape.inline) postings = applyChange(refs.flatMap(([name]) => readBlock(name)), change.leaving, change.joining);
  if (df === 0) return null;
  const forms = [...after].sort(formOrder);
  if (postings && postings.length <= shape.inline) return { key, df, forms, postings };
  const blocks = postings ? writeBlocks(key, postings, emit, shape) : recut(key, refs!, change, readBlock, emit, shape);
  return { key, df, forms, blocks };
}

/** A key's postings without those leaving (every one of which must be found) and with those joining, in archive order. */
function applyChange(postings: readonly Posting[], leaving: ReadonlyMap<string, number>, joining: readonly Posting[]): Posting[] {
  const kept = postings.filter((posting) => !leaving.has(posting[0]));
  if (postings.length - kept.length !== leaving.size) throw new StaleIndex('an article leaving is not where its postings were');
  kept.push(...joining);
  return kept.sort(postingOrder);
}

const idHashesOf = (postings: readonly Posting[]) => postings.map((posting) => idHashOf(posting[0]));

/** Postings cut into blocks (where `cutsOf` says, from their articles' id hashes), each written; their references. */
function writeBlocks(key: string, postings: readonly Posting[], emit: Emit, shape: IndexShape, idHashes = idHashesOf(postings)): BlockRef[] {
  const refs: BlockRef[] = [];
  let start = 0;
  for (const end of cutsOf(keyHashOf(key), idHashes, shape).ends) {
    const text = JSON.stringify(postings.slice(start, end));
    const name = blockName(key, text);
    emit(layout.block(name), text, name);
    refs.push([name, postings[start]![1], postings[start]![0], end - start]);
    start = end;
  }
  return refs;
}

/** The block a posting of (`day`, `id`) belongs in: the last whose first posting is not after it. */
function blockFor(refs: readonly BlockRef[], day: number, id: string): number {
  let low = 0;
  let high = refs.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const [, firstDay, firstId] = refs[middle]!;
    if (byArchiveOrder({ day: firstDay, id: firstId }, { day, id }) <= 0) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * A key's blocks after a change: each block a change falls in is cut again with the blocks after
 * it, until a cut falls where one fell before; every other block stays as it was.
 */
function recut(key: string, refs: readonly BlockRef[], change: KeyChange, readBlock: (name: string) => Posting[], emit: Emit, shape: IndexShape): BlockRef[] {
  const touched = new Map<number, { leaving: Map<string, number>; joining: Posting[] }>();
  const at = (index: number) => {
    let block = touched.get(index);
    if (!block) touched.set(index, (block = { leaving: new Map(), joining: [] }));
    return block;
  };
  for (const [id, day] of change.leaving) at(blockFor(refs, day, id)).leaving.set(id, day);
  for (const posting of change.joining) at(blockFor(refs, posting[1], posting[0])).joining.push(posting);
  const keyHash = keyHashOf(key);
  const out: BlockRef[] = [];
  let index = 0;
  while (index < refs.length) {
    if (!touched.has(index)) {
      out.push(refs[index]!);
      index++;
      continue;
    }
    // The run's postings, and their articles' id hashes beside them, each hashed once.
    const run: Posting[] = [];
    const hashes: number[] = [];
    let closed = false;
    while (!closed && index < refs.length) {
      const block = readBlock(refs[index]![0]);
      const changed = touched.get(index);
      const postings = changed ? applyChange(block, changed.leaving, changed.joining) : block;
      run.push(...postings);
      hashes.push(...idHashesOf(postings));
      index++;
      closed = cutsOf(keyHash, hashes, shape).closed;
    }
    out.push(...writeBlocks(key, run, emit, shape, hashes));
  }
  return out;
}

const isShort = (form: string) => [...form].length < prefixLimits.long;
const sameForm = (a: PrefixForm, change: FormChange) => a[0] === change.form && a[1] === change.key;

/** Forms without the changed ones, and with those that are still held, at their new rarity, commonest first. */
function applyForms(forms: readonly PrefixForm[], changes: readonly FormChange[]): PrefixForm[] {
  const kept = forms.filter((form) => !changes.some((change) => sameForm(form, change)));
  for (const change of changes) if (change.after !== null) kept.push([change.form, change.key, change.after]);
  return kept.sort(commonestFirst);
}

/** The prefix files of the forms that changed, brought up to date. */
function updatePrefixes(
  formChanges: readonly FormChange[],
  json: <T>(file: string) => T | null,
  emit: Emit,
  drop: (file: string) => void,
  setBit: (bucket: number, on: boolean) => void,
  shape: IndexShape,
): void {
  // Each prefix file read once, and written once at the end.
  const files = new Map<string, { bucket: number; entries: Map<string, PrefixEntry> }>();
  const fileOf = (prefix: string) => {
    const file = layout.prefixFile(prefix);
    let found = files.get(file);
    if (!found) files.set(file, (found = { bucket: bucketOf(prefix), entries: new Map((json<PrefixFile>(file)?.prefixes ?? []).map((entry) => [entry.prefix, entry])) }));
    return found.entries;
  };
  const get = (prefix: string) => fileOf(prefix).get(prefix);
  const set = (entry: PrefixEntry) => void fileOf(entry.prefix).set(entry.prefix, entry);
  const remove = (prefix: string) => void fileOf(prefix).delete(prefix);

  const byPrefix = new Map<string, FormChange[]>();
  for (const change of formChanges) {
    const prefix = prefixOf(change.form, prefixLimits.short);
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, []);
    byPrefix.get(prefix)!.push(change);
  }
  for (const [prefix, changes] of byPrefix) {
    const entry = get(prefix);
    const leaving = changes.filter((change) => change.before !== null).length;
    const joining = changes.filter((change) => change.after !== null).length;
    if (!entry && leaving > 0) throw new StaleIndex(`prefix ${prefix} missing`);
    if (!entry?.split) {
      const forms = applyForms(entry?.forms ?? [], changes);
      if (entry && entry.forms.length - forms.length !== leaving - joining) throw new StaleIndex(`prefix ${prefix} does not hold its forms`);
      remove(prefix);
      if (forms.length) prefixEntriesOf(prefix, forms, shape).forEach(set);
      continue;
    }
    const more = new Map(entry.more ?? []);
    const short = entry.forms.filter((form) => isShort(form[0]));
    const total = [...more.values()].reduce((sum, count) => sum + count, 0) + short.length - leaving + joining;
    const allForms = () => [...short, ...[...more.keys()].flatMap((sub) => get(sub)?.forms ?? [])];
    if (total <= shape.perFile) {
      // Few enough for one entry again.
      const forms = applyForms(allForms(), changes);
      for (const sub of more.keys()) remove(sub);
      if (forms.length) set({ prefix, forms, split: false });
      else remove(prefix);
      continue;
    }
    const bySub = new Map<string, FormChange[]>();
    for (const change of changes) {
      if (isShort(change.form)) continue;
      const sub = prefixOf(change.form, prefixLimits.long);
      if (!bySub.has(sub)) bySub.set(sub, []);
      bySub.get(sub)!.push(change);
    }
    for (const [sub, subChanges] of bySub) {
      const forms = applyForms(get(sub)?.forms ?? [], subChanges);
      if (forms.length) {
        set({ prefix: sub, forms, split: false });
        more.set(sub, forms.length);
      } else {
        remove(sub);
        more.delete(sub);
      }
    }
    // The kept forms: the commonest of all only when one of them became rarer or went, else of
    // those kept before and those that changed (every other form was and stays below them).
    const top = entry.forms.slice(0, shape.kept);
    const fell = changes.some((change) => change.before !== null && (change.after === null || change.after < change.before) && top.some((form) => sameForm(form, change)));
    const shortChanges = changes.filter((change) => isShort(change.form));
    const candidates = fell ? [...applyForms(short, shortChanges), ...[...more.keys()].flatMap((sub) => get(sub)?.forms ?? [])].sort(commonestFirst) : applyForms(entry.forms, changes);
    set({ prefix, forms: keptOf(candidates, shape), split: true, more: [...more].sort((a, b) => compare(a[0], b[0])) });
  }

  for (const [file, { bucket, entries }] of files) {
    setBit(bucket, entries.size > 0);
    if (entries.size === 0) drop(file);
    else emit(file, JSON.stringify({ prefixes: [...entries.values()].sort((a, b) => compare(a.prefix, b.prefix)) } satisfies PrefixFile));
  }
}
