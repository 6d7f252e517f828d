import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { currentQueryStats } from './query-stats';

/**
 * What a set of rows looks like from outside, in one cheap statement: how many there are
 * and the newest `updatedAt` among them. Every write moves `updatedAt` and a deletion
 * changes the count, so while this stands still nothing in the set was written.
 */
export async function rowsVersion(query: SelectQueryBuilder<ObjectLiteral>, alias: string): Promise<string> {
  // As text, so MySQL keeps the microseconds it stores: as a Date, two writes within one
  // millisecond would look the same. SQLite hands back the text it stored either way.
  const row = await query
    .select('COUNT(*)', 'rows')
    .addSelect(`CAST(MAX(${alias}.updatedAt) AS CHAR)`, 'latest')
    .getRawOne<{ rows: number | string; latest: string | null }>();
  return `${Number(row?.rows ?? 0)}@${row?.latest ?? ''}`;
}

/**
 * Keeps something built from a set of rows current: `check` reads the rows' version (one
 * statement) and rebuilds only when it moved, one rebuild at a time; callers that find one
 * under way wait for it. A rebuild that fails is tried again at the next check.
 */
export class RebuiltOnChange {
  private version: string | null = null;
  private rebuilding: Promise<void> | null = null;
  /** the check callers are waiting for whose statement has not been sent yet */
  private unsent: Promise<void> | null = null;

  constructor(
    private readonly rows: () => SelectQueryBuilder<ObjectLiteral>,
    private readonly alias: string,
    private readonly rebuild: () => Promise<void>,
  ) {}

  /**
   * Brings what is held up to date with every write committed before this call. Callers
   * that arrive before the version statement goes out share it: it is sent after each of
   * them arrived, so it sees every write they could expect to see. Under load many requests
   * start within one turn of the event loop, and one statement each cost a socket write
   * and a pooled connection per request. A request that has written checks on its own,
   * on the primary its reads are kept on.
   */
  check(): Promise<void> {
    if (currentQueryStats()?.readsFromPrimary) return this.checkNow();
    // Sent once this turn's I/O callbacks have run, so that the requests they started join.
    this.unsent ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.unsent = null;
      return this.checkNow();
    });
    return this.unsent;
  }

  private async checkNow(): Promise<void> {
    const version = await rowsVersion(this.rows(), this.alias);
    if (version === this.version) return;
    this.rebuilding ??= this.rebuild()
      .then(() => {
        this.version = version;
      })
      .finally(() => (this.rebuilding = null));
    await this.rebuilding;
  }
}
