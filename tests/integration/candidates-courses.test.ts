import { DataSource } from 'typeorm';
import { candidates } from '../../seeds/demo/candidates';
import { courses } from '../../seeds/reference/courses';
import { ADMIN } from '../helpers/viewers';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';

const CANDIDATES = /* GraphQL */ `
  query Candidates($filter: CandidateFilter, $first: Int, $after: String) {
    candidates(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          displayName
          email
          openToWork
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const CANDIDATE = /* GraphQL */ `
  query Candidate($id: ID!) {
    candidate(id: $id) {
      displayName
      headline
      location
      remote
      yearsExperience
      openToWork
      skills {
        skill {
          slug
        }
        level
        years
      }
    }
  }
`;

const COURSES = /* GraphQL */ `
  query Courses($filter: CourseFilter, $first: Int) {
    courses(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          provider
        }
      }
    }
  }
`;

const COURSE = /* GraphQL */ `
  query Course($id: ID!) {
    course(id: $id) {
      title
      provider
      format
      durationWeeks
      durationHours
      priceUsd
      url
      level
      skills {
        skill {
          slug
        }
        level
      }
      prerequisites {
        slug
      }
    }
  }
`;

const names = (data: any, list: string) =>
  data[list].edges.map((e: any) => e.node.displayName ?? e.node.title).sort();

describe('candidates', () => {
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

  it('lists every candidate by id to an admin, with e-mail addresses', async () => {
    const { data, errors }: any = await server.execute(CANDIDATES, { first: 100 }, ADMIN);
    expect(errors).toBeUndefined();
    expect(data.candidates.totalCount).toBe(candidates.length);
    expect(names(data, 'candidates')).toEqual(candidates.map((c) => c.displayName).sort());
    expect(data.candidates.edges.map((e: any) => e.node.email).sort()).toEqual(
      candidates.map((c) => c.email).sort(),
    );
    const ids = data.candidates.edges.map((e: any) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('returns a candidate with every skill they hold, strongest first', async () => {
    const seed = candidates[0];
    const list: any = await server.execute(CANDIDATES, { first: 100 }, ADMIN);
    const id = list.data.candidates.edges.find((e: any) => e.node.displayName === seed.displayName).node.id;
    const { data }: any = await server.execute(CANDIDATE, { id }, ADMIN);
    expect(data.candidate).toMatchObject({
      displayName: seed.displayName,
      headline: seed.headline,
      location: seed.location,
      remote: seed.remote,
      yearsExperience: seed.yearsExperience,
      openToWork: seed.openToWork,
    });
    expect(data.candidate.skills).toEqual(
      expect.arrayContaining(
        seed.skills.map((s) => ({ skill: { slug: s.skill }, level: s.level, years: s.years ?? null })),
      ),
    );
    expect(data.candidate.skills).toHaveLength(seed.skills.length);
    const levels = data.candidate.skills.map((s: any) => s.level);
    expect(levels).toEqual([...levels].sort((a: number, b: number) => b - a));
  });

  it('filters by skills, open to work, remote preference and experience', async () => {
    const has = (c: (typeof candidates)[number], slug: string) => c.skills.some((s) => s.skill === slug);
    const cases: [Record<string, unknown>, typeof candidates][] = [
      [{ skills: ['JavaScript'] }, candidates.filter((c) => has(c, 'javascript'))],
      [{ openToWork: false }, candidates.filter((c) => !c.openToWork)],
      [
        { remote: ['REMOTE'], minYearsExperience: 5 },
        candidates.filter((c) => c.remote === 'REMOTE' && c.yearsExperience >= 5),
      ],
    ];
    for (const [filter, expected] of cases) {
      const { data, errors }: any = await server.execute(CANDIDATES, { filter, first: 100 }, ADMIN);
      expect(errors).toBeUndefined();
      expect({ filter, names: names(data, 'candidates') }).toEqual({
        filter,
        names: expected.map((c) => c.displayName).sort(),
      });
    }
  });

  it('rejects a negative experience filter as BAD_USER_INPUT', async () => {
    const { errors } = await server.execute(CANDIDATES, { filter: { minYearsExperience: -1 } }, ADMIN);
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('courses', () => {
  let db: DataSource;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('holds every course of the reference data, with what it teaches and needs', async () => {
    const { data }: any = await server.execute(COURSES, { first: 100 }, ADMIN);
    expect(data.courses.totalCount).toBe(courses.length);
    for (const edge of data.courses.edges) {
      const seed = courses.find((c) => c.title === edge.node.title && c.provider === edge.node.provider)!;
      const { data: one }: any = await server.execute(COURSE, { id: edge.node.id }, ADMIN);
      expect(one.course).toEqual({
        title: seed.title,
        provider: seed.provider,
        format: seed.format,
        durationWeeks: seed.durationWeeks ?? null,
        durationHours: seed.durationHours ?? null,
        priceUsd: seed.priceUsd ?? null,
        url: seed.url ?? null,
        level: seed.level,
        skills: expect.arrayContaining(
          seed.skills.map((s) => ({ skill: { slug: s.skill }, level: s.level })),
        ),
        prerequisites: expect.arrayContaining((seed.prerequisites ?? []).map((slug) => ({ slug }))),
      });
      expect(one.course.skills).toHaveLength(seed.skills.length);
      expect(one.course.prerequisites).toHaveLength(seed.prerequisites?.length ?? 0);
    }
  });

  it('filters by skills, provider and format', async () => {
    const cases: [Record<string, unknown>, typeof courses][] = [
      [
        { skills: ['python', 'django'] },
        courses.filter((c) => ['python', 'django'].every((s) => c.skills.some((t) => t.skill === s))),
      ],
      [{ provider: 'noble' }, courses.filter((c) => c.provider.toLowerCase().includes('noble'))],
      [{ format: ['IN_PERSON'] }, courses.filter((c) => c.format === 'IN_PERSON')],
    ];
    for (const [filter, expected] of cases) {
      const { data, errors }: any = await server.execute(COURSES, { filter, first: 100 }, ADMIN);
      expect(errors).toBeUndefined();
      expect({ filter, titles: names(data, 'courses') }).toEqual({
        filter,
        titles: expected.map((c) => c.title).sort(),
      });
    }
  });
});
