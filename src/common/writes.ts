import {
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  ObjectLiteral,
  QueryDeepPartialEntity,
} from 'typeorm';

// The two shapes of write the services share: replacing a set of link rows, and applying
// the fields a partial update was given.

/**
 * Replaces an owner's link rows (a posting's skills, a course's prerequisites) as one set,
 * in the caller's transaction: every row `owner` selects is deleted, then `rows` inserted.
 */
export async function replaceLinks<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  owner: FindOptionsWhere<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<void> {
  await tx.getRepository(entity).delete(owner);
  if (rows.length > 0) await tx.getRepository(entity).insert(rows);
}

/** The fields a partial update sets: an omitted field and an explicit null both leave a field as it is. */
export function givenFields<T extends object>(input: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value != null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}
