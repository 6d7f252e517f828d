import { MAX_WRITTEN_LIST } from '../common/input-bounds';
import { ImportError, NamedSkill, RejectionCode } from './import.types';

// Reads one row's fields into typed values, collecting every fault instead of stopping at
// the first, so a row is reported once with all that is wrong with it. JSONL gives typed
// values and CSV gives strings: both are accepted, and an empty CSV cell or a JSON null is
// an absent field.

export class RowReader {
  readonly errors: ImportError[] = [];

  constructor(
    private readonly fields: Record<string, unknown>,
    readonly line: number,
  ) {}

  fail(field: string | null, code: RejectionCode, message: string): void {
    this.errors.push({ line: this.line, field, code, message });
  }

  private present(field: string): unknown {
    const value = this.fields[field];
    return value === null || value === undefined || value === '' ? undefined : value;
  }

  has(field: string): boolean {
    return this.present(field) !== undefined;
  }

  requiredString(field: string, max: number): string {
    const value = this.string(field, max, null);
    if (value === null && !this.errors.some((e) => e.field === field)) {
      this.fail(field, 'MISSING_FIELD', `${field} is required`);
    }
    return value ?? '';
  }

  string<D extends string | null>(field: string, max: number, fallback: D): string | D {
    const value = this.present(field);
    if (value === undefined) return fallback;
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.fail(field, 'INVALID_VALUE', `${field} must be text`);
      return fallback;
    }
    const text = String(value).trim();
    if (text.length > max) {
      this.fail(field, 'INVALID_VALUE', `${field} is longer than ${max} characters`);
      return fallback;
    }
    return text === '' ? fallback : text;
  }

  number<D extends number | null>(
    field: string,
    { min, max, integer = false }: { min: number; max: number; integer?: boolean },
    fallback: D,
  ): number | D {
    const value = this.present(field);
    if (value === undefined) return fallback;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      this.fail(field, 'INVALID_VALUE', `${field} must be ${integer ? 'a whole number' : 'a number'}`);
      return fallback;
    }
    if (n < min || n > max) {
      this.fail(field, 'INVALID_VALUE', `${field} must be between ${min} and ${max}`);
      return fallback;
    }
    return n;
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.present(field);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (['true', 'yes', '1'].includes(text)) return true;
    if (['false', 'no', '0'].includes(text)) return false;
    this.fail(field, 'INVALID_VALUE', `${field} must be true or false`);
    return fallback;
  }

  oneOf<E extends string>(field: string, values: Record<string, E>, fallback: E): E {
    const value = this.present(field);
    if (value === undefined) return fallback;
    const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
    const found = Object.values(values).find((v) => v === text);
    if (found === undefined) {
      this.fail(field, 'INVALID_VALUE', `${field} must be one of ${Object.values(values).join(', ')}`);
      return fallback;
    }
    return found;
  }

  /**
   * A list of skills: JSON objects (`{ skill, level }`, with `minLevel` as the level's
   * other name), or the CSV form `skill:level;skill:level`. `extra` names what a third
   * `:part` of the CSV form means. Null when the field is absent.
   */
  skills(field: string, extra: 'importance' | 'years' | null): NamedSkill[] | null {
    const value = this.present(field);
    if (value === undefined) return null;
    const items = typeof value === 'string' ? splitList(value).map((item) => pairFrom(item, extra)) : value;
    if (!Array.isArray(items)) {
      this.fail(field, 'INVALID_VALUE', `${field} must be a list`);
      return [];
    }
    if (items.length > MAX_WRITTEN_LIST) {
      this.fail(field, 'TOO_MANY_ITEMS', `${field} lists ${items.length} items; at most ${MAX_WRITTEN_LIST}`);
      return [];
    }
    const skills: NamedSkill[] = [];
    items.forEach((item: unknown, i) => {
      const at = `${field}[${i}]`;
      if (typeof item !== 'object' || item === null) {
        this.fail(at, 'INVALID_VALUE', `${at} must be an object with a skill`);
        return;
      }
      const entry = new RowReader(item as Record<string, unknown>, this.line);
      const skill = entry.requiredString('skill', 80);
      const level = entry.has('level')
        ? entry.level('level')
        : entry.has('minLevel')
          ? entry.level('minLevel')
          : 3;
      const named: NamedSkill = { skill, level };
      if (extra === 'importance') {
        named.importance = entry.oneOf(
          'importance',
          { REQUIRED: 'REQUIRED', PREFERRED: 'PREFERRED' } as const,
          'REQUIRED',
        ) as NamedSkill['importance'];
        named.weight = entry.number('weight', { min: 0.01, max: 10 }, null);
      }
      if (extra === 'years') named.years = entry.number('years', { min: 0, max: 70 }, null);
      for (const e of entry.errors) this.errors.push({ ...e, field: `${at}.${e.field}` });
      skills.push(named);
    });
    return skills;
  }

  /** A list of skill names: a JSON array, or `a;b;c` in CSV. */
  names(field: string): string[] {
    const value = this.present(field);
    if (value === undefined) return [];
    const items = typeof value === 'string' ? splitList(value) : value;
    if (!Array.isArray(items) || items.some((item) => typeof item !== 'string' || item.length > 80)) {
      this.fail(field, 'INVALID_VALUE', `${field} must be a list of skill names`);
      return [];
    }
    if (items.length > MAX_WRITTEN_LIST) {
      this.fail(field, 'TOO_MANY_ITEMS', `${field} lists ${items.length} items; at most ${MAX_WRITTEN_LIST}`);
      return [];
    }
    return (items as string[]).map((s) => s.trim()).filter((s) => s !== '');
  }

  private level(field: string): number {
    const value = this.present(field);
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isInteger(n)) {
      this.fail(field, 'INVALID_VALUE', `${field} must be a whole number from 1 to 5`);
      return 1;
    }
    if (n < 1 || n > 5) {
      this.fail(field, 'LEVEL_OUT_OF_RANGE', `${field} is ${n}; levels go from 1 to 5`);
      return 1;
    }
    return n;
  }
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `skill:level[:extra]`, the CSV form of one skill. */
function pairFrom(item: string, extra: 'importance' | 'years' | null): Record<string, string> {
  const [skill, level, third] = item.split(':').map((s) => s.trim());
  const pair: Record<string, string> = { skill: skill ?? '' };
  if (level) pair.level = level;
  if (third && extra) pair[extra] = third;
  return pair;
}
