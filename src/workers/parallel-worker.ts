import { parentPort } from 'node:worker_threads';
import { runTask, type Outcome, type TaskInput, type TaskName } from './tasks.ts';

// The worker of `openPool`: for each job, takes inputs by the shared counter until none is left,
// and sends their outcomes back in batches, the last one marked done.
parentPort!.on('message', ({ job, name, inputs, next }: { job: number; name: TaskName; inputs: TaskInput<TaskName>[]; next: Int32Array }) => {
  let batch: [number, Outcome<unknown>][] = [];
  for (let index = Atomics.add(next, 0, 1); index < inputs.length; index = Atomics.add(next, 0, 1)) {
    batch.push([index, runTask(name, inputs[index] as never)]);
    if (batch.length === 32) {
      parentPort!.postMessage({ job, batch, done: false });
      batch = [];
    }
  }
  parentPort!.postMessage({ job, batch, done: true });
});
