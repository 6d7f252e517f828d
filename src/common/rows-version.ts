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
