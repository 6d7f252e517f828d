import { ArrayMaxSize, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, InputType } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { CourseFormat } from './course.entity';

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
