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
import { ArgsType, Field, Float, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { CourseFormat, CourseLevel } from './course.entity';

@InputType({ description: 'Narrows a list of courses; every field given must hold.' })
export class CourseFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Courses teaching every one of these skills (slugs or aliases).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(80, { each: true })
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
  @MaxLength(80)
  skill: string;

  @Field(() => Int)
  @Min(1)
  @Max(5)
  level: number;
}
