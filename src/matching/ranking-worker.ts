import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { KernelJob, RangeResult, rankRange } from './block-kernel';
import { Scratch } from './index-storage';

// A ranking thread (see ranking-threads.ts): ranks the range of slots it is sent, reading
// the index's shared arrays in place, answers on its port, then raises its flag for the
// main thread, which waits on it.

/** A range to rank: `seq` numbers it, and comes back with the answer. */
export interface RangeJob {
  seq: number;
  job: KernelJob;
  start: number;
  end: number;
  block?: number;
}

export type RangeAnswer = { seq: number } & ({ result: RangeResult } | { failed: true });

interface WorkerSetup {
  port: MessagePort;
  /** [0]: the `seq` of the last range answered */
  flag: Int32Array;
}

const { port, flag } = workerData as WorkerSetup;
// This thread's own scratch space, as long as the index's columns.
let scratch = new Scratch();

port.on('message', ({ seq, job, start, end, block }: RangeJob) => {
  let answer: RangeAnswer;
  try {
    scratch.ensure(job.columns.ids.length);
    answer = { seq, result: rankRange(job, scratch, start, end, block) };
  } catch {
    // Scratch space a failed ranking left dirty is dropped; the main thread ranks the range itself.
    scratch = new Scratch();
    answer = { seq, failed: true };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, seq);
  Atomics.notify(flag, 0);
});
parentPort?.postMessage('ready');
