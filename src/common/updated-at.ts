import { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

// Every instance follows the writes made elsewhere by the rows' `updatedAt`: the match
// index's change feed by (candidate, updatedAt in ms), the open postings, the course and
// skill catalogues by the newest `updatedAt` of their table. So every write must move it,
// and move it by at least a millisecond. TypeORM's updates write `CURRENT_TIMESTAMP`, whole
// seconds on MySQL, unless they set `updatedAt`; a `new Date()` from the app is only
// milliseconds and not the database's clock. Both let two writes to one row within the same
// second (or millisecond) carry one `updatedAt`, and the second went unseen elsewhere.

/**
 * The value an UPDATE gives `updatedAt`: the database's clock, or a millisecond past the
 * row's previous value when that is later (a second write within the same millisecond),
 * so the row's version always moves. As a raw SQL expression, which `update()` takes
 * as a function.
 */
export function nextUpdatedAt(tx: EntityManager): () => string {
  const column = tx.connection.driver.escape('updatedAt');
  if (tx.connection.options.type === 'better-sqlite3') {
    // The text TypeORM stores: 'YYYY-MM-DD HH:MM:SS.SSS', UTC, which compares as it sorts.
    const at = (time: string, ...modifiers: string[]) =>
      `strftime('%Y-%m-%d %H:%M:%f', ${[time, ...modifiers].join(', ')})`;
    return () => `MAX(${at(`'now'`)}, ${at(column, `'+0.001 seconds'`)})`;
  }
  return () => `GREATEST(CURRENT_TIMESTAMP(6), ${column} + INTERVAL 1000 MICROSECOND)`;
}

/**
 * Writes `changes` to the row `id` in one UPDATE that moves its `updatedAt` (see
 * nextUpdatedAt), and reads back the row it left; rejects when there is no such row.
 */
export async function updateRow<T extends ObjectLiteral & { id: number; updatedAt: Date }>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  id: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<T> {
  const repository = tx.getRepository(entity);
  await repository.update(id, { ...changes, updatedAt: nextUpdatedAt(tx) } as QueryDeepPartialEntity<T>);
  return repository.findOneByOrFail({ id } as Parameters<typeof repository.findOneByOrFail>[0]);
}

/**
 * Moves the `updatedAt` of the rows `ids` (see nextUpdatedAt) and nothing else: what a
 * write to the rows' links (a posting's skills, a skill's aliases) does to their owners,
 * whose `updatedAt` is all that other instances follow.
 */
export async function moveUpdatedAt<T extends ObjectLiteral & { id: number; updatedAt: Date }>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  ids: number[],
): Promise<void> {
  if (ids.length === 0) return;
  await tx.getRepository(entity).update(ids, { updatedAt: nextUpdatedAt(tx) } as QueryDeepPartialEntity<T>);
}
