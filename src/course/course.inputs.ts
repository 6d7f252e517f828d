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
  @Field(() => CourseFilter, { nullable: true, description: 'Narrows the list; without it, every course.' })
  @IsOptional()
  @ValidateNested()
  filter?: CourseFilter | null;
}

@InputType({ description: 'A new course; its title is unique for its provider.' })
export class CreateCourseInput {
  @Field({ description: "The course's title, 1 to 200 characters; unique for its provider." })
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field({ description: 'Who offers the course, 1 to 120 characters.' })
  @MinLength(1)
  @MaxLength(120)
  provider: string;

  @Field(() => CourseFormat, { description: 'How the course is given.' })
  format: CourseFormat;

  @Field(() => Float, { nullable: true, description: 'How many weeks it takes, 0 to 520.' })
  @IsOptional()
  @Min(0)
  @Max(520)
  durationWeeks?: number | null;

  @Field(() => Float, { nullable: true, description: 'How many hours of study it takes, 0 to 10,000.' })
  @IsOptional()
  @Min(0)
  @Max(10000)
  durationHours?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Its price in US dollars, 0 to 1,000,000; null when unpublished.',
  })
  @IsOptional()
  @Min(0)
  @Max(1000000)
  priceUsd?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its web page: an http or https URL, at most 500 characters.',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  url?: string | null;

  @Field(() => CourseLevel, { description: 'The level of learner it is for.' })
  level: CourseLevel;

  @Field({ defaultValue: '', description: 'What it covers, at most 5,000 characters.' })
  @MaxLength(5000)
  description: string = '';
}

@InputType({ description: 'A course and the fields to change: only the fields given change.' })
export class UpdateCourseInput {
  @Field(() => ID, { description: 'The course to change.' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: "The course's title, 1 to 200 characters; unique for its provider.",
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  title?: string | null;

  @Field(() => CourseFormat, { nullable: true, description: 'How the course is given.' })
  format?: CourseFormat | null;

  @Field(() => Float, { nullable: true, description: 'How many weeks it takes, 0 to 520.' })
  @IsOptional()
  @Min(0)
  @Max(520)
  durationWeeks?: number | null;

  @Field(() => Float, { nullable: true, description: 'How many hours of study it takes, 0 to 10,000.' })
  @IsOptional()
  @Min(0)
  @Max(10000)
  durationHours?: number | null;

  @Field(() => Float, { nullable: true, description: 'Its price in US dollars, 0 to 1,000,000.' })
  @IsOptional()
  @Min(0)
  @Max(1000000)
  priceUsd?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its web page: an http or https URL, at most 500 characters.',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  url?: string | null;

  @Field(() => CourseLevel, { nullable: true, description: 'The level of learner it is for.' })
  level?: CourseLevel | null;

  @Field(() => String, { nullable: true, description: 'What it covers, at most 5,000 characters.' })
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

  @Field(() => Int, { description: 'The level the course brings a learner to, 1 (aware) to 5 (expert).' })
  @Min(1)
  @Max(5)
  level: number;
}

@InputType({ description: 'What a course teaches, replaced as one set.' })
export class SetCourseSkillsInput {
  @Field(() => ID, { description: 'The course whose skills are replaced.' })
  courseId: string;

  @Field(() => [CourseSkillInput], {
    description: `The whole set, at most ${MAX_WRITTEN_LIST} skills, each once.`,
  })
  @ArrayMaxSize(MAX_WRITTEN_LIST)
  @ValidateNested({ each: true })
  skills: CourseSkillInput[];
}

@InputType({ description: 'What a course needs first, replaced as one set.' })
export class SetCoursePrerequisitesInput {
  @Field(() => ID, { description: 'The course whose prerequisites are replaced.' })
  courseId: string;

  @Field(() => [String], {
    description: `Slugs or aliases of the skills needed first, at most ${MAX_WRITTEN_LIST}, each once.`,
  })
  @ArrayMaxSize(MAX_WRITTEN_LIST)
  @MaxLength(MAX_SKILL_NAME, { each: true })
  skills: string[];
}
