import { DataSource } from 'typeorm';
import { RemotePolicy } from '../../src/common/remote-policy';
import { Candidate } from '../../src/candidate/candidate.entity';
import { Company, JobPosting, PostingStatus, Seniority } from '../../src/posting/posting.entity';
import { dataOf, errorCode, GraphQLResult } from '../helpers/graphql';
import { ADMIN } from '../helpers/viewers';
import { gid } from '../helpers/ids';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';

// Every connection of the schema, paged from the start (`first`/`after`) and from the end
// (`last`/`before`): both ways list the same items in the same order as one big page, and
// each page says where it stands.

interface Page {
  totalCount: number;
  edges: { cursor: string; node: unknown }[];
  nodes: unknown[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

interface Paging {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const PAGE_FIELDS = (node: string) => `
  totalCount
  edges { cursor node { ${node} } }
  nodes { ${node} }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
`;

const ARGS = 'first: $first, after: $after, last: $last, before: $before';
const VARIABLES = '$first: Int, $after: String, $last: Int, $before: String';

interface Case {
  name: string;
  document: string;
  pick: (data: Record<string, any>) => Page;
  /** whether a bad argument leaves the whole answer null (a root field) */
  root: boolean;
}

/** A root connection field, given its other arguments. */
function rootCase(field: string, node: string, args = ''): Case {
  return {
    name: field,
    document: `query (${VARIABLES}) { ${field}(${ARGS}${args ? `, ${args}` : ''}) { ${PAGE_FIELDS(node)} } }`,
    pick: (data) => data[field],
    root: true,
  };
}

/** A connection nested under an item: `path` selects the item (`a { b` for a path of two), `field` the connection on it. */
function nestedCase(name: string, path: string, field: string, pick: Case['pick']): Case {
  const depth = path.split('{').length;
  return {
    name,
    document: `query (${VARIABLES}) { ${path} { ${field}(${ARGS}) { ${PAGE_FIELDS('id')} } ${'}'.repeat(depth)} }`,
    pick,
    root: false,
  };
}

describe('connections', () => {
  let db: DataSource;
  let server: TestServer;
  const cases: Case[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    // A company with enough postings, open and closed, to page through.
    const company = await db.getRepository(Company).save({ name: 'Paging Ltd' });
    const postings = await db.getRepository(JobPosting).save(
      Array.from({ length: 7 }, (_, i) => ({
        title: `Paged role ${i}`,
        description: 'A role to page through',
        companyId: company.id,
        seniority: Seniority.MID,
        remote: RemotePolicy.REMOTE,
        location: '',
        minYearsExperience: 0,
        salaryCurrency: 'USD',
        status: i % 3 === 0 ? PostingStatus.CLOSED : PostingStatus.OPEN,
      })),
    );
    const junior = await db.getRepository(JobPosting).findOneByOrFail({ title: 'Junior Back-end Developer' });
    const priya = await db.getRepository(Candidate).findOneByOrFail({ email: 'priya.raman@example.com' });
    cases.push(
      rootCase('jobPostings', 'id'),
      rootCase('candidates', 'id'),
      rootCase('courses', 'id'),
      rootCase('skills', 'id', 'category: DATABASE'),
      rootCase('candidateMatches', 'candidate { id } score', `postingId: "${gid('JobPosting', junior.id)}"`),
      rootCase('postingMatches', 'posting { id } score', `candidateId: "${gid('Candidate', priya.id)}"`),
      rootCase(
        'coursesForPosting',
        'course { id } weightCovered',
        `postingId: "${gid('JobPosting', junior.id)}"`,
      ),
      nestedCase(
        'Company.postings',
        `jobPosting(id: "${gid('JobPosting', postings[1].id)}") { company`,
        'postings',
        (data) => data.jobPosting.company.postings,
      ),
      nestedCase('Skill.children', 'skill(slug: "css")', 'children', (data) => data.skill.children),
      nestedCase(
        'Skill.courses',
        'skill(slug: "backend-development")',
        'courses',
        (data) => data.skill.courses,
      ),
    );
  });

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  const fetch = async (c: Case, paging: Paging): Promise<Page> => {
    const result = (await server.execute(c.document, { ...paging }, ADMIN)) as GraphQLResult;
    const page = c.pick(dataOf(result));
    // Every page: `nodes` are the edges' nodes, and the cursors at its ends are those of its edges.
    expect(page.nodes).toEqual(page.edges.map((e) => e.node));
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    return page;
  };

  /** The whole list, in one page. */
  const everything = async (c: Case) => {
    const page = await fetch(c, { first: 100 });
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(page.nodes).toHaveLength(page.totalCount);
    return page;
  };

  const each = (test: (c: Case) => Promise<void>) => async () => {
    expect(cases).toHaveLength(10);
    for (const c of cases) {
      try {
        await test(c);
      } catch (error) {
        throw new Error(`${c.name}: ${(error as Error).message}`);
      }
    }
  };

  it(
    'list the same items in the same order paged from the start, from the end, and in one page',
    each(async (c) => {
      const all = await everything(c);
      expect(all.nodes.length).toBeGreaterThanOrEqual(3); // at least two pages of 2
      const size = 2;

      const forward: unknown[] = [];
      const forwardPages: Page['pageInfo'][] = [];
      for (let after: string | null = null; ;) {
        const page = await fetch(c, { first: size, after });
        expect(page.totalCount).toBe(all.totalCount);
        forward.push(...page.nodes);
        forwardPages.push(page.pageInfo);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forward).toEqual(all.nodes);
      expect(forwardPages.map((p) => p.hasPreviousPage)).toEqual(forwardPages.map((_, i) => i > 0));
      expect(forwardPages.map((p) => p.hasNextPage)).toEqual(
        forwardPages.map((_, i) => i < forwardPages.length - 1),
      );

      const backward: unknown[] = [];
      const backwardPages: Page['pageInfo'][] = [];
      for (let before: string | null = null; ;) {
        const page = await fetch(c, { last: size, before });
        expect(page.totalCount).toBe(all.totalCount);
        backward.unshift(...page.nodes);
        backwardPages.push(page.pageInfo);
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backward).toEqual(all.nodes);
      expect(backwardPages.map((p) => p.hasNextPage)).toEqual(backwardPages.map((_, i) => i > 0));
      expect(backwardPages.map((p) => p.hasPreviousPage)).toEqual(
        backwardPages.map((_, i) => i < backwardPages.length - 1),
      );
      // From the end, the first page holds the last items, however many the list holds.
      expect((await fetch(c, { last: size })).nodes).toEqual(all.nodes.slice(-size));
    }),
  );

  it(
    'take only the items strictly between `after` and `before`',
    each(async (c) => {
      const all = await everything(c);
      const n = all.edges.length;
      const between = { after: all.edges[0].cursor, before: all.edges[n - 1].cursor };
      expect((await fetch(c, { first: 100, ...between })).nodes).toEqual(all.nodes.slice(1, n - 1));
      expect((await fetch(c, { last: 100, ...between })).nodes).toEqual(all.nodes.slice(1, n - 1));
      const firstOne = await fetch(c, { first: 1, before: all.edges[n - 1].cursor });
      expect(firstOne.nodes).toEqual(all.nodes.slice(0, 1));
      expect(firstOne.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
      const pastTheEnd = await fetch(c, { first: 5, after: all.edges[n - 1].cursor });
      expect(pastTheEnd.nodes).toEqual([]);
      expect(pastTheEnd.pageInfo).toEqual({
        hasNextPage: false,
        hasPreviousPage: true,
        startCursor: null,
        endCursor: null,
      });
      const beforeTheStart = await fetch(c, { last: 5, before: all.edges[0].cursor });
      expect(beforeTheStart.nodes).toEqual([]);
      expect(beforeTheStart.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    }),
  );

  it(
    'take a null `first` or `last` as absent: without either, the first 20',
    each(async (c) => {
      const all = await everything(c);
      const first20 = all.nodes.slice(0, 20);
      expect((await fetch(c, {})).nodes).toEqual(first20);
      expect((await fetch(c, { first: null })).nodes).toEqual(first20);
      expect((await fetch(c, { first: null, last: null })).nodes).toEqual(first20);
      expect((await fetch(c, { first: 2, last: null })).nodes).toEqual(all.nodes.slice(0, 2));
      expect((await fetch(c, { first: null, last: 2 })).nodes).toEqual(all.nodes.slice(-2));
    }),
  );

  it(
    'refuse a page size out of 1 to 100, and `first` with `last`, as BAD_USER_INPUT',
    each(async (c) => {
      const bad: Paging[] = [
        { first: 0 },
        { first: -1 },
        { first: 101 },
        { last: 0 },
        { last: -5 },
        { last: 101 },
        { first: 2, last: 2 },
      ];
      for (const paging of bad) {
        const result = (await server.execute(c.document, { ...paging }, ADMIN)) as GraphQLResult;
        expect({ paging, code: errorCode(result) }).toEqual({ paging, code: 'BAD_USER_INPUT' });
        if (c.root) expect(result.data ?? null).toBeNull();
      }
    }),
  );
});
