import { execute, parse } from 'graphql';
import { DataSource } from 'typeorm';
import { compiledExecutionPlugin } from '../../src/compiled-execution';
import { Context, createContext } from '../../src/context';
import { JobPosting } from '../../src/posting/posting.entity';
import { buildAppSchema } from '../../src/schema';
import { CANDIDATE_MATCHES } from '../helpers/matching';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, recruiterOf } from '../helpers/viewers';
import { gid } from '../helpers/ids';

// A document asked often runs compiled: its answers, errors included, are graphql-js's own.

const CANDIDATE_PROFILES = /* GraphQL */ `
  query Profiles($first: Int!) {
    candidates(first: $first) {
      edges {
        node {
          id
          displayName
          email
          skills {
            level
            skill {
              slug
              parent {
                slug
              }
            }
          }
        }
      }
    }
  }
`;

describe('compiled execution', () => {
  let db: DataSource;
  let server: TestServer;
  let postingId: string;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    const posting = await db.getRepository(JobPosting).findOneByOrFail({ title: 'Junior Back-end Developer' });
    postingId = gid('JobPosting', posting.id);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('answers a ranked, explained list with the very JSON graphql-js gives', async () => {
    const schema = await buildAppSchema(server.services);
    const plugin = compiledExecutionPlugin<Context>(schema, { compileAfter: 0, capacity: 10 });
    const cases = [
      { source: CANDIDATE_MATCHES.toString(), variables: { postingId, first: 20 } },
      { source: CANDIDATE_PROFILES, variables: { first: 5 } },
    ];
    for (const { source, variables } of cases) {
      const document = parse(source);
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
      const listener = await plugin.requestDidStart!({} as never);
      const compiled = await listener!.responseForOperation!({
        operation,
        document,
        source,
        operationName: null,
        contextValue: createContext(db, server.services, ADMIN),
        request: { variables },
      } as never);
      const reference = await execute({
        schema,
        document,
        variableValues: variables,
        contextValue: createContext(db, server.services, ADMIN),
      });
      expect(reference.errors).toBeUndefined();
      expect(compiled).not.toBeNull();
      const body = compiled!.body;
      expect(body.kind === 'single' && JSON.stringify(body.singleResult)).toBe(JSON.stringify(reference));
    }
  });

  it('answers errors as graphql-js does, and answers still after them', async () => {
    const asks = [
      // FORBIDDEN: a recruiter of another company
      { variables: { postingId, first: 20 }, viewer: recruiterOf(999999) },
      // NOT_FOUND
      { variables: { postingId: gid('JobPosting', 999999), first: 20 }, viewer: ADMIN },
      // BAD_USER_INPUT: variables that do not coerce
      { variables: { postingId, first: 'twenty' }, viewer: ADMIN },
      // UNAUTHENTICATED
      { variables: { postingId, first: 20 }, viewer: null },
    ];
    for (const { variables, viewer } of asks) {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(JSON.stringify(await server.execute(CANDIDATE_MATCHES, variables, viewer)));
      expect(JSON.parse(answers[0]).errors?.[0]?.extensions?.code).toBeDefined();
      expect(new Set(answers).size).toBe(1);
    }
    const ok = [];
    for (let i = 0; i < 4; i++) {
      ok.push(JSON.stringify(await server.execute(CANDIDATE_MATCHES, { postingId, first: 20 }, ADMIN)));
    }
    expect(JSON.parse(ok[0]).data.candidateMatches.edges.length).toBeGreaterThan(0);
    expect(new Set(ok).size).toBe(1);
  });
});
