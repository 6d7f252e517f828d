import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { Course, CoursePrerequisite, CourseSkill } from '../../src/course/course.entity';
import { Company, JobPosting, PostingSkill } from '../../src/posting/posting.entity';
import { dataOf, errorCode, GraphQLResult } from '../helpers/graphql';
import { gid, keyOf } from '../helpers/ids';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, learnerAs, recruiterOf } from '../helpers/viewers';

// What the posting, course and profile mutations answer when a person can fix the input:
// `data` with the object null and `userErrors` naming the field (list indexes included) and
// the rule, with nothing written and no value echoed. Who may write stays a top-level error.

interface UserError {
  field: string[] | null;
  code: string;
  message: string;
}
/** A mutation's payload: its userErrors, and the object it changed under its own name. */
interface Payload {
  userErrors: UserError[];
  [object: string]: unknown;
}

const USER_ERRORS = 'userErrors { field code message }';

const CREATE_POSTING = /* GraphQL */ `
  mutation ($input: CreateJobPostingInput!) {
    createJobPosting(input: $input) { jobPosting { id } ${USER_ERRORS} }
  }
`;
const UPDATE_POSTING = /* GraphQL */ `
  mutation ($input: UpdateJobPostingInput!) {
    updateJobPosting(input: $input) { jobPosting { id } ${USER_ERRORS} }
  }
`;
const CLOSE_POSTING = /* GraphQL */ `
  mutation ($input: CloseJobPostingInput!) {
    closeJobPosting(input: $input) { jobPosting { id } ${USER_ERRORS} }
  }
`;
const SET_POSTING_SKILLS = /* GraphQL */ `
  mutation ($input: SetPostingSkillsInput!) {
    setPostingSkills(input: $input) { jobPosting { id } ${USER_ERRORS} }
  }
`;
const CREATE_COURSE = /* GraphQL */ `
  mutation ($input: CreateCourseInput!) {
    createCourse(input: $input) { course { id } ${USER_ERRORS} }
  }
`;
const UPDATE_COURSE = /* GraphQL */ `
  mutation ($input: UpdateCourseInput!) {
    updateCourse(input: $input) { course { id } ${USER_ERRORS} }
  }
`;
const SET_COURSE_SKILLS = /* GraphQL */ `
  mutation ($input: SetCourseSkillsInput!) {
    setCourseSkills(input: $input) { course { id } ${USER_ERRORS} }
  }
`;
const SET_PREREQUISITES = /* GraphQL */ `
  mutation ($input: SetCoursePrerequisitesInput!) {
    setCoursePrerequisites(input: $input) { course { id } ${USER_ERRORS} }
  }
`;
const SET_MY_SKILLS = /* GraphQL */ `
  mutation ($input: SetMySkillsInput!) {
    setMySkills(input: $input) { candidate { id } ${USER_ERRORS} }
  }
`;
const UPDATE_PROFILE = /* GraphQL */ `
  mutation ($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) { candidate { id } ${USER_ERRORS} }
  }
`;

const POSTING = {
  title: 'Data Engineer',
  description: 'Moves data',
  seniority: 'MID',
  remote: 'REMOTE',
  salaryMin: 80000,
  salaryMax: 100000,
  skills: [{ skill: 'python', importance: 'REQUIRED', minLevel: 3 }],
};
const COURSE = { title: 'SQL Basics', provider: 'Payload Academy', format: 'ONLINE', level: 'BEGINNER' };
const required = (skill: string, minLevel = 3) => ({ skill, importance: 'REQUIRED', minLevel });

/** The one payload a mutation answered, with its userErrors. */
function payloadOf(result: GraphQLResult<Record<string, Payload>>): Payload {
  return Object.values(dataOf(result))[0];
}

describe('the posting, course and profile mutations refuse what a person can fix as userErrors', () => {
  let db: DataSource;
  let server: TestServer;
  let company: Company;
  let other: Company;
  let learner: Candidate;
  let postingId: string;
  let courseId: string;

  /** Every row these mutations write. */
  const rows = async () => ({
    postings: await db.getRepository(JobPosting).find({ order: { id: 'ASC' } }),
    postingSkills: await db.getRepository(PostingSkill).find({ order: { postingId: 'ASC', skillId: 'ASC' } }),
    courses: await db.getRepository(Course).find({ order: { id: 'ASC' } }),
    taught: await db.getRepository(CourseSkill).find({ order: { courseId: 'ASC', skillId: 'ASC' } }),
    needs: await db.getRepository(CoursePrerequisite).find({ order: { courseId: 'ASC', skillId: 'ASC' } }),
    candidates: await db.getRepository(Candidate).find({ order: { id: 'ASC' } }),
    candidateSkills: await db
      .getRepository(CandidateSkill)
      .find({ order: { candidateId: 'ASC', skillId: 'ASC' } }),
  });

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    company = await db.getRepository(Company).findOneByOrFail({ name: 'Quarry Lane Software' });
    other = await db.getRepository(Company).findOneByOrFail({ name: 'Bluefin Ledger' });
    learner = await db.getRepository(Candidate).findOneByOrFail({ email: 'chloe.dubois@example.com' });
    const posting = payloadOf(
      await server.execute<Record<string, Payload>>(
        CREATE_POSTING,
        { input: POSTING },
        recruiterOf(company.id),
      ),
    );
    postingId = (posting.jobPosting as { id: string }).id;
    const course = payloadOf(
      await server.execute<Record<string, Payload>>(CREATE_COURSE, { input: COURSE }, ADMIN),
    );
    courseId = (course.course as { id: string }).id;
    await server.execute<Record<string, Payload>>(
      SET_COURSE_SKILLS,
      { input: { courseId, skills: [{ skill: 'sql', level: 2 }] } },
      ADMIN,
    );
    await server.execute<Record<string, Payload>>(
      SET_MY_SKILLS,
      { input: { skills: [{ skill: 'git', level: 3 }] } },
      learnerAs(learner.id),
    );
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  const recruiter = () => recruiterOf(company.id);
  const learnerViewer = () => learnerAs(learner.id);

  // [what, document, variables (ids filled in by `vars`), who, expected userErrors (field, code), values never echoed]
  type Case = [
    string,
    string,
    () => Record<string, unknown>,
    () => ReturnType<typeof recruiterOf>,
    [string[], string][],
    string[],
  ];
  const cases: Case[] = [
    [
      'a posting level above 5, at its index',
      SET_POSTING_SKILLS,
      () => ({ input: { postingId, skills: [required('git'), required('sql', 6)] } }),
      recruiter,
      [[['input', 'skills', '1', 'minLevel'], 'TOO_LARGE']],
      [],
    ],
    [
      'a posting level below 1',
      SET_POSTING_SKILLS,
      () => ({ input: { postingId, skills: [required('git', 0)] } }),
      recruiter,
      [[['input', 'skills', '0', 'minLevel'], 'TOO_SMALL']],
      [],
    ],
    [
      'one unknown skill among valid ones',
      SET_POSTING_SKILLS,
      () => ({ input: { postingId, skills: [required('git'), required('sql'), required('pyhton')] } }),
      recruiter,
      [[['input', 'skills', '2', 'skill'], 'UNKNOWN_SKILL']],
      ['pyhton'],
    ],
    [
      'one skill twice, by two names',
      SET_POSTING_SKILLS,
      () => ({ input: { postingId, skills: [required('JS'), required('git'), required('javascript')] } }),
      recruiter,
      [[['input', 'skills', '2', 'skill'], 'DUPLICATE']],
      ['javascript'],
    ],
    [
      'every bad skill at once',
      SET_POSTING_SKILLS,
      () => ({ input: { postingId, skills: [required('klingon'), required('git'), required('Git')] } }),
      recruiter,
      [
        [['input', 'skills', '0', 'skill'], 'UNKNOWN_SKILL'],
        [['input', 'skills', '2', 'skill'], 'DUPLICATE'],
      ],
      ['klingon'],
    ],
    [
      'a negative salary',
      CREATE_POSTING,
      () => ({ input: { ...POSTING, salaryMin: -1 } }),
      recruiter,
      [[['input', 'salaryMin'], 'TOO_SMALL']],
      [],
    ],
    [
      'a fraction of a year of experience, which the whole-year column cannot hold',
      CREATE_POSTING,
      () => ({ input: { ...POSTING, minYearsExperience: 2.5 } }),
      recruiter,
      [[['input', 'minYearsExperience'], 'INVALID']],
      [],
    ],
    [
      'a minimum salary above the maximum',
      CREATE_POSTING,
      () => ({ input: { ...POSTING, salaryMin: 200000, salaryMax: 100000 } }),
      recruiter,
      [[['input', 'salaryMin'], 'TOO_LARGE']],
      ['200000', '100000'],
    ],
    [
      'an over-long title',
      CREATE_POSTING,
      () => ({ input: { ...POSTING, title: 'x'.repeat(201) } }),
      recruiter,
      [[['input', 'title'], 'TOO_LONG']],
      ['xxxxxxxx'],
    ],
    [
      'an empty title',
      CREATE_POSTING,
      () => ({ input: { ...POSTING, title: '' } }),
      recruiter,
      [[['input', 'title'], 'TOO_SHORT']],
      [],
    ],
    [
      'a malformed currency',
      CREATE_POSTING,
      () => ({ input: { ...POSTING, salaryCurrency: 'dollars' } }),
      recruiter,
      [[['input', 'salaryCurrency'], 'INVALID_FORMAT']],
      ['dollars'],
    ],
    [
      'an unknown skill in a new posting',
      CREATE_POSTING,
      () => ({ input: { ...POSTING, skills: [required('git'), required('pyhton')] } }),
      recruiter,
      [[['input', 'skills', '1', 'skill'], 'UNKNOWN_SKILL']],
      ['pyhton'],
    ],
    [
      'a maximum salary below the minimum the posting has',
      UPDATE_POSTING,
      () => ({ input: { id: postingId, title: 'Changed', salaryMax: 50000 } }),
      recruiter,
      [[['input', 'salaryMax'], 'TOO_SMALL']],
      ['50000'],
    ],
    [
      'a course title its provider already has',
      CREATE_COURSE,
      () => ({ input: COURSE }),
      () => ADMIN,
      [[['input', 'title'], 'TAKEN']],
      ['SQL Basics', 'Payload Academy'],
    ],
    [
      'a malformed course URL',
      UPDATE_COURSE,
      () => ({ input: { id: courseId, url: 'not a url' } }),
      () => ADMIN,
      [[['input', 'url'], 'INVALID_FORMAT']],
      ['not a url'],
    ],
    [
      'a negative course price',
      CREATE_COURSE,
      () => ({ input: { ...COURSE, title: 'Other', priceUsd: -5 } }),
      () => ADMIN,
      [[['input', 'priceUsd'], 'TOO_SMALL']],
      [],
    ],
    [
      'a course level above 5',
      SET_COURSE_SKILLS,
      () => ({ input: { courseId, skills: [{ skill: 'git', level: 7 }] } }),
      () => ADMIN,
      [[['input', 'skills', '0', 'level'], 'TOO_LARGE']],
      [],
    ],
    [
      'a course skill named twice',
      SET_COURSE_SKILLS,
      () => ({
        input: {
          courseId,
          skills: [
            { skill: 'git', level: 2 },
            { skill: 'Version control', level: 3 },
          ],
        },
      }),
      () => ADMIN,
      [[['input', 'skills', '1', 'skill'], 'DUPLICATE']],
      ['Version control'],
    ],
    [
      'an unknown prerequisite',
      SET_PREREQUISITES,
      () => ({ input: { courseId, skills: ['python', 'klingon'] } }),
      () => ADMIN,
      [[['input', 'skills', '1'], 'UNKNOWN_SKILL']],
      ['klingon'],
    ],
    [
      'a learner level above 5',
      SET_MY_SKILLS,
      () => ({
        input: {
          skills: [
            { skill: 'python', level: 3 },
            { skill: 'git', level: 9 },
          ],
        },
      }),
      learnerViewer,
      [[['input', 'skills', '1', 'level'], 'TOO_LARGE']],
      [],
    ],
    [
      'an unknown skill of a learner',
      SET_MY_SKILLS,
      () => ({
        input: {
          skills: [
            { skill: 'python', level: 3 },
            { skill: 'pyhton', level: 3 },
          ],
        },
      }),
      learnerViewer,
      [[['input', 'skills', '1', 'skill'], 'UNKNOWN_SKILL']],
      ['pyhton'],
    ],
    [
      'a profile with too many years',
      UPDATE_PROFILE,
      () => ({ input: { headline: 'Changed', yearsExperience: 99 } }),
      learnerViewer,
      [[['input', 'yearsExperience'], 'TOO_LARGE']],
      ['99'],
    ],
  ];

  it.each(cases)(
    'answers %s as userErrors, writes nothing and echoes no value',
    async (_what, document, variables, viewer, expected, secrets) => {
      const before = await rows();
      const payload = payloadOf(
        await server.execute<Record<string, Payload>>(document, variables(), viewer()),
      );
      expect(payload.userErrors.map((e) => [e.field, e.code])).toEqual(expected);
      for (const error of payload.userErrors) {
        // The message names the field it concerns, by its path under the input.
        expect(error.message.startsWith(`${error.field!.slice(1).join('.')}: `)).toBe(true);
        for (const secret of secrets) expect(error.message).not.toContain(secret);
      }
      const objects = Object.entries(payload).filter(([key]) => key !== 'userErrors');
      expect(objects).toEqual([[objects[0][0], null]]);
      expect(await rows()).toEqual(before);
    },
  );

  it('suggests the closest known skill for an unknown one', async () => {
    const payload = payloadOf(
      await server.execute<Record<string, Payload>>(
        SET_POSTING_SKILLS,
        { input: { postingId, skills: [required('git'), required('pyhton')] } },
        recruiter(),
      ),
    );
    expect(payload.userErrors).toEqual([
      {
        field: ['input', 'skills', '1', 'skill'],
        code: 'UNKNOWN_SKILL',
        message: 'skills.1.skill: no skill is named so; did you mean “python”?',
      },
    ]);
  });

  it('says which item a repeated skill repeats', async () => {
    const payload = payloadOf(
      await server.execute<Record<string, Payload>>(
        SET_MY_SKILLS,
        {
          input: {
            skills: [
              { skill: 'JS', level: 2 },
              { skill: 'git', level: 2 },
              { skill: 'javascript', level: 3 },
            ],
          },
        },
        learnerViewer(),
      ),
    );
    expect(payload.userErrors).toEqual([
      {
        field: ['input', 'skills', '2', 'skill'],
        code: 'DUPLICATE',
        message: 'skills.2.skill: names the same skill as skills.0.skill',
      },
    ]);
  });

  it.each<[string, string, () => Record<string, unknown>]>([
    ['updateJobPosting', UPDATE_POSTING, () => ({ input: { id: postingId, title: 'Hijacked' } })],
    ['closeJobPosting', CLOSE_POSTING, () => ({ input: { id: postingId } })],
    ['setPostingSkills', SET_POSTING_SKILLS, () => ({ input: { postingId, skills: [required('pyhton')] } })],
  ])("keeps %s of another company's posting a top-level FORBIDDEN", async (_what, document, variables) => {
    const before = await rows();
    const result = await server.execute<Record<string, Payload>>(
      document,
      variables(),
      recruiterOf(other.id),
    );
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
    expect(await rows()).toEqual(before);
  });

  it.each<[string, string, () => Record<string, unknown>, () => ReturnType<typeof recruiterOf>]>([
    ['a posting id', UPDATE_POSTING, () => ({ input: { id: 'not-an-id', title: 'x' } }), recruiter],
    ['a posting id', SET_POSTING_SKILLS, () => ({ input: { postingId: '0', skills: [] } }), recruiter],
    ['a course id', SET_PREREQUISITES, () => ({ input: { courseId: '-3', skills: [] } }), () => ADMIN],
  ])('keeps a malformed id (%s) a top-level BAD_USER_INPUT', async (_what, document, variables, viewer) => {
    const before = await rows();
    const result = await server.execute<Record<string, Payload>>(document, variables(), viewer());
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await rows()).toEqual(before);
  });

  it('keeps an unknown posting or course a top-level NOT_FOUND', async () => {
    expect(
      errorCode(
        await server.execute<Record<string, Payload>>(
          CLOSE_POSTING,
          { input: { id: gid('JobPosting', 999999) } },
          recruiter(),
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await server.execute<Record<string, Payload>>(
          UPDATE_COURSE,
          { input: { id: gid('Course', 999999), title: 'x' } },
          ADMIN,
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  it('answers a write it takes with empty userErrors and the changed object', async () => {
    const payload = payloadOf(
      await server.execute<Record<string, Payload>>(
        SET_POSTING_SKILLS,
        { input: { postingId, skills: [required('Postgres'), required('git')] } },
        recruiter(),
      ),
    );
    expect(payload).toEqual({ jobPosting: { id: postingId }, userErrors: [] });
    const skills = await db.getRepository(PostingSkill).countBy({ postingId: keyOf(postingId) });
    expect(skills).toBe(2);
  });
});
