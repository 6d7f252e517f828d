import { IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { RemotePolicy } from '../common/remote-policy';
import { JobPostingFilter } from '../posting/posting.inputs';

@InputType({ description: 'Narrows the candidates ranked for a posting; every field given must hold.' })
export class CandidateMatchFilter {
  @Field(() => Boolean, { defaultValue: true, description: 'Only candidates open to work (the default).' })
  openToWork: boolean = true;

  @Field(() => [RemotePolicy], { nullable: true, description: 'Any of these remote preferences.' })
  remote?: RemotePolicy[] | null;

  @Field(() => String, { nullable: true, description: 'Location contains this text, ignoring case.' })
  @IsOptional()
  @MaxLength(120)
  location?: string | null;

  @Field(() => Float, { nullable: true, description: 'At least this many years of experience.' })
  @IsOptional()
  @Min(0)
  minYearsExperience?: number | null;
}

@ArgsType()
class RankingArgs extends ConnectionArgs {
  @Field(() => Float, { nullable: true, description: 'Only matches scoring at least this, 0 to 1.' })
  @IsOptional()
  @Min(0)
  @Max(1)
  minScore?: number | null;
}

@ArgsType()
export class CandidateMatchesArgs extends RankingArgs {
  @Field(() => ID, { description: "The posting's id, as `JobPosting.id` gives it." })
  postingId: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only candidates holding every REQUIRED skill at its level.',
  })
  onlyMeetingRequired?: boolean | null;

  @Field(() => CandidateMatchFilter, {
    nullable: true,
    description: 'Narrows the candidates ranked; without it, every candidate open to work.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: CandidateMatchFilter | null;
}

@ArgsType()
export class PostingMatchesArgs extends RankingArgs {
  @Field(() => ID, { description: "The profile's id, as `Candidate.id` gives it." })
  candidateId: string;

  @Field(() => JobPostingFilter, { nullable: true, description: 'Status is always OPEN here.' })
  @IsOptional()
  @ValidateNested()
  filter?: JobPostingFilter | null;
}
