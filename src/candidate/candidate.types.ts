import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../common/payload';
import { Candidate } from './candidate.entity';

// What the learner's own mutations answer: their profile as the write left it, or null and
// the `userErrors` that refused it.

const PROFILE = "The learner's profile as the write left it; null when userErrors refused the write.";

@ObjectType({ description: 'What updateMyProfile answers.', simpleResolvers: true })
export class UpdateMyProfilePayload extends Payload {
  @Field(() => Candidate, { nullable: true, description: PROFILE })
  candidate: Candidate | null;
}

@ObjectType({ description: 'What setMySkills answers.', simpleResolvers: true })
export class SetMySkillsPayload extends Payload {
  @Field(() => Candidate, { nullable: true, description: PROFILE })
  candidate: Candidate | null;
}
