import { SkillCatalog } from '../skill/skill-catalog';
import { RankingThreadsOptions } from './ranking-threads';

// How a match index is set up, and what it tells of itself (see match-index.ts).

export interface MatchIndexOptions {
  /**
   * Rows per read, building and following the change feed. Small pages keep few rows
   * alive at once: at 1M candidates, pages of 20,000 make the heap peak about 160 MiB
   * higher than pages of 5,000, and build no faster.
   */
  pageSize?: number;
  /** Share of slots left dead by changed or deleted candidates before they are compacted away. */
  compactAtDeadShare?: number;
  /**
   * The most slots or posting-list entries a compaction or a growth of the columns copies in
   * one turn of the event loop (see compaction.ts); whatever this says, a turn's step ends
   * after a few milliseconds (see pacer.ts). By default, only the time bounds it.
   */
  compactionSlice?: number;
  /** The skills to rank with, refreshed by their owner (the index reads them once, to build). */
  skills?: SkillCatalog;
  /**
   * Where the index is saved (`saveSnapshot`) and loaded from at start, and which database
   * it is of (a name, never with a password): a file saved from another is ignored.
   */
  snapshot?: { path: string; source: string } | null;
  /** the threads exhaustive rankings of a large index run on (see ranking-threads.ts); one by default */
  threads?: RankingThreadsOptions;
}

export interface MatchIndexStats {
  candidates: number;
  skillEntries: number;
  bytes: number;
  buildMs: number;
  /** distinct locations held, each used by a live candidate once pruned */
  locations: number;
  /** whether the last start loaded a saved index (then caught up) instead of reading every candidate */
  fromSnapshot: boolean;
  /** whether a compaction is under way, between requests */
  compacting: boolean;
  /** whether the columns are growing ahead of need, between requests */
  growing: boolean;
}
