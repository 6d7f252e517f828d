import { IdTable } from './id-table';

// The version (`updatedAt`, in ms) of each candidate the match index last applied, by id
// (see IdTable): what tells the change feed which rows of its window it has read already. A
// map took a page of 50,000 changed rows in one go and stood still for tens of milliseconds
// each time it rehashed, and forgetting old versions meant a pass over it on every poll. A
// version is kept until the candidate's next one (8 bytes an id). The versions set lately
// are also logged in the order set, so those near the watermark (saved with the index) are
// found without a pass over every id. The few ids past the table's array, if any, are
// forgotten once old. The log is kept in chunks: doubled in one array, it copied 3 MB into
// fresh memory at once after 131,072 writes (a burst of writes made through the index logs
// them all), holding the event loop over 15 ms.

/** Entries the log gains before it is trimmed, at the least. */
const LOG_SLACK = 4096;
/** Entries per chunk of the log: 2 ** CHUNK_BITS. */
const CHUNK_BITS = 12;
const IN_CHUNK = (1 << CHUNK_BITS) - 1;

export class AppliedVersions {
  /** 0 where no version is known */
  private readonly at = new IdTable(Float64Array, 0);
  /** the versions set since the log was last trimmed, and those it kept then, in the order set, by chunk */
  private readonly logIds: Int32Array[] = [];
  private readonly logTimes: Float64Array[] = [];
  private logged = 0;
  /** entries the log kept when last trimmed: it is trimmed again once it doubles */
  private kept = 0;

  get(id: number): number | undefined {
    return this.at.get(id);
  }

  set(id: number, at: number): void {
    if (this.get(id) === at) return; // logged already
    this.at.set(id, at);
    this.log(this.logged++, id, at);
  }

  private log(entry: number, id: number, at: number): void {
    const chunk = entry >> CHUNK_BITS;
    if (chunk === this.logIds.length) {
      this.logIds.push(new Int32Array(IN_CHUNK + 1));
      this.logTimes.push(new Float64Array(IN_CHUNK + 1));
    }
    this.logIds[chunk][entry & IN_CHUNK] = id;
    this.logTimes[chunk][entry & IN_CHUNK] = at;
  }

  /**
   * Forgets the versions older than `horizon` held in the map (those in the array cost
   * nothing), and, once the log has doubled since last trimmed, its entries older than
   * `horizon` or since replaced: a pass over the log costs as much as the entries added.
   */
  forgetBefore(horizon: number): void {
    this.at.forgetSparse((at) => at < horizon);
    if (this.logged >= 2 * this.kept + LOG_SLACK) this.trim(horizon);
  }

  /** The ids whose version is `horizon` or newer, and those versions. */
  since(horizon: number): { ids: Int32Array; times: Float64Array } {
    this.trim(horizon);
    const ids = new Int32Array(this.logged);
    const times = new Float64Array(this.logged);
    for (let i = 0; i < this.logged; i++) {
      ids[i] = this.logIds[i >> CHUNK_BITS][i & IN_CHUNK];
      times[i] = this.logTimes[i >> CHUNK_BITS][i & IN_CHUNK];
    }
    return { ids, times };
  }

  private trim(horizon: number): void {
    let n = 0;
    for (let i = 0; i < this.logged; i++) {
      const id = this.logIds[i >> CHUNK_BITS][i & IN_CHUNK];
      const at = this.logTimes[i >> CHUNK_BITS][i & IN_CHUNK];
      if (at < horizon || this.get(id) !== at) continue;
      this.log(n++, id, at);
    }
    this.logged = this.kept = n;
    const chunks = (n >> CHUNK_BITS) + 1;
    this.logIds.length = Math.min(this.logIds.length, chunks);
    this.logTimes.length = Math.min(this.logTimes.length, chunks);
  }
}
