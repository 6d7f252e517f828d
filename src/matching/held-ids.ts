import { IdTable } from './id-table';

// The slot of each candidate the match index holds, by id (see IdTable). The ids held are
// also counted by bucket of BUCKET consecutive ids, the counts the change feed compares with
// the database's to find deletions.

/** Consecutive ids counted together. */
export const BUCKET = 1024;

export class HeldIds {
  /** -1 where no candidate is held */
  private readonly slots: IdTable<Int32Array>;
  /** ids held, by the bucket's first id */
  readonly buckets = new Map<number, number>();
  size = 0;

  /** `idSpan`: the ids to make room for at once (see IdTable). */
  constructor(idSpan?: number) {
    this.slots = new IdTable(Int32Array, -1, idSpan);
  }

  /** The ids below which room is made (see IdTable). */
  get idSpan(): number {
    return this.slots.idSpan;
  }

  get(id: number): number | undefined {
    return this.slots.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, slot: number): void {
    if (!this.has(id)) this.count(id, 1);
    this.slots.set(id, slot);
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
