import { execFileSync } from 'node:child_process';
import { DataSource, In } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import {
  buildSkillTree,
  compareRanked,
  orderPostingSkills,
  scoreMatch,
  SkillTree,
} from '../../src/matching/scoring';
import {
  Company,
  JobPosting,
  PostingSkill,
  PostingStatus,
  Seniority,
} from '../../src/posting/posting.entity';
import { MatchIndex } from '../../src/matching/match-index';
import { OpenPostings } from '../../src/matching/open-postings';
import { Skill } from '../../src/skill/skill.entity';
import { totalStatementCount } from '../../src/common/query-stats';
import { ADMIN } from '../helpers/viewers';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';

const CANDIDATE_MATCHES = /* GraphQL */ `
  query CandidateMatches(
    $postingId: ID!
    $first: Int
    $after: String
    $minScore: Float
    $onlyMeetingRequired: Boolean
    $filter: CandidateMatchFilter
  ) {
    candidateMatches(
      postingId: $postingId
      first: $first
      after: $after
      minScore: $minScore
      onlyMeetingRequired: $onlyMeetingRequired
      filter: $filter
    ) {
      totalCount
      reason
      pageInfo {
        hasNextPage
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
            requiredLevel
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
`;

const POSTING_MATCHES = /* GraphQL */ `
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
`;

const SKILL_GAP = /* GraphQL */ `
  query SkillGap($postingId: ID!, $candidateId: ID!) {
    skillGap(postingId: $postingId, candidateId: $candidateId) {
      score
      met {
        skill {
          slug
        }
        candidateLevel
        requiredLevel
      }
      short {
        skill {
          slug
        }
        candidateLevel
        requiredLevel
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
`;

interface Expected {
  id: number;
  score: number;
  meetsAllRequired: boolean;
}

/** The ranking computed straight from the database rows with the scoring module alone. */
async function expectedRanking(
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
async function walk(server: TestServer, variables: Record<string, unknown>, pageSize: number) {
  const all: Expected[] = [];
  let after: string | null = null;
  let totalCount = -1;
  do {
    const { data, errors }: any = await server.execute(
      CANDIDATE_MATCHES,
      {
        ...variables,
        first: pageSize,
        after,
      },
      ADMIN,
    );
    expect(errors).toBeUndefined();
    totalCount = data.candidateMatches.totalCount;
    for (const { node } of data.candidateMatches.edges) {
      all.push({ id: Number(node.candidate.id), score: node.score, meetsAllRequired: node.meetsAllRequired });
    }
    after = data.candidateMatches.pageInfo.hasNextPage ? data.candidateMatches.pageInfo.endCursor : null;
  } while (after);
  expect(all).toHaveLength(totalCount);
  return all;
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

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
    const { data, errors }: any = await server.execute(
      CANDIDATE_MATCHES,
      {
        postingId: String(juniorId),
        first: 10,
      },
      ADMIN,
    );
    expect(errors).toBeUndefined();
    expect(data.candidateMatches.totalCount).toBe(expected.length);
    expect(
      data.candidateMatches.edges.map((e: any) => ({
        id: Number(e.node.candidate.id),
        score: e.node.score,
        meetsAllRequired: e.node.meetsAllRequired,
      })),
    ).toEqual(expected.slice(0, 10));
    const top = data.candidateMatches.edges[0].node;
    const postingSkills = await db.getRepository(PostingSkill).findBy({ postingId: juniorId });
    expect(top.skills).toHaveLength(postingSkills.length);
    expect(top.skills.map((s: any) => s.importance)).toEqual(
      [...top.skills.map((s: any) => s.importance)].sort((a: string, b: string) =>
        a === b ? 0 : a === 'REQUIRED' ? -1 : 1,
      ),
    );
    for (const s of top.skills) {
      expect(s.credit).toBeGreaterThanOrEqual(0);
      expect(s.credit).toBeLessThanOrEqual(1);
      if (s.via) expect(s.relation).not.toBe('DIRECT');
    }
  });

  it('pages through every match exactly once, in order', async () => {
    const expected = await expectedRanking(db, juniorId, (c) => c.openToWork);
    expect(await walk(server, { postingId: String(juniorId) }, 3)).toEqual(expected);
  });

  it('combines the ranking with filters a recruiter expects', async () => {
    const cases: [Record<string, unknown>, (c: Candidate) => boolean, (m: Expected) => boolean][] = [
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
        got: await walk(server, { postingId: String(juniorId), ...variables }, 50),
      }).toEqual({ variables, got: expected });
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
    const { data, errors }: any = await server.execute(
      CANDIDATE_MATCHES,
      { postingId: String(empty.id) },
      ADMIN,
    );
    expect(errors).toBeUndefined();
    expect(data.candidateMatches).toEqual({
      totalCount: 0,
      reason: expect.stringMatching(/no skills/),
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ postingId: '999999' }, 'NOT_FOUND'],
    [{ postingId: 'abc' }, 'BAD_USER_INPUT'],
    [{ minScore: 1.5 }, 'BAD_USER_INPUT'],
    [{ minScore: -0.1 }, 'BAD_USER_INPUT'],
    [{ first: 0 }, 'BAD_USER_INPUT'],
    [{ first: 101 }, 'BAD_USER_INPUT'],
    [{ after: 'Zm9v' }, 'BAD_USER_INPUT'],
    [{ after: Buffer.from('["a","b"]').toString('base64url') }, 'BAD_USER_INPUT'],
  ])('rejects %p with %s', async (variables, code) => {
    const { data, errors } = await server.execute(
      CANDIDATE_MATCHES,
      {
        postingId: String(juniorId),
        ...variables,
      },
      ADMIN,
    );
    expect(data ?? null).toBeNull();
    expect(errors?.[0].extensions?.code).toBe(code);
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
    const { data, errors }: any = await server.execute(
      POSTING_MATCHES,
      {
        candidateId: String(priya.id),
        first: 100,
      },
      ADMIN,
    );
    expect(errors).toBeUndefined();
    expect(data.postingMatches.totalCount).toBe(expected.length);
    expect(
      data.postingMatches.edges.map((e: any) => ({ id: Number(e.node.posting.id), score: e.node.score })),
    ).toEqual(expected);
    expect(data.postingMatches.edges.every((e: any) => e.node.posting.status === 'OPEN')).toBe(true);

    const remote: any = await server.execute(
      POSTING_MATCHES,
      {
        candidateId: String(priya.id),
        first: 100,
        filter: { remote: ['REMOTE'] },
      },
      ADMIN,
    );
    const remoteIds = new Set(open.filter((p) => p.remote === RemotePolicy.REMOTE).map((p) => p.id));
    expect(remote.data.postingMatches.edges.map((e: any) => Number(e.node.posting.id))).toEqual(
      expected.filter((m) => remoteIds.has(m.id)).map((m) => m.id),
    );
  });

  it("ranks with a posting's skills as changed elsewhere since the process last held them", async () => {
    const ranking = async () => {
      const { data, errors }: any = await server.execute(
        CANDIDATE_MATCHES,
        { postingId: String(juniorId), first: 100 },
        ADMIN,
      );
      expect(errors).toBeUndefined();
      return data.candidateMatches;
    };
    await ranking(); // the open postings are now held between requests
    const before = await db.getRepository(PostingSkill).findBy({ postingId: juniorId });
    const git = await db.getRepository(Skill).findOneByOrFail({ slug: 'git' });
    // Written straight to the database, as another replica or a script would, moving updatedAt.
    const replaceSkills = async (skills: Partial<PostingSkill>[]) => {
      await db.getRepository(PostingSkill).delete({ postingId: juniorId });
      await db.getRepository(PostingSkill).insert(skills);
      await db.getRepository(JobPosting).update(juniorId, { updatedAt: new Date() });
    };
    await replaceSkills([
      { postingId: juniorId, skillId: git.id, importance: 'REQUIRED' as never, minLevel: 1, weight: 1 },
    ]);
    try {
      const expected = await expectedRanking(db, juniorId, (c) => c.openToWork);
      const now = await ranking();
      expect(now.totalCount).toBe(expected.length);
      expect(now.edges.map((e: any) => Number(e.node.candidate.id))).toEqual(expected.map((e) => e.id));
      for (const edge of now.edges) expect(edge.node.skills.map((s: any) => s.skill.slug)).toEqual(['git']);
    } finally {
      await replaceSkills(
        before.map(({ postingId, skillId, importance, minLevel, weight }) => ({
          postingId,
          skillId,
          importance,
          minLevel,
          weight,
        })),
      );
    }
  });

  it('sees two writes to postings made within the same millisecond', async () => {
    const open = new OpenPostings(db);
    const [first, second] = await db.getRepository(JobPosting).find({
      where: { status: PostingStatus.OPEN },
      order: { id: 'ASC' },
      take: 2,
    });
    const stamp = (id: number, microseconds: string) =>
      db.query(`UPDATE job_posting SET updatedAt = '2030-01-01 00:00:00.${microseconds}' WHERE id = ${id}`);
    try {
      await stamp(first.id, '000100');
      const before = await open.current();
      await stamp(second.id, '000200'); // the same millisecond, 100 microseconds later
      expect(await open.current()).not.toBe(before);
    } finally {
      await db.getRepository(JobPosting).save([first, second]); // their own updatedAt again
    }
  });

  it('shares one version check among requests that arrive before it is sent, not with later ones', async () => {
    const open = new OpenPostings(db);
    const before = await open.current();
    const sent = totalStatementCount();
    await Promise.all([open.current(), open.current(), open.current()]);
    expect(totalStatementCount() - sent).toBe(1);
    expect(await open.current()).toBe(before); // nothing changed, nothing reloaded
  });

  it('answers no call with a version check sent before the call, however close the two are', async () => {
    if (isEmbedded()) return; // SQLite answers each statement before the next line runs
    const open = new OpenPostings(db);
    const before = await open.current();
    const posting = await db.getRepository(JobPosting).findOneByOrFail({ status: PostingStatus.OPEN });
    const url = new URL((db.options as { url: string }).url);
    try {
      const earlier = open.current();
      const sent = totalStatementCount();
      while (totalStatementCount() === sent) await new Promise((resolve) => setImmediate(resolve));
      // While this process is blocked and has not read the answer to `earlier`'s check,
      // another client writes a posting: after that check ran, before the next call.
      execFileSync('mysql', [
        `--host=${url.hostname}`,
        `--port=${url.port || 3306}`,
        `--user=${decodeURIComponent(url.username)}`,
        ...(url.password ? [`--password=${decodeURIComponent(url.password)}`] : []),
        url.pathname.slice(1),
        '--execute',
        `DO SLEEP(0.2); UPDATE job_posting SET updatedAt = '2030-01-01 00:00:00.000400' WHERE id = ${posting.id}`,
      ]);
      const later = open.current();
      expect(await earlier).toBe(before); // that check did run before the write
      expect(await later).not.toBe(before);
    } finally {
      await db.getRepository(JobPosting).save(posting); // its own updatedAt again
    }
  });

  it('follows postings written elsewhere at the next request: opened, then closed', async () => {
    const priya = await db.getRepository(Candidate).findOneByOrFail({ email: 'priya.raman@example.com' });
    const ranked = async () => {
      const { data, errors }: any = await server.execute(
        POSTING_MATCHES,
        { candidateId: String(priya.id), first: 100 },
        ADMIN,
      );
      expect(errors).toBeUndefined();
      return data.postingMatches.edges.map((e: any) => ({
        id: Number(e.node.posting.id),
        score: e.node.score,
      }));
    };
    await ranked(); // the open postings' inputs are now held between requests
    // Written straight to the database, as another replica or a script would.
    const company = await db.getRepository(Company).findOneByOrFail({});
    const posting = await db.getRepository(JobPosting).save({
      title: 'Made for Priya',
      description: 'Asks for exactly what she holds',
      companyId: company.id,
      seniority: Seniority.MID,
      minYearsExperience: 0,
      location: 'Remote (EU)',
      remote: RemotePolicy.REMOTE,
      salaryMin: null,
      salaryMax: null,
      salaryCurrency: 'EUR',
      status: PostingStatus.OPEN,
    });
    const held = await db.getRepository(CandidateSkill).findBy({ candidateId: priya.id });
    await db.getRepository(PostingSkill).insert(
      held.map((s) => ({
        postingId: posting.id,
        skillId: s.skillId,
        importance: 'REQUIRED' as never,
        minLevel: s.level,
        weight: 1,
      })),
    );
    try {
      expect((await ranked())[0]).toEqual({ id: posting.id, score: 1 });
      await db.getRepository(JobPosting).save({ ...posting, status: PostingStatus.CLOSED });
      expect((await ranked()).map((m: { id: number }) => m.id)).not.toContain(posting.id);
    } finally {
      await db.getRepository(PostingSkill).delete({ postingId: posting.id });
      await db.getRepository(JobPosting).delete({ id: posting.id });
    }
  });

  it('tells a candidate what they meet, fall short of and miss', async () => {
    const tomas = await db.getRepository(Candidate).findOneByOrFail({ email: 'tomas.ferreira@example.com' });
    const { data, errors }: any = await server.execute(
      SKILL_GAP,
      {
        postingId: String(juniorId),
        candidateId: String(tomas.id),
      },
      ADMIN,
    );
    expect(errors).toBeUndefined();
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
    const gap = data.skillGap;
    expect(gap.met.map((s: any) => s.skill.slug).sort()).toEqual(slugs((l, m) => l !== undefined && l >= m));
    expect(gap.short.map((s: any) => s.skill.slug).sort()).toEqual(slugs((l, m) => l !== undefined && l < m));
    expect(gap.missing.map((s: any) => s.skill.slug).sort()).toEqual(slugs((l) => l === undefined));
    expect(gap.score).toBeGreaterThan(0);
    expect(gap.score).toBeLessThan(1);
  });

  it('answers NOT_FOUND for an unknown candidate', async () => {
    const gap = await server.execute(
      SKILL_GAP,
      { postingId: String(juniorId), candidateId: '999999' },
      ADMIN,
    );
    expect(gap.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const matches = await server.execute(POSTING_MATCHES, { candidateId: '999999' }, ADMIN);
    expect(matches.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('explains 50 matches in a fixed number of statements', async () => {
    const before = totalStatementCount();
    const { data }: any = await server.execute(
      CANDIDATE_MATCHES,
      {
        postingId: String(juniorId),
        first: 40,
        filter: { openToWork: false },
      },
      ADMIN,
    );
    expect(data.candidateMatches.edges.length).toBeGreaterThan(20);
    // posting, posting skills, candidates, candidate skills, skill tree, skills of the explanations
    expect(totalStatementCount() - before).toBeLessThanOrEqual(7);
  });
});

describe('match index on random data', () => {
  let db: DataSource;
  let server: TestServer;
  let postingIds: number[];
  // Built in pages of 7 candidates, and compacted after every change: the paths a
  // server takes only at scale.
  let paged: MatchIndex;

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    server = await createTestServer(db);
    const rand = random(42);
    const skills = await db.getRepository(Skill).find({ order: { id: 'ASC' } });
    const pick = () => skills[Math.floor(rand() * Math.min(skills.length, 30))].id; // a popular subset, so ties happen
    const company = await db.getRepository(Company).save({ name: 'Random Hiring Co' });
    postingIds = [];
    for (let p = 0; p < 5; p++) {
      const posting = await db.getRepository(JobPosting).save({
        title: `Random posting ${p}`,
        description: 'generated',
        companyId: company.id,
        seniority: Seniority.MID,
        minYearsExperience: p,
        location: 'Anywhere',
        remote: RemotePolicy.REMOTE,
        salaryMin: null,
        salaryMax: null,
        salaryCurrency: 'USD',
        status: PostingStatus.OPEN,
      });
      const ids = [...new Set(Array.from({ length: 4 + p }, pick))];
      await db.getRepository(PostingSkill).save(
        ids.map((skillId, i) => ({
          postingId: posting.id,
          skillId,
          importance: (i % 3 === 2 ? 'PREFERRED' : 'REQUIRED') as never,
          minLevel: 1 + Math.floor(rand() * 5),
          weight: i % 3 === 2 ? 0.5 : 1,
        })),
      );
      postingIds.push(posting.id);
    }
    const candidates = await db.getRepository(Candidate).save(
      Array.from({ length: 300 }, (_, i) => ({
        displayName: `Random ${i}`,
        email: `random${i}@example.com`,
        headline: '',
        location: i % 2 ? 'Austin, TX' : 'Boston, MA',
        remote: [RemotePolicy.ONSITE, RemotePolicy.HYBRID, RemotePolicy.REMOTE][i % 3],
        yearsExperience: Math.floor(rand() * 8),
        openToWork: i % 7 !== 0,
      })),
    );
    const held: Partial<CandidateSkill>[] = [];
    for (const c of candidates) {
      for (const skillId of new Set(Array.from({ length: 1 + Math.floor(rand() * 6) }, pick))) {
        held.push({ candidateId: c.id, skillId, level: 1 + Math.floor(rand() * 5), years: null });
      }
    }
    await db.getRepository(CandidateSkill).insert(held);
    paged = new MatchIndex(db, { pageSize: 7, compactAtDeadShare: 0 });
    await paged.ready();
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  const agrees = async () => {
    for (const postingId of postingIds) {
      const expected = await expectedRanking(db, postingId, (c) => c.openToWork);
      expect({ postingId, got: await walk(server, { postingId: String(postingId) }, 37) }).toEqual({
        postingId,
        got: expected,
      });
      const posting = await db.getRepository(JobPosting).findOneByOrFail({ id: postingId });
      const skills = orderPostingSkills(await db.getRepository(PostingSkill).findBy({ postingId }));
      const { page } = paged.rank(
        { minYearsExperience: posting.minYearsExperience, skills },
        { openToWorkOnly: true },
        1000,
        null,
      );
      expect({ postingId, paged: page }).toEqual({
        postingId,
        paged: expected.map(({ id, score }) => ({ id, score })),
      });
    }
    const [counts] = await db.query(
      'SELECT (SELECT COUNT(*) FROM candidate) AS candidates, (SELECT COUNT(*) FROM candidate_skill) AS entries',
    );
    for (const index of [server.services.matchIndex, paged]) {
      expect(index.stats()).toMatchObject({
        candidates: Number(counts.candidates),
        skillEntries: Number(counts.entries),
      });
    }
  };

  it('returns exactly the ranking of the scoring module applied to every candidate', agrees);

  it('does not read again, at its first poll, the candidates it has just been built from', async () => {
    const fresh = new MatchIndex(db, { pageSize: 7 });
    await fresh.ready();
    expect(await fresh.poll()).toBe(0);
  });

  it('still agrees after writes made elsewhere, once the change feed has run', async () => {
    const rand = random(7);
    const some = await db.getRepository(Candidate).find({ take: 40, order: { id: 'ASC' } });
    for (const c of some) {
      await db
        .getRepository(CandidateSkill)
        .update({ candidateId: c.id }, { level: 1 + Math.floor(rand() * 5) });
      // Writers bump updatedAt whenever a candidate's skills change: that is what the feed follows.
      await db.getRepository(Candidate).update(c.id, { yearsExperience: Math.floor(rand() * 10) });
    }
    const removed = some.slice(0, 5).map((c) => c.id);
    await db.getRepository(Candidate).delete({ id: In(removed) });
    for (let i = 0; i < 5; i++) {
      await server.services.matchIndex.poll(); // the fifth poll reconciles deletions
      await paged.poll();
    }
    await agrees();
  });

  it('reads no rows from the change feed while nothing is written', async () => {
    await paged.poll();
    await paged.poll(); // settled: the window has been read since the last write
    const before = totalStatementCount();
    for (let i = 0; i < 5; i++) expect(await paged.poll()).toBe(0);
    // each poll: the skill catalogue and the window's size; once in five, the candidate count
    expect(totalStatementCount() - before).toBe(5 * 2 + 1);
  });

  it('agrees at once after writes made through this process', async () => {
    const some = await db.getRepository(Candidate).find({ skip: 50, take: 10, order: { id: 'ASC' } });
    const ids = some.map((c) => c.id);
    await db.getRepository(CandidateSkill).delete({ candidateId: In(ids.slice(0, 5)) });
    await db.getRepository(Candidate).update({ id: In(ids.slice(5)) }, { openToWork: false });
    await server.services.matchIndex.refreshCandidates(ids);
    await paged.refreshCandidates(ids);
    await agrees();
  });
});
