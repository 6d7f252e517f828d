import {
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  isListType,
  isNonNullType,
  GraphQLOutputType,
  ValidationContext,
  ASTVisitor,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { ApolloServerPlugin } from '@apollo/server';
import { ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { spend } from './common/shared-store';
import { Context } from './context';

// Limits enforced before execution, so an expensive or abusive document is refused
// before it touches the database (OWASP GraphQL cheat sheet).

export const LIMITS = {
  /** deepest selection allowed */
  depth: 10,
  /** aliased fields in one document */
  aliases: 30,
  /** cost budget of one operation (see `estimateCost`) */
  cost: 10000,
  /** tokens the parser reads before giving up */
  tokens: 5000,
  /** what a list without `first` counts as */
  unboundedList: 10,
} as const;

export class LimitError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extra } });
  }
}

/** Depth and alias limits, as validation rules; introspection fields do not count. */
export function limitRules() {
  return [depthLimit(LIMITS.depth, { ignore: [/^__/] }), aliasLimit];
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
 * Cost: each object field 1; a field with `first` multiplies its children by
 * min(first, 100); any other list multiplies them by 10, except a connection's
 * `edges`, which its `first` already counts. Introspection is free.
 */
export function estimateCost({ field, args, childComplexity }: ComplexityEstimatorArgs): number {
  if (field.name.startsWith('__')) return 0;
  const first = args.first;
  if (typeof first === 'number') return 1 + childComplexity * Math.min(Math.max(first, 1), 100);
  if (isList(field) && field.name !== 'edges') return 1 + childComplexity * LIMITS.unboundedList;
  return childComplexity > 0 || !isLeaf(field) ? 1 + childComplexity : 0;
}

function isList(field: GraphQLField<unknown, unknown>): boolean {
  let type: GraphQLOutputType = field.type;
  if (isNonNullType(type)) type = type.ofType;
  return isListType(type);
}

function isLeaf(field: GraphQLField<unknown, unknown>): boolean {
  let type: GraphQLOutputType = field.type;
  while (isNonNullType(type) || isListType(type)) type = type.ofType;
  return !('getFields' in type);
}

/**
 * Refuses an operation over the cost budget before it runs, and a client (account,
 * else address) that has spent its allowance (`COST_PER_MINUTE`).
 */
export function costLimitPlugin(
  schema: GraphQLSchema,
  allowance: RateLimiterAbstract,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [estimateCost],
            });
          } catch {
            // Variables that do not fit the operation: execution refuses them as
            // BAD_USER_INPUT before any resolver runs, so there is no cost to bound.
            return;
          }
          if (cost > LIMITS.cost) {
            throw new LimitError(
              `This query would cost ${cost}, above the limit of ${LIMITS.cost}: ask for fewer items or less nesting`,
              {
                cost,
                limit: LIMITS.cost,
              },
            );
          }
          const client = contextValue.viewer ? `user:${contextValue.viewer.userId}` : `ip:${contextValue.ip}`;
          await spend(allowance, client, Math.max(cost, 1));
        },
      };
    },
  };
}
