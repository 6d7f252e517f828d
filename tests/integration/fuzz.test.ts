import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { entities } from '../../ormconfig';
import { loadConfig } from '../../src/config';
import { App, createApp } from '../../src/server';
import { createTestDatabase } from '../helpers/test-db';
import { listen, stopApp } from '../helpers/http-app';

// Thousands of generated malformed requests: every answer must be a well-formed
// GraphQL or HTTP error (or a valid result), the process must stay up, and the
// database must be exactly as before.

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

const bodyArb = fc.oneof(
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
    app = await createApp(db, {
      ...loadConfig({}),
      nodeEnv: 'production',
      jwtSecret: 'fuzz-secret-that-is-long-enough-32!',
      authRateLimits: { perIp: 100000, perEmail: 100000 },
    });
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
      { numRuns: 2000 },
    );
    expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect(await fingerprint()).toEqual(before);
  });
});
