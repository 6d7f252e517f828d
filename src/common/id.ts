import { BadUserInputError } from '../errors';

/** IDs are decimal strings of positive integer primary keys. */
export function parseId(value: string | number, argumentName = 'id'): number {
  const text = String(value);
  const id = Number(text);
  if (!/^[1-9]\d{0,15}$/.test(text) || !Number.isSafeInteger(id)) {
    throw new BadUserInputError(`${argumentName} must be a positive integer ID`, { argumentName });
  }
  return id;
}
