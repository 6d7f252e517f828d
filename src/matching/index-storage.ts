// The match index's storage: flat typed arrays, so a million candidates cost a few
// bytes each and a ranking walks memory in order.

/** Entries from which a list about to be full grows ahead of need (see `PostingList.growAhead`). */
const GROWN_AHEAD_FROM = 1 << 15;

type SharedArray = Int32Array | Float64Array | Uint8Array | Uint16Array;

/**
 * A zeroed typed array of `length` on a SharedArrayBuffer. Every array of the index is
 * allocated here, so ranking threads (ranking-threads.ts) read it without a copy.
 */
export function shared<T extends SharedArray>(
  Type: { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/** A skill's posting list: candidate slots and the level each holds the skill at. */
export class PostingList {
  slots = shared(Int32Array, 16);
  levels = shared(Uint8Array, 16);
  size = 0;
  /**
   * Whether the slots ascend, as they do when candidates are added in slot order (new
   * slots go at the end, and compaction keeps the order): top-k rankings seek in the
   * lists, and fall back to scoring every candidate when one does not ascend.
   */
  ascending = true;
  /** larger arrays being filled ahead of need, copied up to `grownTo` */
  private grown: Pick<PostingList, 'slots' | 'levels'> | null = null;
  private grownTo = 0;

  add(slot: number, level: number): void {
    if (this.size > 0 && slot <= this.slots[this.size - 1]) this.ascending = false;
    if (this.size === this.slots.length && this.grown) this.growAhead(Infinity);
    if (this.size === this.slots.length) {
      // A quarter more, not double: doubling would give back all the room trimming saves.
      const length = Math.max(16, Math.ceil(this.size * 1.25));
      const slots = shared(Int32Array, length);
      slots.set(this.slots);
      const levels = shared(Uint8Array, length);
      levels.set(this.levels);
      this.slots = slots;
      this.levels = levels;
    }
    this.slots[this.size] = slot;
    this.levels[this.size] = level;
    this.size++;
  }

  /** Whether the list is long and so near full that it should grow ahead of need, or is growing. */
  growthDue(): boolean {
    const length = this.slots.length;
    return this.grown !== null || (length >= GROWN_AHEAD_FROM && this.size >= length - (length >> 4));
  }

  /**
   * Copies about `work` more entries into arrays a quarter longer, starting them if due, and
   * puts them in use once all are copied; answers whether there is more to copy. Grown at
   * once by `add`, a list of a million entries held the event loop 20 ms, most of it spent
   * touching the new arrays' pages for the first time. Entries are only ever added at the
   * end, so those copied stay as they are; those added meanwhile are copied last.
   */
  growAhead(work: number): boolean {
    if (!this.grown) {
      if (!this.growthDue()) return false;
      const length = Math.ceil(this.slots.length * 1.25);
      this.grown = { slots: shared(Int32Array, length), levels: shared(Uint8Array, length) };
      this.grownTo = 0;
    }
    const { slots, levels } = this.grown;
    const end = Math.min(this.size, this.grownTo + work);
    slots.set(this.slots.subarray(this.grownTo, end), this.grownTo);
    levels.set(this.levels.subarray(this.grownTo, end), this.grownTo);
    this.grownTo = end;
    if (end < this.size) return true;
    this.slots = slots;
    this.levels = levels;
    this.grown = null;
    return false;
  }

  /** Finds out whether the slots ascend, for a list filled other than by `add`. */
  checkOrder(): void {
    this.ascending = true;
    for (let i = 1; i < this.size && this.ascending; i++) this.ascending = this.slots[i] > this.slots[i - 1];
  }

  /** Gives back most of the room kept for growth, once the build has added everything. */
  trim(): void {
    this.resize(roomFor(this.size));
  }

  /** Holds its entries in arrays of this length (at least its size). */
  resize(length: number): void {
    this.grown = null;
    const slots = shared(Int32Array, Math.max(length, this.size));
    slots.set(this.slots.subarray(0, this.size));
    const levels = shared(Uint8Array, slots.length);
    levels.set(this.levels.subarray(0, this.size));
    this.slots = slots;
    this.levels = levels;
  }

  bytes(): number {
    const grown = this.grown ? this.grown.slots.byteLength + this.grown.levels.byteLength : 0;
    return this.slots.byteLength + this.levels.byteLength + grown;
  }
}

/**
 * The length a list of `size` entries is given when built, loaded or compacted: between 1/32
 * and 3/32 more, varied from list to list (by its size). Trimmed to their size, the lists all
 * grew at the first writes; given the same share of room, writes spread evenly over the
 * candidates filled them all in the same few turns. Either way most of the index's entries
 * were copied at once, holding the event loop for tens of milliseconds at a million
 * candidates.
 */
export function roomFor(size: number): number {
  return size + Math.ceil((size * (32 + (size & 63))) / 1024) + 16;
}

/** The first index from `from` on whose slot is at least `target`: a galloping search. */
export function seek(slots: Int32Array, size: number, from: number, target: number): number {
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

const COLUMN_TYPES = {
  ids: Int32Array,
  years: Float64Array,
  openToWork: Uint8Array,
  alive: Uint8Array,
  remote: Uint8Array,
  location: Int32Array,
  skillCount: Uint16Array,
} as const;
export type ColumnName = keyof typeof COLUMN_TYPES;
export const COLUMNS = Object.keys(COLUMN_TYPES) as ColumnName[];
type Grown = { [K in ColumnName]: InstanceType<(typeof COLUMN_TYPES)[K]> };

/**
 * Growable column of candidate attributes.
 *
 * Grown whole, at capacity, a million slots' columns take about 25 ms to copy, all in one
 * turn of the event loop. So, once writes leave less than a quarter of the room, `growAhead`
 * copies them into columns twice the size a slice at a time, between requests; rankings
 * and writes go on using the columns in use, and the writes to slots already copied are
 * noted (`touch`) and copied again at the swap, which thus costs only what was written
 * meanwhile. `ensure` ends a growth under way at once if the room runs out first.
 */
export class Columns {
  ids = shared(Int32Array, 1024);
  years = shared(Float64Array, 1024);
  openToWork = shared(Uint8Array, 1024);
  alive = shared(Uint8Array, 1024);
  remote = shared(Uint8Array, 1024);
  location = shared(Int32Array, 1024);
  /** how many posting-list entries the slot has */
  skillCount = shared(Uint16Array, 1024);
  size = 0;
  /** the larger columns being filled ahead of need (once all allocated), copied up to `grownTo` */
  private grown: Partial<Grown> | null = null;
  private grownTo = 0;
  /** slots below `grownTo` written since they were copied */
  private touched: number[] = [];
  /** the touched slots copied again so far */
  private touchedCopied = 0;

  private all() {
    return [this.ids, this.years, this.openToWork, this.alive, this.remote, this.location, this.skillCount];
  }

  ensure(capacity: number): void {
    if (capacity <= this.ids.length) return;
    this.endGrowth();
    if (capacity <= this.ids.length) return;
    let length = this.ids.length;
    while (length < capacity) length *= 2;
    const grown = this.larger(length);
    for (const name of COLUMNS) grown[name].set(this[name]);
    this.swap(grown);
  }

  /** Ends a growth under way, if any, at once. */
  endGrowth(): void {
    if (this.grown) this.growAhead(Infinity);
  }

  /** Notes a write to the slot, made after the slot was set (see `growAhead`). */
  touch(slot: number): void {
    if (this.grown && slot < this.grownTo) this.touched.push(slot);
  }

  /** Whether a growth ahead of need is under way or due (see `growAhead`). */
  growthDue(): boolean {
    return this.grown !== null || this.size > this.ids.length * 0.75;
  }

  /**
   * Copies about `work` more slots into the larger columns, starting them if due, and puts
   * them in use once all are copied; answers whether there is more to copy.
   */
  growAhead(work: number): boolean {
    if (!this.grown) {
      if (!this.growthDue()) return false;
      this.grown = {};
      this.grownTo = 0;
      this.touched = [];
      this.touchedCopied = 0;
    }
    // A column allocated per step, unless all is to be done at once: at a million slots,
    // allocating all seven (42 MB) set off garbage collections that held the event loop
    // 10 to 20 ms. The larger columns are filled only once all are allocated.
    const length = this.ids.length * 2;
    for (const name of COLUMNS) {
      if (this.grown[name]) continue;
      this.allocateGrown(name, length);
      if (work !== Infinity) return true;
    }
    const grown = this.grown as Grown;
    const end = Math.min(this.size, this.grownTo + work);
    for (const name of COLUMNS) grown[name].set(this[name].subarray(this.grownTo, end), this.grownTo);
    this.grownTo = end;
    if (end < this.size) return true;
    // The slots written meanwhile, a slice at a time as well: a burst of writes retires
    // hundreds of thousands of slots while the columns grow, and copying them all in the
    // last turn held the event loop for tens of milliseconds at a million candidates.
    const touched = this.touched;
    const stop = Math.min(touched.length, this.touchedCopied + work);
    for (const name of COLUMNS) {
      const from = this[name];
      const to = grown[name];
      for (let i = this.touchedCopied; i < stop; i++) to[touched[i]] = from[touched[i]];
    }
    this.touchedCopied = stop;
    if (stop < touched.length) return true;
    this.swap(grown);
    return false;
  }

  /** Gives one column this length, emptied: for columns filled afresh a column at a time (see compaction.ts). */
  allocate(name: ColumnName, length: number): void {
    Object.assign(this, { [name]: shared<SharedArray>(COLUMN_TYPES[name], length) });
  }

  private larger(length: number): Grown {
    const grown = Object.entries(COLUMN_TYPES).map(([name, Type]) => [
      name,
      shared<SharedArray>(Type, length),
    ]);
    return Object.fromEntries(grown) as Grown;
  }

  private allocateGrown(name: ColumnName, length: number): void {
    Object.assign(this.grown!, { [name]: shared<SharedArray>(COLUMN_TYPES[name], length) });
  }

  private swap(grown: Grown): void {
    this.ids = grown.ids;
    this.years = grown.years;
    this.openToWork = grown.openToWork;
    this.alive = grown.alive;
    this.remote = grown.remote;
    this.location = grown.location;
    this.skillCount = grown.skillCount;
    this.grown = null;
    this.touched = [];
    this.touchedCopied = 0;
  }

  bytes(): number {
    const grown: ArrayBufferView[] = this.grown ? Object.values(this.grown) : [];
    return [...this.all(), ...grown].reduce((sum, a) => sum + a.byteLength, 0);
  }
}

/**
 * Per-slot scratch space for rankings (see RankingScratch), at least as long as the columns.
 * At a million candidates, growing all three arrays at once (34 MB) held the event loop over
 * 15 ms, most of it a garbage collection the allocation set off: a growth of the columns
 * grows them ahead of need too, an array at a time (`growStep`).
 */
export class Scratch {
  best = new Float64Array(0);
  sum = new Float64Array(0);
  requiredMet = new Uint8Array(0);

  /** Makes every array this long at least, at once. */
  ensure(length: number): void {
    while (this.growStep(length));
  }

  /** Makes one array shorter than `length` that long; answers whether there was one. */
  growStep(length: number): boolean {
    if (this.best.length < length) this.best = new Float64Array(length);
    else if (this.sum.length < length) this.sum = new Float64Array(length);
    else if (this.requiredMet.length < length) this.requiredMet = new Uint8Array(length);
    else return false;
    return true;
  }

  bytes(): number {
    return this.best.byteLength + this.sum.byteLength + this.requiredMet.byteLength;
  }
}

/**
 * The distinct locations candidates give, each held once and referred to by its number in
 * `Columns.location`, so a location filter compares each name once, not once per candidate.
 */
export class Locations {
  private ids: Map<string, number>;

  constructor(public names: string[] = []) {
    this.ids = new Map(names.map((name, id) => [name, id]));
  }

  /** The location's number, given one when it is new. */
  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.ids.set(name, id);
    }
    return id;
  }

  /**
   * Drops the locations no live candidate has any more, numbering the rest afresh in
   * `columns`: every edit of a location adds one, and without pruning they would pile up for
   * the life of the process, each walked by every location filter.
   */
  prune(columns: Columns): void {
    // Every slot's location is rewritten: a growth under way is ended first, rather than
    // each slot noted as written.
    columns.endGrowth();
    const { location, alive, size } = columns;
    const newId = new Int32Array(this.names.length).fill(-1);
    const kept: string[] = [];
    for (let slot = 0; slot < size; slot++) {
      if (!alive[slot]) {
        location[slot] = 0; // never read: rankings skip dead slots before any filter
        continue;
      }
      const old = location[slot];
      if (newId[old] < 0) newId[old] = kept.push(this.names[old]) - 1;
      location[slot] = newId[old];
    }
    this.names = kept;
    this.ids = new Map(kept.map((name, id) => [name, id]));
  }
}
