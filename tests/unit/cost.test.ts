import { GraphQLSchema, Kind, OperationDefinitionNode, parse } from 'graphql';
import { operationCost } from '../../src/cost';
import { buildAppSchema } from '../../src/schema';

describe('the cost of a connection', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  const cost = (source: string, variables: Record<string, unknown> = {}) => {
    const operation = parse(source).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    return operationCost(schema, {}, operation, variables);
  };

  it.each([
    // a field, and its page of items: 1 + size × 1
    ['{ skills(first: 7) { nodes { name } } }', 8],
    ['{ skills(last: 7) { nodes { name } } }', 8],
    ['{ skills(first: 7) { edges { cursor } } }', 8],
    // neither `first` nor `last`: the 20 the field answers
    ['{ skills { nodes { name } } }', 21],
    ['{ skills(first: null, last: null) { nodes { name } } }', 21],
    // nested: each page multiplies what it holds
    ['{ skills(last: 2) { nodes { children(last: 3) { nodes { slug } } } } }', 11],
    ['{ coursesForPosting(postingId: "1", last: 4) { nodes { weightCovered } } }', 5],
  ])('%s costs %d', (source, expected) => {
    expect(cost(source)).toBe(expected);
  });

  it('counts `last` given by a variable by its value', () => {
    const source = 'query ($last: Int) { skills(last: $last) { nodes { name } } }';
    expect(cost(source, { last: 3 })).toBe(4);
    expect(cost(source, { last: 100 })).toBe(101);
    expect(cost(source, { last: null })).toBe(21);
  });
});
