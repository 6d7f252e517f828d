import { DataSource } from 'typeorm';
import { RemotePolicy } from '../../src/common/remote-policy';
import { IndexPage, MatchIndex } from '../../src/matching/match-index';
import { orderPostingSkills, PostingInput } from '../../src/matching/scoring';
import { JobPosting, PostingSkill } from '../../src/posting/posting.entity';
import { generateSynthetic, SyntheticRows, syntheticSkills } from '../../seeds/synthetic';
import { createTestDatabase } from '../helpers/test-db';

// The scale benchmark measures sizes no database holds by indexing the synthetic
// generator's rows in memory: those rows must be the ones the generator writes to a
// database for the same seed, and an index built from them must rank as one built from
// that database.

describe('synthetic rows drawn without a database', () => {
  let db: DataSource;
  const options = { candidates: 2500, postings: 12, seed: 7 };

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    await generateSynthetic(db, options);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  /** The first 50 open-to-work matches of each posting, as the index ranks them. */
  function rankings(index: MatchIndex, postings: PostingInput[]) {
    const window = { size: 50, from: 'start' as const, after: null, before: null };
    return postings.map((posting) => {
      const { total, page } = index.rank(posting, { openToWorkOnly: true }, window);
      return { total, page };
    });
  }

  it('rank as the rows the generator wrote to the database', async () => {
    const [{ first }] = await db.query('SELECT MIN(id) AS first FROM candidate');
    const [{ firstPosting }] = await db.query('SELECT MIN(id) AS firstPosting FROM job_posting');
    const rows = new SyntheticRows(await syntheticSkills(db), options.seed);
    const pages: IndexPage[] = [...rows.candidatePages(options.candidates, Number(first), 1000)].map(
      (page) => ({
        candidates: page.candidates.map((c) => ({
          ...c,
          remote: c.remote as RemotePolicy,
          updatedAt: new Date(0),
        })),
        skills: page.skills,
      }),
    );
    const generated = rows.postings(options.postings, Number(firstPosting));

    const fromRows = new MatchIndex(db, { pageSize: 1000 });
    await fromRows.buildFrom(pages);
    const fromDb = new MatchIndex(db, { pageSize: 1000 });
    await fromDb.ready();

    const stored = await db.getRepository(JobPosting).find({ order: { id: 'ASC' } });
    const storedSkills = await db.getRepository(PostingSkill).find();
    const storedInputs = stored.map((p) => ({
      minYearsExperience: p.minYearsExperience,
      skills: orderPostingSkills(storedSkills.filter((s) => s.postingId === p.id)),
    }));
    const generatedInputs = generated.map((p) => ({
      minYearsExperience: p.minYearsExperience,
      skills: orderPostingSkills(p.skills),
    }));

    expect(fromRows.stats()).toMatchObject({
      candidates: options.candidates,
      skillEntries: fromDb.stats().skillEntries,
      bytes: fromDb.stats().bytes,
    });
    const expected = rankings(fromDb, storedInputs);
    expect(expected.some(({ total }) => total > 0)).toBe(true);
    expect(rankings(fromRows, generatedInputs)).toEqual(expected);
  }, 60_000);
});
