import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { ChangeFeed } from '../../src/matching/change-feed';
import { decodeIndex, readSnapshotFile, snapshotStamp } from '../../src/matching/index-snapshot';
import { MatchIndex } from '../../src/matching/match-index';
import { orderPostingSkills } from '../../src/matching/scoring';
import { JobPosting, PostingSkill, PostingStatus } from '../../src/posting/posting.entity';
import { Skill } from '../../src/skill/skill.entity';
import { createTestDatabase } from '../helpers/test-db';

// A restart loads the saved match index and catches up with what was written since,
// instead of reading every candidate: what it ranks must be what an index built from the
// database ranks, and a file that does not belong to this database is never used.

describe('the saved match index', () => {
  let db: DataSource;
  let dir: string;
  let path: string;
  const source = 'the test database';

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    dir = await mkdtemp(join(tmpdir(), 'skillgraph-snapshot-'));
    path = join(dir, 'match-index.snapshot');
  });
  afterAll(async () => {
    await db?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  /** Every open posting ranked by `index`, all of its matches, with and without filters. */
  async function rankings(index: MatchIndex) {
    const postings = await db.getRepository(JobPosting).findBy({ status: PostingStatus.OPEN });
    const result: unknown[] = [];
    for (const posting of postings) {
      const skills = orderPostingSkills(
        await db.getRepository(PostingSkill).findBy({ postingId: posting.id }),
      );
      const input = { minYearsExperience: posting.minYearsExperience, skills };
      for (const filter of [
        { openToWorkOnly: false },
        { openToWorkOnly: true, remote: [RemotePolicy.REMOTE], location: 'a' },
      ]) {
        // How many candidates a ranking scored depends on how the index lays them out: left out.
        const window = { size: 1000, from: 'start' as const, after: null, before: null };
        const { total, page, hasMore } = index.rank(input, filter, window);
        result.push({ posting: posting.id, filter, total, page, hasMore });
      }
    }
    return result;
  }

  const built = async (snapshot: { path: string; source: string } | null) => {
    const index = new MatchIndex(db, { snapshot });
    await index.ready();
    return index;
  };

  it('is loaded at start, caught up with writes made since, and ranks as one built from the database', async () => {
    const first = await built({ path, source });
    expect(first.stats().fromSnapshot).toBe(false);
    expect(await first.saveSnapshot()).toBe(true);
    expect(await first.saveSnapshot()).toBe(false); // nothing new since

    // Written while the service was down: a changed profile and skills, a deletion, a newcomer.
    const [changed, deleted] = await db.getRepository(Candidate).find({ order: { id: 'ASC' }, take: 2 });
    const [python, postgres] = await db
      .getRepository(Skill)
      .findBy([{ slug: 'python' }, { slug: 'postgresql' }]);
    await db.getRepository(CandidateSkill).delete({ candidateId: changed.id });
    await db
      .getRepository(CandidateSkill)
      .insert({ candidateId: changed.id, skillId: python.id, level: 5, years: null });
    await db.getRepository(Candidate).update(changed.id, {
      remote: RemotePolicy.REMOTE,
      openToWork: true,
      updatedAt: new Date(Date.now() + 10),
    });
    await db.getRepository(CandidateSkill).delete({ candidateId: deleted.id });
    await db.getRepository(Candidate).delete(deleted.id);
    const newcomer = await db.getRepository(Candidate).save({
      displayName: 'Newcomer',
      email: 'newcomer@example.com',
      headline: '',
      location: 'Lisbon',
      remote: RemotePolicy.REMOTE,
      yearsExperience: 4,
      openToWork: true,
    });
    await db.getRepository(CandidateSkill).insert([
      { candidateId: newcomer.id, skillId: python.id, level: 4, years: null },
      { candidateId: newcomer.id, skillId: postgres.id, level: 3, years: null },
    ]);

    const restarted = await built({ path, source });
    expect(restarted.stats().fromSnapshot).toBe(true);
    const fresh = await built(null);
    expect(restarted.stats()).toMatchObject({
      candidates: fresh.stats().candidates,
      skillEntries: fresh.stats().skillEntries,
    });
    expect(await rankings(restarted)).toEqual(await rankings(fresh));
  });

  it('keeps a write made while it is being saved, in the index and after a restart', async () => {
    const index = await built({ path: join(dir, 'busy.snapshot'), source });
    const [someone] = await db.getRepository(Candidate).find({ order: { id: 'DESC' }, take: 1 });
    const python = await db.getRepository(Skill).findOneByOrFail({ slug: 'python' });
    await db.getRepository(CandidateSkill).delete({ candidateId: someone.id });
    await db
      .getRepository(CandidateSkill)
      .insert({ candidateId: someone.id, skillId: python.id, level: 2, years: null });
    await db.getRepository(Candidate).update(someone.id, { updatedAt: new Date(Date.now() + 20) });
    await Promise.all([index.saveSnapshot(), index.refreshCandidates([someone.id])]);
    const fresh = await built(null);
    expect(await rankings(index)).toEqual(await rankings(fresh));
    expect(await rankings(await built({ path: join(dir, 'busy.snapshot'), source }))).toEqual(
      await rankings(fresh),
    );
  });

  it('is ignored when saved from another database, or when the skills changed since', async () => {
    const index = await built({ path, source });
    await index.saveSnapshot().catch(() => undefined);
    expect((await built({ path, source: 'another database' })).stats().fromSnapshot).toBe(false);

    const skill = await db.getRepository(Skill).findOneByOrFail({ slug: 'python' });
    await db.getRepository(Skill).update(skill.id, { updatedAt: new Date(Date.now() + 1000) });
    expect((await built({ path, source })).stats().fromSnapshot).toBe(false);
  });

  it('is ignored when damaged, and the index is built from the database instead', async () => {
    const index = await built({ path: join(dir, 'whole.snapshot'), source });
    await index.saveSnapshot();
    const bytes = await readFile(join(dir, 'whole.snapshot'));
    await writeFile(path, bytes.subarray(0, bytes.length - 100));
    const fromDamaged = await built({ path, source });
    expect(fromDamaged.stats().fromSnapshot).toBe(false);
    expect(await rankings(fromDamaged)).toEqual(await rankings(await built(null)));

    await writeFile(path, 'not an index');
    expect((await built({ path, source })).stats().fromSnapshot).toBe(false);
  });

  it('saves the versions the change feed has seen: a restart reads again only newer ones', async () => {
    const file = join(dir, 'seen.snapshot');
    const index = await built({ path: file, source });
    // Every candidate written elsewhere at once, as a script would: one large page of the feed.
    await db.query('UPDATE candidate SET updatedAt = ?', [new Date(Date.now() + 30)]);
    const everyone = await db.getRepository(Candidate).count();
    expect(await index.refresh()).toBe(everyone);
    await index.saveSnapshot();

    const image = decodeIndex((await readSnapshotFile(file))!, await snapshotStamp(db, source));
    expect(image?.feed.seen.ids.length).toBe(everyone);
    const feed = new ChangeFeed(db, 100);
    feed.resumeFrom(image!.feed);
    expect((await feed.read()).changed).toEqual([]);
    const [someone] = await db.getRepository(Candidate).find({ order: { id: 'ASC' }, take: 1 });
    await db.getRepository(Candidate).update(someone.id, { updatedAt: new Date(Date.now() + 60) });
    expect((await feed.read()).changed).toEqual([someone.id]);
  });

  it('is loaded onto shared memory, which ranking threads read in place', async () => {
    const file = join(dir, 'shared.snapshot');
    const index = await built({ path: file, source });
    await index.saveSnapshot();
    const { columns, lists } = decodeIndex((await readSnapshotFile(file))!, await snapshotStamp(db, source))!;
    const { ids, years, openToWork, alive, remote, location, skillCount } = columns;
    const arrays = [ids, years, openToWork, alive, remote, location, skillCount];
    for (const list of lists.values()) arrays.push(list.slots, list.levels);
    expect(lists.size).toBeGreaterThan(0);
    expect(arrays.filter((array) => !(array.buffer instanceof SharedArrayBuffer))).toEqual([]);
  });

  it('is ignored when saved in an older format', async () => {
    const file = join(dir, 'old.snapshot');
    await (await built({ path: file, source })).saveSnapshot();
    const bytes = await readFile(file);
    const at = bytes.indexOf('"format":');
    expect(at).toBeGreaterThan(0);
    bytes.write('"format":1,', at); // the first format held the versions seen in the header
    await writeFile(file, bytes);
    expect((await built({ path: file, source })).stats().fromSnapshot).toBe(false);
  });
});
