import { DataSource } from 'typeorm';
import { entities } from '../../ormconfig';
import { seedDemo, seedReference } from '../../seeds/load';
import { courses } from '../../seeds/reference/courses';
import { loadTaxonomy } from '../../seeds/taxonomy/taxonomy';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { Course, CourseSkill } from '../../src/course/course.entity';
import { JobPosting, PostingSkill } from '../../src/posting/posting.entity';
import { Skill, SkillAlias } from '../../src/skill/skill.entity';
import { createTestDatabase } from '../helpers/test-db';

const { skills } = loadTaxonomy();

/** Every row of every table, in primary key order: a fingerprint of the whole database. */
async function snapshot(db: DataSource) {
  const tables: Record<string, unknown[]> = {};
  for (const entity of entities) {
    const meta = db.getMetadata(entity);
    const order = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
    tables[meta.tableName] = await db.getRepository(entity).find({ order });
  }
  return tables;
}

// FACTS.md names these; the reference data must hold every one.
const NAMED_SKILLS = [
  'python',
  'javascript',
  'ruby',
  'java',
  'php',
  'csharp',
  'sql',
  'perl',
  'html',
  'css',
  'xml',
  'ruby-on-rails',
  'django',
  'django-rest-framework',
  'cherrypy',
  'nodejs',
  'expressjs',
  'react',
  'dotnet',
  'mysql',
  'postgresql',
  'mongodb',
  'cassandra',
  'dynamodb',
  'hbase',
  'rest',
  'soap',
  'git',
  'aws',
  'nginx',
  'wordpress',
];
const NAMED_PROVIDERS = [
  'General Assembly',
  'Betamore',
  'Udacity',
  'Bloc',
  'Udemy',
  'Noble Desktop',
  'Microsoft',
];

describe('seeds', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('none');
  });
  afterAll(() => db?.destroy());

  it('load the reference and demo data, and a second load changes nothing', async () => {
    const first = { ...(await seedReference(db)), ...(await seedDemo(db)) };
    expect(first['rows written']).toBeGreaterThan(0);
    const before = await snapshot(db);

    const again = [await seedReference(db), await seedDemo(db)];
    expect(again.map((counts) => counts['rows written'])).toEqual([0, 0]);
    expect(await snapshot(db)).toEqual(before);
  });

  it("move an owner's updatedAt when a reseed changes only its links, and no other", async () => {
    const owners = { candidate: Candidate, job_posting: JobPosting, course: Course, skill: Skill };
    /** `updatedAt` in ms of every owner of links, by table and id */
    const versions = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(owners).map(async ([table, entity]) => {
            const rows = await db.getRepository<{ id: number; updatedAt: Date }>(entity).find();
            return [table, Object.fromEntries(rows.map((r) => [r.id, r.updatedAt.getTime()]))] as const;
          }),
        ),
      );
    await seedReference(db);
    await seedDemo(db);
    // Links changed behind the loader, their owners' rows left as they were.
    const [candidateSkill] = await db
      .getRepository(CandidateSkill)
      .find({ order: { candidateId: 'ASC' }, take: 1 });
    await db
      .getRepository(CandidateSkill)
      .update(
        { candidateId: candidateSkill.candidateId, skillId: candidateSkill.skillId },
        { level: candidateSkill.level === 1 ? 2 : 1 },
      );
    const [postingSkill] = await db
      .getRepository(PostingSkill)
      .find({ order: { postingId: 'ASC' }, take: 1 });
    await db
      .getRepository(PostingSkill)
      .delete({ postingId: postingSkill.postingId, skillId: postingSkill.skillId });
    const [courseSkill] = await db.getRepository(CourseSkill).find({ order: { courseId: 'ASC' }, take: 1 });
    await db
      .getRepository(CourseSkill)
      .delete({ courseId: courseSkill.courseId, skillId: courseSkill.skillId });
    const [alias] = await db.getRepository(SkillAlias).find({ order: { id: 'ASC' }, take: 1 });
    await db.getRepository(SkillAlias).delete(alias.id);
    const before = await versions();

    await seedReference(db);
    await seedDemo(db);
    const after = await versions();
    const moved = Object.fromEntries(
      Object.entries(after).map(([table, byId]) => [
        table,
        Object.keys(byId)
          .map(Number)
          .filter((id) => byId[id] !== before[table][id]),
      ]),
    );
    expect(moved).toEqual({
      candidate: [candidateSkill.candidateId],
      job_posting: [postingSkill.postingId],
      course: [courseSkill.courseId],
      skill: [alias.skillId],
    });
    expect(after.candidate[candidateSkill.candidateId]).toBeGreaterThan(
      before.candidate[candidateSkill.candidateId],
    );

    // Put back as the seeds have them: a reseed has nothing left to change.
    const again = [await seedReference(db), await seedDemo(db)];
    expect(again.map((counts) => counts['rows written'])).toEqual([0, 0]);
    expect(await versions()).toEqual(after);
  });

  it('hold every skill and course provider that the domain facts name', async () => {
    const slugs = (await snapshot(db)).skill.map((s) => (s as Skill).slug);
    expect(slugs).toEqual(expect.arrayContaining(NAMED_SKILLS));
    expect(slugs).toHaveLength(skills.length);
    const providers = new Set((await snapshot(db)).course.map((c) => (c as Course).provider));
    expect([...providers]).toEqual(expect.arrayContaining(NAMED_PROVIDERS));
    expect((await snapshot(db)).course).toHaveLength(courses.length);
  });
});
