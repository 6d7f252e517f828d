import { DataSource } from 'typeorm';
import { courses } from '../../seeds/reference/courses';
import { loadTaxonomy } from '../../seeds/taxonomy/taxonomy';
import { Connection, dataOf, errorCode, gql } from '../helpers/graphql';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';

interface SkillResult {
  slug: string;
  name: string;
  category: string;
  aliases: string[];
  parent: { slug: string } | null;
  children: { slug: string }[];
}

const { skills } = loadTaxonomy();

const SKILL_BY_KEY = gql<{ skill: SkillResult | null }, { slug: string }>(/* GraphQL */ `
  query Skill($slug: String!) {
    skill(slug: $slug) {
      slug
      name
      category
      aliases
      parent {
        slug
      }
      children {
        edges {
          node {
            slug
          }
        }
      }
    }
  }
`);

interface SkillsVariables {
  search?: string;
  category?: string;
  first?: number;
  after?: string | null;
}

const SKILLS = gql<{ skills: Connection<{ slug: string; name: string }> }, SkillsVariables>(/* GraphQL */ `
  query Skills($search: String, $category: SkillCategory, $first: Int, $after: String) {
    skills(search: $search, category: $category, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          slug
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SKILL_COURSES = gql<
  { skill: { courses: Connection<{ title: string; provider: string }> } | null },
  { slug: string; minLevel?: number }
>(/* GraphQL */ `
  query SkillCourses($slug: String!, $minLevel: Int) {
    skill(slug: $slug) {
      courses(minLevel: $minLevel, first: 100) {
        edges {
          node {
            title
            provider
          }
        }
      }
    }
  }
`);

describe('skills', () => {
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

  it('finds a skill by slug with its aliases, parent and children', async () => {
    const django = skills.find((s) => s.slug === 'django')!;
    const { data, errors } = await server.execute(SKILL_BY_KEY, { slug: 'django' });
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      skill: {
        slug: 'django',
        name: django.name,
        category: django.category,
        aliases: [...(django.aliases ?? [])].sort(),
        parent: { slug: 'python' },
        children: {
          edges: skills.filter((s) => s.parent === 'django').map((s) => ({ node: { slug: s.slug } })),
        },
      },
    });
  });

  it.each([
    ['JS', 'javascript'],
    ['js', 'javascript'],
    ['Postgres', 'postgresql'],
    ['RoR', 'ruby-on-rails'],
    ['node', 'nodejs'],
    ['PYTHON', 'python'],
  ])('looks up "%s" as %s, ignoring case', async (key, slug) => {
    const { data } = await server.execute(SKILL_BY_KEY, { slug: key });
    expect(data?.skill?.slug).toBe(slug);
  });

  it('answers null for a skill nobody has heard of', async () => {
    const { data, errors } = await server.execute(SKILL_BY_KEY, { slug: 'cobol-on-cogs' });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ skill: null });
  });

  it('walks every skill exactly once, by name, across pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { skills: Connection<{ slug: string }> } = dataOf(
        await server.execute(SKILLS, { first: 50, after }),
      );
      expect(page.skills.totalCount).toBe(skills.length);
      seen.push(...page.skills.edges.map((e) => e.node.slug));
      after = page.skills.pageInfo.hasNextPage ? page.skills.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil(skills.length / 50));
    expect(new Set(seen).size).toBe(skills.length);
    // MySQL orders by its case-insensitive collation; the embedded fallback compares bytes.
    if (!isEmbedded()) {
      const names = seen.map((slug) => skills.find((s) => s.slug === slug)!.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    }
  });

  it('ends on a last page with no next page and a cursor after which nothing follows', async () => {
    let page = dataOf(await server.execute(SKILLS, { first: 100 }));
    while (page.skills.pageInfo.hasNextPage)
      page = dataOf(await server.execute(SKILLS, { first: 100, after: page.skills.pageInfo.endCursor }));
    const last = page.skills.edges.at(-1)!.cursor;
    const { data } = await server.execute(SKILLS, { first: 5, after: last });
    expect(data?.skills).toEqual({
      totalCount: skills.length,
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('searches names and aliases, ignoring case', async () => {
    const slugsFound = async (search: string) =>
      dataOf(await server.execute(SKILLS, { search })).skills.edges.map((e) => e.node.slug);
    expect(await slugsFound('postgres')).toContain('postgresql');
    expect((await slugsFound('DJANGO')).sort()).toEqual(
      skills
        .filter((s) => [s.name, s.slug, ...(s.aliases ?? [])].some((n) => n.toLowerCase().includes('django')))
        .map((s) => s.slug)
        .sort(),
    );
  });

  it('filters by category', async () => {
    const { skills: found } = dataOf(await server.execute(SKILLS, { category: 'DATABASE', first: 100 }));
    expect(found.edges.map((e) => e.node.slug).sort()).toEqual(
      skills
        .filter((s) => s.category === 'DATABASE')
        .map((s) => s.slug)
        .sort(),
    );
  });

  it('lists the courses teaching a skill, highest level first, optionally from a level up', async () => {
    const teaching = (min: number) =>
      courses
        .flatMap((c) =>
          c.skills.filter((s) => s.skill === 'python' && s.level >= min).map((s) => ({ c, level: s.level })),
        )
        .sort((a, b) => b.level - a.level);
    const titles = (result: { skill: { courses: Connection<{ title: string }> } | null }) =>
      result.skill!.courses.edges.map((e) => e.node.title);
    const all = titles(dataOf(await server.execute(SKILL_COURSES, { slug: 'python' })));
    expect([...all].sort()).toEqual(
      teaching(1)
        .map((t) => t.c.title)
        .sort(),
    );
    expect(teaching(1).length).toBeGreaterThan(0);
    const levels = all.map((title) => teaching(1).find((t) => t.c.title === title)!.level);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    const top = teaching(1)[0].level;
    const strong = dataOf(await server.execute(SKILL_COURSES, { slug: 'python', minLevel: top }));
    expect(titles(strong).length).toBe(teaching(top).length);
  });

  it.each<[SkillsVariables]>([
    [{ first: 0 }],
    [{ first: 101 }],
    [{ after: 'bm90LWEtY3Vyc29y' }],
    [{ search: 'x'.repeat(101) }],
  ])('rejects %p as BAD_USER_INPUT', async (variables) => {
    const result = await server.execute(SKILLS, variables);
    expect(result.data ?? null).toBeNull();
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});
