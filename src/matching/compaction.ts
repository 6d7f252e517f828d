import { HeldIds } from './held-ids';
import { COLUMNS, Columns, Locations, PostingList, roomFor } from './index-storage';

// Dropping the slots left dead by changed and deleted candidates, a slice at a time between
// requests: done at once it holds the event loop about 0.4 s at a million candidates.
//
// The compacted index is built beside the one in use, which rankings and writes go on using
// unchanged, and replaces it in one step. The slots in use when the compaction started are
// copied (the live ones, numbered afresh in the same order); what writes do meanwhile is
// noted and carried over at that last step: the candidates they retire, the attributes they
// edit in place, and the slots they add at the end (with their posting-list entries, at the
// end of each list), in steps too once the copy is done, until a step finds everything
// carried over within its slice and puts the compacted index in use at once. So a ranking
// sees the index wholly before or wholly after, never half compacted, and the last step
// costs no more than a slice. The locations no live candidate has any more are dropped on
// the way, each slot's location numbered afresh as it is copied, and its live slots counted:
// pruned at that last step instead, in a pass over every slot, they held the event loop
// about 10 ms at a million candidates. (That pass is left for a location whose last
// candidates moved or left while the compaction ran.)

/** The parts of the match index a compaction renumbers. */
export interface CompactedParts {
  columns: Columns;
  lists: Map<number, PostingList>;
  slotOf: HeldIds;
  /** the locations of the slots copied live, numbered as `columns.location` refers to them */
  locations: Locations;
  /** slots still dead afterwards (retired while it ran), and their posting-list entries */
  deadSlots: number;
  deadEntries: number;
}

/** Work per step before the steps check the slice: slots or posting-list entries. */
const CHUNK = 4096;
/** Copying a slot (its seven columns, and its id's entry) costs about as much as this many entries. */
const MAP_SET_COST = 8;

/** The attributes an edit in place writes, besides the location (numbered afresh by the copy). */
const EDITED = ['years', 'openToWork', 'remote'] as const;
/** The columns copied as they are. */
const COPIED = [...EDITED, 'ids', 'alive', 'skillCount'] as const;

export class Compaction {
  /** slots below this were in use when the compaction started; those above come after them */
  readonly cutoff: number;
  private readonly newSlot: Int32Array;
  /** live slots below the cutoff when the copy numbered them */
  private kept = 0;
  /** each list's entries when the compaction started: later ones are of slots above the cutoff */
  private readonly listSizes: Map<number, number>;
  private readonly retired: number[] = [];
  private readonly edited: number[] = [];
  /** how far the writes made meanwhile are carried over: `retired`, `edited`, slots from the cutoff, list entries */
  private retiredCarried = 0;
  private editedCarried = 0;
  private tailCarried: number;
  private readonly listCarried: Map<number, number>;
  private copied = false;
  private deadSlots = 0;
  private deadEntries = 0;
  private readonly columns = new Columns();
  private readonly lists = new Map<number, PostingList>();
  private readonly slotOf: HeldIds;
  /** each location's new number, by its number in the index in use (-1: none yet) */
  private locationIds = new Int32Array(0);
  private readonly locationNames: string[] = [];
  /** the live slots of each location, by its new number */
  private locationUses = new Int32Array(16);
  private readonly steps: Generator<number, void, void>;

  /** slots, and entries, copied in one step */
  private readonly slotChunk: number;
  private readonly entryChunk: number;

  /** `slice`: the work `advance` is given each time, which no step goes much beyond. */
  constructor(
    private readonly from: Pick<CompactedParts, 'columns' | 'lists' | 'locations' | 'slotOf'>,
    slice: number,
  ) {
    this.entryChunk = Math.max(1, Math.min(CHUNK, slice));
    this.slotChunk = Math.max(1, Math.min(CHUNK, Math.floor(slice / MAP_SET_COST)));
    const { size } = from.columns;
    this.cutoff = size;
    // Filled a chunk at a time by the copy: over a million slots, numbering them all at
    // once held the event loop for about 10 ms.
    this.newSlot = new Int32Array(size);
    // As long as the table in use from the start: grown by doubling as the copy reached
    // higher ids, it copied up to millions of entries in one turn.
    this.slotOf = new HeldIds(from.slotOf.idSpan);
    this.listSizes = new Map([...from.lists].map(([skillId, list]) => [skillId, list.size]));
    this.listCarried = new Map(this.listSizes);
    this.tailCarried = size;
    this.steps = this.copy();
  }

  /** A slot taken out of the ranking since the compaction started (noted if already copied or carried over). */
  retire(slot: number): void {
    if (slot < this.tailCarried) this.retired.push(slot);
  }

  /** A slot whose attributes were edited in place since the compaction started (noted likewise). */
  edit(slot: number): void {
    if (slot < this.tailCarried) this.edited.push(slot);
  }

  /**
   * Goes on for about `work` slots or entries; answers the compacted parts once all is
   * copied, having carried over the writes made meanwhile, or null while there is more.
   */
  advance(work: number): CompactedParts | null {
    let done = 0;
    while (!this.copied && done < work) {
      const step = this.steps.next();
      if (step.done) this.copied = true;
      else done += step.value;
    }
    if (!this.copied || done >= work) return null;
    // Everything carried over within the slice: nothing is left that a write made it
    // miss, and the compacted index goes in use in this same turn.
    if (this.carry(work - done) >= work - done) return null;
    const { columns, lists, slotOf, deadSlots, deadEntries } = this;
    const locations = new Locations(this.locationNames);
    if (this.locationUses.subarray(0, this.locationNames.length).includes(0)) locations.prune(columns);
    return { columns, lists, slotOf, locations, deadSlots, deadEntries };
  }

  /** The new number of a location of the index in use (given one at its first live slot), for one more live slot. */
  private location(old: number): number {
    if (old >= this.locationIds.length) {
      const grown = new Int32Array(Math.max(old + 1, this.from.locations.names.length)).fill(-1);
      grown.set(this.locationIds);
      this.locationIds = grown;
    }
    if (this.locationIds[old] < 0) {
      this.locationIds[old] = this.locationNames.push(this.from.locations.names[old]) - 1;
      if (this.locationNames.length > this.locationUses.length) {
        const grown = new Int32Array(2 * this.locationNames.length);
        grown.set(this.locationUses);
        this.locationUses = grown;
      }
    }
    this.locationUses[this.locationIds[old]]++;
    return this.locationIds[old];
  }

  /** Copies the live slots below the cutoff, then each list's entries of them, a chunk per step. */
  private *copy(): Generator<number, void, void> {
    const { newSlot, columns: to } = this;
    // As much room as the columns in use have: growing them whole as the compaction
    // ends, to take the slots added meanwhile, would copy every slot at once. A step per
    // column (emptying one costs about an eighth of copying its slots): at a million
    // slots, allocating them all took several milliseconds.
    const room = Math.max(this.from.columns.ids.length, 1);
    for (const name of COLUMNS) {
      to.allocate(name, room);
      yield Math.ceil(room / 8);
    }
    let next = 0;
    for (let start = 0; start < this.cutoff; start += this.slotChunk) {
      // Read afresh at each step: a write adding slots may have replaced the arrays.
      const from = this.from.columns;
      const end = Math.min(start + this.slotChunk, this.cutoff);
      // A slot retired before this step is dropped here; one retired after is carried over as dead.
      for (let slot = start; slot < end; slot++) newSlot[slot] = from.alive[slot] ? next++ : -1;
      for (const name of COPIED) {
        const a = from[name];
        const b = to[name];
        for (let slot = start; slot < end; slot++) if (newSlot[slot] >= 0) b[newSlot[slot]] = a[slot];
      }
      for (let slot = start; slot < end; slot++)
        if (newSlot[slot] >= 0) to.location[newSlot[slot]] = this.location(from.location[slot]);
      for (let slot = start; slot < end; slot++) {
        const n = newSlot[slot];
        if (n >= 0 && to.alive[n]) this.slotOf.set(to.ids[n], n);
      }
      yield (end - start) * MAP_SET_COST;
    }
    this.kept = next;
    to.size = this.kept;
    for (const [skillId, size] of this.listSizes) {
      const list = new PostingList();
      // As much room as the list in use: the entries written meanwhile, carried over, then
      // grow no list (and grow them not all at once, as the first writes after would).
      list.resize(Math.max(this.from.lists.get(skillId)!.slots.length, roomFor(size)));
      list.ascending = this.from.lists.get(skillId)!.ascending;
      this.lists.set(skillId, list);
      for (let start = 0; start < size; start += this.entryChunk) {
        const { slots, levels } = this.from.lists.get(skillId)!;
        const end = Math.min(start + this.entryChunk, size);
        for (let i = start; i < end; i++) {
          const slot = newSlot[slots[i]];
          if (slot < 0) continue;
          list.slots[list.size] = slot;
          list.levels[list.size] = levels[i];
          list.size++;
        }
        yield end - start + 1;
      }
    }
  }

  /** Carries over about `work` of what was written since the compaction started; answers the work done. */
  private carry(work: number): number {
    const { newSlot, columns: to, slotOf } = this;
    const from = this.from.columns;
    const moved = (slot: number) => (slot < this.cutoff ? newSlot[slot] : this.kept + slot - this.cutoff);
    let done = 0;
    for (; this.editedCarried < this.edited.length && done < work; done++) {
      const slot = this.edited[this.editedCarried++];
      const n = moved(slot);
      if (n < 0) continue;
      for (const name of EDITED) to[name][n] = from[name][slot];
      if (!from.alive[slot] || !to.alive[n]) continue; // its retirement carries its location's count over
      this.locationUses[to.location[n]]--;
      to.location[n] = this.location(from.location[slot]);
    }
    for (; this.retiredCarried < this.retired.length && done < work; done++) {
      const n = moved(this.retired[this.retiredCarried++]);
      if (n < 0) continue;
      if (to.alive[n]) this.locationUses[to.location[n]]--;
      to.alive[n] = 0;
      if (slotOf.get(to.ids[n]) === n) slotOf.delete(to.ids[n]);
      this.deadSlots++;
      this.deadEntries += to.skillCount[n];
    }
    for (; this.tailCarried < from.size && done < work; done += MAP_SET_COST) {
      const slot = this.tailCarried++;
      const n = moved(slot);
      to.ensure(n + 1);
      for (const name of COPIED) to[name][n] = from[name][slot];
      // A dead slot's location is never read: rankings skip dead slots before any filter.
      to.location[n] = from.alive[slot] ? this.location(from.location[slot]) : 0;
      to.size = n + 1;
      if (from.alive[slot]) {
        slotOf.set(from.ids[slot], n);
      } else {
        this.deadSlots++;
        this.deadEntries += from.skillCount[slot];
      }
    }
    for (const [skillId, list] of this.from.lists) {
      if (done >= work) break;
      let copy = this.lists.get(skillId);
      if (!copy) this.lists.set(skillId, (copy = new PostingList()));
      let i = this.listCarried.get(skillId) ?? 0;
      for (; i < list.size && done < work; i++, done++) copy.add(moved(list.slots[i]), list.levels[i]);
      this.listCarried.set(skillId, i);
    }
    return done;
  }
}
