import { RemotePolicy } from '../common/remote-policy';
import { SkillTree } from '../skill/skill-tree';
import { Columns, PostingList } from './index-storage';
import {
  BLOCK,
  KernelJob,
  KernelScratch,
  KernelTerm,
  mergeRanges,
  RankedPage,
  rankRange,
  RankWindow,
  slotCheck,
  SlotFilter,
} from './block-kernel';
import { creditingSkills, PostingInput } from './scoring';

// The match index's exhaustive ranking: a request's posting and filter turned into the plain
// job the block kernel (block-kernel.ts) ranks, for the whole index or a range of its slots.

export type { RankedPage, RankWindow } from './block-kernel';

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
export type RankingScratch = KernelScratch;

/** The slots a ranking covers, [start, end): by default the whole index. */
export interface SlotRange {
  start?: number;
  end?: number;
  /** slots per block (small in tests, so that blocks are many) */
  block?: number;
}

/**
 * Ranks the candidates for a posting: those scoring above zero that pass the
 * filter, in ranking order (score descending, id ascending), the window's page of them.
 * Exhaustive: every candidate a list credits is scored. The index ranks forward pages with
 * `rankTopK` where it pays; this is the reference it is measured and tested against. Given a
 * range of slots, ranks only those (see `rankRange`).
 */
export function rankCandidates(
  storage: RankingStorage,
  scratch: RankingScratch,
  tree: SkillTree,
  posting: PostingInput,
  filter: RankingFilter,
  window: RankWindow,
  { start = 0, end = storage.columns.size, block = BLOCK }: SlotRange = {},
): RankedPage {
  const job = rankingJob(storage, tree, posting, filter, window);
  return mergeRanges([rankRange(job, scratch, start, end, block)], window);
}

/** What the block kernel reads to rank the posting: plain data and the index's arrays. */
export function rankingJob(
  storage: RankingStorage,
  tree: SkillTree,
  posting: PostingInput,
  filter: RankingFilter,
  window: RankWindow,
): KernelJob {
  const { ids, years, openToWork, alive, remote, location, size } = storage.columns;
  const lists = new Map<number, KernelList>();
  const listOf = (list: PostingList) => {
    // Plain objects, never the PostingList itself: a job is posted to ranking threads.
    const { slots, levels, size: length, ascending } = list;
    return { slots, levels, size: length, ascending };
  };
  const terms: KernelTerm[] = [];
  let totalWeight = 0;
  let requiredCount = 0;
  for (const wanted of posting.skills) {
    totalWeight += wanted.weight;
    const required = wanted.importance === 'REQUIRED';
    if (required) requiredCount++;
    const ways: KernelTerm['ways'] = [];
    for (const { skillId, direct, credits } of creditingSkills(wanted, tree)) {
      const list = storage.lists.get(skillId);
      if (!list) continue;
      if (!lists.has(skillId)) lists.set(skillId, listOf(list));
      ways.push({ list: lists.get(skillId)!, credits, direct });
    }
    // The longest first (see rankRange).
    ways.sort((a, b) => b.list.size - a.list.size);
    if (ways.length > 0) terms.push({ weight: wanted.weight, minLevel: wanted.minLevel, required, ways });
  }
  return {
    columns: { ids, years, openToWork, alive, remote, location, size },
    terms,
    totalWeight,
    requiredCount,
    positive: posting.skills.every((s) => s.weight > 0),
    minYearsExperience: posting.minYearsExperience,
    filter: slotFilter(storage, filter),
    window,
  };
}

type KernelList = KernelTerm['ways'][number]['list'];

/** The filter as plain data: the location one as the ids of the locations it lets through. */
export function slotFilter(storage: RankingStorage, filter: RankingFilter): SlotFilter {
  const needle = filter.location?.trim().toLowerCase();
  return {
    openToWorkOnly: filter.openToWorkOnly,
    remoteCodes: filter.remote?.length ? filter.remote.map((r) => REMOTE_CODES.indexOf(r)) : null,
    locationIds: needle
      ? storage.locations.flatMap((l, i) => (l.toLowerCase().includes(needle) ? [i] : []))
      : null,
    minYears: filter.minYearsExperience ?? null,
    minScore: filter.minScore ?? 0,
    onlyMeetingRequired: filter.onlyMeetingRequired === true,
  };
}

/** The filters other than open-to-work, as one check; null when there are none. */
export function filterCheck(
  storage: RankingStorage,
  filter: RankingFilter,
): ((slot: number) => boolean) | null {
  return slotCheck(storage.columns, slotFilter(storage, filter));
}
