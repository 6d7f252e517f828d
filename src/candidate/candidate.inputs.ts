import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { RemotePolicy } from '../common/remote-policy';
import { MAX_SKILL_NAME, MAX_WRITTEN_LIST } from '../common/input-bounds';

@InputType({ description: 'Narrows a list of candidates; every field given must hold.' })
export class CandidateFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Candidates holding every one of these skills (slugs or aliases).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(MAX_SKILL_NAME, { each: true })
  skills?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Location contains this text, ignoring case.' })
  @IsOptional()
  @MaxLength(120)
  location?: string | null;

  @Field(() => [RemotePolicy], { nullable: true, description: 'Any of these remote preferences.' })
  remote?: RemotePolicy[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only candidates open to work (true) or not (false).',
  })
  openToWork?: boolean | null;

  @Field(() => Float, { nullable: true, description: 'At least this many years of experience.' })
  @IsOptional()
  @Min(0)
  minYearsExperience?: number | null;
}

@ArgsType()
export class CandidatesArgs extends ConnectionArgs {
  @Field(() => CandidateFilter, {
    nullable: true,
    description: 'Narrows the list; without it, every candidate the caller may see.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: CandidateFilter | null;
}

@InputType({ description: "The signed-in learner's profile fields to change: only the fields given change." })
export class UpdateMyProfileInput {
  @Field(() => String, { nullable: true, description: 'The name shown to others, 1 to 120 characters.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'One line on what the learner does, at most 200 characters.',
  })
  @IsOptional()
  @MaxLength(200)
  headline?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the learner is, at most 120 characters.' })
  @IsOptional()
  @MaxLength(120)
  location?: string | null;

  @Field(() => RemotePolicy, {
    nullable: true,
    description: 'Whether the learner would work remote, hybrid or on site.',
  })
  remote?: RemotePolicy | null;

  @Field(() => Float, { nullable: true, description: 'Years of experience, 0 to 70.' })
  @IsOptional()
  @Min(0)
  @Max(70)
  yearsExperience?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether recruiters may find the learner and see their e-mail.',
  })
  openToWork?: boolean | null;
}

@InputType({ description: 'A skill the learner holds.' })
export class CandidateSkillInput {
  @Field({ description: 'Slug or alias of the skill.' })
  @MinLength(1)
  @MaxLength(MAX_SKILL_NAME)
  skill: string;

  @Field(() => Int, { description: 'How well the candidate knows the skill, 1 (aware) to 5 (expert).' })
  @Min(1)
  @Max(5)
  level: number;

  @Field(() => Float, { nullable: true, description: 'Years of use, 0 to 70.' })
  @IsOptional()
  @Min(0)
  @Max(70)
  years?: number | null;
}

@InputType({ description: "The signed-in learner's skills, replaced as one set." })
export class SetMySkillsInput {
  @Field(() => [CandidateSkillInput], {
    description: `The whole set, at most ${MAX_WRITTEN_LIST} skills, each once.`,
  })
  @ArrayMaxSize(MAX_WRITTEN_LIST)
  @ValidateNested({ each: true })
  skills: CandidateSkillInput[];
}
