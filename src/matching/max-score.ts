import { SkillTree } from '../skill/skill-tree';
import { PostingList } from './index-storage';
import { RankedCandidate, RankHeap } from './rank-heap';
import {
  filterCheck,
  rankCandidates,
  RankedPage,
  RankingFilter,
  RankingScratch,
  RankingStorage,
} from './ranking';
import { experienceFactor, levelCredit, PostingInput, relatedSkills } from './scoring';

// Top-k ranking that scores only the candidates that can still reach the page: MaxScore,
// as Lucene's MaxScoreBulkScorer does it. Each posting skill has an upper bound on what it
// adds to a candidate's weighted sum (its weight times the best credit any of its lists
// gives). Skills are taken from the smallest bound up: while the bounds of the first ones
// add up to less than the score the page's last entry already has, a candidate they alone
// would credit cannot reach the page, so they are "non-essential". Candidates are found in
// the lists of the essential skills only, a window of slots at a time; each is checked
// against its bound, the non-essential skills are looked up (a galloping search in lists
// that ascend by slot) while the bound still allows, and only the survivors are scored.
// A survivor's score is summed in posting-skill order, as the scoring module sums, so it
// is the very same number: the ranking is exact, not approximate.

/** Slots per window: the essential lists are scattered into a window, then its candidates are checked in slot order. */
const WINDOW = 4096;
/**
 * Relative slack on every bound check, far above floating-point rounding (about 1e-15
 * here): a candidate is left out only when its bound is clearly below the page's floor.
 */
const SLACK = 1e-9;

/** A list that credits a posting skill, with the credit of each level held in it. */
interface Way {
  list: PostingList;
  credits: Float64Array;
  direct: boolean;
  /** the next entry to look at: lists are read forward only */
  at: number;
}

interface SkillTerm {
  weight: number;
  required: boolean;
  minLevel: number;
  ways: Way[];
  /** the most this skill adds to a candidate's weighted sum */
  bound: number;
}

/**
 * The same page as `rankCandidates` (same ids, scores, order, total and hasMore), scoring
 * only the candidates that can reach it. Falls back to scoring everyone when a list does
 * not ascend or a weight is not positive.
 */
export function rankTopK(
  storage: RankingStorage,
  scratch: RankingScratch,
  tree: SkillTree,
  posting: PostingInput,
  filter: RankingFilter,
  first: number,
  after: RankedCandidate | null,
  window = WINDOW,
): RankedPage {
  const terms = posting.skills.map((wanted): SkillTerm => {
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
      ways.push({ list, credits, direct, at: 0 });
    }
    const bound = wanted.weight * Math.max(0, ...ways.map((w) => Math.max(...w.credits)));
    const required = wanted.importance === 'REQUIRED';
    return { weight: wanted.weight, required, minLevel: wanted.minLevel, ways, bound };
  });
  const sane = terms.every(
    (t) => t.weight > 0 && Number.isFinite(t.weight) && t.ways.every((w) => w.list.ascending),
  );
  if (!sane) return rankCandidates(storage, scratch, tree, posting, filter, first, after);

  const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
  const requiredCount = terms.filter((t) => t.required).length;
  const { alive, openToWork, years, ids } = storage.columns;
  const passes = filterCheck(storage, filter);
  const openOnly = filter.openToWorkOnly;
  const onlyMeeting = filter.onlyMeetingRequired === true;
  const minScore = filter.minScore ?? 0;
  const eligible = (slot: number) =>
    alive[slot] !== 0 && (!openOnly || openToWork[slot] !== 0) && (passes === null || passes(slot));
  // Every match counts towards the total, not only the page's. Without a minimum score, a
  // match is any eligible candidate some list credits (or, for those meeting every required
  // skill, that each required skill's own list holds at its level): counted without scoring.
  // With one, the candidates that can reach it are all scored, and counted as they are.
  let total = minScore > 0 ? 0 : countMatches(storage, scratch, terms, requiredCount, onlyMeeting, eligible);

  // Skills by bound, smallest first; `before[i]` is the sum of the bounds of the first i.
  const order = terms.map((_, j) => j).sort((a, b) => terms[a].bound - terms[b].bound || a - b);
  const before = new Float64Array(order.length + 1);
  order.forEach((j, i) => (before[i + 1] = before[i] + terms[j].bound));
  const heap = new RankHeap(first + 1);
  // The score a candidate must reach: with a minimum score, that (every candidate above it
  // is counted); otherwise, once the heap is full, the score of its last entry.
  let floor = minScore > 0 ? minScore : 0;
  const cutoff = () => floor * totalWeight * (1 - SLACK);
  const cell = new Float64Array(terms.length * window); // essential credits: term j, window slot s at j * window + s
  const met = new Uint8Array(window); // required skills held at their level, among the essential ones
  const hit = new Uint8Array(window);
  const credit = new Float64Array(terms.length);
  let scored = 0;

  const slotCount = storage.columns.size;
  for (let base = 0; base < slotCount;) {
    // The first essential skill: the bounds of those before it add up to less than the floor.
    let essential = 0;
    while (essential < order.length && before[essential + 1] < cutoff()) essential++;
    if (essential === order.length) break; // nobody left can reach the page
    // Windows no essential list has an entry in are skipped.
    let next = slotCount;
    for (let i = essential; i < order.length; i++)
      for (const way of terms[order[i]].ways)
        if (way.at < way.list.size) next = Math.min(next, way.list.slots[way.at]);
    if (next >= slotCount) break;
    base = next - (next % window);
    const end = Math.min(slotCount, base + window);

    for (let i = essential; i < order.length; i++) {
      const j = order[i];
      const term = terms[j];
      const row = j * window - base;
      for (const way of term.ways) {
        const { slots, levels, size } = way.list;
        let at = way.at;
        for (; at < size && slots[at] < end; at++) {
          const slot = slots[at];
          const c = way.credits[levels[at]];
          if (c > cell[row + slot]) cell[row + slot] = c;
          hit[slot - base] = 1;
          if (way.direct && term.required && levels[at] >= term.minLevel) met[slot - base]++;
        }
        way.at = at;
      }
    }

    for (let s = 0; s < end - base; s++) {
      if (hit[s] === 0) continue;
      const slot = base + s;
      let held = met[s];
      // Each essential credit is read once and cleared: the window is zeroed as it goes.
      let bound = before[essential];
      for (let i = essential; i < order.length; i++) {
        const at = order[i] * window + s;
        credit[order[i]] = cell[at];
        bound += terms[order[i]].weight * cell[at];
        cell[at] = 0;
      }
      hit[s] = 0;
      met[s] = 0;
      if (!eligible(slot)) continue;
      // The non-essential skills, largest bound first, while the candidate can still make it.
      let out = bound < cutoff();
      for (let i = essential - 1; i >= 0 && !out; i--) {
        const term = terms[order[i]];
        let best = 0;
        for (const way of term.ways) {
          const at = (way.at = seek(way.list.slots, way.list.size, way.at, slot));
          if (at < way.list.size && way.list.slots[at] === slot) {
            const level = way.list.levels[at];
            if (way.credits[level] > best) best = way.credits[level];
            if (way.direct && term.required && level >= term.minLevel) held++;
          }
        }
        credit[order[i]] = best;
        bound += term.weight * best - term.bound;
        out = bound < cutoff();
      }
      if (out || (onlyMeeting && held !== requiredCount)) continue;
      scored++;
      // Summed in posting-skill order, as the scoring module sums, so the score is the same number.
      let weighted = 0;
      for (let j = 0; j < terms.length; j++) weighted += terms[j].weight * credit[j];
      if (weighted === 0) continue;
      const score = (weighted / totalWeight) * experienceFactor(years[slot], posting.minYearsExperience);
      if (score <= 0 || score < minScore) continue;
      if (minScore > 0) total++;
      const id = ids[slot];
      if (after && !(score < after.score || (score === after.score && id > after.id))) continue;
      heap.offer(id, score);
      if (minScore <= 0) floor = heap.floor() ?? 0;
    }
    base = end;
  }
  const ranked = heap.sorted();
  return { total, page: ranked.slice(0, first), hasMore: ranked.length > first, scored };
}

/**
 * Matches without a minimum score, counted without scoring: eligible candidates some list
 * credits, or, when only those meeting every required skill count, those every required
 * skill's own list holds at its level.
 */
function countMatches(
  storage: RankingStorage,
  scratch: RankingScratch,
  terms: readonly SkillTerm[],
  requiredCount: number,
  onlyMeeting: boolean,
  eligible: (slot: number) => boolean,
): number {
  const seen = scratch.requiredMet; // zero between rankings, and left so
  let total = 0;
  const need = onlyMeeting ? requiredCount : 0;
  for (const term of terms) {
    for (const way of term.ways) {
      if (need > 0 && !(way.direct && term.required)) continue;
      const { slots, levels, size } = way.list;
      for (let i = 0; i < size; i++) {
        const slot = slots[i];
        if (need > 0) {
          if (levels[i] < term.minLevel || ++seen[slot] !== need) continue;
        } else {
          if (seen[slot] !== 0 || way.credits[levels[i]] <= 0) continue;
          seen[slot] = 1;
        }
        if (eligible(slot)) total++;
      }
    }
  }
  seen.fill(0, 0, storage.columns.size);
  return total;
}

/** The first index from `from` on whose slot is at least `target`: a galloping search. */
function seek(slots: Int32Array, size: number, from: number, target: number): number {
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
