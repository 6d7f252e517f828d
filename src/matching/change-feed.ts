import { DataSource } from 'typeorm';
import { Candidate } from '../candidate/candidate.entity';
import { rowsVersion } from '../common/rows-version';
import { AppliedVersions } from './applied-versions';
import { BUCKET, HeldIds } from './held-ids';

// How the match index follows writes made elsewhere (another replica, a script): each of its
// refreshes (every second, see context.ts) reads `candidate.updatedAt` and re-reads the
// candidates whose version moved.

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How far behind the newest `updatedAt` seen the change feed looks again. */
const LOOK_BACK_MS = 2000;
/** How far behind the watermark the versions saved with the index go: longer than the look-back. */
const SEEN_FOR_MS = 5000;
/** Deletions leave no timestamp behind: every this many polls, the candidate count is compared. */
const RECONCILE_EVERY = 5;

/** The newest `updatedAt` applied (ms since the epoch) and the versions applied near it. */
export interface FeedPosition {
  watermark: number | null;
  /** the candidates written within SEEN_FOR_MS of the watermark, and their `updatedAt` in ms */
  seen: { ids: Int32Array; times: Float64Array };
}

export interface FeedChanges {
  /** candidates written since the last poll */
  changed: number[];
  /** whether this poll should also look for deleted candidates */
  reconcile: boolean;
}

export class ChangeFeed {
  /** the newest `updatedAt` applied, in ms */
  private watermark: number | null = null;
  private seenAt = new AppliedVersions();
  /** what the window looked like at the last poll: its start, size and newest row */
  private signature = '';
  private polls = 0;

  constructor(
    private readonly db: DataSource,
    private readonly pageSize: number,
  ) {}

  /** The version of a candidate the index has just applied, so the next poll does not read it again. */
  applied(id: number, updatedAt: Date | string): void {
    const at = toDate(updatedAt).getTime();
    if (this.watermark === null || at > this.watermark) this.watermark = at;
    this.seenAt.set(id, at);
  }

  /** Where the feed stands: what a saved index resumes from. */
  position(): FeedPosition {
    const horizon = (this.watermark ?? 0) - SEEN_FOR_MS;
    return { watermark: this.watermark, seen: this.seenAt.since(horizon) };
  }

  /**
   * Goes on from a saved position: the next read sees every write since (and the look-back
   * before), without reading again the versions the saved index already held.
   */
  resumeFrom(position: FeedPosition): void {
    this.watermark = position.watermark;
    this.seenAt = new AppliedVersions();
    const { ids, times } = position.seen;
    for (let i = 0; i < ids.length; i++) this.seenAt.set(ids[i], times[i]);
    this.signature = '';
  }

  /** Forgets versions too old to turn up in the window again. */
  forgetOldVersions(): void {
    this.seenAt.forgetBefore((this.watermark ?? 0) - SEEN_FOR_MS);
  }

  /** The candidates written since the last poll, by their `updatedAt`. */
  async read(): Promise<FeedChanges> {
    this.polls++;
    // Look back so that a write committed late with an earlier timestamp is not missed.
    const since = new Date(this.watermark === null ? 0 : this.watermark - LOOK_BACK_MS);
    const window = () =>
      this.db.getRepository(Candidate).createQueryBuilder('c').where('c.updatedAt >= :since', { since });
    // The window's size and newest timestamp first: while they stand still nothing was
    // written, and the rows need no reading. After a bulk load the window can hold tens of
    // thousands of rows, which would otherwise be read again every second.
    const signature = `${since.getTime()} ${await rowsVersion(window(), 'c')}`;
    const ids: number[] = [];
    const times: number[] = [];
    if (signature !== this.signature) {
      this.signature = signature;
      // Every row of the window, a page at a time in a fixed order.
      for (let offset = 0; ; offset += this.pageSize) {
        const page = await window()
          .select(['c.id AS id', 'c.updatedAt AS updatedAt'])
          .orderBy('c.updatedAt', 'ASC')
          .addOrderBy('c.id', 'ASC')
          .offset(offset)
          .limit(this.pageSize)
          .getRawMany<{ id: number; updatedAt: Date | string }>();
        // Each page's rows as numbers as they come, in its own turn: after a bulk write the
        // window holds tens of thousands of rows, too many to go through at once.
        for (const row of page) {
          ids.push(Number(row.id));
          times.push(toDate(row.updatedAt).getTime());
        }
        if (page.length < this.pageSize) break;
      }
    }
    // Taken as read only once every page is, so that a read failing half-way moves nothing;
    // a page per turn, and the old versions forgotten in a turn of their own: all at once,
    // the 50,000 rows of a large write held the event loop over 10 ms.
    const changed: number[] = [];
    for (let start = 0; start < ids.length; start += this.pageSize) {
      if (start > 0) await nextTurn();
      for (let i = start; i < Math.min(ids.length, start + this.pageSize); i++) {
        const id = ids[i];
        const at = times[i];
        if (this.seenAt.get(id) !== at) changed.push(id);
        this.seenAt.set(id, at);
        if (this.watermark === null || at > this.watermark) this.watermark = at;
      }
    }
    if (ids.length > this.pageSize) await nextTurn();
    this.forgetOldVersions();
    return { changed, reconcile: this.polls % RECONCILE_EVERY === 0 };
  }
}

/**
 * The candidates of `held` that are no longer in the database. Deletions leave no timestamp
 * behind, so this compares how many ids each bucket holds, in the database and in `held`,
 * and reads the ids of only the buckets that differ: a deletion costs the reading of its
 * bucket, where comparing the totals and reading every id held the event loop over a
 * second at a million candidates. (A log of deletions written by the service would miss
 * those made by hand or by another program.)
 */
export async function deletedCandidates(db: DataSource, held: HeldIds, pageSize: number): Promise<number[]> {
  const counted = await db
    .getRepository(Candidate)
    .createQueryBuilder('c')
    .select(`c.id - c.id % ${BUCKET}`, 'bucket')
    .addSelect('COUNT(*)', 'ids')
    .groupBy('bucket')
    .getRawMany<{ bucket: number | string; ids: number | string }>();
  const stored = new Map(counted.map((row) => [Number(row.bucket), Number(row.ids)]));
  const differing = [...held.buckets]
    .filter(([bucket, count]) => stored.get(bucket) !== count)
    .map(([bucket]) => bucket)
    .sort((a, b) => a - b);
  const deleted: number[] = [];
  // Runs of differing buckets, read a page of ids at a time.
  const span = Math.max(1, Math.floor(pageSize / BUCKET)) * BUCKET;
  for (let i = 0; i < differing.length;) {
    const from = differing[i];
    let to = from + BUCKET;
    while (++i < differing.length && differing[i] === to && to - from < span) to += BUCKET;
    const rows = await db
      .getRepository(Candidate)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.id >= :from AND c.id < :to', { from, to })
      .getRawMany<{ id: number }>();
    const stillThere = new Set(rows.map((r) => Number(r.id)));
    for (const id of held.idsBetween(from, to)) if (!stillThere.has(id)) deleted.push(id);
  }
  return deleted;
}

/** MySQL hands back Date objects; SQLite hands back UTC text. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
