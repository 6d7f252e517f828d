import { ApolloServerPlugin, GraphQLRequestContext, HeaderMap } from '@apollo/server';
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLSchema,
  isCompositeType,
  isObjectType,
} from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';

// A query that lists hundreds of fields (candidates ranked and explained skill by skill) costs
// graphql-js more CPU than the ranking behind it; the same query compiled to a function costs
// a fraction of that. Compiled execution answers only what it answers exactly as graphql-js
// would: a query whose compiled run yields any error is answered by graphql-js instead (run
// again from the start: queries write nothing), so error codes, masking, formatting, logging
// and 400s for bad variables stay Apollo's own. Errors are rare and mostly cheap (a posting
// not found, not the asker's), so an erring request paying for two runs costs little.

export interface CompiledExecutionOptions {
  /** Runs of a document by graphql-js before it is compiled: one-off documents never are. */
  compileAfter: number;
  /** Documents remembered at most, least recently used dropped first: clients can send endless distinct ones. */
  capacity: number;
}

interface Seen {
  runs: number;
  /** The compiled query; null when graphql-jit cannot compile the document. */
  compiled: CompiledQuery | null | undefined;
}

export function compiledExecutionPlugin<TContext extends object>(
  schema: GraphQLSchema,
  { compileAfter, capacity }: CompiledExecutionOptions,
): ApolloServerPlugin<TContext> {
  resolveObjectFieldsExplicitly(schema);
  const documents = new Map<string, Seen>(); // in order of last use
  const seen = (key: string): Seen => {
    const entry = documents.get(key) ?? { runs: 0, compiled: undefined };
    documents.delete(key);
    documents.set(key, entry);
    if (documents.size > capacity) documents.delete(documents.keys().next().value!);
    return entry;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext: GraphQLRequestContext<TContext>) {
          const { operation, document, source, operationName, contextValue, request } = requestContext;
          if (operation?.operation !== 'query' || !document || source === undefined) return null;
          const entry = seen(`${operationName ?? ''}\n${source}`);
          if (entry.compiled === null) return null;
          if (entry.compiled === undefined) {
            if (++entry.runs <= compileAfter) return null;
            const compiled = compileQuery(schema, document, operationName ?? undefined);
            entry.compiled = isCompiledQuery(compiled) ? compiled : null;
            if (entry.compiled === null) return null;
          }
          const result = await entry.compiled.query(undefined, contextValue, request.variables ?? {});
          if (result.errors?.length || result.data == null) return null;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single' as const, singleResult: { data: result.data } },
          };
        },
      };
    },
  };
}

/**
 * graphql-jit reads a field without a resolver as a plain property, and does not await it
 * when it holds a promise, as type-graphql's `simpleResolvers` fields may (a skill newer than
 * the catalogue comes through the request's loader). Giving every object-valued field
 * graphql's own default resolver, which graphql-js runs for them anyway, makes graphql-jit
 * await those; a promise in a scalar field fails its serializer, and so graphql-js answers.
 */
function resolveObjectFieldsExplicitly(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve && isCompositeType(getNamedType(field.type))) field.resolve = defaultFieldResolver;
    }
  }
}
