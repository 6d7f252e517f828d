import {
  ASTNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  FragmentSpreadNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLInterfaceType,
  GraphQLObjectType,
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
  OperationDefinitionNode,
  SelectionSetNode,
  visit,
} from 'graphql';
import { ApolloServerPlugin } from '@apollo/server';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { DEFAULT_PAGE_SIZE, isPageItems, isPaged, MAX_PAGE_SIZE } from './common/connection';
import { listSizeOf } from './common/input-bounds';
import { spend } from './common/shared-store';
import { LimitError, LIMITS, memoisedFragments } from './limits';
import { RequestContext } from './request';

// The cost of an operation, refused over its budget and charged to the client's allowance
// before anything runs. Clients send the same few documents again and again, so a cost is
// worked out once per operation and per value of the variables it depends on (a `first`,
// a `last`, an `@include`), and each request then only coerces its variables.

export interface CostArgs {
  /** the type the field belongs to */
  parent: GraphQLObjectType | GraphQLInterfaceType;
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  childComplexity: number;
}

/**
 * Cost: each object field 1; a connection field multiplies its children by its page size
 * (`first` or `last`, 20 without either, at most 100); a list capped by a bound on writes
 * (`@ListSize`, e.g. a posting's skills) by its cap; any other list by 10, except a
 * connection's `edges` and `nodes`, which its page size already counts. Introspection is free.
 */
export function estimateCost({ parent, field, args, childComplexity }: CostArgs): number {
  if (field.name.startsWith('__')) return 0;
  if (isPaged(field)) return 1 + childComplexity * pageSize(args);
  if (isList(field) && !isPageItems(parent, field)) {
    return 1 + childComplexity * (listSizeOf(field) ?? LIMITS.unboundedList);
  }
  return childComplexity > 0 || !isLeaf(field) ? 1 + childComplexity : 0;
}

/** The page size a connection field's arguments ask for, as the field will serve it. */
function pageSize(args: Record<string, unknown>): number {
  const asked = [args.first, args.last].find((n) => typeof n === 'number');
  return typeof asked === 'number' ? Math.min(Math.max(asked, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
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
        const parent = isObjectType(type) || isInterfaceType(type) ? type : undefined;
        const field = parent?.getFields()[selection.name.value];
        if (!parent || !field) continue; // __typename, or a field validation already refused
        const child = getNamedType(field.type);
        const childComplexity =
          selection.selectionSet && isCompositeType(child) ? selectionCost(selection.selectionSet, child) : 0;
        cost += estimateCost({
          parent,
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
  const costs = new DocumentCosts(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation) return;
          const cost = costs.of(document, operation, request.variables ?? {});
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

/** Costs remembered per operation and per value of its cost variables; enough for any client's few. */
const COSTS_PER_OPERATION = 100;

interface Costed {
  fragments: Record<string, FragmentDefinitionNode>;
  /** variables a cost depends on: those given to a `first`, a `@skip` or an `@include` */
  variables: string[];
  /** by operation, then by the values of those variables */
  costs: Map<OperationDefinitionNode, Map<string, number>>;
}

/**
 * Costs by document. A parsed document is the same object for as long as the document store
 * keeps it (see document-store.ts), so what is learnt of it lives as long as it does.
 */
class DocumentCosts {
  private readonly documents = new WeakMap<DocumentNode, Costed>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** The cost of `operation` with these variables, as sent; a bad variable is BAD_USER_INPUT. */
  of(document: DocumentNode, operation: OperationDefinitionNode, inputs: Record<string, unknown>): number {
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], inputs, {
      maxErrors: 1,
    });
    if (coerced.errors) throw badUserInput(coerced.errors[0]);
    const variables = coerced.coerced;
    const costed = this.costed(document);
    // Once a document is valid and its variables coerce, an argument can still fail to coerce
    // only through a variable given null where the argument takes none: walking reports that.
    if (Object.values(variables).includes(null)) return this.walk(costed, operation, variables);
    const key = JSON.stringify(costed.variables.map((name) => variables[name]));
    let known = costed.costs.get(operation);
    if (!known) costed.costs.set(operation, (known = new Map()));
    const remembered = known.get(key);
    if (remembered !== undefined) return remembered;
    const cost = this.walk(costed, operation, variables);
    if (known.size < COSTS_PER_OPERATION) known.set(key, cost);
    return cost;
  }

  private costed(document: DocumentNode): Costed {
    let costed = this.documents.get(document);
    if (!costed) {
      costed = { fragments: {}, variables: costVariables(document), costs: new Map() };
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION)
          costed.fragments[definition.name.value] = definition;
      }
      this.documents.set(document, costed);
    }
    return costed;
  }

  private walk(
    costed: Costed,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): number {
    try {
      return operationCost(this.schema, costed.fragments, operation, variables);
    } catch (error) {
      if (error instanceof GraphQLError) throw badUserInput(error);
      throw new LimitError('The cost of this query could not be computed: it is refused');
    }
  }
}

/** Names of the variables given to a `first` or `last` argument or to `@skip`/`@include`, in the order met. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  visit(document, {
    Argument(argument, _key, _parent, _path, ancestors) {
      const owner = ancestors[ancestors.length - 1];
      const onDirective = owner && 'kind' in owner && owner.kind === Kind.DIRECTIVE;
      if (
        onDirective
          ? ['skip', 'include'].includes(owner.name.value)
          : ['first', 'last'].includes(argument.name.value)
      ) {
        collect(argument.value);
      }
      return false;
    },
  });
  return [...names];
}

function badUserInput(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}
