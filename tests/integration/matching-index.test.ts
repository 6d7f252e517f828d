import { DataSource, In } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { totalStatementCount } from '../../src/common/query-stats';
import { MatchIndex } from '../../src/matching/match-index';
import { orderPostingSkills } from '../../src/matching/scoring';
import {
  Company,
  Importance,
  JobPosting,
  PostingSkill,
  PostingStatus,
  Seniority,
} from '../../src/posting/posting.entity';
import { SkillCatalog } from '../../src/skill/skill-catalog';
import { Skill } from '../../src/skill/skill.entity';
import { expectedRanking, random, walk, walkBackward } from '../helpers/matching';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { gid } from '../helpers/ids';

// Properties of the match index on seeded random data: whatever the page size of its
// build, the writes made through it or elsewhere, and its compactions, it ranks exactly
// as the scoring module applied to every candidate does.

describe('match index on random data', () => {
  let db: DataSource;
  let server: TestServer;
  let postingIds: number[];
  // Built in pages of 7 candidates, and compacted after every change: the paths a
  // server takes only at scale.
  let paged: MatchIndex;
  let pagedSkills: SkillCatalog;

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
          importance: i % 3 === 2 ? Importance.PREFERRED : Importance.REQUIRED,
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
    pagedSkills = new SkillCatalog(db);
    paged = new MatchIndex(db, { pageSize: 7, compactAtDeadShare: 0, skills: pagedSkills });
    await paged.ready();
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  const agrees = async () => {
    for (const postingId of postingIds) {
      const expected = await expectedRanking(db, postingId, (c) => c.openToWork);
      expect({
        postingId,
        got: await walk(server, { postingId: gid('JobPosting', postingId) }, 37),
        backward: await walkBackward(server, { postingId: gid('JobPosting', postingId) }, 29),
      }).toEqual({ postingId, got: expected, backward: expected });
      const posting = await db.getRepository(JobPosting).findOneByOrFail({ id: postingId });
      const skills = orderPostingSkills(await db.getRepository(PostingSkill).findBy({ postingId }));
      const { page } = paged.rank(
        { minYearsExperience: posting.minYearsExperience, skills },
        { openToWorkOnly: true },
        { size: 1000, from: 'start', after: null, before: null },
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
    expect(await fresh.refresh()).toBe(0);
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
      await server.services.matchIndex.refresh(); // the fifth poll reconciles deletions
      await paged.refresh();
    }
    await agrees();
  });

  it('reads no rows from the change feed while nothing is written', async () => {
    await paged.refresh();
    await paged.refresh(); // settled: the window has been read since the last write
    const before = totalStatementCount();
    for (let i = 0; i < 5; i++) {
      await pagedSkills.refresh(); // a round of the refresh loop: the skill catalogue, then the index
      expect(await paged.refresh()).toBe(0);
    }
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
