import {
  ArrayMaxSize,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { RemotePolicy } from '../common/remote-policy';
import { Importance, PostingStatus, Seniority } from './posting.entity';
import { MAX_SKILL_NAME, MAX_WRITTEN_LIST } from '../common/input-bounds';

@InputType({ description: 'Narrows a list of postings; every field given must hold.' })
export class JobPostingFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Postings asking for every one of these skills (slugs or aliases).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(MAX_SKILL_NAME, { each: true })
  skills?: string[] | null;

  @Field(() => [Seniority], { nullable: true, description: 'Any of these seniorities.' })
  seniority?: Seniority[] | null;

  @Field(() => [RemotePolicy], { nullable: true, description: 'Any of these remote policies.' })
  remote?: RemotePolicy[] | null;

  @Field(() => String, { nullable: true, description: 'Location contains this text, ignoring case.' })
  @IsOptional()
  @MaxLength(120)
  location?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Postings whose salary range reaches at least this figure.',
  })
  @IsOptional()
  @Min(0)
  minSalary?: number | null;

  @Field(() => PostingStatus, { nullable: true, description: 'Defaults to OPEN.' })
  status?: PostingStatus | null;

  @Field(() => ID, { nullable: true, description: "Only this company's postings." })
  companyId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Title or description contains this text, ignoring case.',
  })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;
}

@ArgsType()
export class JobPostingsArgs extends ConnectionArgs {
  @Field(() => JobPostingFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: JobPostingFilter | null;
}

@InputType({ description: 'A skill a posting asks for.' })
export class PostingSkillInput {
  @Field({ description: 'Slug or alias of the skill.' })
  @MinLength(1)
  @MaxLength(MAX_SKILL_NAME)
  skill: string;

  @Field(() => Importance)
  importance: Importance;

  @Field(() => Int, { description: 'Lowest level, 1 to 5, that fully meets the posting.' })
  @Min(1)
  @Max(5)
  minLevel: number;

  @Field(() => Float, { nullable: true, description: 'Defaults to 1.0 for REQUIRED and 0.5 for PREFERRED.' })
  @IsOptional()
  @Min(0.01)
  @Max(10)
  weight?: number | null;
}

@InputType()
export class CreateJobPostingInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field()
  @MinLength(1)
  @MaxLength(10000)
  description: string;

  @Field(() => Seniority)
  seniority: Seniority;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(50)
  minYearsExperience: number = 0;

  @Field({ defaultValue: '' })
  @MaxLength(120)
  location: string = '';

  @Field(() => RemotePolicy)
  remote: RemotePolicy;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100000000)
  salaryMin?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100000000)
  salaryMax?: number | null;

  @Field({ defaultValue: 'USD', description: 'ISO 4217 code, e.g. USD.' })
  @Matches(/^[A-Z]{3}$/, { message: 'salaryCurrency must be a three-letter ISO 4217 code' })
  salaryCurrency: string = 'USD';

  @Field(() => [PostingSkillInput], {
    nullable: true,
    description:
      'The skills it asks for. Left out, they are read from the title and description (as extractSkills does); an empty list asks for none.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  skills?: PostingSkillInput[] | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateJobPostingInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(10000)
  description?: string | null;

  @Field(() => Seniority, { nullable: true })
  seniority?: Seniority | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(50)
  minYearsExperience?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(120)
  location?: string | null;

  @Field(() => RemotePolicy, { nullable: true })
  remote?: RemotePolicy | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100000000)
  salaryMin?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100000000)
  salaryMax?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'salaryCurrency must be a three-letter ISO 4217 code' })
  salaryCurrency?: string | null;
}

@ArgsType()
export class SetPostingSkillsArgs {
  @Field(() => ID, { description: 'The posting whose skills are replaced.' })
  postingId: string;

  @Field(() => [PostingSkillInput], { description: `The whole set, at most ${MAX_WRITTEN_LIST} skills.` })
  @ArrayMaxSize(MAX_WRITTEN_LIST)
  @ValidateNested({ each: true })
  skills: PostingSkillInput[];
}
