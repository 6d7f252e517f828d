import type { GraphQLField } from 'graphql';
import { Extensions } from 'type-graphql';

// Bounds on what clients write, checked by class-validator before any resolver runs.
// Lists that clients write are read back by everyone (a posting's skills by every
// visitor), so their length bounds the cost of answers as well as of writes.

/**
 * Most items in a list a client writes (a posting's, a profile's or a course's skills, a
 * course's prerequisites), however it arrives: an argument, an import row, skills read from text.
 */
export const MAX_WRITTEN_LIST = 50;

/** The field extension `@ListSize` sets and the cost model reads. */
const LIST_SIZE = 'listSize';

/** Longest skill slug or alias a client may name. */
export const MAX_SKILL_NAME = 80;

/**
 * Marks a list field that never answers more than `size` items because a bound on writes
 * caps it, so the cost model (src/limits.ts) counts it at that size rather than at its guess
 * for a list of unknown length. Put it beside the field, naming the cap it follows from.
 */
export function ListSize(size: number): MethodDecorator & PropertyDecorator {
  return Extensions({ [LIST_SIZE]: size });
}

/** The size `@ListSize` declared for a field, if any. */
export function listSizeOf(field: GraphQLField<unknown, unknown>): number | undefined {
  const size = field.extensions[LIST_SIZE];
  return typeof size === 'number' ? size : undefined;
}
