import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../common/payload';
import { JobPosting } from './posting.entity';

// What the posting mutations answer: the posting as the write left it, or null and the
// `userErrors` that refused it.

const POSTING = 'The posting as the write left it; null when userErrors refused the write.';

@ObjectType({ description: 'What createJobPosting answers.', simpleResolvers: true })
export class CreateJobPostingPayload extends Payload {
  @Field(() => JobPosting, {
    nullable: true,
    description: 'The new posting; null when userErrors refused it.',
  })
  jobPosting: JobPosting | null;
}

@ObjectType({ description: 'What updateJobPosting answers.', simpleResolvers: true })
export class UpdateJobPostingPayload extends Payload {
  @Field(() => JobPosting, { nullable: true, description: POSTING })
  jobPosting: JobPosting | null;
}

@ObjectType({ description: 'What closeJobPosting answers.', simpleResolvers: true })
export class CloseJobPostingPayload extends Payload {
  @Field(() => JobPosting, { nullable: true, description: POSTING })
  jobPosting: JobPosting | null;
}

@ObjectType({ description: 'What setPostingSkills answers.', simpleResolvers: true })
export class SetPostingSkillsPayload extends Payload {
  @Field(() => JobPosting, { nullable: true, description: POSTING })
  jobPosting: JobPosting | null;
}
