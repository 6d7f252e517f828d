import { DataSource } from 'typeorm';
import { Viewer } from '../../src/access/viewer';
import { User } from '../../src/account/account.entity';
import { Candidate } from '../../src/candidate/candidate.entity';
import { totalStatementCount } from '../../src/common/query-stats';
import { Course } from '../../src/course/course.entity';
import { Company, JobPosting, PostingStatus } from '../../src/posting/posting.entity';
import { Skill } from '../../src/skill/skill.entity';
import { dataOf, errorCode, gql } from '../helpers/graphql';
import { gid } from '../helpers/ids';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, recruiterOf } from '../helpers/viewers';

// Relay's Global Object Identification: every object with an identity is fetched again by
// the id the API gave it, through the request's loaders and by the rules of its own query.

interface AnyNode {
  __typename: string;
  id: string;
  title?: string;
  displayName?: string;
  name?: string;
  email?: string;
}

const FIELDS = /* GraphQL */ `
  __typename
  id
  ... on JobPosting { title }
  ... on Candidate { displayName }
  ... on Course { title }
  ... on Skill { name }
  ... on Company { name }
  ... on User { email }
`;

const NODE = gql<{ node: AnyNode | null }, { id: string }>(`
  query Node($id: ID!) { node(id: $id) { ${FIELDS} } }
`);

const NODES = gql<{ nodes: (AnyNode | null)[] }, { ids: string[] }>(`
  query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ${FIELDS} } }
`);

const viewerOf = (user: User): Viewer => ({
  userId: user.id,
  role: user.role,
  companyId: user.companyId,
  candidateId: user.candidateId,
});

describe('node and nodes', () => {
  let db: DataSource;
  let server: TestServer;
  let open: JobPosting;
  let closed: JobPosting;
  let visible: Candidate;
  let hidden: Candidate;
  let course: Course;
  let skill: Skill;
  let company: Company;
  let recruiter: User;
  let learner: User;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    open = await db
      .getRepository(JobPosting)
      .findOneOrFail({ where: { status: PostingStatus.OPEN }, order: { id: 'ASC' } });
    closed = await db
      .getRepository(JobPosting)
      .findOneOrFail({ where: { status: PostingStatus.CLOSED }, order: { id: 'ASC' } });
    visible = await db
      .getRepository(Candidate)
      .findOneOrFail({ where: { openToWork: true }, order: { id: 'ASC' } });
    hidden = await db
      .getRepository(Candidate)
      .findOneOrFail({ where: { openToWork: false }, order: { id: 'ASC' } });
    course = await db.getRepository(Course).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    skill = await db.getRepository(Skill).findOneByOrFail({ slug: 'python' });
    company = await db.getRepository(Company).findOneByOrFail({ id: closed.companyId });
    recruiter = await db.getRepository(User).findOneByOrFail({ email: 'recruiter@example.com' });
    learner = await db.getRepository(User).findOneByOrFail({ email: 'learner@example.com' });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('fetches each type again by the id its own query gives', async () => {
    const given = dataOf(
      await server.execute(
        gql<{
          jobPosting: { id: string; company: { id: string } };
          candidate: { id: string };
          course: { id: string };
          skill: { id: string };
        }>(`query($p: ID!, $c: ID!, $k: ID!) {
          jobPosting(id: $p) { id company { id } }
          candidate(id: $c) { id }
          course(id: $k) { id }
          skill(slug: "python") { id }
        }`),
        { p: gid('JobPosting', open.id), c: gid('Candidate', visible.id), k: gid('Course', course.id) },
        ADMIN,
      ),
    );
    const me = dataOf(await server.execute('{ me { id } }', {}, viewerOf(learner))).me as { id: string };
    const cases: [string, string, Partial<AnyNode>, Viewer][] = [
      [given.jobPosting.id, 'JobPosting', { title: open.title }, ADMIN],
      [given.candidate.id, 'Candidate', { displayName: visible.displayName }, ADMIN],
      [given.course.id, 'Course', { title: course.title }, ADMIN],
      [given.skill.id, 'Skill', { name: skill.name }, ADMIN],
      [
        given.jobPosting.company.id,
        'Company',
        { name: (await db.getRepository(Company).findOneByOrFail({ id: open.companyId })).name },
        ADMIN,
      ],
      [me.id, 'User', { email: learner.email }, viewerOf(learner)],
    ];
    for (const [id, type, fields, viewer] of cases) {
      expect(dataOf(await server.execute(NODE, { id }, viewer)).node).toEqual({
        __typename: type,
        id,
        ...fields,
      });
    }
    // base64 of `Type:key`
    expect(given.jobPosting.id).toBe(Buffer.from(`JobPosting:${open.id}`).toString('base64'));
    expect(given.skill.id).toBe(gid('Skill', skill.id));
  });

  it('answers nodes in the order of the ids, with null for an unknown one', async () => {
    const ids = [
      gid('Skill', skill.id),
      gid('JobPosting', 999999),
      gid('JobPosting', open.id),
      gid('Course', course.id),
      gid('Skill', skill.id),
    ];
    const { nodes } = dataOf(await server.execute(NODES, { ids }, ADMIN));
    expect(nodes.map((n) => n && [n.__typename, n.id])).toEqual([
      ['Skill', ids[0]],
      null,
      ['JobPosting', ids[2]],
      ['Course', ids[3]],
      ['Skill', ids[0]],
    ]);
    expect(dataOf(await server.execute(NODES, { ids: [] }, ADMIN)).nodes).toEqual([]);
  });

  it('answers null where the type’s own query would not show the object', async () => {
    const nodes = async (viewer: Viewer | null) =>
      dataOf(
        await server.execute(
          NODES,
          {
            ids: [
              gid('Candidate', hidden.id),
              gid('Candidate', visible.id),
              gid('JobPosting', closed.id),
              gid('User', recruiter.id),
              gid('User', learner.id),
              gid('Company', company.id),
            ],
          },
          viewer,
        ),
      ).nodes.map((n) => n?.__typename ?? null);
    // Recruiters see candidates open to work, and their own company's closed postings.
    expect(await nodes(viewerOf(recruiter))).toEqual([
      null,
      'Candidate',
      closed.companyId === recruiter.companyId ? 'JobPosting' : null,
      'User',
      null,
      'Company',
    ]);
    expect(await nodes({ ...recruiterOf(-1), userId: -1 })).toEqual([
      null,
      'Candidate',
      null,
      null,
      null,
      'Company',
    ]);
    // A learner sees their own profile only, and their own account.
    expect(await nodes(viewerOf(learner))).toEqual([null, null, null, null, 'User', 'Company']);
    expect(await nodes({ ...viewerOf(learner), candidateId: hidden.id })).toEqual([
      'Candidate',
      null,
      null,
      null,
      'User',
      'Company',
    ]);
    expect(await nodes(null)).toEqual([null, null, null, null, null, 'Company']);
    expect(await nodes({ ...ADMIN, userId: -1 })).toEqual([
      'Candidate',
      'Candidate',
      'JobPosting',
      null,
      null,
      'Company',
    ]);
  });

  it('refuses a malformed id or one of a type the argument does not take, as BAD_USER_INPUT', async () => {
    const posting = gid('JobPosting', open.id);
    const refused: [string, Record<string, unknown>, string][] = [
      ['query($id: ID!) { node(id: $id) { id } }', { id: '42' }, 'id'],
      ['query($id: ID!) { node(id: $id) { id } }', { id: Buffer.from('Recipe:1').toString('base64') }, 'id'],
      ['query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [posting, 'not-an-id'] }, 'ids[1]'],
      // an argument
      ['query($id: ID!) { jobPosting(id: $id) { id } }', { id: gid('Course', course.id) }, 'id'],
      ['query($id: ID!) { course(id: $id) { id } }', { id: posting }, 'id'],
      ['query($id: ID!) { candidate(id: $id) { id } }', { id: gid('User', learner.id) }, 'id'],
      [
        'query($id: ID!) { skillGap(postingId: $id, candidateId: $id) { score } }',
        { id: posting },
        'candidateId',
      ],
      // an input field
      [
        'query($id: ID!) { jobPostings(filter: { companyId: $id }) { totalCount } }',
        { id: posting },
        'filter.companyId',
      ],
      [
        'query($id: ID!) { jobPostings(filter: { companyId: $id }) { totalCount } }',
        { id: '1' },
        'filter.companyId',
      ],
      [
        'query($id: ID!, $c: ID!) { postingMatches(candidateId: $c, filter: { companyId: $id }) { totalCount } }',
        { id: gid('Skill', skill.id), c: gid('Candidate', visible.id) },
        'filter.companyId',
      ],
      // a mutation's argument: nothing is written
      [
        'mutation($id: ID!) { closeJobPosting(input: { id: $id }) { jobPosting { status } } }',
        { id: gid('Company', open.companyId) },
        'input.id',
      ],
    ];
    for (const [query, variables, argumentName] of refused) {
      const result = await server.execute(query, variables, ADMIN);
      expect({
        query,
        code: errorCode(result),
        argumentName: result.errors?.[0].extensions?.argumentName,
      }).toEqual({
        query,
        code: 'BAD_USER_INPUT',
        argumentName,
      });
      expect(result.errors![0].message).not.toContain('Course:');
    }
    expect((await db.getRepository(JobPosting).findOneByOrFail({ id: open.id })).status).toBe(
      PostingStatus.OPEN,
    );
  });

  it('refuses more than 100 ids before reading anything', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => gid('JobPosting', i + 1));
    const before = totalStatementCount();
    const result = await server.execute(NODES, { ids }, ADMIN);
    expect(totalStatementCount() - before).toBe(0);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.data ?? null).toBeNull();
    expect(dataOf(await server.execute(NODES, { ids: ids.slice(0, 100) }, ADMIN)).nodes).toHaveLength(100);
  });

  it('reads 20 ids of mixed types in one statement per type and level, as many as 100 ids', async () => {
    const idsOf = async (take: number) => {
      const [postings, candidates, courses, companies] = await Promise.all([
        db.getRepository(JobPosting).find({ order: { id: 'ASC' }, take: take / 4 }),
        db.getRepository(Candidate).find({ order: { id: 'ASC' }, take: take / 4 }),
        db.getRepository(Course).find({ order: { id: 'ASC' }, take: take / 5 }),
        db.getRepository(Company).find({ order: { id: 'ASC' }, take: take / 10 }),
      ]);
      const ids = [
        ...postings.map((p) => gid('JobPosting', p.id)),
        ...candidates.map((c) => gid('Candidate', c.id)),
        ...courses.map((c) => gid('Course', c.id)),
        ...companies.map((c) => gid('Company', c.id)),
        gid('User', learner.id),
      ];
      const skills = await db.getRepository(Skill).find({ order: { id: 'ASC' }, take: take - ids.length });
      return [...ids, ...skills.map((s) => gid('Skill', s.id))];
    };
    const deep = gql<{ nodes: unknown[] }, { ids: string[] }>(`query($ids: [ID!]!) { nodes(ids: $ids) {
      id
      ... on JobPosting { title company { name } skills { skill { slug } } }
      ... on Candidate { displayName skills { level skill { slug } } }
      ... on Course { title skills { skill { slug } } }
      ... on Skill { name }
      ... on Company { name }
      ... on User { email candidate { displayName } }
    } }`);
    const statementsFor = async (ids: string[]) => {
      const before = totalStatementCount();
      const { nodes } = dataOf(await server.execute(deep, { ids }, { ...ADMIN, userId: learner.id }));
      expect(nodes.filter((n) => n === null)).toEqual([]);
      return totalStatementCount() - before;
    };
    const [twenty, hundred] = [await idsOf(20), await idsOf(100)];
    expect([twenty.length, hundred.length]).toEqual([20, 100]);
    await statementsFor(twenty); // the skill catalogue is loaded once per process
    // By id: postings, candidates, courses, companies and the account, one batch each; then
    // the postings' companies; the postings', candidates' and courses' skills; the
    // account's profile. Skills come from the catalogue the process holds.
    expect(await statementsFor(twenty)).toBeLessThanOrEqual(10);
    expect(await statementsFor(hundred)).toBeLessThanOrEqual(10);
  });

  it("reaches the caller's own profile and company from me", async () => {
    const ME = gql<{ me: { id: string; candidate: { id: string } | null; company: { id: string } | null } }>(
      '{ me { id candidate { id } company { id } } }',
    );
    expect(dataOf(await server.execute(ME, {}, viewerOf(learner))).me).toEqual({
      id: gid('User', learner.id),
      candidate: { id: gid('Candidate', learner.candidateId!) },
      company: null,
    });
    expect(dataOf(await server.execute(ME, {}, viewerOf(recruiter))).me).toEqual({
      id: gid('User', recruiter.id),
      candidate: null,
      company: { id: gid('Company', recruiter.companyId!) },
    });
  });
});
