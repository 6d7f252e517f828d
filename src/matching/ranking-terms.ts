import { SkillTree } from '../skill/skill-tree';
import { PostingList } from './index-storage';
import { RankingScratch, RankingStorage } from './ranking';
import { levelCredit, PostingInput, relatedSkills } from './scoring';

// What the top-k kernel (max-score.ts) reads of a posting: its skills as terms, each with
// the lists that credit it, and the helpers that read those lists without scoring.

/** A list that credits a posting skill (the skill's own, or a related skill's), with the credit of each level held. */
export interface Way {
  term: number;
  list: PostingList;
  credits: Float64Array;
  direct: boolean;
  /** the most a candidate in this list adds to the weighted sum: the term's weight times the best credit */
  bound: number;
  /** the next entry to look at: lists are read forward only */
  at: number;
}

export interface SkillTerm {
  weight: number;
  required: boolean;
  minLevel: number;
  ways: Way[];
}

/** The posting's skills as terms, in posting order, each with the lists that credit it. */
export function skillTerms(storage: RankingStorage, tree: SkillTree, posting: PostingInput): SkillTerm[] {
  return posting.skills.map((wanted, term): SkillTerm => {
    const ways: Way[] = [];
    for (const way of [{ skillId: wanted.skillId, factor: 1 }, ...relatedSkills(wanted.skillId, tree)]) {
      const list = storage.lists.get(way.skillId);
      if (!list) continue;
      const direct = way.skillId === wanted.skillId;
      const credits = new Float64Array(256);
      // Computed exactly as the exhaustive kernel and the scoring module compute them.
      for (let level = 1; level <= 5; level++) {
        credits[level] = direct
          ? levelCredit(level, wanted.minLevel)
          : way.factor * levelCredit(level, wanted.minLevel);
      }
      const bound = wanted.weight * Math.max(...credits);
      ways.push({ term, list, credits, direct, bound, at: 0 });
    }
    return {
      weight: wanted.weight,
      required: wanted.importance === 'REQUIRED',
      minLevel: wanted.minLevel,
      ways,
    };
  });
}

/** What makes a candidate a match, other than its score. */
export interface Eligibility {
  eligible: (slot: number) => boolean;
  onlyMeeting: boolean;
  requiredCount: number;
}

/**
 * Matches without a minimum score, counted without scoring: eligible candidates some list
 * credits (every level credits), or, when only those meeting every required skill count,
 * those every required skill's own list holds at its level.
 */
export function countMatches(
  storage: RankingStorage,
  scratch: RankingScratch,
  terms: readonly SkillTerm[],
  { eligible, onlyMeeting, requiredCount }: Eligibility,
): number {
  const seen = scratch.requiredMet; // zero between rankings, and left so
  let total = 0;
  const need = onlyMeeting ? requiredCount : 0;
  for (const term of terms) {
    for (const way of term.ways) {
      const { slots, levels, size } = way.list;
      if (need === 0) {
        for (let i = 0; i < size; i++) {
          const slot = slots[i];
          if (seen[slot] !== 0) continue;
          seen[slot] = 1;
          if (eligible(slot)) total++;
        }
      } else if (way.direct && term.required) {
        for (let i = 0; i < size; i++) {
          const slot = slots[i];
          if (levels[i] >= term.minLevel && ++seen[slot] === need && eligible(slot)) total++;
        }
      }
    }
  }
  seen.fill(0, 0, storage.columns.size);
  return total;
}

/** The first index from `from` on whose slot is at least `target`: a galloping search. */
export function seek(slots: Int32Array, size: number, from: number, target: number): number {
  let lo = from;
  let hi = from;
  for (let step = 1; hi < size && slots[hi] < target; step *= 2) {
    lo = hi + 1;
    hi += step;
  }
  if (hi > size) hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slots[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
