import DataLoader from 'dataloader';
import { Histogram } from 'prom-client';

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
