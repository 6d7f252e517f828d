import { ArrayMaxSize, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, InputType } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { RemotePolicy } from '../common/remote-policy';

@InputType({ description: 'Narrows a list of candidates; every field given must hold.' })
export class CandidateFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Candidates holding every one of these skills (slugs or aliases).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(80, { each: true })
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
  @Field(() => CandidateFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: CandidateFilter | null;
}
