import {
  ArgumentValidationError,
  ClassType,
  Field,
  MiddlewareFn,
  Mutation,
  ObjectType,
  registerEnumType,
  UseMiddleware,
} from 'type-graphql';
import { ListSize } from './input-bounds';
import { brokenRules, Violation } from './violations';

// Every mutation takes one `input` and answers a payload: the changed objects and the
// `userErrors` a person can fix (GitHub's and Shopify's shape). A mutation that fails for
// such a reason still answers `data`, with the objects null and `userErrors` saying which
// field broke which rule; authentication, permission and service failures stay top-level
// errors with `extensions.code`. Nothing is written when `userErrors` is not empty: the
// services throw `UserInputError` inside their transactions, and this module turns it into
// the payload.

/** What went wrong with a field of a mutation's input, as a client branches on it. */
export enum UserErrorCode {
  INVALID = 'INVALID',
  INVALID_FORMAT = 'INVALID_FORMAT',
  TOO_SHORT = 'TOO_SHORT',
  TOO_LONG = 'TOO_LONG',
  TOO_SMALL = 'TOO_SMALL',
  TOO_LARGE = 'TOO_LARGE',
  DUPLICATE = 'DUPLICATE',
  TAKEN = 'TAKEN',
  UNKNOWN_SKILL = 'UNKNOWN_SKILL',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_INVITE = 'INVALID_INVITE',
  INVALID_STATE = 'INVALID_STATE',
  REQUIRED = 'REQUIRED',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a field of a mutation input was refused; the message says the same for people.',
  valuesConfig: {
    INVALID: { description: 'The value breaks a rule of the field that no other code names.' },
    INVALID_FORMAT: {
      description: 'The value is not of the form the field takes (an e-mail address, a URL, a slug).',
    },
    TOO_SHORT: { description: 'The text or list is shorter than the field allows.' },
    TOO_LONG: { description: 'The text or list is longer than the field allows.' },
    TOO_SMALL: { description: 'The number is below the field’s minimum.' },
    TOO_LARGE: { description: 'The number is above the field’s maximum.' },
    DUPLICATE: { description: 'The same item appears more than once in the list.' },
    TAKEN: { description: 'Another record already uses this value (an e-mail address, a slug, an alias).' },
    UNKNOWN_SKILL: {
      description: 'No skill has this slug or alias; the message suggests the closest known one.',
    },
    INVALID_CREDENTIALS: { description: 'The e-mail address and password do not match an account.' },
    INVALID_INVITE: { description: 'The invitation code is unknown, used or expired.' },
    INVALID_STATE: { description: 'The record is not in a state that allows this change.' },
    REQUIRED: { description: 'The field may be left out in general, but not with the other fields given.' },
  },
});

@ObjectType({
  description: 'A refused field of a mutation input, with the rule it broke.',
  simpleResolvers: true,
})
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description:
      'Path to the field from the mutation’s arguments, list indexes included (["input", "skills", "2", "skill"]); null when the error concerns the input as a whole.',
  })
  field: string[] | null;

  @Field(() => UserErrorCode, { description: 'What went wrong, for a client to branch on.' })
  code: UserErrorCode;

  @Field({ description: 'What went wrong, for people: it names the field and the rule, never the value.' })
  message: string;
}

/** One refused field, as a service names it: the path is relative to the mutation's input. */
export interface Refusal {
  field: (string | number)[] | null;
  code: UserErrorCode;
  message: string;
}

/**
 * What a service throws for input a person can fix (an unknown skill, an e-mail address
 * already taken, a wrong password). Thrown inside a transaction, it rolls everything back;
 * a payload mutation answers it as `userErrors`. Messages name the field and the rule,
 * never the value.
 */
export class UserInputError extends Error {
  readonly problems: Refusal[];
  constructor(problems: Refusal | Refusal[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.message).join('; '));
    this.name = 'UserInputError';
    this.problems = list;
  }
}

/** The highest number of user errors one answer lists (a 50-item list can break many rules). */
export const MAX_USER_ERRORS = 50;

/** The part every mutation payload shares. */
@ObjectType({ description: 'The part every mutation payload shares.' })
export abstract class Payload {
  @Field(() => [UserError], {
    description:
      'What the caller can fix; empty when the mutation succeeded. When not empty, nothing was changed.',
  })
  @ListSize(MAX_USER_ERRORS)
  userErrors: UserError[];
}

/** The argument every payload mutation takes; paths in `userErrors` start with it. */
const INPUT = 'input';

const CODE_OF_RULE: Record<string, UserErrorCode> = {
  minLength: UserErrorCode.TOO_SHORT,
  isNotEmpty: UserErrorCode.TOO_SHORT,
  arrayMinSize: UserErrorCode.TOO_SHORT,
  arrayNotEmpty: UserErrorCode.TOO_SHORT,
  maxLength: UserErrorCode.TOO_LONG,
  arrayMaxSize: UserErrorCode.TOO_LONG,
  min: UserErrorCode.TOO_SMALL,
  isPositive: UserErrorCode.TOO_SMALL,
  max: UserErrorCode.TOO_LARGE,
  isEmail: UserErrorCode.INVALID_FORMAT,
  isUrl: UserErrorCode.INVALID_FORMAT,
  matches: UserErrorCode.INVALID_FORMAT,
  isISO4217CurrencyCode: UserErrorCode.INVALID_FORMAT,
  arrayUnique: UserErrorCode.DUPLICATE,
};

/**
 * class-validator's violations as user errors: one per broken rule, with the path from
 * `input` and class-validator's message ("password must be longer than or equal to 10
 * characters"), which names the field and the rule; the value it carries is dropped.
 */
export function userErrorsOfViolations(violations: Violation[]): UserError[] {
  return brokenRules(violations, [INPUT]).flatMap(({ field, constraints }) =>
    Object.entries(constraints).map(([rule, message]) => ({
      field,
      code: CODE_OF_RULE[rule] ?? UserErrorCode.INVALID,
      message: `${field.slice(1).join('.')}: ${message}`,
    })),
  );
}

/** A service's refusal as user errors, its paths (relative to the input) put under `input`. */
export function userErrorsOfRefusal(error: UserInputError): UserError[] {
  return error.problems.map((p) => ({
    field: p.field === null ? null : [INPUT, ...p.field.map(String)],
    code: p.code,
    message: p.message,
  }));
}

/** Turns a refused input into the payload's `userErrors`; anything else goes on as a top-level error. */
const UserErrors: MiddlewareFn = async (_action, next) => {
  try {
    const result = (await next()) as Record<string, unknown>;
    return { userErrors: [], ...result };
  } catch (error) {
    if (error instanceof ArgumentValidationError) {
      return {
        userErrors: userErrorsOfViolations(error.extensions.validationErrors as Violation[]).slice(
          0,
          MAX_USER_ERRORS,
        ),
      };
    }
    if (error instanceof UserInputError) {
      return { userErrors: userErrorsOfRefusal(error).slice(0, MAX_USER_ERRORS) };
    }
    throw error;
  }
};

/**
 * A mutation that answers `payload` (a class extending `Payload`): the resolver returns the
 * changed objects; a refused input, from validation or from a service's `UserInputError`,
 * becomes `userErrors`.
 */
export function PayloadMutation(
  payload: () => ClassType<Payload>,
  options: { description: string },
): MethodDecorator {
  return (target, key, descriptor) => {
    Mutation(payload, options)(target, key as string, descriptor);
    UseMiddleware(UserErrors)(target, key as string, descriptor);
  };
}
