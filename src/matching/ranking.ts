import { RemotePolicy } from '../common/remote-policy';
import { SkillTree } from '../skill/skill-tree';
import { Columns, PostingList } from './index-storage';
import { RankedCandidate, RankHeap } from './rank-heap';
import { experienceFactor, levelCredit, PostingInput, relatedSkills } from './scoring';

// The match index's ranking kernel: one pass over the posting lists of a posting's skills
// and their relatives, then one over the candidate columns, with the scoring module's own
// functions in the same order, so its scores equal the scoring module's.

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
): RankedPage {
  // The per-slot passes below run over every slot, in order, rather than over a list of
  // the slots a posting touched: popular skills touch most candidates, and walking the
  // arrays in order ranks 1M candidates in a little over half the time.
  const { best, sum, requiredMet } = scratch;
  const slotCount = storage.columns.size;
  let totalWeight = 0;
  let requiredCount = 0;
  const credits = new Float64Array(6);

  for (const wanted of posting.skills) {
    totalWeight += wanted.weight;
    const required = wanted.importance === 'REQUIRED';
    if (required) requiredCount++;
    const weight = wanted.weight;
    const ways = [
      { skillId: wanted.skillId, relation: 'DIRECT', factor: 1 },
      ...relatedSkills(wanted.skillId, tree),
    ].flatMap((way) => {
      const list = storage.lists.get(way.skillId);
      return list ? [{ ...way, list }] : [];
    });
    // With one list, every candidate appears once: its credit goes straight into the sum.
    // With more, a candidate earns the best of its ways, gathered in `best` first.
    const alone = ways.length === 1;
    for (const { relation, factor, list } of ways) {
      const direct = relation === 'DIRECT';
      // The credit of each level, computed exactly as the scoring module computes it.
      for (let level = 1; level <= 5; level++) {
        credits[level] = direct
          ? levelCredit(level, wanted.minLevel)
          : factor * levelCredit(level, wanted.minLevel);
      }
      const { slots, levels, size } = list;
      if (alone) {
        for (let i = 0; i < size; i++) sum[slots[i]] += weight * credits[levels[i]];
      } else {
        for (let i = 0; i < size; i++) {
          const slot = slots[i];
          const credit = credits[levels[i]];
          if (credit > best[slot]) best[slot] = credit;
        }
      }
      if (direct && required) {
        for (let i = 0; i < size; i++) if (levels[i] >= wanted.minLevel) requiredMet[slots[i]]++;
      }
    }
    if (alone) continue;
    for (let slot = 0; slot < slotCount; slot++) {
      sum[slot] += weight * best[slot]; // adding zero for no credit leaves the sum exact
      best[slot] = 0;
    }
  }

  const { alive, openToWork, years, ids } = storage.columns;
  const passes = filterCheck(storage, filter);
  const openOnly = filter.openToWorkOnly;
  const onlyMeeting = filter.onlyMeetingRequired === true;
  const minScore = filter.minScore ?? 0;
  // From the end, the heap keeps the worst-ranked `size + 1` of the window instead of the best.
  const heap = new RankHeap(size + 1, from === 'end');
  let total = 0;
  let scored = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    const weighted = sum[slot];
    if (weighted === 0) continue; // no credit: a score of zero, never ranked
    const meetsAll = requiredMet[slot] === requiredCount;
    sum[slot] = 0;
    if (alive[slot] === 0) continue;
    scored++;
    if ((openOnly && openToWork[slot] === 0) || (onlyMeeting && !meetsAll)) continue;
    if (passes !== null && !passes(slot)) continue;
    const base = totalWeight > 0 ? weighted / totalWeight : 0;
    const score = base * experienceFactor(years[slot], posting.minYearsExperience);
    if (score <= 0 || score < minScore) continue;
    total++;
    const id = ids[slot];
    if (after && !(score < after.score || (score === after.score && id > after.id))) continue;
    if (before && !(score > before.score || (score === before.score && id < before.id))) continue;
    heap.offer(id, score);
  }
  requiredMet.fill(0, 0, slotCount);
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
