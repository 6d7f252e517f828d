// The slot of each candidate the match index holds, by id. Ids come from an auto-increment
// column, so the slots sit in a typed array indexed by id: a map of a million entries
// stands still for tens of milliseconds each time it grows or shrinks (it rehashes all at
// once), and fills the heap the garbage collector walks. The few ids too large for the
// array, if any, go to a map. The ids held are also counted by bucket of BUCKET consecutive
// ids, the counts the change feed compares with the database's to find deletions.

/** Consecutive ids counted together. */
export const BUCKET = 1024;
/** Ids from here on are held in a map rather than the array. */
const DENSE_IDS = 1 << 26;

export class HeldIds {
  private slots = new Int32Array(BUCKET).fill(-1);
  private readonly sparse = new Map<number, number>();
  /** ids held, by the bucket's first id */
  readonly buckets = new Map<number, number>();
  size = 0;

  get(id: number): number | undefined {
    const slot =
      id < DENSE_IDS ? (id < this.slots.length ? this.slots[id] : -1) : (this.sparse.get(id) ?? -1);
    return slot < 0 ? undefined : slot;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, slot: number): void {
    if (!this.has(id)) this.count(id, 1);
    if (id >= DENSE_IDS) {
      this.sparse.set(id, slot);
      return;
    }
    if (id >= this.slots.length) {
      let length = this.slots.length;
      while (length <= id) length *= 2;
      const slots = new Int32Array(length).fill(-1, this.slots.length);
      slots.set(this.slots);
      this.slots = slots;
    }
    this.slots[id] = slot;
  }

  delete(id: number): void {
    if (!this.has(id)) return;
    this.count(id, -1);
    if (id >= DENSE_IDS) this.sparse.delete(id);
    else this.slots[id] = -1;
  }

  /** The ids held from `from` up to `to` (not included). */
  idsBetween(from: number, to: number): number[] {
    const ids: number[] = [];
    for (let id = from; id < Math.min(to, DENSE_IDS, this.slots.length); id++)
      if (this.slots[id] >= 0) ids.push(id);
    if (to > DENSE_IDS) for (const id of this.sparse.keys()) if (id >= from && id < to) ids.push(id);
    return ids;
  }

  private count(id: number, change: number): void {
    const bucket = id - (id % BUCKET);
    const count = (this.buckets.get(bucket) ?? 0) + change;
    if (count === 0) this.buckets.delete(bucket);
    else this.buckets.set(bucket, count);
    this.size += change;
  }
}
