import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { totalStatementCount } from '../../src/common/query-stats';
import { Course, CourseFormat, CourseLevel, CourseSkill } from '../../src/course/course.entity';
import { JobPosting, PostingSkill } from '../../src/posting/posting.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { Skill } from '../../src/skill/skill.entity';
import { dataOf, errorCode, gql } from '../helpers/graphql';
import { ADMIN } from '../helpers/viewers';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { gid, keyOf } from '../helpers/ids';

interface Slug {
  slug: string;
}

interface LearningPathResult {
  learningPath: {
    steps: {
      order: number;
      course: {
        id: string;
        title: string;
        provider: string;
        prerequisites: Slug[];
        skills: { skill: Slug; level: number }[];
      };
      adds: { skill: Slug; minLevel: number; level: number }[];
    }[];
    coveredSkills: Slug[];
    uncoveredSkills: Slug[];
    unmetPrerequisites: Slug[];
    coverage: number;
    totalWeeks: number;
    totalPrice: { amount: number; currency: string } | null;
    meetsAllRequiredAfter: boolean;
    reason: string | null;
  };
}

interface LearningPathVariables {
  postingId: string;
  candidateId?: string;
  maxBudgetUsd?: number;
  maxWeeks?: number;
  preferFormat?: string;
}

const LEARNING_PATH = gql<LearningPathResult, LearningPathVariables>(/* GraphQL */ `
  query LearningPath(
    $postingId: ID!
    $candidateId: ID
    $maxBudgetUsd: Float
    $maxWeeks: Float
    $preferFormat: CourseFormat
  ) {
    learningPath(
      postingId: $postingId
      candidateId: $candidateId
      maxBudgetUsd: $maxBudgetUsd
      maxWeeks: $maxWeeks
      preferFormat: $preferFormat
    ) {
      steps {
        order
        course {
          id
          title
          provider
          prerequisites {
            slug
          }
          skills {
            skill {
              slug
            }
            level
          }
        }
        adds {
          skill {
            slug
          }
          minLevel
          level
        }
      }
      coveredSkills {
        slug
      }
      uncoveredSkills {
        slug
      }
      unmetPrerequisites {
        slug
      }
      coverage
      totalWeeks
      totalPrice {
        amount
        currency
      }
      meetsAllRequiredAfter
      reason
    }
  }
`);

const COURSES_FOR_POSTING = gql<
  {
    coursesForPosting: {
      nodes: {
        course: { id: string; title: string };
        covers: { skill: Slug; minLevel: number; level: number }[];
        coverage: number;
        weightCovered: number;
      }[];
    };
  },
  { postingId: string; candidateId?: string; first?: number }
>(/* GraphQL */ `
  query CoursesForPosting($postingId: ID!, $candidateId: ID, $first: Int) {
    coursesForPosting(postingId: $postingId, candidateId: $candidateId, first: $first) {
      nodes {
        course {
          id
          title
        }
        covers {
          skill {
            slug
          }
          minLevel
          level
        }
        coverage
        weightCovered
      }
    }
  }
`);

describe('learning paths', () => {
  let db: DataSource;
  let server: TestServer;
  let juniorId: string;
  let learnerId: string;
  let wanted: (PostingSkill & { skill: Skill })[];

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    const junior = await db.getRepository(JobPosting).findOneByOrFail({ title: 'Junior Back-end Developer' });
    juniorId = gid('JobPosting', junior.id);
    wanted = (await db
      .getRepository(PostingSkill)
      .find({ where: { postingId: junior.id }, relations: { skill: true } })) as never;
    // A learner who knows HTML and CSS and nothing else.
    const learner = await db.getRepository(Candidate).save({
      displayName: 'Learner With Html',
      email: 'learner.html@example.com',
      headline: '',
      location: 'Austin, TX',
      remote: RemotePolicy.HYBRID,
      yearsExperience: 0,
      openToWork: true,
    });
    const skills = await db.getRepository(Skill).findBy([{ slug: 'html' }, { slug: 'css' }]);
    await db
      .getRepository(CandidateSkill)
      .insert(skills.map((s) => ({ candidateId: learner.id, skillId: s.id, level: 3, years: 1 })));
    learnerId = gid('Candidate', learner.id);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it("gives a learner with HTML and CSS a valid path of seeded courses to the junior back-end posting's required skills", async () => {
    const path = dataOf(
      await server.execute(LEARNING_PATH, { postingId: juniorId, candidateId: learnerId }, ADMIN),
    ).learningPath;
    expect(path.steps.length).toBeGreaterThan(0);
    // Every REQUIRED skill that some seeded course teaches to its level is covered.
    const teaching = await db.getRepository(CourseSkill).find();
    const teachable = wanted.filter((w) =>
      teaching.some((t) => t.skillId === w.skillId && t.level >= w.minLevel),
    );
    const covered = path.coveredSkills.map((s) => s.slug);
    for (const w of teachable.filter((w) => w.importance === 'REQUIRED'))
      expect(covered).toContain(w.skill.slug);
    // Valid order: each prerequisite is held (HTML, CSS) or taught by an earlier step, or reported.
    const known = new Set(['html', 'css']);
    for (const step of path.steps) {
      for (const p of step.course.prerequisites) {
        if (!known.has(p.slug)) expect(path.unmetPrerequisites.map((s) => s.slug)).toContain(p.slug);
      }
      for (const s of step.course.skills) known.add(s.skill.slug);
    }
    expect(path.steps.map((s) => s.order)).toEqual(path.steps.map((_, i) => i + 1));
    // Covered and uncovered split the gap; coverage is their weight share.
    const gap = wanted.filter((w) => !['html', 'css'].includes(w.skill.slug));
    expect([...covered, ...path.uncoveredSkills.map((s) => s.slug)].sort()).toEqual(
      gap.map((w) => w.skill.slug).sort(),
    );
    const weight = (slugs: string[]) =>
      gap.filter((w) => slugs.includes(w.skill.slug)).reduce((s, w) => s + w.weight, 0);
    expect(path.coverage).toBeCloseTo(weight(covered) / weight(gap.map((w) => w.skill.slug)), 10);
    // No step is redundant: each adds a gap skill or teaches a prerequisite of a later step.
    for (const [i, step] of path.steps.entries()) {
      const later = path.steps.slice(i + 1).flatMap((s) => s.course.prerequisites.map((p) => p.slug));
      expect(step.adds.length > 0 || step.course.skills.some((s) => later.includes(s.skill.slug))).toBe(true);
    }
  });

  it("follows a change to a course's skills at the next request", async () => {
    const path = async () =>
      dataOf(
        await server.execute(LEARNING_PATH, { postingId: juniorId, candidateId: learnerId }, ADMIN),
      ).learningPath.steps.map((step) => step.course);
    const setSkills = async (courseId: string, skills: { skill: string; level: number }[]) => {
      const answer = await server.execute(
        `mutation ($input: SetCourseSkillsInput!) { setCourseSkills(input: $input) { userErrors { code } } }`,
        { input: { courseId, skills } },
        ADMIN,
      );
      expect(dataOf(answer).setCourseSkills.userErrors).toEqual([]);
    };
    const [first] = await path();
    const taught = first.skills.map((s) => ({ skill: s.skill.slug, level: s.level }));
    try {
      // Now it teaches only what the learner already holds, so no path takes it.
      await setSkills(first.id, [{ skill: 'html', level: 1 }]);
      expect((await path()).map((c) => c.id)).not.toContain(first.id);
    } finally {
      await setSkills(first.id, taught);
    }
    expect((await path()).map((c) => c.id)).toContain(first.id);
  });

  it('ranks courses by the weight of the posting skills they cover', async () => {
    const list = dataOf(await server.execute(COURSES_FOR_POSTING, { postingId: juniorId }, ADMIN))
      .coursesForPosting.nodes;
    expect(list.length).toBeGreaterThan(0);
    const weights = list.map((r) => r.weightCovered);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    const total = wanted.reduce((s, w) => s + w.weight, 0);
    for (const r of list) {
      expect(r.coverage).toBeCloseTo(r.weightCovered / total, 10);
      const sum = r.covers.reduce((s, c) => s + wanted.find((w) => w.skill.slug === c.skill.slug)!.weight, 0);
      expect(sum).toBeCloseTo(r.weightCovered, 10);
      for (const c of r.covers) expect(c.level).toBeGreaterThanOrEqual(c.minLevel);
    }
  });

  it("counts only the learner's gap when a learner is named", async () => {
    const tomas = await db.getRepository(Candidate).findOneByOrFail({ email: 'tomas.ferreira@example.com' });
    const held = new Map(
      (await db.getRepository(CandidateSkill).findBy({ candidateId: tomas.id })).map((s) => [
        s.skillId,
        s.level,
      ]),
    );
    const gapSlugs = wanted.filter((w) => (held.get(w.skillId) ?? 0) < w.minLevel).map((w) => w.skill.slug);
    const { coursesForPosting } = dataOf(
      await server.execute(
        COURSES_FOR_POSTING,
        { postingId: juniorId, candidateId: gid('Candidate', tomas.id) },
        ADMIN,
      ),
    );
    for (const r of coursesForPosting.nodes)
      for (const c of r.covers) expect(gapSlugs).toContain(c.skill.slug);
  });

  it('returns an empty path with coverage 1 when there is nothing to learn, and says so', async () => {
    const expert = await db.getRepository(Candidate).save({
      displayName: 'Has It All',
      email: 'has.it.all@example.com',
      headline: '',
      location: '',
      remote: RemotePolicy.REMOTE,
      yearsExperience: 5,
      openToWork: true,
    });
    await db
      .getRepository(CandidateSkill)
      .insert(wanted.map((w) => ({ candidateId: expert.id, skillId: w.skillId, level: 5, years: 3 })));
    const { learningPath } = dataOf(
      await server.execute(
        LEARNING_PATH,
        { postingId: juniorId, candidateId: gid('Candidate', expert.id) },
        ADMIN,
      ),
    );
    expect(learningPath).toMatchObject({
      steps: [],
      coverage: 1,
      meetsAllRequiredAfter: true,
      uncoveredSkills: [],
      reason: expect.stringMatching(/Nothing to learn/),
    });
  });

  it('keeps within a time budget and leaves out courses of unknown length', async () => {
    const { learningPath } = dataOf(
      await server.execute(
        LEARNING_PATH,
        { postingId: juniorId, candidateId: learnerId, maxWeeks: 10 },
        ADMIN,
      ),
    );
    expect(learningPath.totalWeeks).toBeLessThanOrEqual(10);
  });

  it('answers the total price as Money in US dollars, null while a course of the path has no price', async () => {
    const variables: LearningPathVariables = { postingId: juniorId, candidateId: learnerId };
    const before = dataOf(await server.execute(LEARNING_PATH, variables, ADMIN)).learningPath;
    expect(before.steps.length).toBeGreaterThan(0);
    expect(before.totalPrice).toBeNull(); // the seeded courses publish no price
    const ids = before.steps.map((s) => keyOf(s.course.id));
    await db.getRepository(Course).update(ids, { priceUsd: 40.5 });
    try {
      const after = dataOf(await server.execute(LEARNING_PATH, variables, ADMIN)).learningPath;
      expect(after.steps.map((s) => s.course.id)).toEqual(before.steps.map((s) => s.course.id));
      expect(after.totalPrice).toEqual({ amount: 40.5 * ids.length, currency: 'USD' });
    } finally {
      await db.getRepository(Course).update(ids, { priceUsd: null });
    }
  });

  it.each<[Partial<LearningPathVariables>, string]>([
    [{ postingId: gid('JobPosting', 999999) }, 'NOT_FOUND'],
    [{ candidateId: gid('Candidate', 999999) }, 'NOT_FOUND'],
    [{ candidateId: gid('JobPosting', 1) }, 'BAD_USER_INPUT'],
    [{ maxBudgetUsd: -1 }, 'BAD_USER_INPUT'],
    [{ maxWeeks: -2 }, 'BAD_USER_INPUT'],
    [{ postingId: 'x' }, 'BAD_USER_INPUT'],
  ])('rejects %p with %s', async (variables, code) => {
    const result = await server.execute(LEARNING_PATH, { postingId: juniorId, ...variables }, ADMIN);
    expect(errorCode(result)).toBe(code);
  });

  it('issues as many statements for a catalogue of 200 more courses as for the seeded one', async () => {
    // The process holds the catalogue: the first request after a course changed reloads it
    // (three statements, whatever its size), and later ones only check it is current.
    const measure = async () => {
      const before = totalStatementCount();
      const { errors } = await server.execute(
        LEARNING_PATH,
        { postingId: juniorId, candidateId: learnerId },
        ADMIN,
      );
      expect(errors).toBeUndefined();
      return totalStatementCount() - before;
    };
    await measure();
    const seeded = await measure();
    const python = await db.getRepository(Skill).findOneByOrFail({ slug: 'python' });
    const sql = await db.getRepository(Skill).findOneByOrFail({ slug: 'sql' });
    for (let i = 0; i < 200; i++) {
      const course = await db.getRepository(Course).save({
        title: `Generated course ${i}`,
        provider: 'Generator',
        format: CourseFormat.ONLINE,
        durationWeeks: 2 + (i % 5),
        durationHours: null,
        priceUsd: 100 + i,
        url: null,
        level: CourseLevel.BEGINNER,
        description: 'generated',
      });
      await db.getRepository(CourseSkill).insert([
        { courseId: course.id, skillId: python.id, level: 1 + (i % 4) },
        { courseId: course.id, skillId: sql.id, level: 1 + ((i + 1) % 4) },
      ]);
    }
    expect(await measure()).toBeLessThanOrEqual(seeded + 3);
    expect(await measure()).toBeLessThanOrEqual(seeded);
  });
});
