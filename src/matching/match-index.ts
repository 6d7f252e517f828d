import { DataSource } from 'typeorm';
import { Refreshable } from '../common/refresh';
import { SkillCatalog } from '../skill/skill-catalog';
import {
  CandidateRow,
  candidatesByIds,
  databasePages,
  IndexPage,
  inSlotOrder,
  SkillRow,
  skillsByCandidates,
  uniquePages,
} from './candidate-rows';
import { ChangeFeed, deletedCandidates } from './change-feed';
import { CompactedParts, Compaction } from './compaction';
import { HeldIds } from './held-ids';
import { Columns, Locations, PostingList, Scratch } from './index-storage';
import { MatchIndexOptions, MatchIndexStats } from './match-index-options';
import { decodeIndex, readSnapshotFile, snapshotStamp, writeIndexFile } from './index-snapshot';
import { ListGrowth } from './list-growth';
import { Pacer } from './pacer';
import { RankedPage, RankingFilter, RankWindow, REMOTE_CODES } from './ranking';
import { Kernel, RankingThreads } from './ranking-threads';
import { PostingInput } from './scoring';

// An exact, in-process index of every candidate's skills, so ranking a posting walks only the
// candidates holding its skills (or related ones) instead of asking MySQL to join and group a
// million rows per request. It is built from the database at start, updated at once by writes
// made through this process (`refreshCandidates`), and follows writes made elsewhere through a
// change feed that reads `candidate.updatedAt` at each `refresh` (every second: see context.ts).
// Scores are computed with the scoring module's own functions, in the same order, so they equal
// its results. Large indexes rank on several threads (ranking-threads.ts).

export type { RankedCandidate } from './rank-heap';
export type { CandidateRow, IndexPage, SkillRow } from './candidate-rows';
export type { MatchIndexOptions, MatchIndexStats } from './match-index-options';

// Candidates read and applied at once, with their skills (about ten each): reading and
// applying 500 made the longest turns left in a burst of writes at 1M, 10 to 15 ms.
const APPLIED_PER_TURN = 250;

export class MatchIndex implements Refreshable {
  private columns = new Columns();
  private slotOf = new HeldIds();
  private lists = new Map<number, PostingList>();
  private locations = new Locations();
  private building: Promise<void> | null = null;
  private buildMs = 0;
  private deadSlots = 0;
  private deadEntries = 0;
  /** a compaction due or under way, and the one under way once its first step has run */
  private compacting: Promise<void> | null = null;
  private compaction: Compaction | null = null;
  /** the columns growing ahead of need, a step per turn (see `Columns.growAhead`) */
  private growing: Promise<void> | null = null;
  private readonly pageSize: number;
  private readonly compactAtDeadShare: number;
  private readonly compactionSlice: number;
  private readonly skills: SkillCatalog;
  private readonly feed: ChangeFeed;
  private readonly pacer = new Pacer();
  private readonly listGrowth: ListGrowth;
  private readonly snapshot: { path: string; source: string } | null;
  private fromSnapshot = false;
  /** whether anything was applied since the index was last saved or loaded */
  private unsaved = true;
  /** a save writing the index out, which writes wait for: the file must see no write half-applied */
  private copying: Promise<unknown> | null = null;
  /** scratch space reused by every ranking (rankings run synchronously, one at a time) */
  private readonly scratch = new Scratch();
  /** the threads exhaustive rankings of a large index run on; `threads.close()` stops them */
  readonly threads: RankingThreads;

  constructor(
    private readonly db: DataSource,
    {
      pageSize = 5000,
      compactAtDeadShare = 0.1,
      compactionSlice = Infinity,
      skills = new SkillCatalog(db),
      snapshot = null,
      threads = {},
    }: MatchIndexOptions = {},
  ) {
    this.threads = new RankingThreads(threads);
    this.snapshot = snapshot;
    this.pageSize = pageSize;
    this.compactAtDeadShare = compactAtDeadShare;
    this.compactionSlice = compactionSlice;
    this.skills = skills;
    this.feed = new ChangeFeed(db, pageSize);
    this.listGrowth = new ListGrowth(this.pacer, compactionSlice);
  }

  /** Builds the index on first use; later calls wait for the same build. */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  /** Builds from these pages instead of the database, the same way: to measure sizes no database holds. */
  buildFrom(pages: AsyncIterable<IndexPage> | Iterable<IndexPage>): Promise<void> {
    this.building ??= this.build(pages);
    return this.building;
  }

  stats(): MatchIndexStats {
    let entries = 0;
    let bytes = this.columns.bytes();
    for (const list of this.lists.values()) {
      entries += list.size;
      bytes += list.bytes();
    }
    bytes += this.scratch.bytes();
    return {
      candidates: this.slotOf.size,
      skillEntries: entries - this.deadEntries,
      bytes,
      buildMs: this.buildMs,
      locations: this.locations.names.length,
      fromSnapshot: this.fromSnapshot,
      compacting: this.compacting !== null,
      growing: this.growing !== null || this.listGrowth.busy,
    };
  }

  /** Re-reads these candidates (their attributes and skills) after a write; deleted ones are dropped. */
  async refreshCandidates(ids: readonly number[]): Promise<void> {
    await this.ready();
    await this.apply(ids);
  }

  /** Resolves once no compaction or growth is under way. */
  async settled(): Promise<void> {
    while (this.compacting || this.growing || this.listGrowth.busy)
      await (this.compacting ?? this.growing ?? this.listGrowth.settled());
  }

  /**
   * Re-reads the candidates a page at a time, each page applied whole (a ranking between two
   * pages sees some of them written and not the others, as if written one after the other),
   * so that a burst found by the change feed never holds the event loop long.
   */
  private async apply(ids: readonly number[]): Promise<void> {
    for (const page of uniquePages(ids, Math.min(this.pageSize, APPLIED_PER_TURN)))
      await this.applyPage(page);
  }

  private async applyPage(unique: readonly number[]): Promise<void> {
    const [rows, skills] = await Promise.all([
      candidatesByIds(this.db, unique),
      skillsByCandidates(this.db, unique),
    ]);
    while (this.copying) await this.copying;
    this.unsaved = true;
    for (const id of unique) this.retire(id);
    for (const row of rows) this.putCandidate(row);
    this.addSkills(skills);
    this.compactIfDue();
    this.growIfDue();
    this.scratch.ensure(this.columns.ids.length);
    this.pacer.wrote();
  }

  /**
   * After a profile edit, which leaves skills alone: the candidate's fields as the edit
   * read them back, applied without a statement. A candidate the index does not hold
   * yet is read in full.
   */
  async applyProfile(row: CandidateRow): Promise<void> {
    await this.ready();
    while (this.copying) await this.copying;
    const slot = this.slotOf.get(Number(row.id));
    if (slot === undefined) return this.refreshCandidates([Number(row.id)]);
    this.unsaved = true;
    this.setAttributes(slot, row);
    this.compaction?.edit(slot);
    // An edit in place leaves no dead slot behind to trigger a compaction, but may leave
    // its old location unused (a compaction under way leaves them out).
    if (!this.compaction && this.locations.names.length > 2 * this.slotOf.size + 64)
      this.locations.prune(this.columns);
  }

  /**
   * Ranks the candidates for a posting: those scoring above zero that pass the filter, in
   * ranking order (score descending, id ascending), the window's page of them, by the kernel
   * max-score.ts picks or the one forced (on several threads, or with `threaded` false one).
   */
  rank(
    posting: PostingInput,
    filter: RankingFilter,
    window: RankWindow,
    { kernel = 'planned', threaded = true }: { kernel?: Kernel; threaded?: boolean } = {},
  ): RankedPage {
    const storage = { columns: this.columns, lists: this.lists, locations: this.locations.names };
    const tree = this.skills.tree();
    return this.threads.rank(kernel, storage, this.scratch, tree, posting, filter, window, threaded);
  }

  private async build(pages?: AsyncIterable<IndexPage> | Iterable<IndexPage>): Promise<void> {
    const started = performance.now();
    await this.skills.refresh();
    this.fromSnapshot = !pages && (await this.load());
    if (!this.fromSnapshot) await this.fill(pages ?? databasePages(this.db, this.pageSize));
    this.scratch.ensure(this.columns.ids.length);
    this.buildMs = performance.now() - started;
  }

  /**
   * Saves the index, with the change feed's position, where `snapshot` says; a restart loads
   * it (see `load`). Answers false when there is nothing new to save. Writes to the index
   * wait while it is written (a slice at a time, between requests).
   */
  async saveSnapshot(): Promise<boolean> {
    if (!this.snapshot || !this.building) return false;
    await this.ready();
    if (!this.unsaved || this.copying) return false;
    const stamp = await snapshotStamp(this.db, this.snapshot.source);
    const { columns, lists } = this;
    const image = { columns, lists, locations: this.locations.names, feed: this.feed.position() };
    let copied!: () => void;
    this.copying = new Promise<void>((resolve) => (copied = resolve));
    let writing = true;
    const written = () => {
      if (!writing) return;
      writing = false;
      this.copying = null;
      this.unsaved = false;
      copied();
    };
    await writeIndexFile(this.snapshot.path, stamp, image, written).catch((error: unknown) => {
      written();
      this.unsaved = true;
      throw error;
    });
    return true;
  }

  /**
   * The saved index, if there is one of this database, schema and set of skills, caught up
   * with the writes made since it was saved: those the change feed shows from the saved
   * position, and the deletions a count reveals.
   */
  private async load(): Promise<boolean> {
    if (!this.snapshot) return false;
    const bytes = await readSnapshotFile(this.snapshot.path);
    const image = bytes && decodeIndex(bytes, await snapshotStamp(this.db, this.snapshot.source));
    if (!image) return false;
    this.columns = image.columns;
    this.lists = image.lists;
    this.locations = new Locations(image.locations);
    const { ids, alive, skillCount, size } = this.columns;
    for (let slot = 0; slot < size; slot++) {
      if (alive[slot]) {
        this.slotOf.set(ids[slot], slot);
      } else {
        this.deadSlots++;
        this.deadEntries += skillCount[slot];
      }
    }
    this.feed.resumeFrom(image.feed);
    this.scratch.ensure(this.columns.ids.length);
    await this.apply((await this.feed.read()).changed);
    await this.apply(await deletedCandidates(this.db, this.slotOf, this.pageSize));
    this.unsaved = false;
    return true;
  }

  /** Adds every page's candidates and skills, then trims the lists to their size. */
  private async fill(pages: AsyncIterable<IndexPage> | Iterable<IndexPage>): Promise<void> {
    for await (const page of pages) {
      for (const row of page.candidates) this.putCandidate(row);
      this.addSkills(page.skills);
      this.feed.forgetOldVersions();
    }
    for (const list of this.lists.values()) list.trim();
  }

  /** Re-reads the candidates written since the last refresh (by the change feed); answers how many. */
  async refresh(): Promise<number> {
    await this.ready();
    const { changed, reconcile } = await this.feed.read();
    if (reconcile) changed.push(...(await deletedCandidates(this.db, this.slotOf, this.pageSize)));
    await this.apply(changed);
    return changed.length;
  }

  /**
   * Takes a candidate out of the ranking: its slot and posting-list entries stay behind,
   * dead, until the next compaction. Taking them out of the lists at once would mean a
   * pass over every list for each write, about 0.2 s at 1M candidates.
   */
  private retire(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.columns.alive[slot] = 0;
    this.columns.touch(slot);
    this.deadSlots++;
    this.deadEntries += this.columns.skillCount[slot];
    this.slotOf.delete(id);
    this.compaction?.retire(slot);
  }

  /**
   * Starts dropping the dead slots and their entries once they pass their share, numbering
   * the live slots afresh (in the same order), a step per turn between requests (see Pacer).
   * The first step sets the copy up, in a turn of its own rather than that of the write
   * that made it due: at a million candidates, that takes milliseconds.
   */
  private compactIfDue(): void {
    if (this.compacting || this.deadSlots <= this.compactAtDeadShare * this.slotOf.size) return;
    this.compacting = this.pacer.run(this.compactionSlice, (piece) => {
      const { columns, lists, locations, slotOf } = this;
      this.compaction ??= new Compaction({ columns, lists, locations, slotOf }, piece);
      const parts = this.compaction.advance(piece);
      if (parts) this.useCompacted(parts);
      return !parts;
    });
  }

  /** Puts the compaction's result in use, and starts another if the writes made meanwhile call for it. */
  private useCompacted(parts: CompactedParts): void {
    this.columns = parts.columns;
    this.lists = parts.lists;
    this.slotOf = parts.slotOf;
    this.locations = parts.locations;
    this.deadSlots = parts.deadSlots;
    this.deadEntries = parts.deadEntries;
    this.compaction = null;
    this.compacting = null;
    this.listGrowth.forget();
    this.scratch.ensure(this.columns.ids.length);
    this.compactIfDue();
  }

  /**
   * Grows the columns ahead of need, a step per turn (see Pacer), once they run short of room:
   * first the rankings' scratch space for the larger columns, an array at a time.
   */
  private growIfDue(): void {
    if (this.growing || !this.columns.growthDue()) return;
    const columns = this.columns;
    const length = 2 * columns.ids.length;
    const grow = async () => {
      // Stops when a compaction has put other columns in use.
      const more = (piece: number) =>
        columns === this.columns && (this.scratch.growStep(length) || columns.growAhead(piece));
      await this.pacer.run(this.compactionSlice, more);
      this.scratch.ensure(this.columns.ids.length);
      this.growing = null;
    };
    this.growing = grow();
  }

  /** Gives the candidate a new slot at the end (a changed candidate too: see `retire`). */
  private putCandidate(row: CandidateRow): void {
    const id = Number(row.id);
    this.retire(id);
    const slot = this.columns.size++;
    this.columns.ensure(this.columns.size);
    this.slotOf.set(id, slot);
    const c = this.columns;
    c.skillCount[slot] = 0;
    c.ids[slot] = id;
    c.alive[slot] = 1;
    this.setAttributes(slot, row);
  }

  /** The candidate's own fields the filters read, and the version they come from. */
  private setAttributes(slot: number, row: CandidateRow): void {
    const c = this.columns;
    c.years[slot] = Number(row.yearsExperience);
    c.openToWork[slot] = row.openToWork === true || Number(row.openToWork) === 1 ? 1 : 0;
    c.remote[slot] = Math.max(0, REMOTE_CODES.indexOf(row.remote));
    c.location[slot] = this.locations.idOf(row.location ?? '');
    c.touch(slot);
    // The version applied here: the change feed's first look at its window then finds
    // the rows the build has just read already seen, instead of reading them again.
    this.feed.applied(Number(row.id), row.updatedAt);
  }

  /** Adds skill rows in slot order, so every posting list ascends. */
  private addSkills(rows: readonly SkillRow[]): void {
    const { slots, order } = inSlotOrder(rows, (id) => this.slotOf.get(id));
    let last = -1;
    for (const i of order) {
      const slot = slots[i];
      const skillId = Number(rows[i].skillId);
      let list = this.lists.get(skillId);
      if (!list) this.lists.set(skillId, (list = new PostingList()));
      list.add(slot, Number(rows[i].level));
      this.listGrowth.note(list);
      this.columns.skillCount[slot]++;
      // Noted once per candidate: a growth under way copies the slot again as it ends.
      if (slot !== last) this.columns.touch((last = slot));
    }
  }
}
