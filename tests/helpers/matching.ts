import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { compareRanked, orderPostingSkills, scoreMatch } from '../../src/matching/scoring';
import { buildSkillTree, SkillTree } from '../../src/skill/skill-tree';
import { JobPosting, PostingSkill } from '../../src/posting/posting.entity';
import { Skill } from '../../src/skill/skill.entity';
import { dataOf, gql, PageInfo } from './graphql';
import { TestServer } from './test-server';
import { ADMIN } from './viewers';
import { keyOf } from './ids';

// Documents and oracles shared by the matching tests: what the API answers is compared
// with the scoring module applied to the database rows directly.

export interface SkillMatchResult {
  skill: { slug: string };
  importance: 'REQUIRED' | 'PREFERRED';
  minLevel: number;
  candidateLevel: number | null;
  credit: number;
  weight: number;
  relation: string;
  via: { slug: string } | null;
}

export interface CandidateMatchesResult {
  candidateMatches: {
    totalCount: number;
    reason: string | null;
    pageInfo: PageInfo;
    edges: {
      cursor: string;
      node: {
        score: number;
        meetsAllRequired: boolean;
        candidate: { id: string; displayName: string };
        skills: SkillMatchResult[];
      };
    }[];
  };
}

export interface CandidateMatchesVariables {
  postingId: string;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  minScore?: number;
  onlyMeetingRequired?: boolean;
  filter?: Record<string, unknown>;
}

export const CANDIDATE_MATCHES = gql<CandidateMatchesResult, CandidateMatchesVariables>(/* GraphQL */ `
  query CandidateMatches(
    $postingId: ID!
    $first: Int
    $after: String
    $last: Int
    $before: String
    $minScore: Float
    $onlyMeetingRequired: Boolean
    $filter: CandidateMatchFilter
  ) {
    candidateMatches(
      postingId: $postingId
      first: $first
      after: $after
      last: $last
      before: $before
      minScore: $minScore
      onlyMeetingRequired: $onlyMeetingRequired
      filter: $filter
    ) {
      totalCount
      reason
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
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
            weight
            relation
            via {
              slug
            }
          }
        }
      }
    }
  }
`);

export interface PostingMatchesResult {
  postingMatches: {
    totalCount: number;
    edges: {
      node: {
        score: number;
        meetsAllRequired: boolean;
        posting: { id: string; title: string; status: string };
      };
    }[];
    pageInfo: PageInfo;
  };
}

export const POSTING_MATCHES = gql<
  PostingMatchesResult,
  { candidateId: string; first?: number; after?: string | null; filter?: Record<string, unknown> }
>(/* GraphQL */ `
  query PostingMatches($candidateId: ID!, $first: Int, $after: String, $filter: JobPostingFilter) {
    postingMatches(candidateId: $candidateId, first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        node {
          score
          meetsAllRequired
          posting {
            id
            title
            status
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

export interface Expected {
  id: number;
  score: number;
  meetsAllRequired: boolean;
}

/** The ranking computed straight from the database rows with the scoring module alone. */
export async function expectedRanking(
  db: DataSource,
  postingId: number,
  keep: (c: Candidate) => boolean,
): Promise<Expected[]> {
  const tree: SkillTree = buildSkillTree(await db.getRepository(Skill).find());
  const posting = await db.getRepository(JobPosting).findOneByOrFail({ id: postingId });
  const skills = orderPostingSkills(await db.getRepository(PostingSkill).findBy({ postingId }));
  const candidates = (await db.getRepository(Candidate).find()).filter(keep);
  const held = await db.getRepository(CandidateSkill).find();
  return candidates
    .map((c) => {
      const levels = new Map(held.filter((h) => h.candidateId === c.id).map((h) => [h.skillId, h.level]));
      const result = scoreMatch(
        { skills, minYearsExperience: posting.minYearsExperience },
        { id: c.id, yearsExperience: c.yearsExperience, levels },
        tree,
      );
      return { id: c.id, score: result.score, meetsAllRequired: result.meetsAllRequired };
    })
    .filter((m) => m.score > 0)
    .sort(compareRanked);
}

/** Every match of a posting, walking the pages. */
export async function walk(
  server: TestServer,
  variables: CandidateMatchesVariables,
  pageSize: number,
): Promise<Expected[]> {
  const all: Expected[] = [];
  let after: string | null = null;
  let totalCount = -1;
  do {
    const { candidateMatches }: CandidateMatchesResult = dataOf(
      await server.execute(CANDIDATE_MATCHES, { ...variables, first: pageSize, after }, ADMIN),
    );
    totalCount = candidateMatches.totalCount;
    for (const { node } of candidateMatches.edges) {
      all.push({ id: keyOf(node.candidate.id), score: node.score, meetsAllRequired: node.meetsAllRequired });
    }
    after = candidateMatches.pageInfo.hasNextPage ? candidateMatches.pageInfo.endCursor : null;
  } while (after);
  expect(all).toHaveLength(totalCount);
  return all;
}

/** Every match of a posting, walking the pages from the end (`last`/`before`); in ranking order. */
export async function walkBackward(
  server: TestServer,
  variables: CandidateMatchesVariables,
  pageSize: number,
): Promise<Expected[]> {
  const all: Expected[] = [];
  let before: string | null = null;
  let totalCount = -1;
  do {
    const { candidateMatches }: CandidateMatchesResult = dataOf(
      await server.execute(CANDIDATE_MATCHES, { ...variables, last: pageSize, before }, ADMIN),
    );
    totalCount = candidateMatches.totalCount;
    const page = candidateMatches.edges.map(({ node }) => ({
      id: keyOf(node.candidate.id),
      score: node.score,
      meetsAllRequired: node.meetsAllRequired,
    }));
    all.unshift(...page);
    before = candidateMatches.pageInfo.hasPreviousPage
      ? (candidateMatches.pageInfo.startCursor ?? null)
      : null;
  } while (before);
  expect(all).toHaveLength(totalCount);
  return all;
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}
