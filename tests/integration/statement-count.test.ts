import { DataSource } from 'typeorm';
import { totalStatementCount } from '../../src/common/query-stats';
import {
  Company,
  JobPosting,
  PostingSkill,
  PostingStatus,
  Seniority,
} from '../../src/posting/posting.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { Skill } from '../../src/skill/skill.entity';
import { dataOf, gql } from '../helpers/graphql';
import { ADMIN } from '../helpers/viewers';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { gid, keyOf } from '../helpers/ids';

const POSTINGS_DEEP = /* GraphQL */ `
  query PostingsDeep($first: Int!, $companyId: ID!) {
    jobPostings(first: $first, filter: { companyId: $companyId }) {
      totalCount
      edges {
        node {
          title
          company {
            name
          }
          skills {
            importance
            skill {
              slug
              aliases
              parent {
                slug
              }
              courses(first: 3) {
                edges {
                  node {
                    title
                    provider
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

const CANDIDATES_DEEP = /* GraphQL */ `
  query CandidatesDeep($first: Int!) {
    candidates(first: $first) {
      edges {
        node {
          displayName
          skills {
            level
            skill {
              slug
              parent {
                slug
              }
            }
          }
        }
      }
    }
  }
`;

const COURSES_DEEP = /* GraphQL */ `
  query CoursesDeep($first: Int!) {
    courses(first: $first) {
      edges {
        node {
          title
          prerequisites {
            slug
          }
          skills {
            level
            skill {
              slug
              children(first: 3) {
                edges {
                  node {
                    slug
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

const SKILLS_BOTH_WAYS = /* GraphQL */ `
  query SkillsBothWays($first: Int, $last: Int, $nestedFirst: Int, $nestedLast: Int) {
    skills(first: $first, last: $last) {
      nodes {
        slug
        children(first: $nestedFirst, last: $nestedLast) {
          totalCount
          nodes {
            slug
          }
          pageInfo {
            hasPreviousPage
            startCursor
          }
        }
        courses(first: $nestedFirst, last: $nestedLast) {
          totalCount
          nodes {
            title
            skills {
              level
            }
          }
        }
      }
    }
  }
`;

/** Statements one operation sends to the database, and the number of nodes it listed. */
async function statementsFor(server: TestServer, query: string, variables: Record<string, unknown>) {
  const before = totalStatementCount();
  const { data, errors } = await server.execute(query, variables, ADMIN);
  expect(errors).toBeUndefined();
  const statements = totalStatementCount() - before;
  const list = Object.values(data!)[0] as { edges?: unknown[]; nodes?: unknown[] };
  return { statements, listed: (list.edges ?? list.nodes)!.length };
}

describe('statements per request depend on depth, not on list length', () => {
  let db: DataSource;
  let server: TestServer;
  let companyId: string;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    // 50 postings of one company, each asking for Django (which has a parent, aliases
    // and courses, so every level of the query has work) and 5 other skills.
    const company = await db.getRepository(Company).save({ name: 'Statement Counting Ltd' });
    companyId = gid('Company', company.id);
    const allSkills = await db.getRepository(Skill).find({ order: { id: 'ASC' } });
    const django = allSkills.find((s) => s.slug === 'django')!;
    for (let i = 0; i < 50; i++) {
      const posting = await db.getRepository(JobPosting).save({
        title: `Back-end developer ${i}`,
        description: 'Generated for the statement count test',
        companyId: company.id,
        seniority: Seniority.MID,
        minYearsExperience: 2,
        location: 'Remote (US)',
        remote: RemotePolicy.REMOTE,
        salaryMin: 90000,
        salaryMax: 110000,
        salaryCurrency: 'USD',
        status: PostingStatus.OPEN,
      });
      const picked = [
        django,
        ...Array.from({ length: 5 }, (_, k) => allSkills[(i * 7 + k * 11) % allSkills.length]),
      ];
      await db.getRepository(PostingSkill).save(
        [...new Set(picked)].map((skill, k) => ({
          postingId: posting.id,
          skillId: skill.id,
          importance: k < 3 ? ('REQUIRED' as never) : ('PREFERRED' as never),
          minLevel: 3,
          weight: k < 3 ? 1 : 0.5,
        })),
      );
    }
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  // A short list may take a statement or two fewer than a long one when every key of a
  // level is already in the request's DataLoader cache; a long one never takes more than
  // one statement per level.
  it('lists 50 postings with skills, parents and courses in one statement per level', async () => {
    const few = await statementsFor(server, POSTINGS_DEEP, { first: 2, companyId });
    const many = await statementsFor(server, POSTINGS_DEEP, { first: 50, companyId });
    expect(many.listed).toBe(50);
    // count and page, then one batch per level: company, posting skills, skills,
    // aliases, parents and courses.
    expect(many.statements).toBeLessThanOrEqual(8);
    expect(many.statements).toBeLessThanOrEqual(few.statements + 2);
  });

  it('pages the nested connections of 100 skills, from either end, in a fixed number of statements', async () => {
    await statementsFor(server, SKILLS_BOTH_WAYS, { first: 100, nestedFirst: 3 }); // loads the skill catalogue
    const forward = await statementsFor(server, SKILLS_BOTH_WAYS, { first: 100, nestedFirst: 3 });
    const backward = await statementsFor(server, SKILLS_BOTH_WAYS, { last: 100, nestedLast: 3 });
    expect(forward.listed).toBe(100);
    expect(backward.listed).toBe(100);
    // The page; children's pages and counts; courses' pages and counts; courses; course
    // skills; the skill catalogue's check, when due. Counts come in two batches when the parents
    // without courses answer a round trip before those with.
    for (const { statements } of [forward, backward]) expect(statements).toBeLessThanOrEqual(9);
  });

  it('lists the courses for a posting, a ranked connection, from the catalogue the process holds', async () => {
    const query = /* GraphQL */ `
      query ($postingId: ID!, $last: Int) {
        coursesForPosting(postingId: $postingId, last: $last) {
          nodes {
            course {
              title
              skills {
                level
              }
            }
            covers {
              skill {
                slug
              }
            }
          }
        }
      }
    `;
    const { postingId } = { postingId: await someOpenPostingId() };
    await statementsFor(server, query, { postingId, last: 100 }); // warms the course catalogue
    const { statements, listed } = await statementsFor(server, query, { postingId, last: 100 });
    expect(listed).toBeGreaterThan(0);
    // the posting's freshness check and the catalogue's, then the courses' skills
    expect(statements).toBeLessThanOrEqual(4);
  });

  const someOpenPostingId = async () =>
    gid(
      'JobPosting',
      (await db.getRepository(JobPosting).findOneByOrFail({ title: 'Junior Back-end Developer' })).id,
    );

  it('counts the whole list only when totalCount is asked for', async () => {
    const withCount = await statementsFor(
      server,
      '{ skills(first: 5) { totalCount edges { node { slug } } } }',
      {},
    );
    const without = await statementsFor(server, '{ skills(first: 5) { edges { node { slug } } } }', {});
    expect(without.statements).toBe(withCount.statements - 1);
  });

  it('names skills from the catalogue the process holds, reading only skills newer than it', async () => {
    const query = gql<{
      jobPostings: { edges: { node: { id: string; skills: { skill: { slug: string } }[] } }[] };
    }>(`{ jobPostings(first: 3, filter: { companyId: "${companyId}" }) {
      edges { node { id skills { skill { slug } } } } } }`);
    await statementsFor(server, query, {}); // loads the open postings the process holds
    // The page, and the check that the open postings held (with their skills) are current;
    // the skills' names come from the skill catalogue.
    expect((await statementsFor(server, query, {})).statements).toBe(2);

    // A skill written by another instance or a script since the catalogue's last reload.
    const listed = dataOf(await server.execute(query, {}, ADMIN));
    const postingId = keyOf(listed.jobPostings.edges[0].node.id);
    const fresh = await db.getRepository(Skill).save({
      slug: 'written-elsewhere',
      name: 'Written elsewhere',
      category: 'TOOL' as never,
      description: '',
    });
    await db.getRepository(PostingSkill).save({
      postingId,
      skillId: fresh.id,
      importance: 'PREFERRED' as never,
      minLevel: 1,
      weight: 0.5,
    });
    // As the README asks of whatever writes a posting's skills.
    await db.getRepository(JobPosting).update(postingId, { updatedAt: new Date() });
    const before = totalStatementCount();
    const result = await server.execute(query, {}, ADMIN);
    // The page, the check, the open postings' reload (postings and skills), the new skill.
    expect(totalStatementCount() - before).toBe(5);
    expect(dataOf(result).jobPostings.edges[0].node.skills.map((s) => s.skill.slug)).toContain(
      'written-elsewhere',
    );
  });

  it('ranks candidates for a posting, each explained, in two statements however long the page', async () => {
    const query = /* GraphQL */ `
      query ($postingId: ID!, $first: Int!) {
        candidateMatches(postingId: $postingId, first: $first) {
          totalCount
          edges {
            node {
              score
              meetsAllRequired
              candidate {
                id
                displayName
              }
              skills {
                skill {
                  slug
                }
                importance
                minLevel
                candidateLevel
                credit
                via {
                  slug
                }
              }
            }
          }
        }
      }
    `;
    const { jobPostings } = dataOf(
      await server.execute<{ jobPostings: { nodes: { id: string }[] } }>(
        `{ jobPostings(first: 1, filter: { companyId: "${companyId}" }) { nodes { id } } }`,
        {},
        ADMIN,
      ),
    );
    const postingId = jobPostings.nodes[0].id;
    await statementsFor(server, query, { postingId, first: 20 }); // loads the open postings
    const few = await statementsFor(server, query, { postingId, first: 2 });
    const many = await statementsFor(server, query, { postingId, first: 20 });
    expect(many.listed).toBeGreaterThan(few.listed);
    // The open postings' check; the page's candidates with their skills. The skills named
    // come from the catalogue the process holds.
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(2);
  });

  it('lists candidates with their skills in a fixed number of statements', async () => {
    const many = await statementsFor(server, CANDIDATES_DEEP, { first: 40 });
    expect(many.listed).toBe(40);
    // count, page, candidate skills, skills, parents
    expect(many.statements).toBeLessThanOrEqual(5);
  });

  it('lists courses with prerequisites and skills in a fixed number of statements', async () => {
    const many = await statementsFor(server, COURSES_DEEP, { first: 100 });
    expect(many.listed).toBeGreaterThan(10);
    // count, page, prerequisites, course skills, skills, children
    expect(many.statements).toBeLessThanOrEqual(6);
  });
});
