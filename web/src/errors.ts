import { CombinedGraphQLErrors } from '@apollo/client';

// The one place the web app reads what went wrong with a request: pages ask formErrors,
// errorCode or attempt, never an error's shape, so a change in how the API reports
// errors is a change here. A mutation answers what a person can fix as its payload's
// `userErrors`, each with the path of its input field; what they cannot (signed out, not
// allowed, the service down) arrives as a GraphQL error.

export interface FormErrors {
  /** Messages keyed by input field name, shown beside that field. */
  fields: Record<string, string>;
  /** A message that belongs to no one field. */
  general: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

interface ValidationError {
  property?: string;
  constraints?: Record<string, string>;
}

/** The field a path names, without the argument that wraps it: `input.title` is `title`. */
function fieldName(path: string): string {
  return path.replace(/^input\./, '');
}

/** Where `fields` keeps what was refused of a skill list's row: its index in the list sent. */
export function skillRowField(index: number): string {
  return `skills.${index}`;
}

/**
 * Where an error of a path within the input (`input` left off) is shown: anything of a skill
 * list's row (`skills.2.skill`, `skills.2.level`) beside that row, the list as a whole beside
 * `skillsField`, any other field beside the field the path starts with.
 */
function placeOf(path: readonly string[], skillsField: string): string {
  if (path[0] !== 'skills') return path[0];
  return path.length > 1 && /^\d+$/.test(path[1]) ? skillRowField(Number(path[1])) : skillsField;
}

/** The errors without those of a skill list's rows: once rows are added or removed, indices are stale. */
export function withoutRowErrors(errors: FormErrors): FormErrors {
  const fields = Object.fromEntries(
    Object.entries(errors.fields).filter(([field]) => !/^skills\.\d+$/.test(field)),
  );
  return { ...errors, fields };
}

/**
 * Sorts an API error into messages beside their fields: `extensions.field` of a
 * BAD_USER_INPUT, class-validator's `validationErrors`, and unknown or repeated skill names
 * (beside `skillsField`).
 */
export function formErrors(error: unknown, skillsField = 'skills'): FormErrors {
  const result: FormErrors = { fields: {}, general: null };
  if (!error) return result;
  if (!CombinedGraphQLErrors.is(error)) {
    result.general = 'The service could not be reached. Check your connection and try again.';
    return result;
  }
  for (const e of error.errors) {
    const extensions = (e.extensions ?? {}) as Record<string, unknown>;
    if (typeof extensions.field === 'string') {
      const name = fieldName(extensions.field);
      result.fields[name.startsWith('skills.') ? placeOf(name.split('.'), skillsField) : name] = e.message;
    } else if (Array.isArray(extensions.unknownSkills)) {
      const suggestions = Object.values((extensions.suggestions ?? {}) as Record<string, string>);
      result.fields[skillsField] =
        e.message + (suggestions.length ? `. Did you mean ${suggestions.join(', ')}?` : '');
    } else if (Array.isArray(extensions.repeatedSkills)) {
      result.fields[skillsField] = e.message;
    } else if (Array.isArray(extensions.validationErrors)) {
      for (const v of extensions.validationErrors as ValidationError[]) {
        if (v.property)
          result.fields[fieldName(v.property)] = Object.values(v.constraints ?? {}).join('; ') || e.message;
      }
      if (Object.keys(result.fields).length === 0) result.general = e.message;
    } else {
      result.general = e.message;
    }
  }
  return result;
}

/** A refused field of a mutation's input, as a payload's `userErrors` lists it. */
export interface UserError {
  readonly field?: readonly string[] | null;
  readonly code: string;
  readonly message: string;
}

/**
 * Sorts a payload's `userErrors` beside their fields: the input field a path starts with, or
 * for a skill list's row the row (`["input", "skills", "2", "skill"]` is `skills.2`, see
 * skillRowField), without the path the message opens with; an error of the input as a whole
 * is general.
 */
export function formErrorsOf(userErrors: readonly UserError[], skillsField = 'skills'): FormErrors {
  const result: FormErrors = { fields: {}, general: null };
  const add = (text: string, to: string | null) => {
    if (to === null) result.general = result.general ? `${result.general} ${text}` : text;
    else result.fields[to] = result.fields[to] ? `${result.fields[to]}; ${text}` : text;
  };
  for (const { field, message } of userErrors) {
    const path = field?.[0] === 'input' ? field.slice(1) : (field ?? []);
    if (path.length === 0) {
      add(message, null);
      continue;
    }
    const prefix = `${path.join('.')}: `;
    // Beside a row, another row is named as a person counts them: `skills.0.skill` is row 1.
    const text = (message.startsWith(prefix) ? message.slice(prefix.length) : message).replace(
      /\bskills\.(\d+)\.skill\b/g,
      (_, index: string) => `row ${Number(index) + 1}`,
    );
    add(text.charAt(0).toUpperCase() + text.slice(1), placeOf(path, skillsField));
  }
  return result;
}

/** The `userErrors` of a payload, if what a write answered is one. */
function userErrorsOf(answer: unknown): readonly UserError[] {
  const listed = (answer as { userErrors?: unknown } | null | undefined)?.userErrors;
  return Array.isArray(listed) ? (listed as UserError[]) : [];
}

export function errorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

export type Attempt<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/**
 * Runs a write: its result, or what went wrong sorted for the form, from the payload's
 * `userErrors` when the write answers a payload (see formErrorsOf) or from the error it
 * failed with (see formErrors).
 */
export async function attempt<T>(write: () => Promise<T>, skillsField?: string): Promise<Attempt<T>> {
  let data: T;
  try {
    data = await write();
  } catch (error) {
    return { ok: false, errors: formErrors(error, skillsField) };
  }
  const refused = userErrorsOf(data);
  return refused.length > 0 ? { ok: false, errors: formErrorsOf(refused, skillsField) } : { ok: true, data };
}
