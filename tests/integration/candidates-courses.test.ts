import { DataSource } from 'typeorm';
import { candidates } from '../../seeds/demo/candidates';
import { courses } from '../../seeds/reference/courses';
import { ADMIN } from '../helpers/viewers';
import { Connection, dataOf, errorCode, gql } from '../helpers/graphql';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { keyOf } from '../helpers/ids';

interface ListVariables {
  filter?: Record<string, unknown>;
  first?: number;
  after?: string | null;
}

const CANDIDATES = gql<
  { candidates: Connection<{ id: string; displayName: string; email: string | null; openToWork: boolean }> },
  ListVariables
>(/* GraphQL */ `
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
`);

const CANDIDATE = gql<
  {
    candidate: {
      displayName: string;
      headline: string;
      location: string;
      remote: string;
      yearsExperience: number;
      openToWork: boolean;
      skills: { skill: { slug: string }; level: number; years: number | null }[];
    } | null;
  },
  { id: string }
>(/* GraphQL */ `
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
`);

const COURSES = gql<
  { courses: Omit<Connection<{ id: string; title: string; provider: string }>, 'pageInfo'> },
  ListVariables
>(/* GraphQL */ `
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
`);

const COURSE = gql<
  {
    course: {
      title: string;
      provider: string;
      format: string;
      durationWeeks: number | null;
      durationHours: number | null;
      price: { amount: number; currency: string } | null;
      url: string | null;
      level: string;
      skills: { skill: { slug: string }; level: number }[];
      prerequisites: { slug: string }[];
    } | null;
  },
  { id: string }
>(/* GraphQL */ `
  query Course($id: ID!) {
    course(id: $id) {
      title
      provider
      format
      durationWeeks
      durationHours
      price {
        amount
        currency
      }
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
`);

const sorted = (list: { edges: { node: { displayName?: string; title?: string } }[] }) =>
  list.edges.map((e) => e.node.displayName ?? e.node.title).sort();

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
    const data = dataOf(await server.execute(CANDIDATES, { first: 100 }, ADMIN));
    expect(data.candidates.totalCount).toBe(candidates.length);
    expect(sorted(data.candidates)).toEqual(candidates.map((c) => c.displayName).sort());
    expect(data.candidates.edges.map((e) => e.node.email).sort()).toEqual(
      candidates.map((c) => c.email).sort(),
    );
    const ids = data.candidates.edges.map((e) => keyOf(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('returns a candidate with every skill they hold, strongest first', async () => {
    const seed = candidates[0];
    const list = dataOf(await server.execute(CANDIDATES, { first: 100 }, ADMIN));
    const id = list.candidates.edges.find((e) => e.node.displayName === seed.displayName)!.node.id;
    const { candidate } = dataOf(await server.execute(CANDIDATE, { id }, ADMIN));
    expect(candidate).toMatchObject({
      displayName: seed.displayName,
      headline: seed.headline,
      location: seed.location,
      remote: seed.remote,
      yearsExperience: seed.yearsExperience,
      openToWork: seed.openToWork,
    });
    expect(candidate!.skills).toEqual(
      expect.arrayContaining(
        seed.skills.map((s) => ({ skill: { slug: s.skill }, level: s.level, years: s.years ?? null })),
      ),
    );
    expect(candidate!.skills).toHaveLength(seed.skills.length);
    const levels = candidate!.skills.map((s) => s.level);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
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
      const data = dataOf(await server.execute(CANDIDATES, { filter, first: 100 }, ADMIN));
      expect({ filter, names: sorted(data.candidates) }).toEqual({
        filter,
        names: expected.map((c) => c.displayName).sort(),
      });
    }
  });

  it('rejects a negative experience filter as BAD_USER_INPUT', async () => {
    const result = await server.execute(CANDIDATES, { filter: { minYearsExperience: -1 } }, ADMIN);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
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
    const data = dataOf(await server.execute(COURSES, { first: 100 }, ADMIN));
    expect(data.courses.totalCount).toBe(courses.length);
    for (const edge of data.courses.edges) {
      const seed = courses.find((c) => c.title === edge.node.title && c.provider === edge.node.provider)!;
      const { course } = dataOf(await server.execute(COURSE, { id: edge.node.id }, ADMIN));
      expect(course).toEqual({
        title: seed.title,
        provider: seed.provider,
        format: seed.format,
        durationWeeks: seed.durationWeeks ?? null,
        durationHours: seed.durationHours ?? null,
        price: seed.priceUsd == null ? null : { amount: seed.priceUsd, currency: 'USD' },
        url: seed.url ?? null,
        level: seed.level,
        skills: expect.arrayContaining(
          seed.skills.map((s) => ({ skill: { slug: s.skill }, level: s.level })),
        ),
        prerequisites: expect.arrayContaining((seed.prerequisites ?? []).map((slug) => ({ slug }))),
      });
      expect(course!.skills).toHaveLength(seed.skills.length);
      expect(course!.prerequisites).toHaveLength(seed.prerequisites?.length ?? 0);
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
      const data = dataOf(await server.execute(COURSES, { filter, first: 100 }, ADMIN));
      expect({ filter, titles: sorted(data.courses) }).toEqual({
        filter,
        titles: expected.map((c) => c.title).sort(),
      });
    }
  });
});
