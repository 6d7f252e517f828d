import { availableParallelism, loadavg } from 'node:os';
import { DataSource, In } from 'typeorm';
import { MatchIndex } from '../src/matching/match-index';
import { RankingFilter } from '../src/matching/ranking';
import { orderPostingSkills, PostingInput } from '../src/matching/scoring';
import { JobPosting, PostingSkill } from '../src/posting/posting.entity';

// The ranking kernel alone, in this process, on the postings the HTTP figures were taken
// on: as the server runs it (planned: MaxScore or exhaustive, per ranking), on one thread
// and on as many as the server with WORKERS=1 ranks on (RANKING_THREADS' default: every
// core), MaxScore always, and exhaustive always, interleaved posting by posting so that all
// meet the same load on a shared machine, and checked to give the same pages.

const KERNELS = ['planned', 'threaded', 'max-score', 'exhaustive'] as const;
export type Kernel = (typeof KERNELS)[number];
/** How each is asked of the index: the threaded one is the planned kernel on every thread. */
const RUN = {
  planned: { kernel: 'planned', threaded: false },
  threaded: { kernel: 'planned', threaded: true },
  'max-score': { kernel: 'max-score', threaded: false },
  exhaustive: { kernel: 'exhaustive', threaded: false },
} as const;
/** The threads the server ranks on with WORKERS=1 (see RANKING_THREADS). */
export const RANKING_THREADS = availableParallelism();

export interface KernelFigures {
  times: Record<Kernel, { p50: number; p95: number }>;
  /**
   * CPU time per ranking (this process's, all threads), which other work on a shared
   * machine inflates far less than wall time
   */
  cpu: Record<Kernel, { p50: number; p95: number }>;
  /** candidates scored per ranking, as a share of the candidates indexed */
  scored: Record<Kernel, number>;
  /** the 1-minute load average while the kernels ran */
  load: number;
  /** threads the threaded kernel ranked on */
  threads: number;
}

const FIRST = 20;
const ROUNDS = 3;

/** Builds the index in this process, as the server does, then runs `ranking` with it. */
export async function withIndex<T>(db: DataSource, ranking: (index: MatchIndex) => Promise<T>): Promise<T> {
  const index = new MatchIndex(db, { threads: { threads: RANKING_THREADS } });
  await index.ready();
  await index.threads.ready();
  try {
    return await ranking(index);
  } finally {
    await index.threads.close();
  }
}

export async function timeKernels(
  index: MatchIndex,
  db: DataSource,
  postingIds: readonly number[],
  filter: RankingFilter,
): Promise<KernelFigures> {
  return timeKernelsOn(index, await postingInputs(db, postingIds), filter, postingIds);
}

/** The same, on postings given as scoring inputs (named by `labels` when the kernels disagree). */
export function timeKernelsOn(
  index: MatchIndex,
  inputs: readonly PostingInput[],
  filter: RankingFilter,
  labels: readonly (number | string)[] = inputs.map((_, i) => `#${i}`),
): KernelFigures {
  const times = Object.fromEntries(KERNELS.map((k) => [k, [] as number[]])) as Record<Kernel, number[]>;
  const cpu = Object.fromEntries(KERNELS.map((k) => [k, [] as number[]])) as Record<Kernel, number[]>;
  const scored = Object.fromEntries(KERNELS.map((k) => [k, 0])) as Record<Kernel, number>;
  const run = (kernel: Kernel, input: PostingInput) => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const page = index.rank(
      input,
      filter,
      { size: FIRST, from: 'start', after: null, before: null },
      RUN[kernel],
    );
    const used = process.cpuUsage(cpuStarted);
    times[kernel].push(performance.now() - started);
    cpu[kernel].push((used.user + used.system) / 1000);
    scored[kernel] += page.scored;
    return page;
  };
  for (const input of inputs.slice(0, 5))
    for (const kernel of KERNELS)
      index.rank(input, filter, { size: FIRST, from: 'start', after: null, before: null }, RUN[kernel]);
  for (let round = 0; round < ROUNDS; round++) {
    inputs.forEach((input, i) => {
      // Rotating which goes first, so that none always runs with a warmer cache.
      const order = KERNELS.map((_, k) => KERNELS[(k + i + round) % KERNELS.length]);
      const pages = order.map((kernel) => run(kernel, input));
      const answers = new Set(
        pages.map(({ total, page, hasMore }) => JSON.stringify({ total, page, hasMore })),
      );
      if (answers.size > 1) throw new Error(`the kernels disagree on posting ${labels[i]}`);
    });
  }
  const perRanking = inputs.length * ROUNDS * index.stats().candidates;
  const each = <T>(f: (kernel: Kernel) => T) =>
    Object.fromEntries(KERNELS.map((k) => [k, f(k)])) as Record<Kernel, T>;
  return {
    times: each((k) => quantiles(times[k])),
    cpu: each((k) => quantiles(cpu[k])),
    scored: each((k) => scored[k] / perRanking),
    load: loadavg()[0],
    threads: index.threads.running(),
  };
}

/** The postings' scoring inputs, in the order of `ids` (which may repeat). */
async function postingInputs(db: DataSource, ids: readonly number[]): Promise<PostingInput[]> {
  const unique = [...new Set(ids)];
  const [postings, skills] = await Promise.all([
    db.getRepository(JobPosting).findBy({ id: In(unique) }),
    db.getRepository(PostingSkill).findBy({ postingId: In(unique) }),
  ]);
  return ids.map((id) => ({
    minYearsExperience: postings.find((p) => p.id === id)!.minYearsExperience,
    skills: orderPostingSkills(skills.filter((s) => s.postingId === id)),
  }));
}

export function quantiles(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95) };
}
