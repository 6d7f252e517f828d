import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * What a set of rows looks like from outside, in one cheap statement: how many there are
 * and the newest `updatedAt` among them. Every write moves `updatedAt` and a deletion
 * changes the count, so while this stands still nothing in the set was written.
 */
export async function rowsVersion(query: SelectQueryBuilder<ObjectLiteral>, alias: string): Promise<string> {
  const row = await query
    .select('COUNT(*)', 'rows')
    .addSelect(`MAX(${alias}.updatedAt)`, 'latest')
    .getRawOne<{ rows: number | string; latest: Date | string | null }>();
  // MySQL hands back a Date, SQLite the text it stored.
  const latest = row?.latest instanceof Date ? row.latest.toISOString() : String(row?.latest ?? '');
  return `${Number(row?.rows ?? 0)}@${latest}`;
}
