import { DataSource } from 'typeorm';
import { postings } from '../../seeds/demo/postings';
import { Viewer } from '../../src/access/viewer';
import { Company, JobPosting } from '../../src/posting/posting.entity';
import { Connection, dataOf, errorCode, gql } from '../helpers/graphql';
import { createTestDatabase } from '../helpers/test-db';
import { ADMIN, recruiterOf } from '../helpers/viewers';
import { createTestServer, TestServer } from '../helpers/test-server';
import { gid, keyOf } from '../helpers/ids';

interface JobPostingsResult {
  jobPostings: Connection<{ id: string; title: string; status: string; company: { name: string } }>;
}

const JOB_POSTINGS = gql<
  JobPostingsResult,
  { filter?: Record<string, unknown>; first?: number; after?: string | null }
>(/* GraphQL */ `
  query JobPostings($filter: JobPostingFilter, $first: Int, $after: String) {
    jobPostings(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          title
          status
          company {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

interface JobPostingResult {
  jobPosting: {
    title: string;
    seniority: string;
    remote: string;
    salaryMin: { amount: number; currency: string } | null;
    salaryMax: { amount: number; currency: string } | null;
    minYearsExperience: number;
    company: { name: string; postings: { title: string }[] };
    skills: { skill: { slug: string }; importance: string; minLevel: number; weight: number }[];
  } | null;
}

const JOB_POSTING = gql<JobPostingResult, { id: string }>(/* GraphQL */ `
  query JobPosting($id: ID!) {
    jobPosting(id: $id) {
      title
      seniority
      remote
      salaryMin {
        amount
        currency
      }
      salaryMax {
        amount
        currency
      }
      minYearsExperience
      company {
        name
        postings {
          edges {
            node {
              title
            }
          }
        }
      }
      skills {
        skill {
          slug
        }
        importance
        minLevel
        weight
      }
    }
  }
`);

const open = postings.filter((p) => p.status === 'OPEN');
const titles = (data: JobPostingsResult | null | undefined) =>
  data!.jobPostings.edges.map((e) => e.node.title).sort();
const titlesOf = (list: typeof postings) => list.map((p) => p.title).sort();

describe('job postings', () => {
  let db: DataSource;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('lists the open postings, newest first, with their companies', async () => {
    const { data, errors } = await server.execute(JOB_POSTINGS, { first: 100 });
    expect(errors).toBeUndefined();
    expect(data!.jobPostings.totalCount).toBe(open.length);
    expect(titles(data)).toEqual(titlesOf(open));
    const ids = data!.jobPostings.edges.map((e) => keyOf(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const edge of data!.jobPostings.edges) {
      expect(edge.node.company.name).toBe(postings.find((p) => p.title === edge.node.title)!.company);
    }
  });

  it('returns one posting whole, skills REQUIRED first with default weights', async () => {
    const list = dataOf(
      await server.execute(JOB_POSTINGS, { filter: { text: 'Junior Back-end Developer' } }),
    );
    const id = list.jobPostings.edges[0].node.id;
    const seed = postings.find((p) => p.title === 'Junior Back-end Developer')!;
    const { data, errors } = await server.execute(JOB_POSTING, { id });
    expect(errors).toBeUndefined();
    const weight = (s: (typeof seed.skills)[number]) => s.weight ?? (s.importance === 'REQUIRED' ? 1 : 0.5);
    expect(data!.jobPosting).toEqual({
      title: seed.title,
      seniority: seed.seniority,
      remote: seed.remote,
      salaryMin: seed.salaryMin == null ? null : { amount: seed.salaryMin, currency: seed.salaryCurrency },
      salaryMax: seed.salaryMax == null ? null : { amount: seed.salaryMax, currency: seed.salaryCurrency },
      minYearsExperience: seed.minYearsExperience,
      company: {
        name: seed.company,
        postings: {
          edges: expect.arrayContaining(
            open.filter((p) => p.company === seed.company).map((p) => ({ node: { title: p.title } })),
          ),
        },
      },
      skills: expect.any(Array),
    });
    const got = data!.jobPosting!.skills;
    expect(got).toHaveLength(seed.skills.length);
    expect(
      got.map((s) => ({
        skill: s.skill.slug,
        importance: s.importance,
        minLevel: s.minLevel,
        weight: s.weight,
      })),
    ).toEqual(
      expect.arrayContaining(
        seed.skills.map((s) => ({
          skill: s.skill,
          importance: s.importance,
          minLevel: s.minLevel,
          weight: weight(s),
        })),
      ),
    );
    const order = got.map((s) => [s.importance === 'REQUIRED' ? 0 : 1, -s.weight]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('answers null for an unknown posting and BAD_USER_INPUT for a malformed id', async () => {
    expect((await server.execute(JOB_POSTING, { id: gid('JobPosting', 999999) })).data).toEqual({
      jobPosting: null,
    });
    const bad = await server.execute(JOB_POSTING, { id: 'posting-1' });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });

  it('filters by skills (every one, by slug or alias)', async () => {
    const { data } = await server.execute(JOB_POSTINGS, {
      filter: { skills: ['python', 'SQL'] },
      first: 100,
    });
    const has = (p: (typeof postings)[number], slug: string) => p.skills.some((s) => s.skill === slug);
    expect(titles(data)).toEqual(titlesOf(open.filter((p) => has(p, 'python') && has(p, 'sql'))));
  });

  it('names unknown skills in a filter as BAD_USER_INPUT', async () => {
    const { errors } = await server.execute(JOB_POSTINGS, {
      filter: { skills: ['python', 'klingon', 'cobol++'] },
    });
    expect(errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      unknownSkills: ['klingon', 'cobol++'],
    });
  });

  it('filters by seniority, remote policy, location, minimum salary and text', async () => {
    const cases: [Record<string, unknown>, typeof postings][] = [
      [{ seniority: ['SENIOR', 'LEAD'] }, open.filter((p) => ['SENIOR', 'LEAD'].includes(p.seniority))],
      [{ remote: ['REMOTE'] }, open.filter((p) => p.remote === 'REMOTE')],
      [{ minSalary: 100000 }, open.filter((p) => (p.salaryMax ?? p.salaryMin ?? 0) >= 100000)],
      [
        { location: open[0].location.slice(0, 4).toUpperCase() },
        open.filter((p) => p.location.toLowerCase().includes(open[0].location.slice(0, 4).toLowerCase())),
      ],
      [
        { text: 'back-end' },
        open.filter((p) => `${p.title} ${p.description}`.toLowerCase().includes('back-end')),
      ],
    ];
    for (const [filter, expected] of cases) {
      const data = dataOf(await server.execute(JOB_POSTINGS, { filter, first: 100 }));
      expect({ filter, titles: titles(data) }).toEqual({ filter, titles: titlesOf(expected) });
    }
  });

  it("shows closed postings to admins and their company's recruiters only", async () => {
    const closed = postings.filter((p) => p.status === 'CLOSED');
    const owner = await db.getRepository(Company).findOneByOrFail({ name: closed[0].company });
    const other = await db
      .getRepository(Company)
      .findOneByOrFail({ name: postings.find((p) => p.company !== owner.name)!.company });
    const asked = async (viewer: Viewer | null) =>
      titles((await server.execute(JOB_POSTINGS, { filter: { status: 'CLOSED' }, first: 100 }, viewer)).data);
    expect(await asked(ADMIN)).toEqual(titlesOf(closed));
    expect(await asked(recruiterOf(owner.id))).toEqual(
      titlesOf(closed.filter((p) => p.company === owner.name)),
    );
    expect(await asked(recruiterOf(other.id))).toEqual([]);
    expect(await asked(null)).toEqual([]);
    const id = gid(
      'JobPosting',
      (await db.getRepository(JobPosting).findOneByOrFail({ title: closed[0].title })).id,
    );
    expect((await server.execute(JOB_POSTING, { id }, null)).data).toEqual({ jobPosting: null });
    expect((await server.execute(JOB_POSTING, { id }, recruiterOf(owner.id))).data!.jobPosting!.title).toBe(
      closed[0].title,
    );
  });

  it('pages through postings without losing or repeating one', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { jobPostings }: JobPostingsResult = dataOf(
        await server.execute(JOB_POSTINGS, { first: 3, after }),
      );
      seen.push(...jobPostings.edges.map((e) => e.node.id));
      after = jobPostings.pageInfo.hasNextPage ? jobPostings.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(open.length);
    expect(new Set(seen).size).toBe(open.length);
  });
});
