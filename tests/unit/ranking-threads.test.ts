import fc from 'fast-check';
import { mergeRanges, rankRange } from '../../src/matching/block-kernel';
import { rankCandidates, rankingJob, RankingFilter, RankWindow } from '../../src/matching/ranking';
import { RankingThreads } from '../../src/matching/ranking-threads';
import { orderPostingSkills, PostingInput } from '../../src/matching/scoring';
import { WantedSkill } from '../../src/posting/wanted-skill';
import {
  candidate,
  filter,
  oracle,
  parents,
  Person,
  posting,
  world,
  World,
  zeroed,
  tiedCandidate,
  flatPosting,
} from '../helpers/ranking-world';

// A ranking split into ranges of slots, each ranked apart (on other threads, or not), merges
// into exactly the ranking of the whole index: same ids, scores, order, total, hasMore and
// candidates scored, for random indexes, postings, filters, windows from either end between
// cursors, many ties, and ranges cut anywhere.

const tied = tiedCandidate(fc.integer({ min: 0, max: 9 }).map((n) => n > 0));
const flat = flatPosting;

/** An index, a posting, a filter and a window with cursors on matches (or none): random, or mostly ties. */
const ranking = fc
  .oneof(
    fc.record({
      parentOf: parents,
      people: fc.array(candidate, { maxLength: 300, size: 'max' }),
      p: posting,
      f: filter,
    }),
    fc.record({
      parentOf: fc.constant<number[]>([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      people: fc.array(tied, { minLength: 50, maxLength: 400 }),
      p: flat,
      // often no filter but open-to-work, as most rankings have
      f: fc.oneof(filter, fc.record({ openToWorkOnly: fc.boolean() })),
    }),
  )
  .chain((case_) =>
    fc.record({
      case_: fc.constant(case_),
      ascendingIds: fc.boolean(),
      size: fc.integer({ min: 1, max: 12 }),
      from: fc.constantFrom('start' as const, 'end' as const),
      afterAt: fc.nat(),
      beforeAt: fc.nat(),
      block: fc.integer({ min: 1, max: 64 }),
    }),
  );

interface Ranking {
  w: World;
  input: PostingInput;
  f: RankingFilter;
  window: RankWindow;
  block: number;
}

type RankingArgs = typeof ranking extends fc.Arbitrary<infer T> ? T : never;

function setUp({
  case_: { parentOf, people, p, f },
  ascendingIds,
  size,
  from,
  afterAt,
  beforeAt,
  block,
}: RankingArgs): Ranking {
  const w = world(parentOf, people as Person[], ascendingIds);
  const input: PostingInput = { ...p, skills: orderPostingSkills(p.skills as WantedSkill[]) };
  const all = oracle(w, input, f);
  const after = all.length > 0 && afterAt % 3 !== 0 ? all[afterAt % all.length] : null;
  const before = all.length > 0 && beforeAt % 3 !== 0 ? all[beforeAt % all.length] : null;
  return { w, input, f, window: { size, from, after, before }, block };
}

const whole = ({ w, input, f, window, block }: Ranking) =>
  rankCandidates(w.storage, w.scratch, w.tree, input, f, window, { block });

describe('ranking by ranges of slots', () => {
  it('merges ranges cut anywhere into exactly the ranking of the whole', () => {
    fc.assert(
      fc.property(ranking, fc.array(fc.nat(), { maxLength: 6 }), (args, cuts) => {
        const r = setUp(args);
        const expected = whole(r);
        const slots = r.w.storage.columns.size;
        const bounds = [0, ...cuts.map((c) => c % (slots + 1)).sort((a, b) => a - b), slots];
        const job = rankingJob(r.w.storage, r.w.tree, r.input, r.f, r.window);
        const results = bounds.slice(1).map((end, i) => rankRange(job, r.w.scratch, bounds[i], end, r.block));
        expect(zeroed(r.w.scratch)).toBe(true);
        expect(mergeRanges(results, r.window)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});

describe('ranking on several threads', () => {
  // Threads on the smallest index, so that every ranking here is split; small blocks, or one.
  const pools = [
    new RankingThreads({ threads: 2, threadedFrom: 0, block: 7 }),
    new RankingThreads({ threads: 3, threadedFrom: 0 }),
  ];
  beforeAll(() => Promise.all(pools.map((pool) => pool.ready())));
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  it('ranks exactly as one thread does, the other threads ranking their ranges', () => {
    expect(pools.map((pool) => pool.running())).toEqual([2, 3]);
    fc.assert(
      fc.property(ranking, fc.nat(1), (args, p) => {
        const r = setUp(args);
        const expected = whole(r);
        const ranked = pools[p].exhaustive(r.w.storage, r.w.scratch, r.w.tree, r.input, r.f, r.window);
        expect(zeroed(r.w.scratch)).toBe(true);
        expect(ranked).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    // No thread failed or was late: none of the rankings fell back to the main thread alone.
    expect(pools.map((pool) => pool.running())).toEqual([2, 3]);
  });

  it('ranks exactly when a thread is late, the main thread ranking its range instead', async () => {
    const pool = new RankingThreads({ threads: 3, threadedFrom: 0, timeoutMs: 0 });
    await pool.ready();
    for (const args of fc.sample(ranking, { numRuns: 20, seed: 3 })) {
      const r = setUp(args);
      const expected = whole(r);
      expect(pool.exhaustive(r.w.storage, r.w.scratch, r.w.tree, r.input, r.f, r.window)).toEqual(expected);
      expect(zeroed(r.w.scratch)).toBe(true);
    }
    await pool.close();
  });

  it('ranks every range itself once the threads are gone', async () => {
    const pool = new RankingThreads({ threads: 2, threadedFrom: 0 });
    await pool.ready();
    const r = setUp(fc.sample(ranking, { numRuns: 1, seed: 7 })[0]);
    const expected = whole(r);
    expect(pool.exhaustive(r.w.storage, r.w.scratch, r.w.tree, r.input, r.f, r.window)).toEqual(expected);
    await pool.close();
    expect(pool.running()).toBe(1);
    expect(pool.exhaustive(r.w.storage, r.w.scratch, r.w.tree, r.input, r.f, r.window)).toEqual(expected);
  });
});
