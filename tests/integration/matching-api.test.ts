import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { totalStatementCount } from '../../src/common/query-stats';
import { compareRanked, orderPostingSkills, scoreMatch } from '../../src/matching/scoring';
import { buildSkillTree } from '../../src/skill/skill-tree';
import {
  Company,
  JobPosting,
  PostingSkill,
  PostingStatus,
  Seniority,
} from '../../src/posting/posting.entity';
import { Skill } from '../../src/skill/skill.entity';
import { dataOf, errorCode, gql } from '../helpers/graphql';
import {
  CANDIDATE_MATCHES,
  CandidateMatchesVariables,
  Expected,
  expectedRanking,
  POSTING_MATCHES,
  walk,
  walkBackward,
} from '../helpers/matching';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN } from '../helpers/viewers';
import { gid, keyOf } from '../helpers/ids';

// candidateMatches, postingMatches and skillGap as clients call them, on the demo data:
// rankings equal the scoring module applied to the rows, with paging, filters and errors.

interface GapSkill {
  skill: { slug: string };
}

const SKILL_GAP = gql<
  {
    skillGap: {
      score: number;
      met: (GapSkill & { candidateLevel: number; minLevel: number })[];
      short: (GapSkill & { candidateLevel: number; minLevel: number })[];
      missing: (GapSkill & { importance: string; credit: number; via: { slug: string } | null })[];
    };
  },
  { postingId: string; candidateId: string }
>(/* GraphQL */ `
  query SkillGap($postingId: ID!, $candidateId: ID!) {
    skillGap(postingId: $postingId, candidateId: $candidateId) {
      score
      met {
        skill {
          slug
        }
        candidateLevel
        minLevel
      }
      short {
        skill {
          slug
        }
        candidateLevel
        minLevel
      }
      missing {
        skill {
          slug
        }
        importance
        credit
        via {
          slug
        }
      }
    }
  }
`);

describe('matching', () => {
  let db: DataSource;
  let server: TestServer;
  let juniorId: number;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    juniorId = (await db.getRepository(JobPosting).findOneByOrFail({ title: 'Junior Back-end Developer' }))
      .id;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('ranks the seeded candidates for a posting exactly as the scoring module does, with explanations', async () => {
    const expected = await expectedRanking(db, juniorId, (c) => c.openToWork);
    const { candidateMatches } = dataOf(
      await server.execute(CANDIDATE_MATCHES, { postingId: gid('JobPosting', juniorId), first: 10 }, ADMIN),
    );
    expect(candidateMatches.totalCount).toBe(expected.length);
    expect(
      candidateMatches.edges.map((e) => ({
        id: keyOf(e.node.candidate.id),
        score: e.node.score,
        meetsAllRequired: e.node.meetsAllRequired,
      })),
    ).toEqual(expected.slice(0, 10));
    const top = candidateMatches.edges[0].node;
    const postingSkills = await db.getRepository(PostingSkill).findBy({ postingId: juniorId });
    expect(top.skills).toHaveLength(postingSkills.length);
    expect(top.skills.map((s) => s.importance)).toEqual(
      [...top.skills.map((s) => s.importance)].sort((a, b) => (a === b ? 0 : a === 'REQUIRED' ? -1 : 1)),
    );
    for (const s of top.skills) {
      expect(s.credit).toBeGreaterThanOrEqual(0);
      expect(s.credit).toBeLessThanOrEqual(1);
      if (s.via) expect(s.relation).not.toBe('DIRECT');
    }
  });

  it('pages through every match exactly once, in order, from the start and from the end', async () => {
    const expected = await expectedRanking(db, juniorId, (c) => c.openToWork);
    expect(expected.length).toBeGreaterThan(6);
    expect(await walk(server, { postingId: gid('JobPosting', juniorId) }, 3)).toEqual(expected);
    expect(await walkBackward(server, { postingId: gid('JobPosting', juniorId) }, 3)).toEqual(expected);
  });

  it('combines the ranking with filters a recruiter expects', async () => {
    const cases: [
      Omit<CandidateMatchesVariables, 'postingId'>,
      (c: Candidate) => boolean,
      (m: Expected) => boolean,
    ][] = [
      [{ filter: { openToWork: false } }, () => true, () => true],
      [
        { filter: { remote: ['REMOTE'] } },
        (c) => c.openToWork && c.remote === RemotePolicy.REMOTE,
        () => true,
      ],
      [
        { filter: { location: 'austin' } },
        (c) => c.openToWork && c.location.toLowerCase().includes('austin'),
        () => true,
      ],
      [{ filter: { minYearsExperience: 4 } }, (c) => c.openToWork && c.yearsExperience >= 4, () => true],
      [{ minScore: 0.5 }, (c) => c.openToWork, (m) => m.score >= 0.5],
      [{ onlyMeetingRequired: true }, (c) => c.openToWork, (m) => m.meetsAllRequired],
    ];
    for (const [variables, keep, pass] of cases) {
      const expected = (await expectedRanking(db, juniorId, keep)).filter(pass);
      expect({
        variables,
        got: await walk(server, { postingId: gid('JobPosting', juniorId), ...variables }, 50),
        backward: await walkBackward(server, { postingId: gid('JobPosting', juniorId), ...variables }, 4),
      }).toEqual({ variables, got: expected, backward: expected });
    }
  });

  it('answers a posting with no skills with an empty list and the reason', async () => {
    const company = await db.getRepository(Company).findOneByOrFail({});
    const empty = await db.getRepository(JobPosting).save({
      title: 'Placeholder role',
      description: 'No skills yet',
      companyId: company.id,
      seniority: Seniority.MID,
      minYearsExperience: 0,
      location: '',
      remote: RemotePolicy.REMOTE,
      salaryMin: null,
      salaryMax: null,
      salaryCurrency: 'USD',
      status: PostingStatus.OPEN,
    });
    const { candidateMatches } = dataOf(
      await server.execute(CANDIDATE_MATCHES, { postingId: gid('JobPosting', empty.id) }, ADMIN),
    );
    expect(candidateMatches).toEqual({
      totalCount: 0,
      reason: expect.stringMatching(/no skills/),
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it.each<[Partial<CandidateMatchesVariables>, string]>([
    [{ postingId: gid('JobPosting', 999999) }, 'NOT_FOUND'],
    [{ postingId: gid('Candidate', 1) }, 'BAD_USER_INPUT'],
    [{ postingId: 'abc' }, 'BAD_USER_INPUT'],
    [{ minScore: 1.5 }, 'BAD_USER_INPUT'],
    [{ minScore: -0.1 }, 'BAD_USER_INPUT'],
    [{ first: 0 }, 'BAD_USER_INPUT'],
    [{ first: 101 }, 'BAD_USER_INPUT'],
    [{ last: 0 }, 'BAD_USER_INPUT'],
    [{ last: 101 }, 'BAD_USER_INPUT'],
    [{ first: 5, last: 5 }, 'BAD_USER_INPUT'],
    [{ before: 'Zm9v' }, 'BAD_USER_INPUT'],
    [{ after: 'Zm9v' }, 'BAD_USER_INPUT'],
    [{ after: Buffer.from('["a","b"]').toString('base64url') }, 'BAD_USER_INPUT'],
  ])('rejects %p with %s', async (variables, code) => {
    const result = await server.execute(
      CANDIDATE_MATCHES,
      { postingId: gid('JobPosting', juniorId), ...variables },
      ADMIN,
    );
    expect(result.data ?? null).toBeNull();
    expect(errorCode(result)).toBe(code);
  });

  it('ranks open postings for a candidate as the scoring module does', async () => {
    const priya = await db.getRepository(Candidate).findOneByOrFail({ email: 'priya.raman@example.com' });
    const tree = buildSkillTree(await db.getRepository(Skill).find());
    const levels = new Map(
      (await db.getRepository(CandidateSkill).findBy({ candidateId: priya.id })).map((s) => [
        s.skillId,
        s.level,
      ]),
    );
    const open = await db.getRepository(JobPosting).findBy({ status: PostingStatus.OPEN });
    const expected = [];
    for (const p of open) {
      const skills = orderPostingSkills(await db.getRepository(PostingSkill).findBy({ postingId: p.id }));
      const { score } = scoreMatch(
        { skills, minYearsExperience: p.minYearsExperience },
        { id: priya.id, yearsExperience: priya.yearsExperience, levels },
        tree,
      );
      if (score > 0) expected.push({ id: p.id, score });
    }
    expected.sort(compareRanked);
    const { postingMatches } = dataOf(
      await server.execute(POSTING_MATCHES, { candidateId: gid('Candidate', priya.id), first: 100 }, ADMIN),
    );
    expect(postingMatches.totalCount).toBe(expected.length);
    expect(postingMatches.edges.map((e) => ({ id: keyOf(e.node.posting.id), score: e.node.score }))).toEqual(
      expected,
    );
    expect(postingMatches.edges.every((e) => e.node.posting.status === 'OPEN')).toBe(true);

    const remote = dataOf(
      await server.execute(
        POSTING_MATCHES,
        { candidateId: gid('Candidate', priya.id), first: 100, filter: { remote: ['REMOTE'] } },
        ADMIN,
      ),
    );
    const remoteIds = new Set(open.filter((p) => p.remote === RemotePolicy.REMOTE).map((p) => p.id));
    expect(remote.postingMatches.edges.map((e) => keyOf(e.node.posting.id))).toEqual(
      expected.filter((m) => remoteIds.has(m.id)).map((m) => m.id),
    );
  });

  it('tells a candidate what they meet, fall short of and miss', async () => {
    const tomas = await db.getRepository(Candidate).findOneByOrFail({ email: 'tomas.ferreira@example.com' });
    const { skillGap: gap } = dataOf(
      await server.execute(
        SKILL_GAP,
        { postingId: gid('JobPosting', juniorId), candidateId: gid('Candidate', tomas.id) },
        ADMIN,
      ),
    );
    const held = new Map(
      (await db.getRepository(CandidateSkill).findBy({ candidateId: tomas.id })).map((s) => [
        s.skillId,
        s.level,
      ]),
    );
    const wanted = await db
      .getRepository(PostingSkill)
      .find({ where: { postingId: juniorId }, relations: { skill: true } });
    const slugs = (pick: (level: number | undefined, min: number) => boolean) =>
      wanted
        .filter((w) => pick(held.get(w.skillId), w.minLevel))
        .map((w) => w.skill!.slug)
        .sort();
    const slugsOf = (list: GapSkill[]) => list.map((s) => s.skill.slug).sort();
    expect(slugsOf(gap.met)).toEqual(slugs((l, m) => l !== undefined && l >= m));
    expect(slugsOf(gap.short)).toEqual(slugs((l, m) => l !== undefined && l < m));
    expect(slugsOf(gap.missing)).toEqual(slugs((l) => l === undefined));
    expect(gap.score).toBeGreaterThan(0);
    expect(gap.score).toBeLessThan(1);
  });

  it('answers NOT_FOUND for an unknown candidate', async () => {
    const gap = await server.execute(
      SKILL_GAP,
      { postingId: gid('JobPosting', juniorId), candidateId: gid('Candidate', 999999) },
      ADMIN,
    );
    expect(errorCode(gap)).toBe('NOT_FOUND');
    const matches = await server.execute(POSTING_MATCHES, { candidateId: gid('Candidate', 999999) }, ADMIN);
    expect(errorCode(matches)).toBe('NOT_FOUND');
  });

  it('explains 50 matches in a fixed number of statements', async () => {
    const before = totalStatementCount();
    const { candidateMatches } = dataOf(
      await server.execute(
        CANDIDATE_MATCHES,
        { postingId: gid('JobPosting', juniorId), first: 40, filter: { openToWork: false } },
        ADMIN,
      ),
    );
    expect(candidateMatches.edges.length).toBeGreaterThan(20);
    // posting, posting skills, candidates, candidate skills, skill tree, skills of the explanations
    expect(totalStatementCount() - before).toBeLessThanOrEqual(7);
  });
});
