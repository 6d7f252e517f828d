// The match index's storage: flat typed arrays, so a million candidates cost a few
// bytes each and a ranking walks memory in order.

/** A skill's posting list: candidate slots and the level each holds the skill at. */
export class PostingList {
  slots = new Int32Array(16);
  levels = new Uint8Array(16);
  size = 0;
  /**
   * Whether the slots ascend, as they do when candidates are added in slot order (new
   * slots go at the end, and compaction keeps the order): top-k rankings seek in the
   * lists, and fall back to scoring every candidate when one does not ascend.
   */
  ascending = true;

  add(slot: number, level: number): void {
    if (this.size > 0 && slot <= this.slots[this.size - 1]) this.ascending = false;
    if (this.size === this.slots.length) {
      // A quarter more, not double: after `trim`, the first write to each list grows it,
      // and doubling would give back all the room trimming saves.
      const length = Math.max(16, Math.ceil(this.size * 1.25));
      const slots = new Int32Array(length);
      slots.set(this.slots);
      const levels = new Uint8Array(length);
      levels.set(this.levels);
      this.slots = slots;
      this.levels = levels;
    }
    this.slots[this.size] = slot;
    this.levels[this.size] = level;
    this.size++;
  }

  /** Finds out whether the slots ascend, for a list filled other than by `add`. */
  checkOrder(): void {
    this.ascending = true;
    for (let i = 1; i < this.size && this.ascending; i++) this.ascending = this.slots[i] > this.slots[i - 1];
  }

  /** Gives back the room kept for growth, once the build has added everything. */
  trim(): void {
    this.slots = this.slots.slice(0, this.size);
    this.levels = this.levels.slice(0, this.size);
  }

  bytes(): number {
    return this.slots.byteLength + this.levels.byteLength;
  }
}

/** Growable column of candidate attributes. */
export class Columns {
  ids = new Int32Array(1024);
  years = new Float64Array(1024);
  openToWork = new Uint8Array(1024);
  alive = new Uint8Array(1024);
  remote = new Uint8Array(1024);
  location = new Int32Array(1024);
  /** how many posting-list entries the slot has */
  skillCount = new Uint16Array(1024);
  size = 0;

  private all() {
    return [this.ids, this.years, this.openToWork, this.alive, this.remote, this.location, this.skillCount];
  }

  ensure(capacity: number): void {
    if (capacity <= this.ids.length) return;
    let length = this.ids.length;
    while (length < capacity) length *= 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(length);
      b.set(a);
      return b;
    };
    this.ids = grow(this.ids, (n) => new Int32Array(n));
    this.years = grow(this.years, (n) => new Float64Array(n));
    this.openToWork = grow(this.openToWork, (n) => new Uint8Array(n));
    this.alive = grow(this.alive, (n) => new Uint8Array(n));
    this.remote = grow(this.remote, (n) => new Uint8Array(n));
    this.location = grow(this.location, (n) => new Int32Array(n));
    this.skillCount = grow(this.skillCount, (n) => new Uint16Array(n));
  }

  bytes(): number {
    return this.all().reduce((sum, a) => sum + a.byteLength, 0);
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
