// A number for each candidate id, what the match index keeps per candidate (its slot, the
// version applied). Ids come from an auto-increment column, so the numbers sit in a typed
// array indexed by id, grown as ids grow: a map of a million entries stands still for tens
// of milliseconds each time it grows or shrinks (it rehashes all at once), and fills the
// heap the garbage collector walks. The array stops at DENSE_BYTES; the few ids past it, if
// any, go to a map.

/** The most the array takes (256 MB): ids past its length are held in the map. */
const DENSE_BYTES = 1 << 28;
/** The array's length before the first id grows it. */
const FIRST_LENGTH = 1024;

type DenseArray = Int32Array | Float64Array;

export class IdTable<A extends DenseArray> {
  /** ids from here on are held in `sparse` */
  private readonly denseIds: number;
  private dense: A;
  private readonly sparse = new Map<number, number>();

  /**
   * `empty` marks an id that has no number: it can never be held. `idSpan`: the ids to make
   * room for at once, when they are known to come.
   */
  constructor(
    private readonly array: { new (length: number): A; readonly BYTES_PER_ELEMENT: number },
    private readonly empty: number,
    idSpan = FIRST_LENGTH,
  ) {
    this.denseIds = DENSE_BYTES / array.BYTES_PER_ELEMENT;
    this.dense = this.emptyArray(Math.min(this.denseIds, Math.max(FIRST_LENGTH, idSpan)));
  }

  /** The ids below which the array has room, and setting a number grows nothing. */
  get idSpan(): number {
    return this.dense.length;
  }

  get(id: number): number | undefined {
    const value =
      id < this.denseIds
        ? id < this.dense.length
          ? this.dense[id]
          : this.empty
        : (this.sparse.get(id) ?? this.empty);
    return value === this.empty ? undefined : value;
  }

  set(id: number, value: number): void {
    if (id >= this.denseIds) {
      this.sparse.set(id, value);
      return;
    }
    if (id >= this.dense.length) {
      const grown = this.emptyArray(Math.min(this.denseIds, Math.max(id + 1, this.dense.length * 2)));
      grown.set(this.dense);
      this.dense = grown;
    }
    this.dense[id] = value;
  }

  delete(id: number): void {
    if (id >= this.denseIds) this.sparse.delete(id);
    else if (id < this.dense.length) this.dense[id] = this.empty;
  }

  /** The ids held from `from` up to `to` (not included). */
  idsBetween(from: number, to: number): number[] {
    const ids: number[] = [];
    for (let id = from; id < Math.min(to, this.dense.length); id++)
      if (this.dense[id] !== this.empty) ids.push(id);
    if (to > this.denseIds) for (const id of this.sparse.keys()) if (id >= from && id < to) ids.push(id);
    return ids;
  }

  /** Forgets the ids held in the map whose number `isOld` says; those in the array cost nothing. */
  forgetSparse(isOld: (value: number) => boolean): void {
    for (const [id, value] of this.sparse) if (isOld(value)) this.sparse.delete(id);
  }

  private emptyArray(length: number): A {
    const array = new this.array(length);
    if (this.empty !== 0) array.fill(this.empty);
    return array;
  }
}
