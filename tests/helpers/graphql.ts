// Typed GraphQL documents for tests: a document declares the shape of its result and
// variables once, and every `execute` of it is typed by them, without casts.

declare const resultType: unique symbol;
declare const variablesType: unique symbol;

/** A GraphQL document as a string, carrying the types of its result and variables. */
export type Operation<TResult, TVariables = Record<string, unknown>> = string & {
  readonly [resultType]: TResult;
  readonly [variablesType]: TVariables;
};

/** Declares a document's result and variables types: `gql<{ skill: Skill | null }, { slug: string }>(...)`. */
export function gql<TResult, TVariables = Record<string, unknown>>(
  source: string,
): Operation<TResult, TVariables> {
  return source as Operation<TResult, TVariables>;
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: GraphQLError[];
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage?: boolean;
  startCursor?: string | null;
  endCursor: string | null;
}

/** A Relay connection as documents usually select it; `edges` may select fewer fields. */
export interface Connection<TNode> {
  totalCount: number;
  edges: { cursor: string; node: TNode }[];
  pageInfo: PageInfo;
}

/** The data of a result that must carry no errors; the test fails with the errors otherwise. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  expect(result.data).toBeTruthy();
  return result.data as T;
}

/** The code of a result's first error. */
export function errorCode(result: GraphQLResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
