import { DataSource } from 'typeorm';
import { Role } from '../../src/access/role';
import { totalStatementCount } from '../../src/common/query-stats';
import { MAX_WRITTEN_LIST } from '../../src/common/input-bounds';
import { loadConfig } from '../../src/config';
import { JobPosting, PostingStatus } from '../../src/posting/posting.entity';
import { App, createApp } from '../../src/server';
import { Skill } from '../../src/skill/skill.entity';
import { DEMO_LEARNER, DEMO_RECRUITER, signIn } from '../helpers/behind-the-service';
import { Connection } from '../helpers/graphql';
import { listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';
import { createTestDatabase } from '../helpers/test-db';
import { gid, keyOf } from '../helpers/ids';

// Lists whose length clients control: every list a client writes is capped and refused
// whole, before any other work, when longer; lists that grow with other users' writes
// (a company's postings, a skill's courses and children) are paged connections that the
// cost limit counts by `first`.

/** A node of a paged list, named by whichever of these its document selects. */
interface ListedNode {
  name?: string;
  title?: string;
  slug?: string;
}

describe('lists clients write and lists that grow', () => {
  let db: DataSource;
  let app: App;
  let base: string;
  let recruiter: Record<string, string>;
  let learner: Record<string, string>;
  let admin: Record<string, string>;
  let slugs: string[];
  let postingId: string;
  let courseId: string;

  const gql = async <T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers = {},
  ) => readGraphQL<T>(await postGraphQL(base, { query, variables }, headers));

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    app = await createApp(db, { ...loadConfig({}), nodeEnv: 'test' });
    base = await listen(app);
    await app.services.accounts.createUser({
      email: 'admin@example.com',
      password: 'an admin password',
      displayName: 'Admin',
      role: Role.ADMIN,
    });
    [recruiter, learner, admin] = await Promise.all([
      signIn(base, ...DEMO_RECRUITER),
      signIn(base, ...DEMO_LEARNER),
      signIn(base, 'admin@example.com', 'an admin password'),
    ]);
    slugs = (await db.getRepository(Skill).find({ order: { id: 'ASC' } })).map((s) => s.slug);
    const [{ companyId }] = await db.query(
      "SELECT companyId FROM user_account WHERE email = 'recruiter@example.com'",
    );
    const posting = await db.getRepository(JobPosting).findOneOrFail({
      where: { companyId: Number(companyId), status: PostingStatus.OPEN },
      order: { id: 'ASC' },
    });
    postingId = gid('JobPosting', posting.id);
    courseId = gid('Course', (await db.query('SELECT MIN(id) AS id FROM course'))[0].id);
  });
  afterAll(async () => {
    await stopApp(app);
    await db?.destroy();
  });

  const SET_POSTING_SKILLS = `mutation($input: SetPostingSkillsInput!) {
    setPostingSkills(input: $input) { jobPosting { skills { skill { slug } } } userErrors { field code } } }`;
  /** A list refused for its length: a user error on the list itself, and nothing written. */
  const TOO_LONG = [{ field: ['input', 'skills'], code: 'TOO_LONG' }];
  const postingSkills = (names: string[]) =>
    names.map((skill) => ({ skill, importance: 'PREFERRED', minLevel: 2 }));

  it(`takes ${MAX_WRITTEN_LIST} skills for a posting and refuses one more, changing nothing`, async () => {
    const before = await gql(
      `{ jobPosting(id: "${postingId}") { skills { skill { slug } } } }`,
      {},
      recruiter,
    );
    const refused = await gql(
      SET_POSTING_SKILLS,
      { input: { postingId, skills: postingSkills(slugs.slice(0, MAX_WRITTEN_LIST + 1)) } },
      recruiter,
    );
    expect(refused.data!.setPostingSkills).toEqual({ jobPosting: null, userErrors: TOO_LONG });
    const after = await gql(
      `{ jobPosting(id: "${postingId}") { skills { skill { slug } } } }`,
      {},
      recruiter,
    );
    expect(after).toEqual(before);

    const taken = await gql(
      SET_POSTING_SKILLS,
      { input: { postingId, skills: postingSkills(slugs.slice(0, MAX_WRITTEN_LIST)) } },
      recruiter,
    );
    expect(taken.errors).toBeUndefined();
    expect(taken.data!.setPostingSkills.jobPosting.skills).toHaveLength(MAX_WRITTEN_LIST);
  });

  it('refuses a long list of unknown names before looking any of them up', async () => {
    const unknown = Array.from({ length: 990 }, (_, i) => `no-such-skill-${i}`);
    const refused = await gql(
      SET_POSTING_SKILLS,
      { input: { postingId, skills: postingSkills(unknown) } },
      recruiter,
    );
    // The bound refused it, not the lookup: no names were matched or suggested.
    expect(refused.data!.setPostingSkills.userErrors).toEqual(TOO_LONG);
  });

  it('refuses skill names longer than a skill name can be', async () => {
    const refused = await gql(
      SET_POSTING_SKILLS,
      { input: { postingId, skills: postingSkills(['x'.repeat(81)]) } },
      recruiter,
    );
    expect(refused.data!.setPostingSkills.userErrors).toEqual([
      { field: ['input', 'skills', '0', 'skill'], code: 'TOO_LONG' },
    ]);
    const lookup = await gql('query($slug: String!) { skill(slug: $slug) { slug } }', {
      slug: 'y'.repeat(81),
    });
    expect(lookup.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it(`caps a profile's skills at ${MAX_WRITTEN_LIST}`, async () => {
    const refused = await gql(
      'mutation($input: SetMySkillsInput!) { setMySkills(input: $input) { userErrors { field code } } }',
      { input: { skills: slugs.slice(0, MAX_WRITTEN_LIST + 1).map((skill) => ({ skill, level: 3 })) } },
      learner,
    );
    expect(refused.data!.setMySkills.userErrors).toEqual(TOO_LONG);
  });

  it(`caps a course's skills and prerequisites at ${MAX_WRITTEN_LIST}`, async () => {
    const skills = await gql(
      'mutation($input: SetCourseSkillsInput!) { setCourseSkills(input: $input) { userErrors { field code } } }',
      {
        input: {
          courseId,
          skills: slugs.slice(0, MAX_WRITTEN_LIST + 1).map((skill) => ({ skill, level: 3 })),
        },
      },
      admin,
    );
    expect(skills.data!.setCourseSkills.userErrors).toEqual(TOO_LONG);
    const prerequisites = await gql(
      'mutation($input: SetCoursePrerequisitesInput!) { setCoursePrerequisites(input: $input) { userErrors { field code } } }',
      { input: { courseId, skills: slugs.slice(0, MAX_WRITTEN_LIST + 1) } },
      admin,
    );
    expect(prerequisites.data!.setCoursePrerequisites.userErrors).toEqual(TOO_LONG);
  });

  /** Every item of a nested connection, a page of one at a time. */
  async function pageThrough(
    query: (after: string | null) => string,
    pick: (data: Record<string, any>) => Connection<ListedNode>,
    headers = {},
  ): Promise<{ items: string[]; totalCount: number }> {
    const items: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 200; page++) {
      const body = await gql(query(after), {}, headers);
      expect(body.errors).toBeUndefined();
      const connection = pick(body.data!);
      totalCount = connection.totalCount;
      items.push(...connection.edges.map((e) => (e.node.name ?? e.node.title ?? e.node.slug)!));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    return { items, totalCount };
  }
  const cursor = (after: string | null) => (after ? `, after: "${after}"` : '');
  const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';

  it("pages a company's postings: open ones for anyone, closed ones too for its recruiters", async () => {
    const posting = await db.getRepository(JobPosting).findOneByOrFail({ id: keyOf(postingId) });
    await db.getRepository(JobPosting).update(posting.id, { status: PostingStatus.CLOSED });
    try {
      const rows = await db.getRepository(JobPosting).find({
        where: { companyId: posting.companyId },
        order: { id: 'DESC' },
      });
      const company = `{ jobPostings(first: 1, filter: { companyId: "${gid('Company', posting.companyId)}", status: CLOSED }) {
        edges { node { company { postings(first: 1%AFTER%) { ${PAGE} edges { node { title } } } } } } } }`;
      const asRecruiter = await pageThrough(
        (after) => company.replace('%AFTER%', cursor(after)),
        (data) => data.jobPostings.edges[0].node.company.postings,
        recruiter,
      );
      expect(asRecruiter).toEqual({ items: rows.map((p) => p.title), totalCount: rows.length });

      const open = rows.filter((p) => p.status === PostingStatus.OPEN);
      const publicQuery = `{ jobPosting(id: "${gid('JobPosting', open[0].id)}") { company { postings(first: 1%AFTER%) {
        ${PAGE} edges { node { title } } } } } }`;
      const asAnyone = await pageThrough(
        (after) => publicQuery.replace('%AFTER%', cursor(after)),
        (data) => data.jobPosting.company.postings,
      );
      expect(asAnyone).toEqual({ items: open.map((p) => p.title), totalCount: open.length });
    } finally {
      await db.getRepository(JobPosting).update(posting.id, { status: posting.status });
    }
  });

  it("pages a skill's children and courses", async () => {
    const children = await pageThrough(
      (after) =>
        `{ skill(slug: "sql") { children(first: 1${cursor(after)}) { ${PAGE} edges { node { name } } } } }`,
      (data) => data.skill.children,
    );
    const whole = await gql<{ skill: { children: Connection<{ name: string }> } }>(
      '{ skill(slug: "sql") { children(first: 100) { edges { node { name } } } } }',
    );
    expect(children.items).toEqual(whole.data!.skill.children.edges.map((e) => e.node.name));
    expect(children.items.length).toBeGreaterThan(1);
    expect(children.totalCount).toBe(children.items.length);

    const courses = await pageThrough(
      (after) =>
        `{ skill(slug: "python") { courses(first: 1, minLevel: 2${cursor(after)}) { ${PAGE} edges { node { title } } } } }`,
      (data) => data.skill.courses,
    );
    const [{ n }] = await db.query(
      "SELECT COUNT(*) AS n FROM course_skill cs JOIN skill s ON s.id = cs.skillId WHERE s.slug = 'python' AND cs.level >= 2",
    );
    expect(courses.items.length).toBe(Number(n));
    expect(courses.totalCount).toBe(Number(n));
    expect(new Set(courses.items).size).toBe(courses.items.length);
  });

  it('counts nested connections by first in the cost limit', async () => {
    const nested = (first: number) => `{ jobPostings(first: 100) { edges { node {
      company { postings(first: ${first}) { edges { node { title skills { skill { slug } } } } } } } } } }`;
    expect((await gql(nested(1))).errors).toBeUndefined();
    expect((await gql(nested(100))).errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('reads nested connections in as many statements for 20 parents as for 50', async () => {
    await app.services.refreshLoop.stop(); // its polls would count among the statements
    const statements = async (first: number) => {
      const before = totalStatementCount();
      const body = await gql(`{ skills(first: ${first}) { edges { node {
        children(first: 3) { totalCount edges { node { slug } } }
        courses(first: 3) { totalCount edges { node { title } } } } } } }`);
      expect(body.errors).toBeUndefined();
      return totalStatementCount() - before;
    };
    await statements(2); // the skill catalogue is loaded once per process
    expect(await statements(50)).toBe(await statements(20));
  });
});
