import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openMemo } from '../src/store/memo.ts';
import { openPool, startMemoised, type Pool } from '../src/workers/parallel.ts';
import { runTask } from '../src/workers/tasks.ts';
import { tempDir } from './helpers.ts';

// One input the step throws on (it is not text), to show a failure comes back as an outcome.
const bodies = Array.from({ length: 400 }, (_, index) =>
  index === 123 ? (42 as unknown as string) : `## Part ${index}\n\nThe council met on day ${index} and said **${index % 7}** things.\n\n- one\n- [two](https://example.org/${index})\n`,
);

describe('the second thread for the costly steps', () => {
  test('a worker takes a share of the inputs, and every outcome is the one the calling thread gives, in order', async () => {
    const pool = openPool(bodies.length, 100);
    try {
      const running = pool.run('markdown', bodies);
      // The caller is busy elsewhere for a while: the worker starts and takes inputs meanwhile.
      for (const deadline = Date.now() + 30_000; pool.fromWorker === 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
      const outcomes = await running.finish();
      assert.ok(pool.fromWorker > 0, 'the worker rendered some of the bodies');
      assert.deepEqual(outcomes, bodies.map((body) => runTask('markdown', body)));
      const failed = outcomes[123]!;
      assert.ok(!failed.ok && /cwd/.test(failed.message), 'an input the step fails on is an outcome the caller reports, not a crash');
    } finally {
      pool.close();
    }
  });

  test('under the threshold no worker is started, and the caller does the work', async () => {
    const pool = openPool(10, 100);
    const outcomes = await pool.run('markdown', bodies.slice(0, 10)).finish();
    assert.equal(pool.fromWorker, 0);
    assert.deepEqual(outcomes, bodies.slice(0, 10).map((body) => runTask('markdown', body)));
    pool.close();
  });

  test('results are remembered: a second build with the same memo finds them without running the step', async () => {
    const dir = await tempDir('test');
    const inputs = new Map(bodies.slice(0, 20).map((body) => [body, body]));
    const first = await openMemo(dir, 'a'.repeat(64));
    const pool = openPool(0);
    const before = await startMemoised(pool, first, 'markdown', inputs).finish();
    await first.save();
    const second = await openMemo(dir, 'a'.repeat(64));
    assert.equal(second.size, 20);
    const refusing: Pool = { ...pool, run: (name, given) => (given.length > 0 ? assert.fail('a remembered result was computed again') : pool.run(name, given)) };
    const after = await startMemoised(refusing, second, 'markdown', inputs).finish();
    assert.deepEqual(after, before);
    pool.close();
  });
});
