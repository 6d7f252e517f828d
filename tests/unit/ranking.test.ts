import fc from 'fast-check';
import { RemotePolicy } from '../../src/common/remote-policy';
import { rankTopK } from '../../src/matching/max-score';
import { rankCandidates, RankingFilter, RankWindow, REMOTE_CODES } from '../../src/matching/ranking';
import { RankedCandidate } from '../../src/matching/rank-heap';
import { compareRanked, orderPostingSkills, PostingInput } from '../../src/matching/scoring';
import { WantedSkill } from '../../src/posting/wanted-skill';
import {
  candidate,
  filter,
  LOCATIONS,
  oracle,
  parents,
  posting,
  world,
  World,
  zeroed,
  tiedCandidate,
  flatPosting,
} from '../helpers/ranking-world';

/** The window of `first` matches after `after`, read forwards, as the exhaustive kernel takes it. */
const forward = (first: number, after: RankedCandidate | null): RankWindow => ({
  size: first,
  from: 'start',
  after,
  before: null,
});

// The top-k kernel skips candidates that cannot reach the page; these properties check
// that it answers exactly what scoring every candidate answers (same ids, scores, order,
// total and hasMore), and what the scoring module applied to each candidate answers, for
// random hierarchies, candidates, postings, filters, page sizes and cursors.

/** Checks the exhaustive kernel's window against the scoring module's ranking of every candidate. */
function checkExhaustive(
  w: World,
  p: { minYearsExperience: number; skills: WantedSkill[] },
  f: RankingFilter,
  {
    size,
    block,
    from,
    afterAt,
    beforeAt,
  }: { size: number; block: number; from: 'start' | 'end'; afterAt: number; beforeAt: number },
) {
  const input: PostingInput = { ...p, skills: orderPostingSkills(p.skills) };
  const all = oracle(w, input, f);
  // cursors on matches, or none
  const after = all.length > 0 && afterAt % 3 !== 0 ? all[afterAt % all.length] : null;
  const before = all.length > 0 && beforeAt % 3 !== 0 ? all[beforeAt % all.length] : null;
  const ranked = rankCandidates(
    w.storage,
    w.scratch,
    w.tree,
    input,
    f,
    { size, from, after, before },
    { block },
  );
  expect(zeroed(w.scratch)).toBe(true);
  const between = all.filter(
    (m) => (!after || compareRanked(m, after) > 0) && (!before || compareRanked(m, before) < 0),
  );
  const page = from === 'start' ? between.slice(0, size) : between.slice(Math.max(0, between.length - size));
  expect({ ...ranked, scored: 0 }).toEqual({
    total: all.length,
    page,
    hasMore: between.length > size,
    scored: 0,
  });
}

describe('exhaustive ranking', () => {
  it('answers as the scoring module, a block of slots at a time, from either end, between cursors', () => {
    fc.assert(
      fc.property(
        parents,
        fc.array(candidate, { maxLength: 300, size: 'max' }),
        fc.boolean(),
        posting,
        filter,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom('start' as const, 'end' as const),
        fc.nat(),
        fc.nat(),
        (parentOf, people, ascendingIds, p, f, size, block, from, afterAt, beforeAt) => {
          const w = world(parentOf, people, ascendingIds);
          checkExhaustive(w, { ...p, skills: p.skills as WantedSkill[] }, f, {
            size,
            block,
            from,
            afterAt,
            beforeAt,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("breaks ties by id when many candidates share the score of the page's last match", () => {
    // Flat weights, every level credited in full, few skills and no relatives: most
    // candidates tie, many of them with the page's last score.
    const tied = tiedCandidate(fc.constant(true));
    const flat = flatPosting;
    fc.assert(
      fc.property(
        fc.array(tied, { minLength: 50, maxLength: 400 }),
        fc.boolean(),
        flat,
        // often no filter but open-to-work, as most rankings have
        fc.oneof(filter, fc.record({ openToWorkOnly: fc.boolean() })),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom('start' as const, 'end' as const),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 64 }),
        (people, ascendingIds, p, f, size, block, from, afterAt, beforeAt, window) => {
          const w = world([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], people, ascendingIds);
          checkExhaustive(w, p, f, { size, block, from, afterAt, beforeAt });
          const input: PostingInput = { ...p, skills: orderPostingSkills(p.skills) };
          const all = oracle(w, input, f);
          const after = all.length > 0 && afterAt % 3 !== 0 ? all[afterAt % all.length] : null;
          const exhaustive = rankCandidates(w.storage, w.scratch, w.tree, input, f, forward(size, after));
          const topK = rankTopK(w.storage, w.scratch, w.tree, input, f, size, after, {
            window,
            planned: false,
          });
          expect({ ...topK, scored: 0 }).toEqual({ ...exhaustive, scored: 0 });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('top-k ranking (MaxScore)', () => {
  it('answers exactly as exhaustive ranking and the scoring module, page after page', () => {
    fc.assert(
      fc.property(
        parents,
        fc.array(candidate, { maxLength: 300, size: 'max' }),
        posting,
        filter,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 64 }),
        fc.nat(),
        (parentOf, people, p, f, first, window, cursorAt) => {
          const w = world(parentOf, people, cursorAt % 2 === 0);
          const input: PostingInput = { ...p, skills: orderPostingSkills(p.skills as WantedSkill[]) };
          const all = oracle(w, input, f);
          // a cursor on a match, or none
          const after = all.length > 0 && cursorAt % 3 !== 0 ? all[cursorAt % all.length] : null;
          const exhaustive = rankCandidates(w.storage, w.scratch, w.tree, input, f, forward(first, after));
          const topK = rankTopK(w.storage, w.scratch, w.tree, input, f, first, after, {
            window,
            planned: false,
          });
          const planned = rankTopK(w.storage, w.scratch, w.tree, input, f, first, after, { window });
          expect(zeroed(w.scratch)).toBe(true);
          const rest = after ? all.filter((m) => compareRanked(m, after) > 0) : all;
          const expected = { total: all.length, page: rest.slice(0, first), hasMore: rest.length > first };
          expect({ ...exhaustive, scored: 0 }).toEqual({ ...expected, scored: 0 });
          expect({ ...topK, scored: 0 }).toEqual({ ...expected, scored: 0 });
          expect({ ...planned, scored: 0 }).toEqual({ ...expected, scored: 0 });
          expect(topK.scored).toBeLessThanOrEqual(exhaustive.scored);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scores few of many candidates when the page is small', () => {
    const people = Array.from({ length: 5000 }, (_, i) => ({
      alive: true,
      years: i % 11,
      openToWork: true,
      remote: REMOTE_CODES[i % 3],
      location: LOCATIONS[i % 3],
      skills: [1, 2, 3, 4, 5, 6]
        .filter((s) => (i * 7 + s * 13) % (s + 1) === 0)
        .map((skillId) => ({
          skillId,
          level: 1 + ((i + skillId) % 5),
        })),
    }));
    const w = world([0, 1, 1, 0, 4, 0, 0, 0, 0, 0], people);
    const input: PostingInput = {
      minYearsExperience: 3,
      skills: orderPostingSkills(
        [1, 2, 3, 4, 5, 6].map((skillId, k) => ({
          skillId,
          importance: k % 3 === 2 ? 'PREFERRED' : 'REQUIRED',
          minLevel: 3,
          weight: k % 3 === 2 ? 0.5 : 1,
        })),
      ),
    };
    const f = { openToWorkOnly: true };
    const exhaustive = rankCandidates(w.storage, w.scratch, w.tree, input, f, forward(20, null));
    const topK = rankTopK(w.storage, w.scratch, w.tree, input, f, 20, null, { planned: false });
    expect({ ...topK, scored: 0 }).toEqual({ ...exhaustive, scored: 0 });
    expect(topK.scored).toBeLessThan(exhaustive.scored / 4);
  });

  it('scores everyone, and still answers the same, when a list does not ascend', () => {
    const w = world(
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [
        {
          alive: true,
          years: 5,
          openToWork: true,
          remote: RemotePolicy.REMOTE,
          location: 'Austin, TX',
          skills: [{ skillId: 1, level: 3 }],
        },
        {
          alive: true,
          years: 5,
          openToWork: true,
          remote: RemotePolicy.REMOTE,
          location: 'Austin, TX',
          skills: [{ skillId: 1, level: 5 }],
        },
      ],
    );
    w.storage.lists.get(1)!.add(0, 4); // slot 0 again, after slot 1: as a list out of order would be
    expect(w.storage.lists.get(1)!.ascending).toBe(false);
    w.storage.lists.get(1)!.checkOrder(); // as after loading a saved index
    expect(w.storage.lists.get(1)!.ascending).toBe(false);
    const input: PostingInput = {
      minYearsExperience: 0,
      skills: [{ skillId: 1, importance: 'REQUIRED', minLevel: 4, weight: 1 }],
    };
    const f = { openToWorkOnly: true };
    expect(rankTopK(w.storage, w.scratch, w.tree, input, f, 1, null)).toEqual(
      rankCandidates(w.storage, w.scratch, w.tree, input, f, forward(1, null)),
    );
  });
});
