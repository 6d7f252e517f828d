import { decodeGlobalId, globalId, NodeType } from '../../src/common/id';

// The API takes and gives global ids; tests that read rows from the database turn their
// primary keys into the ids a client would hold, and back.

/** The global id of the row of this type with this primary key (a number, or as SQL gave it). */
export function gid(type: NodeType, key: number | string): string {
  return globalId(type, Number(key));
}

/** The primary key a global id the API gave names. */
export function keyOf(id: string): number {
  const decoded = decodeGlobalId(id);
  if (decoded === null) throw new Error(`not a global id: ${id}`);
  return decoded.key;
}
