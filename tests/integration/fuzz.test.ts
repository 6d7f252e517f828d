import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { entities } from '../../ormconfig';
import { loadConfig } from '../../src/config';
import { App } from '../../src/server';
import { fanOut, fragmentCycle } from '../helpers/attack-documents';
import { createTestDatabase } from '../helpers/test-db';
import { createTestApp, listen, stopApp } from '../helpers/http-app';

// A thousand generated malformed or hostile requests, the same thousand on every run
// (a fixed seed): every answer must be a well-formed GraphQL or HTTP error (or a valid
// result), never a 500, the process must stay up, and the database must be exactly as
// before.

const FIELDS = [
  'skills',
  'skill',
  'jobPostings',
  'candidates',
  'courses',
  'candidateMatches',
  'learningPath',
  'signUp',
  'logIn',
  'createJobPosting',
  'setMySkills',
  '__schema',
];

const documentArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc
    .constantFrom(...FIELDS)
    .chain((f) =>
      fc
        .tuple(
          fc.constantFrom('query', 'mutation', ''),
          fc.string({ maxLength: 30 }),
          fc.integer({ min: 0, max: 60 }),
        )
        .map(([op, args, depth]) => `${op} { ${f}(${args}) ${'{ x '.repeat(depth)}${'}'.repeat(depth)} }`),
    ),
  fc.integer({ min: 1, max: 3000 }).map((n) => `{ ${'a: __typename '.repeat(n)} }`),
  fc.constant(`{ ${'skills { edges { node { children { '.repeat(20)}slug${' } } } }'.repeat(20)} }`),
);

/** Documents that are small to send and large to expand, measure or label. */
const hostileDocumentArb = fc.oneof(
  // fragments spreading the next one twice, with or without fields of their own
  fc
    .tuple(
      fc.integer({ min: 1, max: 60 }),
      fc.constantFrom('', 'skills(first: 1) { totalCount }', 'skill(slug: "git") { slug }'),
    )
    .map(([levels, fields]) => fanOut(levels, fields)),
  // fragments spreading each other in a ring
  fc.integer({ min: 1, max: 40 }).map(fragmentCycle),
  // a huge operation name
  fc
    .tuple(fc.integer({ min: 1, max: 95_000 }), fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,8}$/))
    .map(([length, prefix]) => `query ${prefix}${'n'.repeat(length)} { __typename }`),
  // many aliases
  fc
    .integer({ min: 1, max: 400 })
    .map(
      (n) =>
        `{ ${Array.from({ length: n }, (_, i) => `a${i}: skills(first: 100) { totalCount }`).join(' ')} }`,
    ),
  // a long list literal in an argument
  fc
    .integer({ min: 1, max: 3000 })
    .map((n) => `{ jobPostings(first: 100, filter: { skills: [${'"git" '.repeat(n)}] }) { totalCount } }`),
);

/** A long list in a variable, up to what the body limit admits. */
const longListArb = fc.array(fc.string({ maxLength: 20 }), { maxLength: 3000 }).map((skills) => ({
  query: 'query($s: [String!]) { jobPostings(first: 100, filter: { skills: $s }) { totalCount } }',
  variables: { s: skills },
}));

const bodyArb = fc.oneof(
  fc.record({ query: hostileDocumentArb }),
  longListArb,
  fc.record(
    { query: documentArb, variables: fc.oneof(fc.jsonValue(), fc.constant(undefined)) },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
  fc.record({
    query: fc.constantFrom(
      'mutation($i: SignUpInput!) { signUp(input: $i) { token } }',
      'query($id: ID!) { jobPosting(id: $id) { title } }',
    ),
    variables: fc.object(),
  }),
);

describe('fuzzing the HTTP endpoint', () => {
  let db: DataSource;
  let app: App;
  let url: string;

  const fingerprint = async () => {
    const counts: Record<string, number> = {};
    for (const entity of entities)
      counts[db.getMetadata(entity).tableName] = await db.getRepository(entity).count();
    return counts;
  };

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    app = await createTestApp(db, {
      ...loadConfig({}),
      nodeEnv: 'production',
      jwtSecret: 'fuzz-secret-that-is-long-enough-32!',
      authRateLimits: { perIp: 100000, perEmail: 100000 },
      // every run reaches the limits it is about, not the allowance of one address
      costPerMinute: 1_000_000_000,
    });
    app.logger.level = 'silent'; // production mode, for production's error answers; results, not logs
    url = `${await listen(app)}/graphql`;
  });
  afterAll(async () => {
    await stopApp(app);
    await db?.destroy();
  });

  it('answers every malformed request with a well-formed error and changes nothing', async () => {
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/graphql-response+json',
        ),
        fc.oneof(
          fc.constant(undefined),
          fc.string({ maxLength: 60 }).map((t) => `Bearer ${t}`),
          fc.string({ maxLength: 40 }),
        ),
        async (body, contentType, authorization) => {
          const headers: Record<string, string> = {
            'content-type': contentType,
            'apollo-require-preflight': 'true',
          };
          if (authorization !== undefined && /^[\x20-\x7e]*$/.test(authorization))
            headers.authorization = authorization;
          const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
          expect(response.status).toBeLessThan(500);
          const text = await response.text();
          expect(text).not.toMatch(/at .*\.(js|ts):\d+|SELECT |INSERT |QueryFailedError/);
          if (response.headers.get('content-type')?.includes('json')) {
            const parsed = JSON.parse(text);
            expect(typeof parsed).toBe('object');
            if (parsed.errors)
              for (const e of parsed.errors) expect(typeof e.extensions?.code).toBe('string');
          }
        },
      ),
      // bounded by count, not time: the run is the same on a busy machine, only slower
      { numRuns: 1000, seed: 20261201 },
    );
    expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect(await fingerprint()).toEqual(before);
  }, 900_000);
});
