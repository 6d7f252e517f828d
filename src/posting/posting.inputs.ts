import { ArrayMaxSize, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { RemotePolicy } from '../common/remote-policy';
import { PostingStatus, Seniority } from './posting.entity';

@InputType({ description: 'Narrows a list of postings; every field given must hold.' })
export class JobPostingFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Postings asking for every one of these skills (slugs or aliases).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(80, { each: true })
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
