import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, SelectionSetNode } from 'graphql';
import { DataSource as Database } from 'typeorm';
import { totalStatementCount } from '../../src/common/query-stats';
import { ADMIN } from '../helpers/viewers';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';

// Every GraphQL example in the README runs against the demo data, and the SQL it
// sends depends on how deep it reaches, not on how many items it lists. They run as
// an administrator, who may make each of them whoever the README has in mind.

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const EXAMPLES = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Levels of nested selections in the document. */
function depth(selectionSet: SelectionSetNode | undefined): number {
  if (!selectionSet) return 0;
  return (
    1 +
    Math.max(
      ...selectionSet.selections.map((s) =>
        // an inline fragment (`... on JobPosting`) adds no level of its own
        s.kind === Kind.FIELD ? depth(s.selectionSet) : s.kind === Kind.INLINE_FRAGMENT ? depth(s.selectionSet) - 1 : 0,
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
});
