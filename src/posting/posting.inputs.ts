import {
  ArrayMaxSize,
  IsInt,
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
  @Field(() => JobPostingFilter, {
    nullable: true,
    description: 'Narrows the list; without it, every posting the caller may see.',
  })
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

  @Field(() => Importance, { description: 'Whether the posting requires the skill or would like it.' })
  importance: Importance;

  @Field(() => Int, { description: 'Lowest level that fully meets the posting, 1 (aware) to 5 (expert).' })
  @Min(1)
  @Max(5)
  minLevel: number;

  @Field(() => Float, { nullable: true, description: 'Defaults to 1.0 for REQUIRED and 0.5 for PREFERRED.' })
  @IsOptional()
  @Min(0.01)
  @Max(10)
  weight?: number | null;
}

@InputType({ description: "A new OPEN posting of the recruiter's company." })
export class CreateJobPostingInput {
  @Field({ description: 'The job title, 1 to 200 characters.' })
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field({ description: 'The job description, 1 to 10,000 characters.' })
  @MinLength(1)
  @MaxLength(10000)
  description: string;

  @Field(() => Seniority, { description: 'The seniority the job asks for.' })
  seniority: Seniority;

  // Float like a candidate's years, one type for one idea; whole years only, as the column is an int.
  @Field(() => Float, { defaultValue: 0, description: 'Years of experience asked for, whole years 0 to 50.' })
  @IsInt()
  @Min(0)
  @Max(50)
  minYearsExperience: number = 0;

  @Field({ defaultValue: '', description: 'Where the job is, at most 120 characters.' })
  @MaxLength(120)
  location: string = '';

  @Field(() => RemotePolicy, { description: 'Whether the job is remote, hybrid or on site.' })
  remote: RemotePolicy;

  @Field(() => Int, {
    nullable: true,
    description: 'Lowest yearly salary, 0 to 100,000,000; not above salaryMax.',
  })
  @IsOptional()
  @Min(0)
  @Max(100000000)
  salaryMin?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Highest yearly salary, 0 to 100,000,000; not below salaryMin.',
  })
  @IsOptional()
  @Min(0)
  @Max(100000000)
  salaryMax?: number | null;

  @Field({ defaultValue: 'USD', description: 'ISO 4217 code, e.g. USD.' })
  @Matches(/^[A-Z]{3}$/, { message: 'salaryCurrency must be a three-letter ISO 4217 code' })
  salaryCurrency: string = 'USD';

  @Field(() => [PostingSkillInput], {
    nullable: true,
    description: `The skills it asks for, at most ${MAX_WRITTEN_LIST}, each once. Left out, they are read from the title and description (as extractSkills does); an empty list asks for none.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITTEN_LIST)
  @ValidateNested({ each: true })
  skills?: PostingSkillInput[] | null;
}

@InputType({ description: 'A posting and the fields to change: only the fields given change.' })
export class UpdateJobPostingInput {
  @Field(() => ID, { description: 'The posting to change.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'The job title, 1 to 200 characters.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The job description, 1 to 10,000 characters.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(10000)
  description?: string | null;

  @Field(() => Seniority, { nullable: true, description: 'The seniority the job asks for.' })
  seniority?: Seniority | null;

  @Field(() => Float, { nullable: true, description: 'Years of experience asked for, whole years 0 to 50.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  minYearsExperience?: number | null;

  @Field(() => String, { nullable: true, description: 'Where the job is, at most 120 characters.' })
  @IsOptional()
  @MaxLength(120)
  location?: string | null;

  @Field(() => RemotePolicy, { nullable: true, description: 'Whether the job is remote, hybrid or on site.' })
  remote?: RemotePolicy | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Lowest yearly salary, 0 to 100,000,000; not above the salaryMax the posting ends up with.',
  })
  @IsOptional()
  @Min(0)
  @Max(100000000)
  salaryMin?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Highest yearly salary, 0 to 100,000,000; not below the salaryMin the posting ends up with.',
  })
  @IsOptional()
  @Min(0)
  @Max(100000000)
  salaryMax?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code, e.g. USD.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'salaryCurrency must be a three-letter ISO 4217 code' })
  salaryCurrency?: string | null;
}

@InputType({ description: 'The posting to close.' })
export class CloseJobPostingInput {
  @Field(() => ID, { description: 'The posting to close; closing a closed posting changes nothing.' })
  id: string;
}

@InputType({ description: "A posting's skills, replaced as one set." })
export class SetPostingSkillsInput {
  @Field(() => ID, { description: 'The posting whose skills are replaced.' })
  postingId: string;

  @Field(() => [PostingSkillInput], {
    description: `The whole set, at most ${MAX_WRITTEN_LIST} skills, each once.`,
  })
  @ArrayMaxSize(MAX_WRITTEN_LIST)
  @ValidateNested({ each: true })
  skills: PostingSkillInput[];
}
