import { RemotePolicy } from '../common/remote-policy';
import { SkillTree } from '../skill/skill-tree';
import { Columns, PostingList } from './index-storage';
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

/** A list that credits a posting skill, with the credit of each level held, read a block at a time. */
interface BlockWay {
  list: PostingList;
  credits: Float64Array;
  /** whether an entry at the wanted level counts a required skill met */
  countsMet: boolean;
  /** the block's entries are from..at-1 */
  from: number;
  at: number;
}

interface BlockTerm {
  weight: number;
  minLevel: number;
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
  // stays in cache while it is worked on, and a posting skill with several lists adds their
  // best credits into the sums by a pass over the block, or over the block's credited slots
  // when they are few, where it took a pass over every slot. Lists are read forward only,
  // so a list whose slots do not ascend (see PostingList.ascending) makes the whole index
  // one block.
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
      // Required skills met are counted only when the filter asks for them: the page does not say.
      ways.push({ list, credits, countsMet: onlyMeeting && direct && required, at: 0, from: 0 });
    }
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
  // Reading forwards, a candidate whose skill score (before the experience factor, which
  // only lowers it) is below the score of the heap's last entry cannot reach the page: it is
  // counted without being scored. `floor` is that score once the heap is full; a weighted
  // sum under `cut`, a hair (far above rounding) under the floor times the total weight, is
  // below it too.
  const prune = from === 'start' && minScore <= 0;
  let floor = -Infinity;
  let cut = -Infinity;
  for (let base = 0; base < slotCount; base += block) {
    const end = Math.min(slotCount, base + block);
    for (const { weight, minLevel, ways } of terms) {
      // With one list, every candidate appears once: its credit goes straight into the sum.
      // With more, a candidate earns the best of its ways, gathered in `best` first, then
      // added once: sums are added to in posting order, as the scoring module sums.
      const alone = ways.length === 1;
      let entries = 0;
      for (const way of ways) {
        const { slots, levels, size: length } = way.list;
        const credits = way.credits;
        let at = (way.from = way.at);
        if (way.countsMet) {
          for (; at < length && slots[at] < end; at++) {
            if (levels[at] >= minLevel) requiredMet[slots[at]]++;
          }
          at = way.from;
        }
        if (alone) {
          for (; at < length && slots[at] < end; at++) sum[slots[at]] += weight * credits[levels[at]];
        } else {
          for (; at < length && slots[at] < end; at++) {
            const slot = slots[at];
            const credit = credits[levels[at]];
            if (credit > best[slot]) best[slot] = credit;
          }
        }
        entries += at - way.from;
        way.at = at;
      }
      if (alone) continue;
      if (2 * entries > end - base) {
        // Most of the block credited: every slot, in order (adding zero leaves a sum exact).
        for (let slot = base; slot < end; slot++) {
          sum[slot] += weight * best[slot];
          best[slot] = 0;
        }
        continue;
      }
      // Few credited: only theirs.
      for (const way of ways) {
        const slots = way.list.slots;
        for (let i = way.from; i < way.at; i++) {
          const slot = slots[i];
          const credit = best[slot];
          if (credit === 0) continue;
          sum[slot] += weight * credit;
          best[slot] = 0;
        }
      }
    }

    for (let slot = base; slot < end; slot++) {
      const weighted = sum[slot];
      if (weighted === 0) continue; // no credit: a score of zero, never ranked
      sum[slot] = 0;
      if (alive[slot] === 0) continue;
      scored++;
      if (openOnly && openToWork[slot] === 0) continue;
      if (onlyMeeting && requiredMet[slot] !== requiredCount) continue;
      if (passes !== null && !passes(slot)) continue;
      if (weighted < cut && weighted > 0) {
        total++; // as below, without a division
        continue;
      }
      const skillScore = totalWeight > 0 ? weighted / totalWeight : 0;
      if (skillScore < minScore) continue; // the experience factor (at most 1) only lowers it
      if (prune && skillScore < floor && skillScore > 0) {
        total++; // its score is above zero (the experience factor is at least its floor) and below the page's
        continue;
      }
      const score = skillScore * experienceFactor(years[slot], posting.minYearsExperience);
      if (score <= 0 || score < minScore) continue;
      total++;
      const id = ids[slot];
      if (after && !(score < after.score || (score === after.score && id > after.id))) continue;
      if (before && !(score > before.score || (score === before.score && id < before.id))) continue;
      heap.offer(id, score);
      if (prune) {
        floor = heap.floor() ?? -Infinity;
        cut = floor * totalWeight * (1 - 1e-12);
      }
    }
    if (onlyMeeting) requiredMet.fill(0, base, end);
  }
  const ranked = heap.sorted();
  const hasMore = ranked.length > size;
  const page = from === 'start' ? ranked.slice(0, size) : ranked.slice(hasMore ? 1 : 0);
  return { total, page, hasMore, scored };
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
