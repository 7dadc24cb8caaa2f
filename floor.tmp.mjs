const t0 = performance.now();
const { RenderPlugin } = await import('@11ty/eleventy');
const t1 = performance.now();
const manager = new RenderPlugin.RenderManager();
manager.templateConfig.directories.setInput('/tmp/floor-t');
await manager.init();
const fs = await import('node:fs');
const render = await manager.compile(fs.readFileSync('/tmp/floor-t/page.njk', 'utf8'), 'njk');
const html = await render({ title: 'One article', body: 'Text' });
fs.writeFileSync('/tmp/floor-t/out.html', html);
const t2 = performance.now();
const { open } = await import('lmdb');
const db = open({ path: '/tmp/floor-t/db' }); db.get('x'); 
const t3 = performance.now();
let t4 = t3;
if (process.env.WITH_NLP) { const { default: nlp } = await import('compromise'); nlp('Liam Kowalski met Grace Mitchell in Paris.').people().out('array'); t4 = performance.now(); }
console.log(`eleventy import ${(t1 - t0).toFixed(0)} ms, engine+render ${(t2 - t1).toFixed(0)} ms, lmdb ${(t3 - t2).toFixed(0)} ms, compromise ${(t4 - t3).toFixed(0)} ms`);
