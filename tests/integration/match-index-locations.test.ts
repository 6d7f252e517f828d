import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { MatchIndex } from '../../src/matching/match-index';
import { createTestDatabase } from '../helpers/test-db';

// The match index names each distinct location once. Locations nobody uses any more
// (after edits, made here or elsewhere) are pruned, so a client editing their location in
// a loop cannot grow the process's memory.

describe('match index locations', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const distinctLocations = async () =>
    Number(
      (
        await db
          .getRepository(Candidate)
          .createQueryBuilder('c')
          .select('COUNT(DISTINCT c.location)', 'n')
          .getRawOne<{ n: number }>()
      )?.n,
    );

  it('forgets the locations of candidates who moved, edited elsewhere', async () => {
    const index = new MatchIndex(db, { compactAtDeadShare: 0 });
    await index.ready();
    expect(index.stats().locations).toBe(await distinctLocations());
    const [someone] = await db.getRepository(Candidate).find({ order: { id: 'ASC' }, take: 1 });
    for (let i = 0; i < 50; i++) {
      await db.getRepository(Candidate).update(someone.id, { location: `Moved ${i}` });
      await index.refreshCandidates([someone.id]);
    }
    await index.settled(); // the last compaction, a slice per turn
    expect(index.stats().locations).toBe(await distinctLocations());
  });

  it('forgets the locations of profiles edited in place, and filters by the current one', async () => {
    const index = new MatchIndex(db);
    await index.ready();
    const [someone] = await db.getRepository(Candidate).find({ order: { id: 'DESC' }, take: 1 });
    for (let i = 0; i < 500; i++) {
      await index.applyProfile({ ...someone, location: `Wandering ${i}` });
    }
    const held = index.stats().locations;
    expect(held).toBeLessThanOrEqual(2 * index.stats().candidates + 64);
    expect(held).toBeLessThan(500);

    const [skill] = await db.getRepository(CandidateSkill).findBy({ candidateId: someone.id });
    const posting = {
      minYearsExperience: 0,
      skills: [{ skillId: skill.skillId, importance: 'REQUIRED' as const, minLevel: 1, weight: 1 }],
    };
    const near = (location: string) =>
      index
        .rank(
          posting,
          { openToWorkOnly: false, location },
          { size: 100, from: 'start', after: null, before: null },
        )
        .page.map((r) => r.id);
    expect(near('Wandering 499')).toEqual([someone.id]);
    expect(near('Wandering 498')).toEqual([]);
  });
});
