import { Worker } from 'node:worker_threads';
import type { Memo } from '../store/memo.ts';
import { siblingEntry } from '../util/sibling-entry.ts';
import { runTask, type Outcome, type TaskInput, type TaskName, type TaskOutput } from './tasks.ts';

/** Fewer files than this are processed on the calling thread alone: a worker takes most of a second to start. */
export const workerThreshold = 500;

/**
 * A worker thread running `entry`. Bundled, the entry is a file beside the bundle's chunks; run
 * from the sources it is a `.ts` file, which the worker loads through tsx, registered for itself.
 */
export function startWorker(entry: URL, workerData?: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, execArgv: [], workerData });
}

export interface Running<T> {
  /** Run on this thread what the worker has not taken yet; resolves with every input's outcome, in order. */
  finish(): Promise<Outcome<T>[]>;
}

/** A second thread for the steps in `tasks.ts`, or none. */
export interface Pool {
  run<Name extends TaskName>(name: Name, inputs: readonly TaskInput<Name>[]): Running<TaskOutput<Name>>;
  close(): void;
  /** How many outcomes the worker has given so far. */
  readonly fromWorker: number;
}

type Reply = { job: number; batch: [number, Outcome<unknown>][]; done: boolean };

/**
 * A pool of one worker thread, started at once when there are `files` (at least the threshold) to
 * process, so that it has loaded its code by the time the first step runs. Each `run` shares one
 * step over its inputs between the worker and the caller: both take the inputs one at a time, by a
 * counter they share, the worker from the start, the caller when it calls `finish()`, so the two
 * threads share the work whatever else the caller had to do first. The steps are pure functions,
 * so the outcomes are the same on either thread. A worker that cannot start, or fails, leaves its
 * inputs to the caller.
 */
export function openPool(files: number, threshold = workerThreshold): Pool {
  let worker: Worker | null = null;
  const jobs = new Map<number, (reply: Reply | null) => void>();
  if (files >= threshold) {
    try {
      worker = startWorker(siblingEntry('parallel-worker', import.meta.url));
      worker.on('message', (reply: Reply) => jobs.get(reply.job)?.(reply));
      const fail = () => {
        worker = null;
        for (const receive of jobs.values()) receive(null);
      };
      worker.on('error', fail);
      worker.on('exit', fail);
    } catch {
      worker = null;
    }
  }
  let jobsStarted = 0;
  let fromWorker = 0;
  return {
    get fromWorker() {
      return fromWorker;
    },
    run<Name extends TaskName>(name: Name, inputs: readonly TaskInput<Name>[]): Running<TaskOutput<Name>> {
      const outcomes: (Outcome<TaskOutput<Name>> | undefined)[] = new Array(inputs.length);
      let filled = 0;
      const next = new Int32Array(new SharedArrayBuffer(4));
      const job = ++jobsStarted;
      let settle = () => {};
      const settled = new Promise<void>((resolve) => (settle = resolve));
      const helped = worker !== null && inputs.length > 1;
      if (helped) {
        jobs.set(job, (reply) => {
          for (const [index, outcome] of reply?.batch ?? []) {
            outcomes[index] = outcome as Outcome<TaskOutput<Name>>;
            filled++;
            fromWorker++;
          }
          if (!reply || reply.done || filled === inputs.length) settle();
        });
        worker!.postMessage({ job, name, inputs, next });
      }
      return {
        async finish() {
          for (let index = Atomics.add(next, 0, 1); index < inputs.length; index = Atomics.add(next, 0, 1)) {
            outcomes[index] = runTask(name, inputs[index]!);
            filled++;
          }
          // Wait only for what the worker took: one that has not reached this job has taken nothing.
          if (helped && filled < inputs.length) await settled;
          jobs.delete(job);
          // What a failed worker had taken and not sent back.
          return inputs.map((input, index) => outcomes[index] ?? runTask(name, input));
        },
      };
    },
    close() {
      void worker?.terminate();
      worker = null;
    },
  };
}

/**
 * Each input's outcome of step `name`: remembered by `memo` from an earlier build, or run now (on
 * two threads when the pool has a worker) and remembered for the next. Inputs are given by their
 * memo key. The work starts at once; `finish()` waits for it.
 */
export function startMemoised<Name extends TaskName>(
  pool: Pool,
  memo: Memo,
  name: Name,
  inputs: ReadonlyMap<string, TaskInput<Name>>,
): { finish(): Promise<Map<string, Outcome<TaskOutput<Name>>>> } {
  const outcomes = new Map<string, Outcome<TaskOutput<Name>>>();
  const missing = new Map<string, TaskInput<Name>>();
  for (const [key, input] of inputs) {
    const found = memo.find<TaskOutput<Name>>(name, key);
    if (found !== undefined) outcomes.set(key, { ok: true, value: found });
    else missing.set(key, input);
  }
  const running = pool.run(name, [...missing.values()]);
  return {
    async finish() {
      const fresh = await running.finish();
      [...missing.keys()].forEach((key, index) => {
        const outcome = fresh[index]!;
        if (outcome.ok) memo.remember(name, key, outcome.value);
        outcomes.set(key, outcome);
      });
      return outcomes;
    },
  };
}
