import {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  FragmentSpreadNode,
  getArgumentValues,
  getOperationAST,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLOutputType,
  GraphQLSchema,
  GraphQLSkipDirective,
  InlineFragmentNode,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  NoFragmentCyclesRule,
  OperationDefinitionNode,
  parse,
  SelectionSetNode,
  validate,
  ValidationContext,
} from 'graphql';
import type { Request, RequestHandler, Response } from 'express';
import { createHash } from 'node:crypto';
import { ApolloServerPlugin } from '@apollo/server';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { listSizeOf } from './common/input-bounds';
import { spend } from './common/shared-store';
import { RequestContext } from './request';

// Limits enforced before execution, so an expensive or abusive document is refused
// before it touches the database (OWASP GraphQL cheat sheet). Every measure here visits
// each fragment once and reuses its figure wherever it is spread, so a document whose
// fragments spread each other twice over (2^n fields in a few hundred bytes) costs its
// size to measure, not its expansion.

export const LIMITS = {
  /** levels of nested fields: `{ skill { slug } }` is 2 deep */
  depth: 10,
  /** aliased fields in one document */
  aliases: 30,
  /** fields in one operation once every fragment spread is expanded */
  fields: 10000,
  /** fields answering at one response path, fragments expanded: `{ a: skill { slug } a: skill { slug } }` has 2 at `a` and `a.slug` */
  sameResponse: 10,
  /** cost budget of one operation (see `estimateCost`) */
  cost: 50000,
  /** tokens the parser reads before giving up */
  tokens: 5000,
  /** what a list without `first` or a declared `@ListSize` counts as */
  unboundedList: 10,
} as const;

/** A request refused for its size; a 400, never executed. */
export class LimitError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, ...extra } });
  }
}

/** Depth, expanded-field and alias limits, as validation rules; introspection fields add no depth. */
export function limitRules() {
  return [shapeLimit, aliasLimit];
}

interface Shape {
  depth: number;
  fields: number;
  /** at most this many fields answer at one response path below here */
  sharing: number;
  /** per response name at this level: how many fields answer there, and the most sharing below one of them */
  names: Map<string, { count: number; below: number }>;
}

/**
 * Depth, expanded field count and fields sharing a response path of each operation, from
 * one walk in which each fragment is measured once. It runs beside graphql's own rules, on
 * documents they may yet refuse: an unknown fragment measures nothing, and a fragment met
 * again while it is being measured (a cycle, which NoFragmentCyclesRule reports) adds nothing.
 *
 * Sharing bounds graphql's OverlappingFieldsCanBeMergedRule, which compares every pair of
 * fields answering at one path (and their sub-selections pairwise): n copies of a field cost
 * n² comparisons. `count × below` over-estimates the fields at a deeper path, never under.
 */
function shapeLimit(context: ValidationContext): ASTVisitor {
  const none: Shape = { depth: 0, fields: 0, sharing: 0, names: new Map() };
  const fragments = memoisedFragments<Shape>(context, (fragment) => measure(fragment.selectionSet), none);
  const measure = (selectionSet: SelectionSetNode | undefined): Shape => {
    const shape: Shape = { depth: 0, fields: 0, sharing: 0, names: new Map() };
    const spread = new Set<string>();
    const answer = (name: string, count: number, below: number) => {
      const seen = shape.names.get(name);
      shape.names.set(name, { count: (seen?.count ?? 0) + count, below: Math.max(seen?.below ?? 0, below) });
    };
    for (const selection of selectionSet?.selections ?? []) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        const below = measure(selection.selectionSet);
        const introspection = selection.name.value.startsWith('__');
        inner = {
          depth: introspection ? 0 : 1 + below.depth,
          fields: 1 + below.fields,
          sharing: 0,
          names: none.names,
        };
        answer((selection.alias ?? selection.name).value, 1, below.sharing);
      } else {
        inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? measure(selection.selectionSet)
            : fragments(selection.name.value);
        // graphql compares the fields of a fragment spread twice in one selection once
        const again = selection.kind === Kind.FRAGMENT_SPREAD && spread.has(selection.name.value);
        if (selection.kind === Kind.FRAGMENT_SPREAD) spread.add(selection.name.value);
        if (!again) for (const [name, { count, below }] of inner.names) answer(name, count, below);
      }
      shape.depth = Math.max(shape.depth, inner.depth);
      shape.fields += inner.fields;
    }
    for (const { count, below } of shape.names.values()) {
      shape.sharing = Math.max(shape.sharing, count * Math.max(1, below));
    }
    return shape;
  };
  return {
    OperationDefinition(node) {
      const { depth, fields, sharing } = measure(node.selectionSet);
      if (depth > LIMITS.depth) {
        context.reportError(
          new LimitError(`Query depth ${depth} exceeds the maximum depth of ${LIMITS.depth}`, {
            depth,
            limit: LIMITS.depth,
          }),
        );
      }
      if (fields > LIMITS.fields) {
        context.reportError(
          new LimitError(
            `The operation selects ${fields} fields once its fragments are expanded, above the limit of ${LIMITS.fields}`,
            { fields, limit: LIMITS.fields },
          ),
        );
      } else if (sharing > LIMITS.sameResponse) {
        context.reportError(
          new LimitError(
            `Up to ${sharing} fields answer at one response path, above the limit of ${LIMITS.sameResponse}: select each field once`,
            { sharing, limit: LIMITS.sameResponse },
          ),
        );
      }
      return false;
    },
  };
}

const PASSED_DOCUMENTS = 1000;

/** A request the limits refused before validation, and answered. */
export interface Refusal {
  req: Request;
  res: Response;
  /** the operation's name, as Apollo would have read it */
  operationName: string | null;
  /** `extensions.code` of each error answered */
  codes: string[];
  seconds: number;
}

/**
 * Express middleware that applies these limits before Apollo, which runs graphql's own rules
 * first: OverlappingFieldsCanBeMergedRule takes time quadratic in the fields sharing a response
 * path (500 copies of one field held the process for a second before the sharing limit could
 * refuse them). The limits are linear, so measuring first costs a normal query one more parse.
 * Documents that do not parse go on to Apollo, which answers their syntax error. A refusal is
 * answered here and handed to `refused`, to be logged and counted.
 */
export function limitsBeforeValidation(
  schema: GraphQLSchema,
  refused: (refusal: Refusal) => void = () => {},
): RequestHandler {
  // Cycles are reported too (linearly), as graphql would report them before any limit.
  const rules = [NoFragmentCyclesRule, ...limitRules()];
  // Clients send the same few documents again and again: those that passed are not measured twice.
  const passed = new Set<string>();
  return (req, res, next) => {
    const started = performance.now();
    const query: unknown = req.method === 'GET' ? req.query.query : req.body?.query;
    if (typeof query !== 'string') return next();
    const hash = createHash('sha256').update(query).digest('base64');
    if (passed.has(hash)) return next();
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: LIMITS.tokens });
    } catch {
      return next();
    }
    const errors = validate(schema, document, rules);
    if (!errors.some((error) => error instanceof LimitError)) {
      if (passed.size >= PASSED_DOCUMENTS) passed.delete(passed.values().next().value!);
      passed.add(hash);
      return next();
    }
    const answered = errors.map((error) => {
      const { http: _http, ...extensions } = error.extensions;
      return { ...error.toJSON(), extensions: { ...extensions, code: 'GRAPHQL_VALIDATION_FAILED' } };
    });
    res.status(400).json({ errors: answered });
    const named: unknown = req.method === 'GET' ? req.query.operationName : req.body?.operationName;
    const operation = getOperationAST(document, typeof named === 'string' ? named : undefined);
    refused({
      req,
      res,
      operationName: operation?.name?.value ?? null,
      codes: answered.map((error) => error.extensions.code),
      seconds: (performance.now() - started) / 1000,
    });
  };
}

function aliasLimit(context: ValidationContext): ASTVisitor {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === LIMITS.aliases + 1) {
        context.reportError(new LimitError(`Too many aliases: at most ${LIMITS.aliases} per document`));
      }
    },
  };
}

/**
 * `measure` of each named fragment, computed on first use and remembered. A fragment
 * asked for while it is being measured (a cycle) or not defined gives `none`.
 */
function memoisedFragments<T>(
  context: Pick<ValidationContext, 'getFragment'>,
  measure: (fragment: FragmentDefinitionNode) => T,
  none: T,
): (name: string) => T {
  const done = new Map<string, T>();
  const measuring = new Set<string>();
  return (name) => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment || measuring.has(name)) return none;
    measuring.add(name);
    const value = measure(fragment);
    measuring.delete(name);
    done.set(name, value);
    return value;
  };
}

export interface CostArgs {
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  childComplexity: number;
}

/**
 * Cost: each object field 1; a field with `first` multiplies its children by
 * min(first, 100); a list capped by a bound on writes (`@ListSize`, e.g. a posting's
 * skills) by its cap; any other list by 10, except a connection's `edges`, which its
 * `first` already counts. Introspection is free.
 */
export function estimateCost({ field, args, childComplexity }: CostArgs): number {
  if (field.name.startsWith('__')) return 0;
  const first = args.first;
  if (typeof first === 'number') return 1 + childComplexity * Math.min(Math.max(first, 1), 100);
  if (isList(field) && field.name !== 'edges') {
    return 1 + childComplexity * (listSizeOf(field) ?? LIMITS.unboundedList);
  }
  return childComplexity > 0 || !isLeaf(field) ? 1 + childComplexity : 0;
}

function isList(field: GraphQLField<unknown, unknown>): boolean {
  let type: GraphQLOutputType = field.type;
  if (isNonNullType(type)) type = type.ofType;
  return isListType(type);
}

function isLeaf(field: GraphQLField<unknown, unknown>): boolean {
  return !isCompositeType(getNamedType(field.type));
}

/**
 * The cost of an operation with these (coerced) variables: each fragment is costed once,
 * and each spread of it adds that cost, so the sum is that of the fully expanded document.
 * Fields skipped by `@skip`/`@include` cost nothing. Throws a GraphQLError when an
 * argument does not fit its field.
 */
export function operationCost(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragmentCost = memoisedFragments(
    { getFragment: (name) => fragments[name] },
    (fragment) => {
      const type = schema.getType(fragment.typeCondition.name.value);
      return isCompositeType(type) ? selectionCost(fragment.selectionSet, type) : 0;
    },
    0,
  );
  const included = (node: FieldNode | InlineFragmentNode | FragmentSpreadNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  const selectionCost = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        cost += fragmentCost(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (isCompositeType(narrowed)) cost += selectionCost(selection.selectionSet, narrowed);
      } else {
        const field =
          isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue; // __typename, or a field validation already refused
        const child = getNamedType(field.type);
        const childComplexity =
          selection.selectionSet && isCompositeType(child) ? selectionCost(selection.selectionSet, child) : 0;
        cost += estimateCost({
          field,
          args: getArgumentValues(field, selection, variables),
          childComplexity,
        });
      }
    }
    return cost;
  };
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return root ? selectionCost(operation.selectionSet, root) : 0;
}

/**
 * Refuses an operation over the cost budget before it runs, and charges its cost to the
 * client's allowance (`COST_PER_MINUTE`): to its address always, and to its account too
 * when signed in, so neither many accounts from one address nor one account from many
 * addresses gets more. An operation whose cost cannot be computed is refused, never run.
 */
export function costLimitPlugin(
  schema: GraphQLSchema,
  allowance: RateLimiterAbstract,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation) return;
          const cost = costOf(schema, document, operation, request.variables ?? {});
          if (cost > LIMITS.cost) {
            throw new LimitError(
              `This query would cost ${cost}, above the limit of ${LIMITS.cost}: ask for fewer items or less nesting`,
              { cost, limit: LIMITS.cost },
            );
          }
          const points = Math.max(cost, 1);
          await spend(allowance, `ip:${contextValue.ip}`, points);
          if (contextValue.viewer) await spend(allowance, `user:${contextValue.viewer.userId}`, points);
        },
      };
    },
  };
}

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs, { maxErrors: 1 });
  if (coerced.errors) throw badUserInput(coerced.errors[0]);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  try {
    return operationCost(schema, fragments, operation, coerced.coerced);
  } catch (error) {
    if (error instanceof GraphQLError) throw badUserInput(error);
    throw new LimitError('The cost of this query could not be computed: it is refused');
  }
}

function badUserInput(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}
