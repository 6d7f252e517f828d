import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, OperationDefinitionNode, parse, SelectionSetNode } from 'graphql';
import { DataSource as Database } from 'typeorm';
import { totalStatementCount } from '../../src/common/query-stats';
import { loadConfig } from '../../src/config';
import { App } from '../../src/server';
import { errorCode } from '../helpers/graphql';
import { createTestApp, listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';
import { TEST_JWT_SECRET } from '../helpers/sessions';
import { ADMIN } from '../helpers/viewers';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';

// Every GraphQL example in the README runs against the demo data, and the SQL it
// sends depends on how deep it reaches, not on how many items it lists. They run as
// an administrator, who may make each of them whoever the README has in mind.

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const EXAMPLES = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The sign-in walk-through: its shell blocks, and the JSON bodies they send (`<<'JSON'` heredocs). */
const SIGN_IN = README.split('### Signing in, step by step')[1]?.split('\n## ')[0] ?? '';
const SIGN_IN_COMMANDS = [...SIGN_IN.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
const SIGN_IN_BODIES = SIGN_IN_COMMANDS.flatMap((block) =>
  [...block.matchAll(/<<'JSON'\n([\s\S]*?)\nJSON\n/g)].map(
    (m) => JSON.parse(m[1]) as { query: string; variables: Record<string, unknown> },
  ),
);

/** Levels of nested selections in the document. */
function depth(selectionSet: SelectionSetNode | undefined): number {
  if (!selectionSet) return 0;
  return (
    1 +
    Math.max(
      ...selectionSet.selections.map((s) =>
        // an inline fragment (`... on JobPosting`) adds no level of its own
        s.kind === Kind.FIELD
          ? depth(s.selectionSet)
          : s.kind === Kind.INLINE_FRAGMENT
            ? depth(s.selectionSet) - 1
            : 0,
      ),
    )
  );
}

describe('the README examples', () => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    // built once per process, not per request
    await Promise.all([server.services.matchIndex.ready(), server.services.courseCatalog.refresh()]);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  const statementsFor = async (query: string) => {
    const before = totalStatementCount();
    const { data, errors } = await server.execute(query, {}, ADMIN);
    expect(errors).toBeUndefined();
    expect(data).toBeTruthy();
    return totalStatementCount() - before;
  };

  it('has examples to check', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(4);
  });

  it('names every operation, as a client should to be found in logs and metrics', () => {
    const unnamed = [...EXAMPLES, ...SIGN_IN_BODIES.map((body) => body.query)].filter((example) =>
      parse(example).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && !d.name),
    );
    expect(unnamed).toEqual([]);
  });

  const fieldsOf = (example: string) =>
    (parse(example).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet.selections
      .map((s) => (s.kind === Kind.FIELD ? s.name.value : '…'))
      .join(' and ');

  it.each(EXAMPLES.map((example) => [fieldsOf(example), example]))(
    '%s answers without errors, in statements bounded by its depth',
    async (_title, example) => {
      const document = parse(example);
      const levels = depth((document.definitions[0] as { selectionSet: SelectionSetNode }).selectionSet);
      const asWritten = await statementsFor(example);
      const oneEach = await statementsFor(example.replace(/first: \d+/g, 'first: 1'));
      // One batch per level at most (two for a connection: count and page) ...
      expect(asWritten).toBeLessThanOrEqual(2 * levels + 2);
      // ... and longer lists add no statements beyond a cache miss or two.
      expect(asWritten).toBeLessThanOrEqual(oneEach + 2);
    },
  );

  describe('the sign-in walk-through with curl', () => {
    let app: App;
    let base: string;

    beforeAll(async () => {
      app = await createTestApp(db, { ...loadConfig({}), nodeEnv: 'test', jwtSecret: TEST_JWT_SECRET });
      base = await listen(app);
    });
    afterAll(() => stopApp(app));

    it('sends a log-in, then a ranking with the bearer token, to the service the README starts', () => {
      expect(
        SIGN_IN_BODIES.map(
          (body) => (parse(body.query).definitions[0] as OperationDefinitionNode).name?.value,
        ),
      ).toEqual(['LogIn', 'CandidatesForPosting']);
      for (const block of SIGN_IN_COMMANDS) expect(block).toContain('curl -s http://127.0.0.1:4000/graphql');
      expect(SIGN_IN_COMMANDS[1]).toContain('-H "Authorization: Bearer $TOKEN"');
    });

    it('signs the demo recruiter in and ranks candidates for their posting, as the README shows', async () => {
      const [logIn, ranking] = SIGN_IN_BODIES;
      const login = await readGraphQL(await postGraphQL(base, logIn));
      expect(login.errors).toBeUndefined();
      const { token, user, userErrors } = login.data!.logIn;
      expect(userErrors).toEqual([]);
      expect(typeof token).toBe('string');
      expect(SIGN_IN).toContain(`"user":${JSON.stringify(user)},"userErrors":[]`);

      const anonymous = await readGraphQL(await postGraphQL(base, ranking));
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');

      const ranked = await readGraphQL(
        await postGraphQL(base, ranking, { authorization: `Bearer ${token}` }),
      );
      expect(ranked.errors).toBeUndefined();
      const { totalCount, nodes } = ranked.data!.candidateMatches;
      expect(nodes.length).toBeGreaterThan(0);
      expect(SIGN_IN).toContain(`{"totalCount":${totalCount},"nodes":[${JSON.stringify(nodes[0])}, …]}`);
    });
  });
});
