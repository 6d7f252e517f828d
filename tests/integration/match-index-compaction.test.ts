import { DataSource, In } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { MatchIndex } from '../../src/matching/match-index';
import { RankingFilter } from '../../src/matching/ranking';
import { orderPostingSkills, PostingInput } from '../../src/matching/scoring';
import { Skill } from '../../src/skill/skill.entity';
import { random } from '../helpers/matching';
import { createTestDatabase } from '../helpers/test-db';

// The match index drops the slots of changed and deleted candidates a slice at a time,
// between requests. Whatever is written meanwhile (through it, or elsewhere and found by the
// change feed), it ranks at every moment, compacting or not, exactly as an index built
// afresh from the database does.

describe('match index compacted a slice at a time', () => {
  let db: DataSource;
  let postings: PostingInput[];
  let skillIds: number[];
  const rand = random(11);

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    const skills = await db.getRepository(Skill).find({ order: { id: 'ASC' }, take: 12 });
    skillIds = skills.map((s) => s.id);
    postings = [0, 1, 2].map((p) => ({
      minYearsExperience: p,
      skills: orderPostingSkills(
        skillIds.slice(p * 3, p * 3 + 4).map((skillId, i) => ({
          skillId,
          importance: i === 3 ? ('PREFERRED' as const) : ('REQUIRED' as const),
          minLevel: 1 + ((p + i) % 4),
          weight: i === 3 ? 0.5 : 1,
        })),
      ),
    }));
    const candidates = await db.getRepository(Candidate).save(
      Array.from({ length: 120 }, (_, i) => ({
        displayName: `Compacted ${i}`,
        email: `compacted${i}@example.com`,
        headline: '',
        location: ['Austin, TX', 'Boston, MA', 'Remote'][i % 3],
        remote: [RemotePolicy.ONSITE, RemotePolicy.HYBRID, RemotePolicy.REMOTE][i % 3],
        yearsExperience: Math.floor(rand() * 8),
        openToWork: i % 5 !== 0,
      })),
    );
    for (const c of candidates) await giveSkills(c.id);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  async function giveSkills(candidateId: number): Promise<void> {
    await db.getRepository(CandidateSkill).delete({ candidateId });
    const held = new Set(
      Array.from({ length: 1 + Math.floor(rand() * 5) }, () => skillIds[Math.floor(rand() * 12)]),
    );
    await db.getRepository(CandidateSkill).insert(
      [...held].map((skillId) => ({
        candidateId,
        skillId,
        level: 1 + Math.floor(rand() * 5),
        years: null,
      })),
    );
    // Skills written straight to the table move no timestamp of their own: the candidate's does.
    await touch(candidateId, { headline: `skills ${rand()}` });
  }

  /**
   * Writes a candidate with its timestamp to the microsecond, as MySQL keeps it: TypeORM's
   * `update` writes whole seconds, and the change feed cannot tell apart two writes made
   * within one second.
   */
  async function touch(id: number, values: Partial<Candidate>): Promise<void> {
    await db
      .createQueryBuilder()
      .update(Candidate)
      .set({ ...values, updatedAt: () => 'CURRENT_TIMESTAMP(6)' })
      .where('id = :id', { id })
      .execute();
  }

  const filters: RankingFilter[] = [
    { openToWorkOnly: false },
    { openToWorkOnly: true, location: 'boston', minYearsExperience: 2 },
    { openToWorkOnly: false, remote: [RemotePolicy.REMOTE], onlyMeetingRequired: true },
  ];
  const rankings = (index: MatchIndex) =>
    postings.flatMap((posting) =>
      filters.flatMap((filter) => [
        index.rank(posting, filter, { size: 500, from: 'start', after: null, before: null }),
        // always exhaustive: the page from the end
        index.rank(posting, filter, { size: 7, from: 'end', after: null, before: null }),
      ]),
    );
  const fromDatabase = async () => {
    const fresh = new MatchIndex(db);
    await fresh.ready();
    return { rankings: rankings(fresh), stats: fresh.stats() };
  };
  const agrees = async (index: MatchIndex) => {
    const expected = await fromDatabase();
    expect(rankings(index)).toEqual(expected.rankings);
    expect(index.stats()).toMatchObject({
      candidates: expected.stats.candidates,
      skillEntries: expected.stats.skillEntries,
    });
  };
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  // On three threads too, splitting every ranking however small the index: the threads read the
  // arrays in use at each ranking, whichever a compaction or a growth has just put in use.
  const threaded = { threads: 3, threadedFrom: 0 };
  const onThreads = [
    ['one thread', {}],
    ['three threads', threaded],
  ] as const;

  it.each(onThreads)(
    'ranks exactly in the middle of a compaction and after it, whatever is written meanwhile, on %s',
    async (_, threads) => {
      // An entry or a slot per turn: every compaction here spans hundreds of turns of the event loop.
      const index = new MatchIndex(db, { compactionSlice: 1, compactAtDeadShare: 0.05, threads });
      await index.ready();
      await index.threads.ready();
      let rankedWhileCompacting = 0;
      for (let step = 0; step < 40; step++) {
        const ids = (await db.getRepository(Candidate).find({ select: { id: true } })).map((c) => c.id);
        const someone = ids[Math.floor(rand() * ids.length)];
        if (step % 4 === 0) {
          // changed skills, applied by this process
          await giveSkills(someone);
          await index.refreshCandidates([someone]);
        } else if (step % 4 === 1) {
          // a profile edited in place
          await touch(someone, { yearsExperience: step % 9, location: `Moved ${step}` });
          const row = await db.getRepository(Candidate).findOneByOrFail({ id: someone });
          await index.applyProfile(row);
        } else if (step % 4 === 2) {
          // deleted through this process
          await db.getRepository(Candidate).delete(someone);
          await index.refreshCandidates([someone]);
        } else {
          // changed elsewhere, found by the change feed
          await giveSkills(someone);
          await index.refresh();
        }
        const expected = await fromDatabase();
        // Some turns of the compaction under way, if any, ranking between each: the rest
        // goes on while the next writes are made.
        for (let turn = 0; turn < 30; turn++) {
          expect(rankings(index)).toEqual(expected.rankings);
          if (!index.stats().compacting) break;
          rankedWhileCompacting++;
          await nextTurn();
        }
      }
      expect(rankedWhileCompacting).toBeGreaterThan(10);
      await index.settled();
      await agrees(index);
      // No thread failed or was late, leaving its ranges to the main thread.
      expect(index.threads.running()).toBe(threads === threaded ? 3 : 1);
      // Every array a growth or compaction put in use was shared, so the rankings were split.
      expect(index.threads.counts.unshared).toBe(0);
      if (threads === threaded) expect(index.threads.counts.split).toBeGreaterThan(10);
      await index.threads.close();
    },
  );

  it.each(onThreads)(
    'ranks exactly while its columns grow a slice at a time, whatever is written meanwhile, on %s',
    async (_, threads) => {
      // Never compacted: every write adds a slot, until the columns (1,024 slots at first) run
      // short of room and grow, a slot per turn.
      const index = new MatchIndex(db, { compactionSlice: 1, compactAtDeadShare: 100, threads });
      await index.ready();
      await index.threads.ready();
      const ids = (await db.getRepository(Candidate).find({ select: { id: true } })).map((c) => c.id);
      let rankedWhileGrowing = 0;
      for (let step = 0; step < 24; step++) {
        const someone = ids[Math.floor(rand() * ids.length)];
        if (step < 8) {
          // every candidate re-read: their slots go dead, and each gets a new one
          await index.refreshCandidates(ids);
        } else if (step % 3 === 0) {
          await touch(someone, { yearsExperience: step % 9, location: `Grown ${step}` });
          await index.applyProfile(await db.getRepository(Candidate).findOneByOrFail({ id: someone }));
        } else if (step % 3 === 1) {
          await giveSkills(someone);
          await index.refreshCandidates([someone]);
        } else {
          await giveSkills(someone);
          await index.refresh();
        }
        // Ranked at once, then a turn of the growth at a time, before reading the database for
        // the expected rankings: the growth goes on while it is read, and a slow database (a
        // busy machine) left it done before a second ranking.
        const seen = [rankings(index)];
        if (index.stats().growing) rankedWhileGrowing++;
        for (let turn = 0; turn < 20; turn++) {
          await nextTurn();
          if (!index.stats().growing) break;
          seen.push(rankings(index));
          rankedWhileGrowing++;
        }
        const expected = await fromDatabase();
        for (const ranked of seen) expect(ranked).toEqual(expected.rankings);
      }
      expect(rankedWhileGrowing).toBeGreaterThan(10);
      await index.settled();
      expect(index.stats().growing).toBe(false);
      await agrees(index);
      expect(index.threads.running()).toBe(threads === threaded ? 3 : 1);
      // Every array a growth or compaction put in use was shared, so the rankings were split.
      expect(index.threads.counts.unshared).toBe(0);
      if (threads === threaded) expect(index.threads.counts.split).toBeGreaterThan(10);
      await index.threads.close();
    },
  );

  it('finds deletions made elsewhere, bucket by bucket, while compacting', async () => {
    const index = new MatchIndex(db, { compactionSlice: 5, compactAtDeadShare: 0.05 });
    await index.ready();
    const ids = (await db.getRepository(Candidate).find({ select: { id: true }, order: { id: 'ASC' } })).map(
      (c) => c.id,
    );
    const gone = ids.filter((_, i) => i % 9 === 4);
    await db.getRepository(CandidateSkill).delete({ candidateId: In(gone) });
    await db.getRepository(Candidate).delete(gone);
    // Deletions leave no timestamp: the feed compares counts every few polls.
    for (let poll = 0; poll < 5; poll++) await index.refresh();
    expect(index.stats().compacting).toBe(true);
    await agrees(index);
    await index.settled();
    await agrees(index);
  });
});
