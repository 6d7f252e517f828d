import { SkillTree } from '../skill/skill-tree';
import { PostingList } from './index-storage';
import { RankingScratch, RankingStorage } from './ranking';
import { creditingSkills, PostingInput } from './scoring';

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
    for (const { skillId, direct, credits } of creditingSkills(wanted, tree)) {
      const list = storage.lists.get(skillId);
      if (!list) continue;
      const bound = wanted.weight * largest(credits);
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

/** The largest of the credits: a loop, as spreading 256 of them into `Math.max` cost ~12 µs a list. */
function largest(credits: Float64Array): number {
  let max = 0;
  for (let level = 0; level < credits.length; level++) if (credits[level] > max) max = credits[level];
  return max;
}

/** What makes a candidate a match, other than its score. */
export interface Eligibility {
  eligible: (slot: number) => boolean;
  /** what `eligible` checks, for loops that check it inline: open to work, and the other filters */
  openOnly: boolean;
  passes: ((slot: number) => boolean) | null;
  onlyMeeting: boolean;
  requiredCount: number;
}

/**
 * Matches without a minimum score, counted without scoring: eligible candidates some list
 * credits (every level credits), or, when only those meeting every required skill count,
 * those every required skill's own list holds at its level. A block of slots at a time
 * (a byte each, so the block's marks stay in cache): each list's entries in the block are
 * marked, then the block's marks are counted. The lists must ascend.
 */
export function countMatches(
  storage: RankingStorage,
  scratch: RankingScratch,
  terms: readonly SkillTerm[],
  { openOnly, passes, onlyMeeting, requiredCount }: Eligibility,
  block: number,
): number {
  const seen = scratch.requiredMet; // zero between rankings, and left so
  const { alive, openToWork, size: slotCount } = storage.columns;
  const need = onlyMeeting ? requiredCount : 0;
  // The lists that count, each with the least level that counts.
  const counted = terms.flatMap((term) =>
    term.ways.flatMap((way) => {
      if (need === 0) return [{ list: way.list, minLevel: 0 }];
      return way.direct && term.required ? [{ list: way.list, minLevel: term.minLevel }] : [];
    }),
  );
  const at = new Int32Array(counted.length);
  const target = need === 0 ? 1 : need;
  let total = 0;
  for (let base = 0; base < slotCount; base += block) {
    const end = Math.min(slotCount, base + block);
    for (let k = 0; k < counted.length; k++) {
      const { slots, levels, size } = counted[k].list;
      const minLevel = counted[k].minLevel;
      let i = at[k];
      if (need === 0) {
        for (; i < size && slots[i] < end; i++) seen[slots[i]] = 1;
      } else {
        for (; i < size && slots[i] < end; i++) if (levels[i] >= minLevel) seen[slots[i]]++;
      }
      at[k] = i;
    }
    for (let slot = base; slot < end; slot++) {
      if (seen[slot] !== target || alive[slot] === 0) continue;
      if ((openOnly && openToWork[slot] === 0) || (passes !== null && !passes(slot))) continue;
      total++;
    }
    seen.fill(0, base, end);
  }
  return total;
}
