import DataLoader from 'dataloader';
import { Histogram } from 'prom-client';
import { DataSource, ObjectLiteral } from 'typeorm';

// Helpers that make batch functions honour the DataLoader contract: one result
// per key, in the order of the keys.

/** For each key, the row whose key matches, or null. */
export function onePer<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** For each key, all rows whose key matches, in the order the rows came. */
export function manyPer<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key)!);
}

/**
 * Batch sizes of every loader, by name: how many keys each batch carried. Registered
 * in each app's registry (see observability.ts), so one histogram serves them all.
 */
export const loaderBatchSizes = new Histogram({
  name: 'skillgraph_dataloader_batch_size',
  help: 'Keys per DataLoader batch, by loader',
  labelNames: ['loader'],
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
  registers: [],
});

/** A DataLoader whose batch sizes are measured under `name`. */
export function batchLoader<K, V>(
  name: string,
  batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
): DataLoader<K, V> {
  return new DataLoader<K, V>((keys) => {
    loaderBatchSizes.observe({ loader: name }, keys.length);
    return batch(keys);
  });
}

/**
 * The rows of a link table whose `key` is one of `keys`, in `order`, as instances of its
 * entity class but without TypeORM's entity hydration: for the link tables nearly every
 * answer reads (a posting's or a candidate's skills), hydrating costs more CPU than the
 * statement itself. Only for entities whose columns are numbers and strings, which both
 * drivers return as they are.
 */
export async function linkRows<T extends ObjectLiteral>(
  db: DataSource,
  entity: new () => T,
  key: keyof T & string,
  keys: readonly number[],
  order: [keyof T & string, 'ASC' | 'DESC'][],
): Promise<T[]> {
  const query = db
    .getRepository(entity)
    .createQueryBuilder('row')
    .select(db.getMetadata(entity).columns.map((c) => `row.${c.propertyName} AS ${c.propertyName}`))
    .where(`row.${key} IN (:...keys)`, { keys: [...keys] });
  for (const [column, direction] of order) query.addOrderBy(`row.${column}`, direction);
  const rows = await query.getRawMany<Partial<T>>();
  return rows.map((row) => Object.assign(new entity(), row));
}
