import { extname, join } from 'node:path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { SkillTree } from '../skill/skill-tree';
import { ascends, BLOCK, KernelJob, mergeRanges, RangeResult, rankRange } from './block-kernel';
import { Exhaustive, Kernel, rankWith } from './max-score';
import { RankedPage, RankingFilter, rankingJob, RankingScratch, RankingStorage, RankWindow } from './ranking';
import type { RangeAnswer, RangeJob } from './ranking-worker';
import { PostingInput } from './scoring';

export type { Kernel } from './max-score';

// Exhaustive rankings of a large index on several threads. At a million candidates the
// exhaustive kernel takes about 20 ms on one core, while the others idle: the slots are cut
// into as many ranges as there are threads, each ranked by the block kernel on its own
// thread (ranking-worker.ts) over the index's own arrays, which are on SharedArrayBuffers
// (see `shared` in index-storage.ts), so no thread copies them; the ranges' results merge
// into exactly the ranking of the whole (see `mergeRanges`). MaxScore (max-score.ts) stays
// on one thread: it ranks a forward page by reading few candidates, in an order a split
// would only lengthen.
//
// The main thread ranks a range itself, then blocks (Atomics.wait) until the other threads
// have answered. Blocking is what makes reading the index from other threads safe: while
// the main thread waits, no write, growth or compaction can run (they all run on it, between
// requests), so the arrays a job names are neither changed nor replaced until every thread
// is done with them. A thread that fails, or does not answer within `timeoutMs`, is dropped
// (and replaced at a later ranking), and the main thread ranks its range itself: a ranking
// is never wrong nor missing, only slower.

export interface RankingThreadsOptions {
  /** threads a ranking runs on, the main thread included; 1: no others */
  threads?: number;
  /** slots from which a ranking is split: on fewer, one thread ranks about as fast as several */
  threadedFrom?: number;
  /** how long the main thread waits for another thread's answer before ranking its range itself */
  timeoutMs?: number;
  /** slots per block of the kernel (small in tests, so that blocks are many) */
  block?: number;
}

/**
 * Below this many slots, a ranking stays on one thread. On 2 cores busy with other work (load
 * about 4), the exhaustive kernel on one thread and on two took 2.0 and 2.5 ms at 100k slots,
 * 5.8 and 7.1 ms at 200k, 7.1 and 7.3 ms at 300k, 11.5 and 10.0 ms at 400k: posting a range
 * and merging cost about 0.4 ms, and a busy machine is slow to give the other thread a core.
 */
export const THREADED_FROM = 300_000;
/** Fifty times a whole ranking of a million slots on one thread: a thread this late is stuck or gone. */
const TIMEOUT_MS = 1000;
/** Threads that fail past this many are not replaced: something about them always fails. */
const MAX_FAILURES = 8;

/** The worker's entry beside this module: the compiled one, or under ts-jest the TypeScript one, compiled by ts-node. */
const ENTRY = join(__dirname, `ranking-worker${extname(__filename)}`);

interface Helper {
  worker: Worker;
  /** the main thread's end of the channel answers come back on, read with receiveMessageOnPort */
  port: MessagePort;
  /** [0]: the `seq` of the last range the thread answered */
  flag: Int32Array;
  seq: number;
  ready: boolean;
  /** resolves once the thread is ready, or gone */
  started: Promise<void>;
}

export class RankingThreads {
  private readonly threads: number;
  private readonly threadedFrom: number;
  private readonly timeoutMs: number;
  private readonly block: number;
  private helpers: Helper[] = [];
  /**
   * Exhaustive rankings split across threads, and those left to this thread alone because an
   * array of the index was not on shared memory (every allocation of the index must go
   * through `shared`: tests count these to prove it does, growths and compactions included).
   */
  readonly counts = { split: 0, unshared: 0 };
  private failures = 0;
  private closed = false;

  constructor({
    threads = 1,
    threadedFrom = THREADED_FROM,
    timeoutMs = TIMEOUT_MS,
    block = BLOCK,
  }: RankingThreadsOptions = {}) {
    this.threads = threads;
    this.threadedFrom = threadedFrom;
    this.timeoutMs = timeoutMs;
    this.block = block;
  }

  /** Ranks as `rankWith` does, its exhaustive rankings of a large index on several threads. */
  rank(
    kernel: Kernel,
    storage: RankingStorage,
    scratch: RankingScratch,
    tree: SkillTree,
    posting: PostingInput,
    filter: RankingFilter,
    window: RankWindow,
    threaded = true,
  ): RankedPage {
    if (!threaded || this.threads <= 1 || storage.columns.size < this.threadedFrom)
      return rankWith(kernel, storage, scratch, tree, posting, filter, window);
    this.spawn();
    return rankWith(kernel, storage, scratch, tree, posting, filter, window, this.exhaustive);
  }

  /** Starts the threads, and resolves once they can rank: the rankings before run on fewer threads. */
  async ready(): Promise<void> {
    this.spawn();
    await Promise.all(this.helpers.map((helper) => helper.started));
  }

  /** How many threads would rank a large index now, the main thread included. */
  running(): number {
    return 1 + this.helpers.filter((helper) => helper.ready).length;
  }

  /** Stops the threads; rankings go on, on the main thread alone. */
  async close(): Promise<void> {
    this.closed = true;
    const helpers = this.helpers;
    this.helpers = [];
    for (const helper of helpers) helper.port.close();
    await Promise.all(helpers.map((helper) => helper.worker.terminate()));
  }

  /** The exhaustive kernel, its ranges on every thread ready. */
  readonly exhaustive: Exhaustive = (storage, scratch, tree, posting, filter, window) => {
    const job = rankingJob(storage, tree, posting, filter, window);
    const size = job.columns.size;
    const helpers = this.helpers.filter((helper) => helper.ready);
    const unshared = helpers.length > 0 && !shared(job);
    if (unshared) this.counts.unshared++;
    if (helpers.length === 0 || !ascends(job) || unshared)
      return mergeRanges([rankRange(job, scratch, 0, size, this.block)], window);
    this.counts.split++;
    const parts = helpers.length + 1;
    const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.floor((size * i) / parts));
    helpers.forEach((helper, i) => {
      helper.seq++;
      const range: RangeJob = {
        seq: helper.seq,
        job,
        start: bounds[i + 1],
        end: bounds[i + 2],
        block: this.block,
      };
      helper.port.postMessage(range);
    });
    const results = [rankRange(job, scratch, bounds[0], bounds[1], this.block)];
    const deadline = performance.now() + this.timeoutMs;
    helpers.forEach((helper, i) => {
      results.push(
        this.answer(helper, deadline) ?? rankRange(job, scratch, bounds[i + 1], bounds[i + 2], this.block),
      );
    });
    return mergeRanges(results, window);
  };

  /** The thread's answer to its last range, waited for until `deadline`; null if it failed or is late (it is dropped). */
  private answer(helper: Helper, deadline: number): RangeResult | null {
    while (Atomics.load(helper.flag, 0) !== helper.seq) {
      const left = deadline - performance.now();
      if (left <= 0) break;
      Atomics.wait(helper.flag, 0, helper.seq - 1, left);
    }
    const answer = receiveMessageOnPort(helper.port)?.message as RangeAnswer | undefined;
    if (answer && answer.seq === helper.seq && 'result' in answer) return answer.result;
    this.drop(helper);
    return null;
  }

  private spawn(): void {
    while (!this.closed && this.helpers.length < this.threads - 1 && this.failures < MAX_FAILURES) {
      const { port1, port2 } = new MessageChannel();
      const flag = new Int32Array(new SharedArrayBuffer(4));
      // Under ts-jest, the entry is TypeScript: ts-node (a development dependency) compiles it.
      const execArgv = ENTRY.endsWith('.ts')
        ? ['--require', require.resolve('ts-node/register/transpile-only')]
        : [];
      const worker = new Worker(ENTRY, {
        workerData: { port: port2, flag },
        transferList: [port2],
        execArgv,
      });
      // The threads never keep the process alive: they only ever answer the main thread.
      worker.unref();
      let started!: () => void;
      const helper: Helper = {
        worker,
        port: port1,
        flag,
        seq: 0,
        ready: false,
        started: new Promise((r) => (started = r)),
      };
      worker.once('message', () => {
        helper.ready = true;
        started();
      });
      // An error is followed by the exit; a thread gone is dropped (its range goes to the main thread).
      worker.on('error', () => undefined);
      worker.once('exit', () => {
        started();
        this.drop(helper);
      });
      this.helpers.push(helper);
    }
  }

  private drop(helper: Helper): void {
    if (!this.helpers.includes(helper)) return;
    this.helpers = this.helpers.filter((h) => h !== helper);
    this.failures++;
    helper.port.close();
    void helper.worker.terminate();
  }
}

/** Whether every array the job reads is shared: another would be copied to each thread, every ranking. */
function shared(job: KernelJob): boolean {
  const { ids, years, openToWork, alive, remote, location } = job.columns;
  const arrays = [ids, years, openToWork, alive, remote, location];
  for (const term of job.terms) for (const way of term.ways) arrays.push(way.list.slots, way.list.levels);
  return arrays.every((array) => array.buffer instanceof SharedArrayBuffer);
}
