import { Connection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { App, createApp } from '../../src/server';
import {
  connectBehindTheService,
  DEMO_LEARNER,
  DEMO_RECRUITER,
  signIn,
} from '../helpers/behind-the-service';
import { listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';
import { gid, keyOf } from '../helpers/ids';

// Every path to a candidate keeps the visibility rule (recruiters see candidates open to
// work, learners themselves, admins everyone), also when the rows changed behind the
// service: a candidate deleted, or no longer open to work, by another program.

const MATCHES = `query($postingId: ID!, $first: Int!, $filter: CandidateMatchFilter) {
  candidateMatches(postingId: $postingId, first: $first, filter: $filter) {
    totalCount
    pageInfo { hasNextPage }
    edges { node { score candidate { id displayName } } }
  }
}`;

interface MatchPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
  edges: { node: { score: number; candidate: { id: string } } }[];
}

const mysqlOnly = isEmbedded() ? describe.skip : describe;

mysqlOnly('who a recruiter can reach', () => {
  let db: DataSource;
  let app: App;
  let base: string;
  let recruiter: Record<string, string>;
  let sql: Connection;
  let postingIds: string[];
  let notOpen: Set<string>;

  const post = (body: unknown, headers = recruiter) => postGraphQL(base, body, headers);
  async function matches(postingId: string, first: number, filter?: unknown) {
    const body = await readGraphQL<{ candidateMatches: MatchPage }>(
      await post({ query: MATCHES, variables: { postingId, first, filter } }),
    );
    expect(body.errors).toBeUndefined();
    return body.data!.candidateMatches;
  }
  const ids = (page: Awaited<ReturnType<typeof matches>>) => page.edges.map((e) => e.node.candidate.id);

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    app = await createApp(db, { ...loadConfig({}), nodeEnv: 'test' });
    base = await listen(app);
    recruiter = await signIn(base, ...DEMO_RECRUITER);
    sql = await connectBehindTheService(db);
    const [postings] = await sql.query(
      `SELECT p.id FROM job_posting p JOIN company c ON c.id = p.companyId
       WHERE c.name = 'Quarry Lane Software' AND p.status = 'OPEN' ORDER BY p.id`,
    );
    postingIds = (postings as { id: number }[]).map((p) => gid('JobPosting', p.id));
    const [closed] = await sql.query('SELECT id FROM candidate WHERE openToWork = 0');
    notOpen = new Set((closed as { id: number }[]).map((c) => gid('Candidate', c.id)));
  });
  afterAll(async () => {
    await sql?.end();
    await stopApp(app);
    await db?.destroy();
  });

  it('never ranks candidates who are not open to work, whatever the filter asks', async () => {
    expect(postingIds.length).toBeGreaterThan(0);
    expect(notOpen.size).toBeGreaterThan(0);
    for (const postingId of postingIds) {
      const asked = await matches(postingId, 100, { openToWork: false });
      const byDefault = await matches(postingId, 100);
      expect(ids(asked).filter((id) => notOpen.has(id))).toEqual([]);
      expect(asked).toEqual(byDefault);
    }
  });

  it('answers NOT_FOUND for the skill gap of a candidate not open to work', async () => {
    const [closedOne] = [...notOpen];
    const body = await readGraphQL<{ skillGap: { score: number } | null }>(
      await post({
        query: 'query($p: ID!, $c: ID!) { skillGap(postingId: $p, candidateId: $c) { score } }',
        variables: { p: postingIds[0], c: closedOne },
      }),
    );
    expect(body.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(body.data).toBeNull();
  });

  it('leaves them out of candidates and single reads', async () => {
    const [closedOne] = [...notOpen];
    const body = await readGraphQL<{
      candidate: { id: string } | null;
      candidates: { totalCount: number; edges: { node: { id: string } }[] };
    }>(
      await post({
        query: `query($id: ID!) { candidate(id: $id) { id }
          candidates(first: 100, filter: { openToWork: false }) { totalCount edges { node { id } } } }`,
        variables: { id: closedOne },
      }),
    );
    expect(body).toEqual({ data: { candidate: null, candidates: { totalCount: 0, edges: [] } } });
  });

  it('refuses postingMatches for another candidate than the learner themselves', async () => {
    const learner = await signIn(base, ...DEMO_LEARNER);
    const [closedOne] = [...notOpen];
    const body = await readGraphQL<{ postingMatches: { totalCount: number } }>(
      await post(
        { query: `{ postingMatches(candidateId: "${closedOne}", first: 5) { totalCount } }` },
        learner,
      ),
    );
    expect(body.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('drops a candidate who stopped being open to work behind the service, filling the page', async () => {
    const postingId = postingIds[0];
    const before = await matches(postingId, 4);
    expect(before.edges).toHaveLength(4);
    const [gone, ...rest] = ids(before);
    // Not moving updatedAt (which MySQL moves on any change unless it is set): the change
    // feed never hears of it, only the rows read for the page do. Nor of the write putting it
    // back, which would otherwise reach the index at a poll of its own, during a later test.
    await sql.query('UPDATE candidate SET openToWork = 0, updatedAt = updatedAt WHERE id = ?', [keyOf(gone)]);
    try {
      const after = await matches(postingId, 3);
      expect(ids(after)).toEqual(rest);
      expect(after.totalCount).toBe(before.totalCount - 1);
    } finally {
      await sql.query('UPDATE candidate SET openToWork = 1, updatedAt = updatedAt WHERE id = ?', [
        keyOf(gone),
      ]);
    }
  });

  it('skips a ranked candidate deleted behind the service and fills the page from the next ones', async () => {
    const postingId = postingIds[0];
    const before = await matches(postingId, 4);
    const [first, deleted, ...others] = ids(before);
    const [learnerRow] = await sql.query(
      "SELECT candidateId FROM user_account WHERE email = 'learner@example.com'",
    );
    expect(gid('Candidate', (learnerRow as { candidateId: number }[])[0].candidateId)).not.toBe(deleted);
    await sql.query('DELETE FROM candidate WHERE id = ?', [keyOf(deleted)]);

    const at_once = await matches(postingId, 3);
    expect(ids(at_once)).toEqual([first, ...others]);
    expect(at_once.totalCount).toBe(before.totalCount - 1);

    // Every posting whose ranking held them still answers.
    for (const id of postingIds) {
      expect(ids(await matches(id, 100))).not.toContain(deleted);
    }
  });
});
