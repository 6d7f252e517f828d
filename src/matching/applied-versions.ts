// The version (`updatedAt`, in ms) of each candidate the match index last applied, by id:
// what tells the change feed which rows of its window it has read already. Held in a typed
// array indexed by id, as HeldIds holds slots: a map took a page of 50,000 changed rows in
// one go and stood still for tens of milliseconds each time it rehashed, and forgetting old
// versions meant a pass over it on every poll. A version is kept until the candidate's next
// one (8 bytes an id); only those near the watermark are saved with the index. The few ids
// too large for the array, if any, go to a map, and are forgotten once old.

/** Ids from here on are held in a map rather than the array. */
const DENSE_IDS = 1 << 25;

export class AppliedVersions {
  /** 0 where no version is known */
  private at = new Float64Array(1024);
  private readonly sparse = new Map<number, number>();

  get(id: number): number | undefined {
    const at = id < DENSE_IDS ? (id < this.at.length ? this.at[id] : 0) : (this.sparse.get(id) ?? 0);
    return at === 0 ? undefined : at;
  }

  set(id: number, at: number): void {
    if (id >= DENSE_IDS) {
      this.sparse.set(id, at);
      return;
    }
    if (id >= this.at.length) {
      const grown = new Float64Array(Math.min(DENSE_IDS, Math.max(id + 1, this.at.length * 2)));
      grown.set(this.at);
      this.at = grown;
    }
    this.at[id] = at;
  }

  /** Forgets the versions older than `horizon` held in the map (those in the array cost nothing). */
  forgetBefore(horizon: number): void {
    for (const [id, at] of this.sparse) if (at < horizon) this.sparse.delete(id);
  }

  /** The ids whose version is `horizon` or newer, and those versions, in id order. */
  since(horizon: number): { ids: Int32Array; times: Float64Array } {
    const { at } = this;
    let count = 0;
    for (let id = 0; id < at.length; id++) if (at[id] >= horizon) count++;
    const sparse = [...this.sparse].filter(([, time]) => time >= horizon).sort((a, b) => a[0] - b[0]);
    const ids = new Int32Array(count + sparse.length);
    const times = new Float64Array(count + sparse.length);
    let n = 0;
    for (let id = 0; id < at.length; id++) {
      if (at[id] >= horizon) {
        ids[n] = id;
        times[n++] = at[id];
      }
    }
    for (const [id, time] of sparse) {
      ids[n] = id;
      times[n++] = time;
    }
    return { ids, times };
  }
}
