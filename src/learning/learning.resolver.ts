import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ListSize, MAX_WRITTEN_LIST } from '../common/input-bounds';
import { RequestContext } from '../request';
import { Course } from '../course/course.entity';
import { Skill } from '../skill/skill.entity';
import { CoursesForPostingArgs, LearningPathArgs } from './learning.inputs';
import {
  CourseRecommendation,
  CourseRecommendationConnection,
  LearningPath,
  LearningStep,
  SkillCoverage,
} from './learning.types';
import { LearningService } from './learning.service';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'viewer' | 'loaders'>;

@Resolver()
export class LearningResolver {
  constructor(private readonly learning: LearningService) {}

  @Query(() => CourseRecommendationConnection, {
    description:
      "Courses ranked by how much of a posting's skill weight they cover; with a learner, of their gap only.",
  })
  coursesForPosting(@Args() args: CoursesForPostingArgs, @Ctx() { loaders, viewer }: Context) {
    return this.learning.coursesForPosting(args, { loaders, viewer });
  }

  @Query(() => LearningPath, {
    description: 'A short, ordered set of courses that closes as much of the gap as it can.',
  })
  learningPath(@Args() args: LearningPathArgs, @Ctx() { loaders, viewer }: Context) {
    return this.learning.learningPath(args, { loaders, viewer });
  }
}

@Resolver(() => CourseRecommendation)
export class CourseRecommendationResolver {
  @FieldResolver(() => Course, { description: 'The course recommended.' })
  course(@Root() recommendation: CourseRecommendation, @Ctx() { loaders }: Context) {
    return loaders.courseById.load(recommendation.courseId);
  }
}

@Resolver(() => LearningStep)
export class LearningStepResolver {
  @FieldResolver(() => Course, { description: 'The course to take at this step.' })
  course(@Root() step: LearningStep, @Ctx() { loaders }: Context) {
    return loaders.courseById.load(step.courseId);
  }
}

@Resolver(() => SkillCoverage)
export class SkillCoverageResolver {
  @FieldResolver(() => Skill, { description: 'The skill of the gap.' })
  skill(@Root() coverage: SkillCoverage, @Ctx() { loaders }: Context) {
    return loaders.skillById.load(coverage.skillId);
  }
}

@Resolver(() => LearningPath)
export class LearningPathResolver {
  // The gap is a share of the posting's skills.
  @FieldResolver(() => [Skill], { description: 'Gap skills the path teaches to the level asked for.' })
  @ListSize(MAX_WRITTEN_LIST)
  coveredSkills(@Root() path: LearningPath, @Ctx() { loaders }: Context) {
    return loaders.skillById.loadMany(path.coveredSkillIds);
  }

  @FieldResolver(() => [Skill], {
    description: 'Gap skills no course of the path teaches to the level asked for.',
  })
  @ListSize(MAX_WRITTEN_LIST)
  uncoveredSkills(@Root() path: LearningPath, @Ctx() { loaders }: Context) {
    return loaders.skillById.loadMany(path.uncoveredSkillIds);
  }

  @FieldResolver(() => [Skill], {
    description: 'Prerequisites neither held by the learner nor taught by an earlier step.',
  })
  unmetPrerequisites(@Root() path: LearningPath, @Ctx() { loaders }: Context) {
    return loaders.skillById.loadMany(path.unmetPrerequisiteIds);
  }
}
