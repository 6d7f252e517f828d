import { loadavg } from 'node:os';
import { DataSource, In } from 'typeorm';
import { MatchIndex } from '../src/matching/match-index';
import { RankingFilter } from '../src/matching/ranking';
import { orderPostingSkills, PostingInput } from '../src/matching/scoring';
import { JobPosting, PostingSkill } from '../src/posting/posting.entity';

// The ranking kernel alone, in this process, on the postings the HTTP figures were taken
// on: the top-k kernel (MaxScore, what the server runs) and the exhaustive one it replaced,
// interleaved posting by posting so that both meet the same load on a shared machine.

export interface KernelFigures {
  topK: { p50: number; p95: number };
  exhaustive: { p50: number; p95: number };
  /** candidates scored per ranking, as a share of the candidates indexed */
  topKScored: number;
  exhaustiveScored: number;
  /** the 1-minute load average while the kernels ran */
  load: number;
}

/** What the HTTP benchmark asks for: the first 20 candidates open to work. */
const FILTER: RankingFilter = { openToWorkOnly: true };
const FIRST = 20;
const ROUNDS = 3;

export async function timeKernels(db: DataSource, postingIds: readonly number[]): Promise<KernelFigures> {
  const index = new MatchIndex(db);
  await index.ready();
  const inputs = await postingInputs(db, postingIds);
  const times = { topK: [] as number[], exhaustive: [] as number[] };
  const scored = { topK: 0, exhaustive: 0 };
  const run = (kind: 'topK' | 'exhaustive', input: PostingInput) => {
    const started = performance.now();
    const page = index.rank(input, FILTER, FIRST, null, { exhaustive: kind === 'exhaustive' });
    times[kind].push(performance.now() - started);
    scored[kind] += page.scored;
    return page;
  };
  for (const input of inputs.slice(0, 5)) {
    index.rank(input, FILTER, FIRST, null); // warm up both
    index.rank(input, FILTER, FIRST, null, { exhaustive: true });
  }
  for (let round = 0; round < ROUNDS; round++) {
    inputs.forEach((input, i) => {
      // Alternating which goes first, so neither always runs with a warmer cache.
      const kinds =
        (i + round) % 2 === 0 ? (['topK', 'exhaustive'] as const) : (['exhaustive', 'topK'] as const);
      const [a, b] = kinds.map((kind) => run(kind, input));
      if (JSON.stringify(a.page) !== JSON.stringify(b.page) || a.total !== b.total)
        throw new Error(`the kernels disagree on posting ${postingIds[i]}`);
    });
  }
  const rankings = inputs.length * ROUNDS;
  const candidates = index.stats().candidates;
  return {
    topK: quantiles(times.topK),
    exhaustive: quantiles(times.exhaustive),
    topKScored: scored.topK / rankings / candidates,
    exhaustiveScored: scored.exhaustive / rankings / candidates,
    load: loadavg()[0],
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
