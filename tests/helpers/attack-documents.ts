// Documents crafted to exhaust a GraphQL server, shared by the tests that replay them.

/**
 * `{ ...F0 }` where each of `levels` fragments spreads the next one twice: 2^levels
 * spreads of the last fragment in a few hundred bytes. `fields` go in every fragment.
 */
export function fanOut(levels: number, fields = '', leaf = '__typename'): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Query { ${fields} ...F${i + 1} ...F${i + 1} }`,
  );
  return `query FanOut { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { ${leaf} }`;
}

/** Fragments that spread each other in a ring of `length`. */
export function fragmentCycle(length: number): string {
  const fragments = Array.from(
    { length },
    (_, i) => `fragment C${i} on Skill { slug parent { ...C${(i + 1) % length} } }`,
  );
  return `query Cycle { skill(slug: "git") { ...C0 } } ${fragments.join(' ')}`;
}

/** Skills of skills: 100 × 20 children × 20 courses, 86,301 by the cost model. */
export const NESTED_LISTS = `{ skills(first: 100) { edges { node { children { edges { node { courses { edges { node { title } } } } } } } } } }`;

/** The same selection as NESTED_LISTS, written with fragments. */
export const NESTED_LISTS_IN_FRAGMENTS = `
  { skills(first: 100) { edges { node { ...Children } } } }
  fragment Children on Skill { children { edges { node { ...Courses } } } }
  fragment Courses on Skill { courses { edges { node { title } } } }
`;

/** 86,301 by the cost model, and 2^13 fragment spreads: more nodes than a node-counting estimator walks. */
export const EXPENSIVE_PAST_NODE_COUNT = fanOut(13).replace(
  'query FanOut { ...F0 }',
  `query Expensive { ...F0 skills(first: 100) { edges { node { children { edges { node { courses { edges { node { title } } } } } } } } } }`,
);
