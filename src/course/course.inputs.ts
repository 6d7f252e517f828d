import {
  ArrayMaxSize,
  IsOptional,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { CourseFormat, CourseLevel } from './course.entity';
import { MAX_SKILL_NAME, MAX_WRITTEN_LIST } from '../common/input-bounds';

@InputType({ description: 'Narrows a list of courses; every field given must hold.' })
export class CourseFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Courses teaching every one of these skills (slugs or aliases).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(MAX_SKILL_NAME, { each: true })
  skills?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Provider contains this text, ignoring case.' })
  @IsOptional()
  @MaxLength(120)
  provider?: string | null;

  @Field(() => [CourseFormat], { nullable: true, description: 'Any of these formats.' })
  format?: CourseFormat[] | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Courses with a published price of at most this many US dollars.',
  })
  @IsOptional()
  @Min(0)
  maxPriceUsd?: number | null;
}

@ArgsType()
export class CoursesArgs extends ConnectionArgs {
  @Field(() => CourseFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: CourseFilter | null;
}

@InputType()
export class CreateCourseInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field()
  @MinLength(1)
  @MaxLength(120)
  provider: string;

  @Field(() => CourseFormat)
  format: CourseFormat;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(520)
  durationWeeks?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(10000)
  durationHours?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1000000)
  priceUsd?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  url?: string | null;

  @Field(() => CourseLevel)
  level: CourseLevel;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  description: string = '';
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateCourseInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  title?: string | null;

  @Field(() => CourseFormat, { nullable: true })
  format?: CourseFormat | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(520)
  durationWeeks?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(10000)
  durationHours?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1000000)
  priceUsd?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  url?: string | null;

  @Field(() => CourseLevel, { nullable: true })
  level?: CourseLevel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;
}

@InputType({ description: 'A skill a course teaches and the level it brings a learner to.' })
export class CourseSkillInput {
  @Field({ description: 'Slug or alias of the skill.' })
  @MinLength(1)
  @MaxLength(MAX_SKILL_NAME)
  skill: string;

  @Field(() => Int)
  @Min(1)
  @Max(5)
  level: number;
}

@ArgsType()
export class SetCourseSkillsArgs {
  @Field(() => ID, { description: 'The course whose skills are replaced.' })
  courseId: string;

  @Field(() => [CourseSkillInput], { description: `The whole set, at most ${MAX_WRITTEN_LIST} skills.` })
  @ArrayMaxSize(MAX_WRITTEN_LIST)
  @ValidateNested({ each: true })
  skills: CourseSkillInput[];
}

@ArgsType()
export class SetCoursePrerequisitesArgs {
  @Field(() => ID, { description: 'The course whose prerequisites are replaced.' })
  courseId: string;

  @Field(() => [String], {
    description: `Slugs or aliases of the skills needed first, at most ${MAX_WRITTEN_LIST}.`,
  })
  @ArrayMaxSize(MAX_WRITTEN_LIST)
  @MaxLength(MAX_SKILL_NAME, { each: true })
  skills: string[];
}
