import { IdTable } from './id-table';

// The slot of each candidate the match index holds, by id (see IdTable). The ids held are
// also counted by bucket of BUCKET consecutive ids, the counts the change feed compares with
// the database's to find deletions.

/** Consecutive ids counted together. */
export const BUCKET = 1024;

export class HeldIds {
  /**
   * Each slot plus one, 0 where no candidate is held: an array of zeros is had without
   * writing to it. Filled with -1 as a compaction started, the table for a million ids (8 MB,
   * first touched then) held the event loop over 30 ms; now its pages are first touched a
   * few at a time as the slots are copied.
   */
  private readonly slots: IdTable<Int32Array>;
  /** ids held, by the bucket's first id */
  readonly buckets = new Map<number, number>();
  size = 0;

  /** `idSpan`: the ids to make room for at once (see IdTable). */
  constructor(idSpan?: number) {
    this.slots = new IdTable(Int32Array, 0, idSpan);
  }

  /** The ids below which room is made (see IdTable). */
  get idSpan(): number {
    return this.slots.idSpan;
  }

  get(id: number): number | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : slot - 1;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, slot: number): void {
    if (!this.has(id)) this.count(id, 1);
    this.slots.set(id, slot + 1);
  }

  delete(id: number): void {
    if (!this.has(id)) return;
    this.count(id, -1);
    this.slots.delete(id);
  }

  /** The ids held from `from` up to `to` (not included). */
  idsBetween(from: number, to: number): number[] {
    return this.slots.idsBetween(from, to);
  }

  private count(id: number, change: number): void {
    const bucket = id - (id % BUCKET);
    const count = (this.buckets.get(bucket) ?? 0) + change;
    if (count === 0) this.buckets.delete(bucket);
    else this.buckets.set(bucket, count);
    this.size += change;
  }
}
