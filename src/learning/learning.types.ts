import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { Money } from '../common/money';
import { ListSize, MAX_WRITTEN_LIST } from '../common/input-bounds';

@ObjectType({
  description: 'A skill a course teaches to the level a posting asks for.',
  simpleResolvers: true,
})
export class SkillCoverage {
  skillId: number;

  @Field(() => Int, { description: 'Lowest level that fully meets the posting, 1 (aware) to 5 (expert).' })
  minLevel: number;

  @Field(() => Int, { description: 'The level the course brings a learner to, 1 (aware) to 5 (expert).' })
  level: number;
}

@ObjectType({
  description: "A course ranked by how much of a posting's skill weight it covers.",
  simpleResolvers: true,
})
export class CourseRecommendation {
  courseId: number;

  @Field(() => [SkillCoverage], { description: 'Skills of the gap this course teaches, and to what level.' })
  @ListSize(MAX_WRITTEN_LIST) // a share of the posting's skills
  covers: SkillCoverage[];

  @Field(() => Float, {
    description: 'Share of the weight to learn that this course covers on its own, 0 to 1.',
  })
  coverage: number;

  @Field(() => Float, { description: 'Sum of the weights of the skills it covers.' })
  weightCovered: number;
}

@ObjectType({ description: 'A page of courses ranked for a posting.', simpleResolvers: true })
export class CourseRecommendationConnection extends ConnectionType(CourseRecommendation) {}

@ObjectType({ description: 'One course of a learning path.', simpleResolvers: true })
export class LearningStep {
  courseId: number;

  @Field(() => Int, { description: 'Position in the path, from 1.' })
  order: number;

  @Field(() => [SkillCoverage], { description: 'Skills of the gap this step is the first to cover.' })
  @ListSize(MAX_WRITTEN_LIST) // a share of the posting's skills
  adds: SkillCoverage[];
}

@ObjectType({
  description: "An ordered set of courses that closes as much of a learner's gap as it can.",
  simpleResolvers: true,
})
export class LearningPath {
  coveredSkillIds: number[];
  uncoveredSkillIds: number[];
  unmetPrerequisiteIds: number[];

  @Field(() => [LearningStep], {
    description: 'The courses to take, in order (by `order`); empty when no course closes any of the gap.',
  })
  steps: LearningStep[];

  @Field(() => Float, {
    description: "Share of the gap's weight the path covers, 0 to 1 (1 for an empty gap).",
  })
  coverage: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Null when a course of the path has no published length.',
  })
  totalWeeks: number | null;

  @Field(() => Money, {
    nullable: true,
    description:
      'What the courses of the path cost together; null when a course of the path has no published price.',
  })
  totalPrice: Money | null;

  @Field({ description: 'Whether every REQUIRED skill is held at its level or taught by the path.' })
  meetsAllRequiredAfter: boolean;

  @Field(() => String, { nullable: true, description: 'Why the path is empty, when it is.' })
  reason: string | null;
}
