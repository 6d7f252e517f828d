import { IsOptional, Min } from 'class-validator';
import { ArgsType, Field, Float, ID } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { CourseFormat } from '../course/course.entity';

@ArgsType()
export class CoursesForPostingArgs extends ConnectionArgs {
  @Field(() => ID, { description: "The posting's id, as `JobPosting.id` gives it." })
  postingId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A learner: only their gap counts. Without one, every skill of the posting.',
  })
  candidateId?: string | null;
}

@ArgsType()
export class LearningPathArgs {
  @Field(() => ID, { description: "The posting's id, as `JobPosting.id` gives it." })
  postingId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A learner: only their gap counts. Without one, every skill of the posting.',
  })
  candidateId?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Most the whole path may cost; courses without a published price are left out.',
  })
  @IsOptional()
  @Min(0)
  maxBudgetUsd?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Most weeks the whole path may take; courses without a published length are left out.',
  })
  @IsOptional()
  @Min(0)
  maxWeeks?: number | null;

  @Field(() => CourseFormat, {
    nullable: true,
    description: 'Courses in other formats count as 1.5 times as costly.',
  })
  preferFormat?: CourseFormat | null;
}
