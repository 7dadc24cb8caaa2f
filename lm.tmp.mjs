import { open } from 'lmdb';
const db = open({ path: '/tmp/p10k/.cache/news-archive/memo/' + process.argv[2], readOnly: true, sharedStructuresKey: Symbol.for('structures') });
const tally = new Map();
let n = 0;
for (const { key, value } of db.getRange({})) {
  const raw = db.getBinary(key);
  let kind = 'other';
  if (value && typeof value === 'object') {
    const k = Object.keys(value).sort().join(',');
    kind = k.slice(0, 60);
  }
  const t = tally.get(kind) ?? { count: 0, bytes: 0 };
  t.count++; t.bytes += raw.length; tally.set(kind, t);
  if (++n > 200000) break;
}
for (const [k, v] of [...tally].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(String(v.count).padStart(7), (v.bytes / 1e6).toFixed(1).padStart(8), 'MB', k);
