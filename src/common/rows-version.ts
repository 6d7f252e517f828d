import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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

  constructor(
    private readonly rows: () => SelectQueryBuilder<ObjectLiteral>,
    private readonly alias: string,
    private readonly rebuild: () => Promise<void>,
  ) {}

  async check(): Promise<void> {
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
