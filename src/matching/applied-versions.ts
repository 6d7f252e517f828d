import { IdTable } from './id-table';

// The version (`updatedAt`, in ms) of each candidate the match index last applied, by id
// (see IdTable): what tells the change feed which rows of its window it has read already. A
// map took a page of 50,000 changed rows in one go and stood still for tens of milliseconds
// each time it rehashed, and forgetting old versions meant a pass over it on every poll. A
// version is kept until the candidate's next one (8 bytes an id). The versions set lately
// are also logged in the order set, so those near the watermark (saved with the index) are
// found without a pass over every id. The few ids past the table's array, if any, are
// forgotten once old.

/** Entries the log gains before it is trimmed, at the least. */
const LOG_SLACK = 4096;

export class AppliedVersions {
  /** 0 where no version is known */
  private readonly at = new IdTable(Float64Array, 0);
  /** the versions set since the log was last trimmed, and those it kept then, in the order set */
  private logIds = new Int32Array(LOG_SLACK);
  private logTimes = new Float64Array(LOG_SLACK);
  private logged = 0;
  /** entries the log kept when last trimmed: it is trimmed again once it doubles */
  private kept = 0;

  get(id: number): number | undefined {
    return this.at.get(id);
  }

  set(id: number, at: number): void {
    if (this.get(id) === at) return; // logged already
    this.at.set(id, at);
    if (this.logged === this.logIds.length) {
      const ids = new Int32Array(this.logged * 2);
      const times = new Float64Array(this.logged * 2);
      ids.set(this.logIds);
      times.set(this.logTimes);
      this.logIds = ids;
      this.logTimes = times;
    }
    this.logIds[this.logged] = id;
    this.logTimes[this.logged++] = at;
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
    return { ids: this.logIds.slice(0, this.logged), times: this.logTimes.slice(0, this.logged) };
  }

  private trim(horizon: number): void {
    const { logIds: ids, logTimes: times } = this;
    let n = 0;
    for (let i = 0; i < this.logged; i++) {
      if (times[i] < horizon || this.get(ids[i]) !== times[i]) continue;
      ids[n] = ids[i];
      times[n++] = times[i];
    }
    this.logged = this.kept = n;
  }
}
