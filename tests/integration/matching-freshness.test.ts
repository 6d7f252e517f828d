import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { totalStatementCount } from '../../src/common/query-stats';
import { OpenPostings } from '../../src/matching/open-postings';
import {
  Company,
  Importance,
  JobPosting,
  PostingSkill,
  PostingStatus,
  Seniority,
} from '../../src/posting/posting.entity';
import { Skill } from '../../src/skill/skill.entity';
import { dataOf } from '../helpers/graphql';
import { CANDIDATE_MATCHES, expectedRanking, POSTING_MATCHES } from '../helpers/matching';
import { runWhileBlocked } from '../helpers/other-client';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN } from '../helpers/viewers';
import { gid, keyOf } from '../helpers/ids';

// The open postings are held by each process between requests: a posting written
// elsewhere (another replica, a script) must show at the next request all the same.

describe('open postings written elsewhere', () => {
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

  it("ranks with a posting's skills as changed elsewhere since the process last held them", async () => {
    const ranking = async () =>
      dataOf(
        await server.execute(
          CANDIDATE_MATCHES,
          { postingId: gid('JobPosting', juniorId), first: 100 },
          ADMIN,
        ),
      ).candidateMatches;
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
      { postingId: juniorId, skillId: git.id, importance: Importance.REQUIRED, minLevel: 1, weight: 1 },
    ]);
    try {
      const expected = await expectedRanking(db, juniorId, (c) => c.openToWork);
      const now = await ranking();
      expect(now.totalCount).toBe(expected.length);
      expect(now.edges.map((e) => keyOf(e.node.candidate.id))).toEqual(expected.map((e) => e.id));
      for (const edge of now.edges) expect(edge.node.skills.map((s) => s.skill.slug)).toEqual(['git']);
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
    try {
      const earlier = open.current();
      const sent = totalStatementCount();
      while (totalStatementCount() === sent) await new Promise((resolve) => setImmediate(resolve));
      // While this process is blocked and has not read the answer to `earlier`'s check,
      // another client writes a posting: after that check ran, before the next call.
      runWhileBlocked(
        (db.options as { url: string }).url,
        `DO SLEEP(0.2); UPDATE job_posting SET updatedAt = '2030-01-01 00:00:00.000400' WHERE id = ${posting.id}`,
      );
      const later = open.current();
      expect(await earlier).toBe(before); // that check did run before the write
      expect(await later).not.toBe(before);
    } finally {
      await db.getRepository(JobPosting).save(posting); // its own updatedAt again
    }
  });

  it('follows postings written elsewhere at the next request: opened, then closed', async () => {
    const priya = await db.getRepository(Candidate).findOneByOrFail({ email: 'priya.raman@example.com' });
    const ranked = async () =>
      dataOf(
        await server.execute(POSTING_MATCHES, { candidateId: gid('Candidate', priya.id), first: 100 }, ADMIN),
      ).postingMatches.edges.map((e) => ({ id: keyOf(e.node.posting.id), score: e.node.score }));
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
        importance: Importance.REQUIRED,
        minLevel: s.level,
        weight: 1,
      })),
    );
    try {
      expect((await ranked())[0]).toEqual({ id: posting.id, score: 1 });
      await db.getRepository(JobPosting).save({ ...posting, status: PostingStatus.CLOSED });
      expect((await ranked()).map((m) => m.id)).not.toContain(posting.id);
    } finally {
      await db.getRepository(PostingSkill).delete({ postingId: posting.id });
      await db.getRepository(JobPosting).delete({ id: posting.id });
    }
  });
});
