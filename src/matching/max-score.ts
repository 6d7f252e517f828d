import { SkillTree } from '../skill/skill-tree';
import { RankedCandidate, RankHeap } from './rank-heap';
import {
  filterCheck,
  rankCandidates,
  RankedPage,
  RankingFilter,
  RankingScratch,
  RankingStorage,
  RankWindow,
} from './ranking';
import { seek } from './index-storage';
import { countMatches, Eligibility, skillTerms, Way } from './ranking-terms';
import { experienceFactor, PostingInput } from './scoring';

// Top-k ranking that scores only the candidates that can still reach the page: MaxScore,
// as Lucene's MaxScoreBulkScorer does it. Each list that credits a posting skill (the
// skill's own, a child's, a sibling's, the parent's) has an upper bound on what it adds to
// a candidate's weighted sum: the skill's weight times the best credit it gives. Lists are
// taken from the smallest bound up: while what they could add together stays below the
// score the page's last entry already has, a candidate found only in them cannot reach the
// page, so they are "non-essential". Candidates are found in the essential lists only, a
// window of slots at a time; each is checked against its bound, the non-essential lists are
// looked up (a galloping search: lists ascend by slot) while the bound still allows, and
// only the survivors are scored. A survivor's score is summed in posting-skill order, as
// the scoring module sums, so it is the very same number: the ranking is exact.

/** Slots per window: the essential lists are scattered into a window, then its candidates are checked in slot order. */
const WINDOW = 4096;
/**
 * Relative slack on every bound check, far above floating-point rounding (about 1e-15
 * here): a candidate is left out only when its bound is clearly below the page's floor.
 */
const SLACK = 1e-9;

/**
 * Above this share of all the posting's list entries in essential lists (at the floor known
 * before scoring: the minimum score, if any), the exhaustive kernel is used. At 100k
 * synthetic candidates, MaxScore led by the heap's floor alone took 2 to 4 times as long
 * as scoring everyone (most lists stay essential: weights are flat and popular skills'
 * lists long); with a minimum score of 0.7 it took about half as long.
 */
const PLAN_SHARE = 0.1;

export interface TopKOptions {
  /** slots per window (small in tests, so that windows are many) */
  window?: number;
  /** false: always MaxScore, never the exhaustive kernel (to test MaxScore itself) */
  planned?: boolean;
  /** the exhaustive kernel, where the plan falls back to it: on several threads, perhaps (ranking-threads.ts) */
  exhaustive?: Exhaustive;
}

/** Ranks the window exhaustively, as `rankCandidates` does. */
export type Exhaustive = (
  storage: RankingStorage,
  scratch: RankingScratch,
  tree: SkillTree,
  posting: PostingInput,
  filter: RankingFilter,
  window: RankWindow,
) => RankedPage;

/**
 * The same page as `rankCandidates` (same ids, scores, order, total and hasMore), scoring
 * only the candidates that can reach it. Scores everyone (the exhaustive kernel) when that
 * is cheaper (see PLAN_SHARE), or when a list does not ascend or a weight is not positive.
 */
export function rankTopK(
  storage: RankingStorage,
  scratch: RankingScratch,
  tree: SkillTree,
  posting: PostingInput,
  filter: RankingFilter,
  first: number,
  after: RankedCandidate | null,
  { window = WINDOW, planned = true, exhaustive = rankCandidates }: TopKOptions = {},
): RankedPage {
  const terms = skillTerms(storage, tree, posting);
  const sane = terms.every(
    (t) => t.weight > 0 && Number.isFinite(t.weight) && t.ways.every((w) => w.list.ascending),
  );
  if (!sane) return exhaustive(storage, scratch, tree, posting, filter, forward(first, after));

  const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
  const { alive, openToWork, years, ids } = storage.columns;
  const passes = filterCheck(storage, filter);
  const openOnly = filter.openToWorkOnly;
  const onlyMeeting = filter.onlyMeetingRequired === true;
  const requiredCount = terms.filter((t) => t.required).length;
  const minScore = filter.minScore ?? 0;
  const rules: Eligibility = {
    eligible: (slot) =>
      alive[slot] !== 0 && (!openOnly || openToWork[slot] !== 0) && (passes === null || passes(slot)),
    openOnly,
    passes,
    onlyMeeting,
    requiredCount,
  };

  // The score a candidate must reach: with a minimum score, that (every candidate above it
  // is counted); otherwise the score of the heap's last entry once it is full.
  const heap = new RankHeap(first + 1);
  const cutoffAt = (floor: number) => floor * totalWeight * (1 - SLACK);
  let cutoff = cutoffAt(Math.max(0, minScore));

  // Lists by bound, smallest first; among equal bounds the longest first, so that the
  // essential lists, which are read in full, are the shortest.
  const ways = terms.flatMap((t) => t.ways).sort((a, b) => a.bound - b.bound || b.list.size - a.list.size);
  const n = terms.length;
  // What the non-essential lists can add to a term: the best credit among them (a credit is the best of a term's lists, not their sum).
  const spare = new Float64Array(n);
  let essential = 0; // ways[essential..] are essential
  let spareSum = 0; // Σ weight × spare, over the terms
  const settle = () => {
    while (essential < ways.length) {
      const way = ways[essential];
      const credit = way.bound / terms[way.term].weight;
      const grown = spareSum + terms[way.term].weight * (Math.max(credit, spare[way.term]) - spare[way.term]);
      if (!(grown < cutoff)) return;
      spareSum = grown;
      spare[way.term] = Math.max(credit, spare[way.term]);
      essential++;
    }
  };

  // A plan, as a query planner makes one: when the essential lists hold much of what all
  // the lists hold, looking candidates up in the rest costs more than scoring everyone.
  settle();
  const entries = (from: number) => ways.slice(from).reduce((sum, way) => sum + way.list.size, 0);
  if (planned && entries(essential) > PLAN_SHARE * entries(0))
    return exhaustive(storage, scratch, tree, posting, filter, forward(first, after));
  // Every match counts towards the total, not only the page's. Without a minimum score,
  // matches are counted without scoring; with one, every candidate that can reach it is
  // scored, and counted as it is.
  let total = minScore > 0 ? 0 : countMatches(storage, scratch, terms, rules, window);

  const cell = new Float64Array(n * window); // essential credits: term j, window slot s at j * window + s
  const met = new Uint8Array(window); // required skills held at their level, in essential lists
  const hit = new Uint8Array(window);
  const credit = new Float64Array(n);
  const termOrder = terms.map((_, j) => j);
  let scored = 0;

  const slotCount = storage.columns.size;
  for (let base = 0; base < slotCount;) {
    settle();
    if (essential === ways.length) break; // nobody left can reach the page
    // Windows no essential list has an entry in are skipped.
    let next = slotCount;
    for (let i = essential; i < ways.length; i++) {
      const way = ways[i];
      if (way.at < way.list.size) next = Math.min(next, way.list.slots[way.at]);
    }
    if (next >= slotCount) break;
    base = next - (next % window);
    const end = Math.min(slotCount, base + window);
    for (let i = essential; i < ways.length; i++) scatter(ways[i], terms[ways[i].term], base, end);
    // Terms with no essential list have no credit yet, and at most their bound.
    const busy = new Set(ways.slice(essential).map((w) => w.term));
    const busyTerms = termOrder.filter((j) => busy.has(j));
    const idleTerms = termOrder.filter((j) => !busy.has(j));
    const idle = idleTerms.reduce((sum, j) => sum + terms[j].weight * spare[j], 0);
    // Terms whose non-essential lists could add the most are looked up first.
    const lookups = terms.map((): Way[] => []);
    for (const way of ways.slice(0, essential)) lookups[way.term].push(way);
    const looked = termOrder
      .filter((j) => spare[j] > 0)
      .sort((a, b) => terms[b].weight * spare[b] - terms[a].weight * spare[a]);

    for (let s = 0; s < end - base; s++) {
      if (hit[s] === 0) continue;
      const slot = base + s;
      let held = met[s];
      // Each essential credit is read once and cleared: the window is zeroed as it goes.
      let bound = idle;
      for (const j of idleTerms) credit[j] = 0;
      for (const j of busyTerms) {
        const at = j * window + s;
        credit[j] = cell[at];
        cell[at] = 0;
        bound += terms[j].weight * Math.max(credit[j], spare[j]);
      }
      hit[s] = 0;
      met[s] = 0;
      if (!rules.eligible(slot)) continue;
      // The non-essential lists, term by term, while the candidate can still make it.
      let out = bound < cutoff;
      for (let k = 0; k < looked.length && !out; k++) {
        const j = looked[k];
        const term = terms[j];
        const before = Math.max(credit[j], spare[j]);
        for (const way of lookups[j]) {
          const at = (way.at = seek(way.list.slots, way.list.size, way.at, slot));
          if (at === way.list.size || way.list.slots[at] !== slot) continue;
          const level = way.list.levels[at];
          if (way.credits[level] > credit[j]) credit[j] = way.credits[level];
          if (way.direct && term.required && level >= term.minLevel) held++;
        }
        bound += term.weight * (credit[j] - before);
        out = bound < cutoff;
      }
      if (out || (onlyMeeting && held !== requiredCount)) continue;
      scored++;
      // Summed in posting-skill order, as the scoring module sums, so the score is the same number.
      let weighted = 0;
      for (let j = 0; j < n; j++) weighted += terms[j].weight * credit[j];
      if (weighted === 0) continue;
      const score = (weighted / totalWeight) * experienceFactor(years[slot], posting.minYearsExperience);
      if (score <= 0 || score < minScore) continue;
      if (minScore > 0) total++;
      const id = ids[slot];
      if (after && !(score < after.score || (score === after.score && id > after.id))) continue;
      heap.offer(id, score);
      if (minScore <= 0) cutoff = cutoffAt(heap.floor() ?? 0);
    }
    base = end;
  }
  const ranked = heap.sorted();
  return { total, page: ranked.slice(0, first), hasMore: ranked.length > first, scored };

  /** An essential list's entries in the window, into the term's credits there. */
  function scatter(way: Way, term: (typeof terms)[number], from: number, end: number): void {
    const { slots, levels, size } = way.list;
    const row = way.term * window - from;
    const countsMet = way.direct && term.required;
    let at = way.at;
    for (; at < size && slots[at] < end; at++) {
      const slot = slots[at];
      const c = way.credits[levels[at]];
      if (c > cell[row + slot]) cell[row + slot] = c;
      hit[slot - from] = 1;
      if (countsMet && levels[at] >= term.minLevel) met[slot - from]++;
    }
    way.at = at;
  }
}

/** Which kernel ranks: chosen per ranking (`planned`), or one forced, to compare them. */
export type Kernel = 'planned' | 'max-score' | 'exhaustive';

export function rankWith(
  kernel: Kernel,
  storage: RankingStorage,
  scratch: RankingScratch,
  tree: SkillTree,
  posting: PostingInput,
  filter: RankingFilter,
  window: RankWindow,
  exhaustive: Exhaustive = rankCandidates,
): RankedPage {
  // MaxScore keeps the best of a page read forwards; a page read from the end, or bounded by
  // `before`, is ranked exhaustively.
  if (kernel === 'exhaustive' || window.from === 'end' || window.before) {
    return exhaustive(storage, scratch, tree, posting, filter, window);
  }
  return rankTopK(storage, scratch, tree, posting, filter, window.size, window.after, {
    planned: kernel === 'planned',
    exhaustive,
  });
}

/** The window of `first` matches after `after`, read forwards. */
function forward(first: number, after: RankedCandidate | null): RankWindow {
  return { size: first, from: 'start', after, before: null };
}
