import {
  ASTNode,
  BREAK,
  DirectiveNode,
  FieldNode,
  GraphQLError,
  Kind,
  Location,
  parse,
  ValueNode,
  visit,
} from 'graphql';
import { brokenRules, Violation } from './common/violations';

// What an error may say of what the client sent: where (a field's path, an argument, a
// variable) and which rule it broke, never the value. graphql-js quotes values in its
// messages, class-validator hands back the whole input; both are rewritten here, for
// formatError (errors.ts), before anything is answered.

/**
 * The message of a coded error as it may be answered: without the values of a variable or
 * of a literal in the document that graphql-js quotes, and in production without "Did you
 * mean …?" suggestions, which map the schema for an attacker.
 */
export function withoutClientValues(
  message: string,
  error: unknown,
  { production }: { production: boolean },
): string {
  const described = /^Variable "\$/.test(message)
    ? describeVariableError(message)
    : describeLiteralError(message, (error as GraphQLError | null)?.nodes?.[0]);
  return production ? withoutSuggestions(described) : described;
}

/** class-validator's errors carry the whole input (`target`) and the bad `value`: only the path and the rules go out. */
export function describeViolations(violations: Violation[]): { field: string; rules: string[] }[] {
  return brokenRules(violations).map(({ field, constraints }) => ({
    field: field.join('.'),
    rules: Object.keys(constraints),
  }));
}

/**
 * graphql-js reports a bad variable as `Variable "$x" got invalid value <the value> at
 * "x.path"; <reason>`, the value being whatever the client sent there (a whole sign-up
 * input with its password, when a field is missing). Kept: the variable, the path, and
 * the reason with any value taken out.
 */
function describeVariableError(message: string): string {
  const variable = message.match(/^Variable "(\$\w+)"/)?.[1] ?? '';
  const paths = [...message.matchAll(/ at "([\w.[\]]+)"; /g)];
  const at = paths.length > 0 ? ` at "${paths[paths.length - 1][1]}"` : '';
  const head = `Variable "${variable}"`;
  if (!/ got invalid value /.test(message)) return withoutValues(message);
  return `${head} got an invalid value${at}; ${reasonOf(message)}`;
}

function reasonOf(message: string): string {
  const missing = message.match(/(Field "\w+" of required type "[\w![\]]+" was not provided\.)$/);
  if (missing) return missing[1];
  const undefinedField = message.match(
    /(Field "\w+" is not defined by type "\w+"\.)(?: Did you mean [^?]*\?)?$/,
  );
  if (undefinedField) return undefinedField[1];
  const object = message.match(/(Expected type "\w+" to be an object\.)$/);
  if (object) return object[1];
  return typeRuleOf(message) ?? 'Not a valid value here.';
}

/** The rule a value broke when it did not fit an enum or a scalar, said without the value. */
function typeRuleOf(message: string): string | null {
  const enumValue =
    message.match(/does not exist in "(\w+)" enum\./) ??
    message.match(/(?:^|; )Enum "(\w+)" cannot represent /);
  if (enumValue) return `Not a value of the "${enumValue[1]}" enum.`;
  const scalar = message.match(/(?:^|; )(\w+) cannot represent /);
  if (scalar) return `Not a valid ${scalar[1]}.`;
  return null;
}

/** Messages about a variable that never held a value of the client's (not provided, of a wrong type) keep their text. */
function withoutValues(message: string): string {
  return /^Variable "\$\w+" of (non-null|required) type "[\w![\]]+" (must not be null|was not provided)\.$/.test(
    message,
  ) ||
    /^Variable "\$\w+" expected value of type "[\w![\]]+" which cannot be used as an input type\.$/.test(
      message,
    )
    ? message
    : `${message.match(/^Variable "\$\w+"/)?.[0] ?? 'A variable'} has an invalid value.`;
}

function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

const VALUES = new Set<string>([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/** Messages about a value written in the document that quote none of it. */
const QUOTING_NO_VALUE = [
  /^Field "\w+\.\w+" of required type "[\w![\]]+" was not provided\.$/,
  /^OneOf Input Object "\w+" must specify exactly one key\.$/,
  /^Field "\w+\.\w+" must be non-null\.$/,
];

/**
 * graphql-js checks each value written in the document and quotes it when it does not fit
 * (`Int cannot represent non-integer value: "…"`, `Expected value of type "Int!", found
 * {password: "…"}`). Such a message becomes the argument (or variable default) and the path
 * within it where the value was written, and the rule it broke: `Argument "filter" of
 * "jobPostings" got an invalid value at "filter.seniority[0]"; Not a value of the
 * "Seniority" enum.`
 */
function describeLiteralError(message: string, node: ASTNode | undefined): string {
  if (!node || !VALUES.has(node.kind) || QUOTING_NO_VALUE.some((kept) => kept.test(message))) return message;
  const expected = message.match(/^Expected value of type "([\w![\]]+)"/)?.[1];
  const rule =
    typeRuleOf(message) ?? (expected ? `Expected a value of type "${expected}".` : 'Not a valid value here.');
  return `${whereWritten(node.loc)}; ${rule}`;
}

/** Which argument or variable default a value was written in, and where in it. */
function whereWritten(loc: Location | undefined): string {
  let where = 'A value in the document is not valid';
  if (!loc) return where;
  const holds = (node: ASTNode) =>
    node.loc !== undefined && node.loc.start <= loc.start && loc.end <= node.loc.end;
  const pathTo = (value: ValueNode, path: string): string => {
    if (value.loc?.start === loc.start && value.loc.end === loc.end) return path;
    if (value.kind === Kind.LIST) {
      const index = value.values.findIndex(holds);
      return index < 0 ? path : pathTo(value.values[index], `${path}[${index}]`);
    }
    if (value.kind === Kind.OBJECT) {
      const field = value.fields.find((f) => holds(f.value));
      return field ? pathTo(field.value, `${path}.${field.name.value}`) : path;
    }
    return path;
  };
  const at = (value: ValueNode, name: string) => {
    const path = pathTo(value, name);
    return path === name ? '' : ` at "${path}"`;
  };
  // The document parsed before: it parses again, in the time it took then.
  visit(parse(loc.source), {
    VariableDefinition(definition) {
      const name = definition.variable.name.value;
      if (definition.defaultValue && holds(definition.defaultValue)) {
        where = `Variable "$${name}" has an invalid default value${at(definition.defaultValue, name)}`;
        return BREAK;
      }
      return false;
    },
    Argument(argument, _key, _parent, _path, ancestors) {
      if (!holds(argument.value)) return false;
      const owner = ancestors[ancestors.length - 1] as FieldNode | DirectiveNode;
      const of = owner.kind === Kind.DIRECTIVE ? `@${owner.name.value}` : owner.name.value;
      const name = argument.name.value;
      where = `Argument "${name}" of "${of}" got an invalid value${at(argument.value, name)}`;
      return BREAK;
    },
  });
  return where;
}
