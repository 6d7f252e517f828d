import { seek } from './index-storage';
import { RankedCandidate, RankHeap } from './rank-heap';
import { experienceFactor } from './scoring';

// The match index's exhaustive ranking kernel, over a range of slots: a block of slots at a
// time, a pass over the posting lists of a posting's skills and their relatives, then one
// over the candidate columns, with the scoring module's own functions in the same order, so
// its scores equal the scoring module's. It reads only plain data and typed arrays (a
// `KernelJob`), and imports nothing heavier than the scoring module, so a ranking thread
// (ranking-worker.ts) runs it on a range of the index while the main thread ranks another.

/** The page of a ranking asked for: `size` matches from the start or the end of those between the cursors. */
export interface RankWindow {
  size: number;
  from: 'start' | 'end';
  /** only matches ranked after this one */
  after: RankedCandidate | null;
  /** only matches ranked before this one */
  before: RankedCandidate | null;
}

export interface RankedPage {
  /** matches passing the filters, across all pages */
  total: number;
  /** up to `size` matches between the cursors, in ranking order */
  page: RankedCandidate[];
  /** whether more matches lie between the cursors beyond the page's far end (after it from the start, before it from the end) */
  hasMore: boolean;
  /** candidates whose score was computed, to see how many a ranking spared */
  scored: number;
}

/** The candidate columns a ranking reads (see Columns). */
export interface KernelColumns {
  ids: Int32Array;
  years: Float64Array;
  openToWork: Uint8Array;
  alive: Uint8Array;
  remote: Uint8Array;
  location: Int32Array;
  size: number;
}

/** A posting list as a ranking reads it (see PostingList). */
export interface KernelList {
  slots: Int32Array;
  levels: Uint8Array;
  size: number;
  ascending: boolean;
}

/** A posting skill, with the lists that credit it, the longest first. */
export interface KernelTerm {
  weight: number;
  minLevel: number;
  required: boolean;
  ways: { list: KernelList; credits: Float64Array; direct: boolean }[];
}

/** A ranking's filter as plain data: the location one as the location ids it lets through. */
export interface SlotFilter {
  openToWorkOnly: boolean;
  remoteCodes: number[] | null;
  locationIds: number[] | null;
  minYears: number | null;
  minScore: number;
  onlyMeetingRequired: boolean;
}

/** Everything a ranking of a range of slots reads. */
export interface KernelJob {
  columns: KernelColumns;
  /** the posting's skills credited by some list, in posting order */
  terms: KernelTerm[];
  /** over all the posting's skills, credited or not */
  totalWeight: number;
  requiredCount: number;
  /** whether every weight is positive (see `quick` in rankRange) */
  positive: boolean;
  minYearsExperience: number;
  filter: SlotFilter;
  window: RankWindow;
}

/** A range's part of a ranking: its matches, and the window's `size + 1` best of them (worst, from the end), in ranking order. */
export interface RangeResult {
  total: number;
  scored: number;
  ranked: RankedCandidate[];
}

/** Per-slot scratch space, all zero between rankings: a ranking leaves it as it found it. */
export interface KernelScratch {
  best: Float64Array;
  sum: Float64Array;
  requiredMet: Uint8Array;
}

/**
 * Slots per block: the block's stretch of `best` and `sum` (8 bytes a slot each) stays in the
 * L2 cache. At 1M candidates, 4096 to 65536 slots took about the same time.
 */
export const BLOCK = 16384;

/** A list that credits a posting skill, read a block at a time. */
interface BlockWay {
  list: KernelList;
  /** the credit of each level held */
  credits: Float64Array;
  /** the term's weight times the credit of each level: what the scoring module adds, for a term with one list */
  weighted: Float64Array;
  /** whether an entry at the wanted level counts a required skill met */
  countsMet: boolean;
  /** the block's entries are from..at-1 */
  from: number;
  at: number;
}

/** Whether every list the job reads ascends: only then can a ranking be split into ranges. */
export function ascends(job: KernelJob): boolean {
  return job.terms.every((t) => t.ways.every((w) => w.list.ascending));
}

/**
 * Ranks the candidates of slots [start, end): counts those scoring above zero that pass the
 * filter, and keeps the window's `size + 1` best of them (from the end, the worst). Exact for
 * its range, so rankings of ranges that cover the index merge (`mergeRanges`) into exactly
 * the ranking of the whole. A range other than the whole index needs lists that ascend.
 */
export function rankRange(
  job: KernelJob,
  scratch: KernelScratch,
  start: number,
  end: number,
  block = BLOCK,
): RangeResult {
  // Slots are ranked a block at a time: every list's entries in the block, term by term in
  // posting order, then the block's candidates. The block's stretch of the scratch arrays
  // stays in cache while it is worked on. Lists are read forward only, so a list whose
  // slots do not ascend makes the whole index one block.
  const { best, sum, requiredMet } = scratch;
  const { filter, totalWeight, requiredCount, window } = job;
  const onlyMeeting = filter.onlyMeetingRequired;
  const ascending = ascends(job);
  if (!ascending) {
    if (start !== 0 || end !== job.columns.size)
      throw new Error('only lists that ascend can be ranked by range');
    block = Math.max(1, end);
  }
  const terms = blockTerms(job, ascending ? start : 0);

  const { alive, openToWork, years, ids } = job.columns;
  const passes = slotCheck(job.columns, filter);
  const openOnly = filter.openToWorkOnly;
  const minScore = filter.minScore;
  const { size, from, after, before } = window;
  // From the end, the heap keeps the worst-ranked `size + 1` of the window instead of the best.
  const heap = new RankHeap(size + 1, from === 'end');
  let total = 0;
  let scored = 0;
  // Reading forwards, once the heap is full, a candidate whose skill score (before the
  // experience factor, which only lowers it) is below the score of the heap's last entry,
  // or equal to it with a higher id, cannot reach the page: without a minimum score, it is
  // counted without being scored. Ties are many (flat weights, a few levels): slots mostly
  // ascend by id, so once the heap is full, most tied candidates are left out this way.
  const prune = from === 'start' && minScore <= 0;
  let floor = -Infinity;
  let floorId = 0;
  // Below `cut`, a hair (far above rounding) under the floor times the total weight, a
  // weighted sum is below the floor too: with positive weights and no filter but
  // open-to-work, such a candidate is counted as a match without a branch on whether it is
  // one, which no branch predictor could guess (most slots fall here once the heap is full).
  const quick = prune && passes === null && !onlyMeeting && job.positive;
  let cut = -Infinity;
  for (let base = start; base < end; base += block) {
    const stopAt = Math.min(end, base + block);
    for (const { weight, minLevel, ways } of terms) {
      let entries = 0;
      for (const way of ways) {
        const { slots, levels, size: length } = way.list;
        const first = (way.from = way.at);
        const stop = (way.at = ascending ? seek(slots, length, first, stopAt) : length);
        entries += stop - first;
        if (way.countsMet) {
          for (let at = first; at < stop; at++) if (levels[at] >= minLevel) requiredMet[slots[at]]++;
        }
      }
      // With one list, every candidate appears once: its credit goes straight into the sum.
      if (ways.length === 1) {
        const { list, weighted, from: first, at: stop } = ways[0];
        const { slots, levels } = list;
        for (let at = first; at < stop; at++) sum[slots[at]] += weighted[levels[at]];
        continue;
      }
      // With more, a candidate earns the best of its ways, added to its sum once: sums are
      // added to in posting order, as the scoring module sums. The longest list's slots are
      // distinct (they ascend), so its credits need no comparison where nothing is gathered yet.
      const lead = ascending ? 1 : 0;
      if (2 * entries > stopAt - base) {
        // Most of the block credited: the best credits are gathered in `best`, then added by a
        // pass over the block, in order (adding zero leaves a sum exact).
        if (ascending) {
          const { list, credits, from: first, at: stop } = ways[0];
          const { slots, levels } = list;
          for (let at = first; at < stop; at++) best[slots[at]] = credits[levels[at]];
        }
        for (let w = lead; w < ways.length; w++) gather(ways[w]);
        for (let slot = base; slot < stopAt; slot++) {
          sum[slot] += weight * best[slot];
          best[slot] = 0;
        }
        continue;
      }
      // Few credited: the best credits of the shorter lists are gathered in `best`, then the
      // longest list adds the better of its own and the gathered one, and last the shorter
      // lists add what is left of theirs.
      for (let w = lead; w < ways.length; w++) gather(ways[w]);
      if (ascending) {
        const { list, credits, from: first, at: stop } = ways[0];
        const { slots, levels } = list;
        for (let at = first; at < stop; at++) {
          const slot = slots[at];
          const own = credits[levels[at]];
          const gathered = best[slot];
          sum[slot] += weight * Math.max(own, gathered);
          best[slot] = 0;
        }
      }
      for (let w = lead; w < ways.length; w++) {
        const { list, from: first, at: stop } = ways[w];
        const slots = list.slots;
        for (let at = first; at < stop; at++) {
          const slot = slots[at];
          const credit = best[slot];
          if (credit === 0) continue;
          sum[slot] += weight * credit;
          best[slot] = 0;
        }
      }
    }

    for (let slot = base; slot < stopAt; slot++) {
      const weighted = sum[slot];
      if (weighted < cut) {
        sum[slot] = 0;
        const credited = alive[slot] & +(weighted > 0);
        scored += credited;
        total += openOnly ? credited & openToWork[slot] : credited;
        continue;
      }
      if (weighted === 0) continue; // no credit: a score of zero, never ranked
      sum[slot] = 0;
      if (alive[slot] === 0) continue;
      scored++;
      if (openOnly && openToWork[slot] === 0) continue;
      if (onlyMeeting && requiredMet[slot] !== requiredCount) continue;
      if (passes !== null && !passes(slot)) continue;
      const skillScore = totalWeight > 0 ? weighted / totalWeight : 0;
      if (skillScore < minScore) continue; // the experience factor (at most 1) only lowers it
      if (prune && skillScore > 0 && (skillScore < floor || (skillScore === floor && ids[slot] > floorId))) {
        total++; // its score is above zero (the experience factor is at least its floor)
        continue;
      }
      const score = skillScore * experienceFactor(years[slot], job.minYearsExperience);
      if (score <= 0 || score < minScore) continue;
      total++;
      const id = ids[slot];
      if (after && !(score < after.score || (score === after.score && id > after.id))) continue;
      if (before && !(score > before.score || (score === before.score && id < before.id))) continue;
      heap.offer(id, score);
      const last = prune ? heap.last() : null;
      if (last) {
        floor = last.score;
        floorId = last.id;
        if (quick) cut = floor * totalWeight * (1 - 1e-12);
      }
    }
    if (onlyMeeting) requiredMet.fill(0, base, stopAt);
  }
  return { total, scored, ranked: heap.sorted() };

  /** A list's best credits in the block, into `best`. */
  function gather({ list, credits, from: first, at: stop }: BlockWay): void {
    const { slots, levels } = list;
    for (let at = first; at < stop; at++) {
      const slot = slots[at];
      best[slot] = Math.max(best[slot], credits[levels[at]]);
    }
  }
}

/** The job's terms, each list read from the first entry of a slot from `start` on. */
function blockTerms(job: KernelJob, start: number): { weight: number; minLevel: number; ways: BlockWay[] }[] {
  const onlyMeeting = job.filter.onlyMeetingRequired;
  return job.terms.map(({ weight, minLevel, required, ways }) => ({
    weight,
    minLevel,
    ways: ways.map(({ list, credits, direct }): BlockWay => {
      const weighted = new Float64Array(credits.length);
      for (let level = 0; level < credits.length; level++) weighted[level] = weight * credits[level];
      const at = seek(list.slots, list.size, 0, start);
      // Required skills met are counted only when the filter asks for them: the page does not say.
      return { list, credits, weighted, countsMet: onlyMeeting && direct && required, at, from: at };
    }),
  }));
}

/**
 * The page of the ranking of ranges that together cover the index, each ranked by
 * `rankRange` with the same window: exactly the page of the whole. Each range kept its
 * `size + 1` best (from the end, worst) in the window, so those of the whole are among them.
 */
export function mergeRanges(results: readonly RangeResult[], { size, from }: RankWindow): RankedPage {
  let total = 0;
  let scored = 0;
  const all: RankedCandidate[] = [];
  for (const result of results) {
    total += result.total;
    scored += result.scored;
    all.push(...result.ranked);
  }
  // Score descending, then id ascending: the ranking order, ties included (as RankHeap sorts).
  all.sort((a, b) => b.score - a.score || a.id - b.id);
  const ranked = from === 'start' ? all.slice(0, size + 1) : all.slice(Math.max(0, all.length - size - 1));
  const hasMore = ranked.length > size;
  const page = from === 'start' ? ranked.slice(0, size) : ranked.slice(hasMore ? 1 : 0);
  return { total, page, hasMore, scored };
}

/** The filters other than open-to-work, as one check; null when there are none. */
export function slotCheck(columns: KernelColumns, filter: SlotFilter): ((slot: number) => boolean) | null {
  const { remote, years, location } = columns;
  const remoteCodes = filter.remoteCodes && new Set(filter.remoteCodes);
  const locationOk = filter.locationIds && new Set(filter.locationIds);
  const minYears = filter.minYears;
  if (remoteCodes === null && locationOk === null && minYears === null) return null;
  return (slot) =>
    (remoteCodes === null || remoteCodes.has(remote[slot])) &&
    (locationOk === null || locationOk.has(location[slot])) &&
    (minYears === null || years[slot] >= minYears);
}
