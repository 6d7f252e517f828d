import { assertActsForCandidate, canSeePosting } from '../access/policy';
import { COURSE_CURRENCY, money } from '../common/money';
import { Connection, connectionOf, encodeCursor, pageOf, sortedPage } from '../common/connection';
import { notFound, parseId } from '../common/id';
import { CatalogueCourse, CourseCatalog } from '../course/course-catalog';
import { OpenPostings, readPosting } from '../matching/open-postings';
import { WantedSkill } from '../posting/wanted-skill';
import { Asker, Loaders } from '../request';
import { CoursesForPostingArgs, LearningPathArgs } from './learning.inputs';
import { CourseRecommendation, LearningPath } from './learning.types';
import { gapFor, GapSkill, learningPath, rankCourses, Recommendation, weeksOf } from './path';

const NOTHING_TO_LEARN =
  'Nothing to learn: every skill of this posting is already held at the level it asks for.';
const NO_COURSE = 'No course in the catalogue teaches a skill of this gap to the level asked for.';

interface Gap {
  wanted: readonly WantedSkill[];
  gap: GapSkill[];
  held: Map<number, number>;
}

export class LearningService {
  constructor(
    private readonly courses: CourseCatalog,
    private readonly openPostings: OpenPostings,
  ) {}

  /** Courses ranked by how much of the posting's skill weight (or the learner's gap) they cover. */
  async coursesForPosting(
    args: CoursesForPostingArgs,
    asker: Asker,
  ): Promise<Connection<CourseRecommendation>> {
    const { loaders } = asker;
    const page = pageOf(args, 3);
    const { gap } = await this.gap(args.postingId, args.candidateId, asker);
    const catalogue = this.coursesTeaching(gap, loaders);
    const ranked = rankCourses(gap, catalogue);
    // The cursor holds the ranking's sort key: weight covered, weeks, id.
    const keyOf = (r: Recommendation): number[] => [r.weightCovered, weeksOf(r.course), r.course.id];
    const { items, more } = sortedPage(
      ranked,
      keyOf,
      (a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2],
      page,
    );
    const edges = items.map((r) => ({
      cursor: encodeCursor(keyOf(r)),
      node: {
        courseId: r.course.id,
        covers: r.covers,
        coverage: r.coverage,
        weightCovered: r.weightCovered,
      },
    }));
    return connectionOf(edges, page, more, () => ranked.length);
  }

  /** The shortest path of courses that closes as much of the gap as the constraints allow. */
  async learningPath(args: LearningPathArgs, asker: Asker): Promise<LearningPath> {
    const { loaders } = asker;
    const { wanted, gap, held } = await this.gap(args.postingId, args.candidateId, asker);
    const catalogue = this.coursesTeaching(gap, loaders);
    let path = learningPath(gap, catalogue, held, args);
    if (path.unmetPrerequisites.length > 0) {
      // One more round: courses teaching what the chosen courses need first, then choose again.
      const offered = new Set(catalogue.map((c) => c.id));
      const needed = path.unmetPrerequisites.map((skillId) => ({ skillId, minLevel: 1 }));
      const helpers = this.coursesTeaching(needed, loaders).filter((c) => !offered.has(c.id));
      path = learningPath(gap, [...catalogue, ...helpers], held, args);
    }
    const covered = new Set(path.covered);
    return {
      steps: path.steps.map((step, i) => ({ courseId: step.course.id, order: i + 1, adds: step.adds })),
      coveredSkillIds: path.covered,
      uncoveredSkillIds: path.uncovered,
      unmetPrerequisiteIds: path.unmetPrerequisites,
      coverage: path.coverage,
      totalWeeks: path.totalWeeks,
      totalPrice: money(path.totalPriceUsd, COURSE_CURRENCY),
      meetsAllRequiredAfter: wanted
        .filter((w) => w.importance === 'REQUIRED')
        .every((w) => (held.get(w.skillId) ?? 0) >= w.minLevel || covered.has(w.skillId)),
      reason: gap.length === 0 ? NOTHING_TO_LEARN : path.steps.length === 0 ? NO_COURSE : null,
    };
  }

  private async gap(
    postingId: string,
    candidateId: string | null | undefined,
    { loaders, viewer }: Asker,
  ): Promise<Gap> {
    const pid = parseId(postingId, 'JobPosting', 'postingId');
    const cid = candidateId == null ? null : parseId(candidateId, 'Candidate', 'candidateId');
    if (cid !== null) assertActsForCandidate(viewer, cid);
    // The course catalogue is brought up to date alongside the gap's reads, in the same round trip.
    const [{ posting, skills: wanted }, candidate, skills] = await Promise.all([
      readPosting(pid, this.openPostings, loaders),
      cid === null ? null : loaders.candidateById.load(cid),
      cid === null ? [] : loaders.candidateSkillsByCandidateId.load(cid),
      this.courses.refresh(),
    ]);
    if (!posting || !canSeePosting(viewer, posting)) throw notFound('JobPosting', pid);
    if (cid !== null && !candidate) throw notFound('Candidate', cid);
    const held = new Map(skills.map((s) => [s.skillId, s.level]));
    return { wanted, gap: gapFor(wanted, cid === null ? null : held), held };
  }

  /**
   * Every course teaching one of these skills to at least its level, with all it teaches
   * and needs, from the catalogue `gap` refreshed. The request's course loader is primed
   * with them, so the answer's courses cost no statement either.
   */
  private coursesTeaching(
    wanted: { skillId: number; minLevel: number }[],
    loaders: Loaders,
  ): CatalogueCourse[] {
    const courses = this.courses.teaching(wanted);
    for (const { course } of courses) loaders.courseById.prime(course.id, course);
    return courses;
  }
}
