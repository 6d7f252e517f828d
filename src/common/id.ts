import { BadUserInputError, NotFoundError } from '../errors';

// Ids are global and opaque (Relay's Global Object Identification): base64 of `Type:key`,
// where the key is the row's positive integer primary key. One id names one object of one
// type, so `node(id:)` can fetch anything by it, and an id of one type passed where another
// is expected is refused rather than read as a different row that shares its number.

/** The object types with an identity of their own, by the name the API gives them. */
export const NODE_TYPES = ['Candidate', 'Company', 'Course', 'JobPosting', 'Skill', 'User'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** What a global id names. */
export interface NodeKey {
  type: NodeType;
  key: number;
}

/** Longer than any id this service hands out (`JobPosting:` and a 16-digit key, in base64). */
const MAX_ID_LENGTH = 64;
const DECODED = new RegExp(`^(${NODE_TYPES.join('|')}):([1-9]\\d{0,15})$`);

/** The id the API gives the object of this type and primary key. */
export function globalId(type: NodeType, key: number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64');
}

/** What a global id names; null when the value is not one this service hands out. */
export function decodeGlobalId(value: string): NodeKey | null {
  if (value.length === 0 || value.length > MAX_ID_LENGTH) return null;
  const text = Buffer.from(value, 'base64').toString('utf8');
  // Node's decoder skips characters outside the alphabet: only the exact encoding is an id.
  if (Buffer.from(text, 'utf8').toString('base64') !== value) return null;
  const match = DECODED.exec(text);
  if (!match) return null;
  const key = Number(match[2]);
  return Number.isSafeInteger(key) ? { type: match[1] as NodeType, key } : null;
}

/** What a global id of any type names; a malformed id is BAD_USER_INPUT naming the argument. */
export function parseAnyId(value: string, argumentName: string): NodeKey {
  const id = decodeGlobalId(value);
  if (id === null) {
    throw new BadUserInputError(`${argumentName} is not an ID this service gave out`, { argumentName });
  }
  return id;
}

/**
 * The primary key a global id of `type` names. A malformed id, or the id of another type
 * (a Course's where a JobPosting's is asked for), is BAD_USER_INPUT naming the argument.
 */
export function parseId(value: string, type: NodeType, argumentName: string): number {
  const id = parseAnyId(value, argumentName);
  if (id.type !== type) {
    throw new BadUserInputError(`${argumentName} must be the ID of a ${type}, not of a ${id.type}`, {
      argumentName,
    });
  }
  return id.key;
}

/** NOT_FOUND for the object of this type and key, named by the id the client knows. */
export function notFound(type: NodeType, key: number): NotFoundError {
  return new NotFoundError(type, globalId(type, key));
}
