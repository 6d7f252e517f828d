import { DataSource, IsNull, Like, Not } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { totalStatementCount } from '../../src/common/query-stats';
import { Course, CourseSkill } from '../../src/course/course.entity';
import { Company, JobPosting, PostingSkill } from '../../src/posting/posting.entity';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, learnerAs, recruiterOf } from '../helpers/viewers';
import { gid } from '../helpers/ids';

const IMPORT = /* GraphQL */ `
  mutation Import($input: ImportRecordsInput!) {
    importRecords(input: $input) {
      report {
        created
        updated
        unchanged
        rejected
        errors {
          line
          field
          code
          message
        }
        extracted
        extractions {
          line
          externalId
          skillCount
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`;

const RANKED = /* GraphQL */ `
  query Ranked($id: ID!) {
    candidateMatches(postingId: $id, first: 100) {
      edges {
        node {
          candidate {
            displayName
          }
        }
      }
    }
  }
`;

const jsonl = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');

const ada = {
  type: 'candidate',
  externalId: 'G-1',
  displayName: 'Ada Import',
  email: 'ada.import@example.com',
  remote: 'REMOTE',
  yearsExperience: 6,
  skills: [
    { skill: 'python', level: 5, years: 6 },
    { skill: 'Postgres', level: 4 },
  ],
};
const bo = {
  type: 'candidate',
  externalId: 'G-2',
  displayName: 'Bo Import',
  email: 'bo.import@example.com',
  skills: [{ skill: 'JS', level: 3 }],
};

let db: DataSource;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase('demo');
  server = await createTestServer(db);
});

afterAll(async () => {
  await server.stop();
  await db.destroy();
});

const importAs = (viewer: Parameters<TestServer['execute']>[2], input: Record<string, unknown>) =>
  server.execute(IMPORT, { input: { format: 'JSONL', ...input } }, viewer);

const created = (n: number) => ({ created: n, updated: 0, unchanged: 0, rejected: 0, errors: [] });

const imported = () =>
  db.getRepository(Candidate).find({ where: { externalId: Not(IsNull()) }, order: { id: 'ASC' } });

describe('importRecords', () => {
  it('reports what a dry run would do and writes nothing', async () => {
    const result = await importAs(ADMIN, { type: 'CANDIDATE', data: jsonl(ada, bo), dryRun: true });
    expect(result.errors).toBeUndefined();
    expect(result.data!.importRecords.userErrors).toEqual([]);
    expect(result.data!.importRecords.report).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      extracted: 0,
      extractions: [],
    });
    expect(await imported()).toEqual([]);
  });

  it('creates, then leaves unchanged, then updates in place: nothing is duplicated', async () => {
    const first = await importAs(ADMIN, { type: 'CANDIDATE', data: jsonl(ada, bo) });
    expect(first.data!.importRecords.report).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const before = await imported();
    expect(before.map((c) => [c.externalId, c.displayName])).toEqual([
      ['G-1', 'Ada Import'],
      ['G-2', 'Bo Import'],
    ]);

    const again = await importAs(ADMIN, { type: 'CANDIDATE', data: jsonl(ada, bo) });
    expect(again.data!.importRecords.report).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
      rejected: 0,
    });
    expect((await imported()).map((c) => c.updatedAt)).toEqual(before.map((c) => c.updatedAt));

    const changed = { ...ada, headline: 'Staff engineer', skills: [{ skill: 'python', level: 4 }] };
    const third = await importAs(ADMIN, { type: 'CANDIDATE', data: jsonl(changed, bo) });
    expect(third.data!.importRecords.report).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 1,
      rejected: 0,
    });
    const after = await imported();
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect(after[0].headline).toBe('Staff engineer');
    expect(after[0].updatedAt.getTime()).toBeGreaterThan(before[0].updatedAt.getTime());
    const skills = await db.getRepository(CandidateSkill).findBy({ candidateId: after[0].id });
    expect(skills.map((s) => [s.level, s.years])).toEqual([[4, null]]);

    // a field alone, then a skill's level alone: each is an update, and the rest stays as it was
    const renamed = { ...bo, displayName: 'Bo Renamed' };
    const relevelled = { ...changed, skills: [{ skill: 'python', level: 5 }] };
    const fourth = await importAs(ADMIN, { type: 'CANDIDATE', data: jsonl(relevelled, renamed) });
    expect(fourth.data!.importRecords.report).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    const [adaNow, boNow] = await imported();
    expect([adaNow.headline, boNow.displayName]).toEqual(['Staff engineer', 'Bo Renamed']);
    const held = async (candidateId: number) =>
      (
        await db.getRepository(CandidateSkill).find({ where: { candidateId }, relations: { skill: true } })
      ).map((s) => [s.skill!.slug, s.level]);
    expect(await held(adaNow.id)).toEqual([['python', 5]]);
    expect(await held(boNow.id)).toEqual([['javascript', 3]]);
    const fifth = await importAs(ADMIN, { type: 'CANDIDATE', data: jsonl(relevelled, renamed) });
    expect(fifth.data!.importRecords.report).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('reports each bad row by line, field and code, and writes the good ones', async () => {
    const data = [
      JSON.stringify({ ...bo, externalId: 'G-10', email: 'g10@example.com' }),
      '{"type": "candidate", "externalId": ',
      JSON.stringify({ type: 'robot', externalId: 'R-1' }),
      JSON.stringify({ type: 'candidate', externalId: 'G-11' }),
      JSON.stringify({ ...bo, externalId: 'G-12', skills: [{ skill: 'pyhton', level: 3 }] }),
      JSON.stringify({ ...bo, externalId: 'G-13', skills: [{ skill: 'python', level: 6 }] }),
      JSON.stringify({
        ...bo,
        externalId: 'G-14',
        skills: Array.from({ length: 51 }, () => ({ skill: 'python', level: 1 })),
      }),
    ].join('\n');
    const result = await importAs(ADMIN, { type: 'CANDIDATE', data });
    const report = result.data!.importRecords.report;
    expect(report).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: 6 });
    expect(
      report.errors.map((e: { line: number; field: string; code: string }) => [e.line, e.field, e.code]),
    ).toEqual([
      [2, null, 'MALFORMED_JSON'],
      [3, 'type', 'UNKNOWN_TYPE'],
      [4, 'displayName', 'MISSING_FIELD'],
      [5, 'skills[0].skill', 'UNKNOWN_SKILL'],
      [6, 'skills[0].level', 'LEVEL_OUT_OF_RANGE'],
      [7, 'skills', 'TOO_MANY_ITEMS'],
    ]);
    expect(report.errors[3].message).toBe('unknown skill "pyhton"; did you mean "python"?');
    expect((await imported()).map((c) => c.externalId)).toEqual(['G-1', 'G-2', 'G-10']);
  });

  it('reads CSV: a header row, quoted fields, and skills as skill:level pairs', async () => {
    const data = [
      'externalId,displayName,email,headline,remote,yearsExperience,openToWork,skills',
      'G-20,Ines CSV,ines.csv@example.com,"PHP, WordPress and MySQL",ONSITE,8,false,php:5:8;mysql:4',
    ].join('\r\n');
    const result = await importAs(ADMIN, { type: 'CANDIDATE', format: 'CSV', data });
    expect(result.data!.importRecords.report).toMatchObject({ created: 1, rejected: 0 });
    const ines = await db.getRepository(Candidate).findOneByOrFail({ externalId: 'G-20' });
    expect(ines).toMatchObject({
      headline: 'PHP, WordPress and MySQL',
      openToWork: false,
      yearsExperience: 8,
    });
    const skills = await db
      .getRepository(CandidateSkill)
      .find({ where: { candidateId: ines.id }, relations: { skill: true } });
    expect(skills.map((s) => [s.skill!.slug, s.level, s.years]).sort()).toEqual([
      ['mysql', 4, null],
      ['php', 5, 8],
    ]);
  });

  it('imports courses with prerequisites, by externalId', async () => {
    const course = {
      type: 'course',
      externalId: 'K-1',
      title: 'Import Course',
      provider: 'Import Academy',
      priceUsd: 49.99,
      skills: [{ skill: 'django', level: 3 }],
      prerequisites: ['python'],
    };
    const first = await importAs(ADMIN, { type: 'COURSE', data: jsonl(course) });
    expect(first.data!.importRecords.report).toMatchObject({ created: 1, rejected: 0 });
    const again = await importAs(ADMIN, { type: 'COURSE', data: jsonl(course) });
    expect(again.data!.importRecords.report).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await db.getRepository(Course).countBy({ externalId: 'K-1' })).toBe(1);

    // another externalId with K-1's provider and title clashes; the rest of its batch is written
    const other = { ...course, externalId: 'K-2', title: 'Another Import Course' };
    const clash = { ...course, externalId: 'K-3' };
    const third = await importAs(ADMIN, { type: 'COURSE', data: jsonl(other, clash) });
    expect(third.data!.importRecords.report).toEqual({
      ...created(1),
      rejected: 1,
      errors: [
        {
          line: 2,
          field: null,
          code: 'CONFLICT',
          message: 'a course by this provider with this title exists already under another externalId',
        },
      ],
      extracted: 0,
      extractions: [],
    });
    expect(await db.getRepository(Course).countBy({ provider: 'Import Academy' })).toBe(2);
    expect(await db.getRepository(Course).countBy({ externalId: 'K-3' })).toBe(0);
  });

  it("puts a recruiter's postings into their own company, and never into another", async () => {
    const [own, other] = await db.getRepository(Company).find({ order: { id: 'ASC' }, take: 2 });
    const posting = {
      type: 'posting',
      externalId: 'P-1',
      title: 'Imported backend role',
      skills: [{ skill: 'python', minLevel: 3 }],
    };
    const intoOther = { ...posting, externalId: 'P-2', company: other.name };
    const result = await importAs(recruiterOf(own.id), { type: 'POSTING', data: jsonl(posting, intoOther) });
    expect(result.data!.importRecords.report).toMatchObject({ created: 1, rejected: 1 });
    expect(result.data!.importRecords.report.errors).toMatchObject([
      { line: 2, field: 'company', code: 'COMPANY_NOT_ALLOWED' },
    ]);
    const rows = await db.getRepository(JobPosting).findBy({ externalId: Not(IsNull()) });
    expect(rows.map((p) => [p.externalId, p.companyId])).toEqual([['P-1', own.id]]);
    const skills = await db.getRepository(PostingSkill).findBy({ postingId: rows[0].id });
    expect(skills).toHaveLength(1);

    // The same externalId in another company (through an administrator) is another posting.
    const admin = await importAs(ADMIN, {
      type: 'POSTING',
      data: jsonl({ ...posting, company: other.name }),
    });
    expect(admin.data!.importRecords.report).toMatchObject({ created: 1, rejected: 0 });
    expect(await db.getRepository(JobPosting).countBy({ externalId: 'P-1' })).toBe(2);
  });

  it('writes a file of several batches in statements per batch, not per row, and a repeated record as its last copy says', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      type: 'candidate',
      externalId: `G-B${i + 1}`,
      displayName: `Batch Candidate ${i + 1}`,
      skills: [
        { skill: 'php', level: 1 + (i % 5) },
        { skill: i % 2 ? 'mysql' : 'Postgres', level: 3, years: i % 7 },
      ],
    }));
    // the third record again, changed, in the second batch of 1,000, while the first may be writing
    const data = jsonl(...rows.slice(0, 1200), { ...rows[2], headline: 'Repeated' }, ...rows.slice(1200));
    const before = totalStatementCount();
    const first = await importAs(ADMIN, { type: 'CANDIDATE', data });
    const statements = totalStatementCount() - before;
    expect(first.data!.importRecords.report).toEqual({
      ...created(2500),
      updated: 1,
      extracted: 0,
      extractions: [],
    });
    expect(statements).toBeLessThan(60); // about ten a batch of 1,000
    const repeated = await db.getRepository(Candidate).findOneByOrFail({ externalId: 'G-B3' });
    expect(repeated.headline).toBe('Repeated');
    expect(await db.getRepository(CandidateSkill).countBy({ candidateId: repeated.id })).toBe(2);

    const again = await importAs(ADMIN, { type: 'CANDIDATE', data });
    expect(again.data!.importRecords.report).toMatchObject({
      created: 0,
      updated: 2,
      unchanged: 2499,
      rejected: 0,
    });
    expect(await db.getRepository(Candidate).countBy({ externalId: Like('G-B%') })).toBe(2500);
  });

  it('gives records that list no skills those their text names, as each kind keeps them', async () => {
    const posting = {
      type: 'posting',
      externalId: 'X-P1',
      company: 'Text Reading GmbH',
      title: 'Senior Backend Engineer (Python)',
      description: [
        'You will build the APIs our logistics partners call, and keep them fast.',
        '',
        'Requirements:',
        '- 5+ years of Python and Django',
        '- Solid PostgreSQL, including query tuning',
        '- Docker',
        '',
        'Nice to have:',
        '- Kubernetes',
        '- Basic Terraform',
      ].join('\n'),
    };
    const candidate = {
      type: 'candidate',
      externalId: 'X-C1',
      displayName: 'Resume Reader',
      resume: 'Backend developer.\nExpert in Java and Spring Boot; some exposure to Kotlin.\nMySQL, Redis.',
    };
    const course = {
      type: 'course',
      externalId: 'X-K1',
      title: 'Kubernetes for Developers',
      provider: 'Text Academy',
      level: 'INTERMEDIATE',
      description:
        'Deploy services to Kubernetes and keep their manifests in Git.\nPrerequisites: Docker and basic Linux.',
    };
    const listed = { ...candidate, externalId: 'X-C2', skills: [] };
    const runs = [
      await importAs(ADMIN, { type: 'POSTING', data: jsonl(posting) }),
      await importAs(ADMIN, { type: 'CANDIDATE', data: jsonl(candidate, listed) }),
      await importAs(ADMIN, { type: 'COURSE', data: jsonl(course) }),
    ];
    expect(runs.map((r) => r.data!.importRecords.report)).toEqual([
      { ...created(1), extracted: 1, extractions: [{ line: 1, externalId: 'X-P1', skillCount: 6 }] },
      // an explicit list, even empty, wins over the text
      { ...created(2), extracted: 1, extractions: [{ line: 1, externalId: 'X-C1', skillCount: 5 }] },
      { ...created(1), extracted: 1, extractions: [{ line: 1, externalId: 'X-K1', skillCount: 2 }] },
    ]);

    const postingRow = await db.getRepository(JobPosting).findOneByOrFail({ externalId: 'X-P1' });
    const postingSkills = await db
      .getRepository(PostingSkill)
      .find({ where: { postingId: postingRow.id }, relations: { skill: true } });
    expect(postingSkills.map((s) => [s.skill!.slug, s.importance, s.minLevel, s.weight]).sort()).toEqual([
      ['django', 'REQUIRED', 4, 1],
      ['docker', 'REQUIRED', 3, 1],
      ['kubernetes', 'PREFERRED', 3, 0.5],
      ['postgresql', 'REQUIRED', 4, 1],
      ['python', 'REQUIRED', 4, 1],
      ['terraform', 'PREFERRED', 2, 0.5],
    ]);
    const [reader, withList] = await db
      .getRepository(Candidate)
      .find({ where: { displayName: 'Resume Reader' }, order: { id: 'ASC' } });
    const candidateSkills = await db
      .getRepository(CandidateSkill)
      .find({ where: { candidateId: reader.id }, relations: { skill: true } });
    // "Expert" holds for the sentence it is in
    expect(candidateSkills.map((s) => [s.skill!.slug, s.level, s.years]).sort()).toEqual([
      ['java', 5, null],
      ['kotlin', 2, null],
      ['mysql', 3, null],
      ['redis', 3, null],
      ['spring-boot', 5, null],
    ]);
    expect(await db.getRepository(CandidateSkill).countBy({ candidateId: withList.id })).toBe(0);
    const courseRow = await db.getRepository(Course).findOneByOrFail({ externalId: 'X-K1' });
    const courseSkills = await db
      .getRepository(CourseSkill)
      .find({ where: { courseId: courseRow.id }, relations: { skill: true } });
    // taught at the course's level; Docker and Linux are what it requires, not what it teaches
    expect(courseSkills.map((s) => [s.skill!.slug, s.level]).sort()).toEqual([
      ['git', 3],
      ['kubernetes', 3],
    ]);

    // read again from the same text, nothing changes
    const again = await importAs(ADMIN, { type: 'POSTING', data: jsonl(posting) });
    expect(again.data!.importRecords.report).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
      extracted: 1,
    });
  });

  it('refuses recruiters any other type, and learners and anonymous clients everything', async () => {
    const recruiter = await importAs(recruiterOf(1), { type: 'CANDIDATE', data: jsonl(ada) });
    expect(recruiter.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const learner = await importAs(learnerAs(1), { type: 'POSTING', data: '' });
    expect(learner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await importAs(null, { type: 'POSTING', data: '' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ranks imported candidates for a posting at once', async () => {
    const posting = await db.getRepository(JobPosting).findOneByOrFail({ externalId: 'P-1' });
    const rankedNames = async () => {
      const ranked = await server.execute<{
        candidateMatches: { edges: { node: { candidate: { displayName: string } } }[] };
      }>(RANKED, { id: gid('JobPosting', posting.id) }, recruiterOf(posting.companyId));
      expect(ranked.errors).toBeUndefined();
      return ranked.data!.candidateMatches.edges.map((e) => e.node.candidate.displayName);
    };
    expect(await rankedNames()).not.toContain('Fits Perfectly'); // the index is built, without them
    const fit = { ...ada, externalId: 'G-30', email: 'fit@example.com', displayName: 'Fits Perfectly' };
    await importAs(ADMIN, { type: 'CANDIDATE', data: jsonl(fit) });
    expect(await rankedNames()).toContain('Fits Perfectly');
  });
});
