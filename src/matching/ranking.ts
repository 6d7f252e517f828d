import { RemotePolicy } from '../common/remote-policy';
import { SkillTree } from '../skill/skill-tree';
import { Columns, PostingList, seek } from './index-storage';
import { RankedCandidate, RankHeap } from './rank-heap';
import { creditingSkills, experienceFactor, PostingInput } from './scoring';

// The match index's ranking kernel: a block of slots at a time, a pass over the posting
// lists of a posting's skills and their relatives, then one over the candidate columns, with
// the scoring module's own functions in the same order, so its scores equal the scoring
// module's.

/** What narrows the index's ranking of candidates, built from a request's arguments and its viewer. */
export interface RankingFilter {
  /** default true: recruiters look for people who are looking */
  openToWorkOnly: boolean;
  remote?: readonly RemotePolicy[] | null;
  /** case-insensitive substring of the candidate's location */
  location?: string | null;
  minYearsExperience?: number | null;
  minScore?: number | null;
  onlyMeetingRequired?: boolean | null;
}

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

/**
 * Slots per block: the block's stretch of `best` and `sum` (8 bytes a slot each) stays in the
 * L2 cache. At 1M candidates, 4096 to 65536 slots took about the same time.
 */
const BLOCK = 16384;

/** A list that credits a posting skill, read a block at a time. */
interface BlockWay {
  list: PostingList;
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

interface BlockTerm {
  weight: number;
  minLevel: number;
  /** the longest first (see rankCandidates) */
  ways: BlockWay[];
}

/** Remote policies by the code the candidate columns hold. */
export const REMOTE_CODES: readonly RemotePolicy[] = [
  RemotePolicy.ONSITE,
  RemotePolicy.HYBRID,
  RemotePolicy.REMOTE,
];

/** What a ranking reads of the index. */
export interface RankingStorage {
  columns: Columns;
  lists: ReadonlyMap<number, PostingList>;
  /** the distinct locations, by the id the location column holds */
  locations: readonly string[];
}

/**
 * Per-slot scratch space, at least as long as the columns, all zero between rankings:
 * a ranking leaves it as it found it. Rankings run synchronously, one at a time.
 */
export interface RankingScratch {
  best: Float64Array;
  sum: Float64Array;
  requiredMet: Uint8Array;
}

/**
 * Ranks the candidates for a posting: those scoring above zero that pass the
 * filter, in ranking order (score descending, id ascending), the window's page of them.
 * Exhaustive: every candidate a list credits is scored. The index ranks forward pages with
 * `rankTopK` where it pays; this is the reference it is measured and tested against.
 */
export function rankCandidates(
  storage: RankingStorage,
  scratch: RankingScratch,
  tree: SkillTree,
  posting: PostingInput,
  filter: RankingFilter,
  { size, from, after, before }: RankWindow,
  { block = BLOCK }: { block?: number } = {},
): RankedPage {
  // Slots are ranked a block at a time: every list's entries in the block, term by term in
  // posting order, then the block's candidates. The block's stretch of the scratch arrays
  // stays in cache while it is worked on. Lists are read forward only, so a list whose
  // slots do not ascend (see PostingList.ascending) makes the whole index one block.
  const { best, sum, requiredMet } = scratch;
  const onlyMeeting = filter.onlyMeetingRequired === true;
  const slotCount = storage.columns.size;
  let totalWeight = 0;
  let requiredCount = 0;
  const terms: BlockTerm[] = [];
  let ascending = true;
  for (const wanted of posting.skills) {
    totalWeight += wanted.weight;
    const required = wanted.importance === 'REQUIRED';
    if (required) requiredCount++;
    const ways: BlockWay[] = [];
    for (const { skillId, direct, credits } of creditingSkills(wanted, tree)) {
      const list = storage.lists.get(skillId);
      if (!list) continue;
      ascending &&= list.ascending;
      const weighted = new Float64Array(credits.length);
      for (let level = 0; level < credits.length; level++) weighted[level] = wanted.weight * credits[level];
      // Required skills met are counted only when the filter asks for them: the page does not say.
      ways.push({ list, credits, weighted, countsMet: onlyMeeting && direct && required, at: 0, from: 0 });
    }
    ways.sort((a, b) => b.list.size - a.list.size);
    if (ways.length > 0) terms.push({ weight: wanted.weight, minLevel: wanted.minLevel, ways });
  }
  if (!ascending) block = Math.max(1, slotCount);

  const { alive, openToWork, years, ids } = storage.columns;
  const passes = filterCheck(storage, filter);
  const openOnly = filter.openToWorkOnly;
  const minScore = filter.minScore ?? 0;
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
  const quick = prune && passes === null && !onlyMeeting && posting.skills.every((s) => s.weight > 0);
  let cut = -Infinity;
  for (let base = 0; base < slotCount; base += block) {
    const end = Math.min(slotCount, base + block);
    for (const { weight, minLevel, ways } of terms) {
      let entries = 0;
      for (const way of ways) {
        const { slots, levels, size: length } = way.list;
        const first = (way.from = way.at);
        const stop = (way.at = ascending ? seek(slots, length, first, end) : length);
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
      if (2 * entries > end - base) {
        // Most of the block credited: the best credits are gathered in `best`, then added by a
        // pass over the block, in order (adding zero leaves a sum exact).
        if (ascending) {
          const { list, credits, from: first, at: stop } = ways[0];
          const { slots, levels } = list;
          for (let at = first; at < stop; at++) best[slots[at]] = credits[levels[at]];
        }
        for (let w = lead; w < ways.length; w++) gather(ways[w]);
        for (let slot = base; slot < end; slot++) {
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

    for (let slot = base; slot < end; slot++) {
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
      const score = skillScore * experienceFactor(years[slot], posting.minYearsExperience);
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
    if (onlyMeeting) requiredMet.fill(0, base, end);
  }
  const ranked = heap.sorted();
  const hasMore = ranked.length > size;
  const page = from === 'start' ? ranked.slice(0, size) : ranked.slice(hasMore ? 1 : 0);
  return { total, page, hasMore, scored };

  /** A list's best credits in the block, into `best`. */
  function gather({ list, credits, from: first, at: stop }: BlockWay): void {
    const { slots, levels } = list;
    for (let at = first; at < stop; at++) {
      const slot = slots[at];
      best[slot] = Math.max(best[slot], credits[levels[at]]);
    }
  }
}

/** The filters other than open-to-work, as one check; null when there are none. */
export function filterCheck(
  storage: RankingStorage,
  filter: RankingFilter,
): ((slot: number) => boolean) | null {
  const { remote, years, location } = storage.columns;
  const remoteCodes = filter.remote?.length
    ? new Set(filter.remote.map((r) => REMOTE_CODES.indexOf(r)))
    : null;
  const needle = filter.location?.trim().toLowerCase();
  const locationOk = needle
    ? new Set(storage.locations.flatMap((l, i) => (l.toLowerCase().includes(needle) ? [i] : [])))
    : null;
  const minYears = filter.minYearsExperience ?? null;
  if (remoteCodes === null && locationOk === null && minYears === null) return null;
  return (slot) =>
    (remoteCodes === null || remoteCodes.has(remote[slot])) &&
    (locationOk === null || locationOk.has(location[slot])) &&
    (minYears === null || years[slot] >= minYears);
}
