import { MaxLength } from 'class-validator';
import { ArgsType, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Candidate } from '../candidate/candidate.entity';
import { ListSize } from '../common/input-bounds';
import { Payload } from '../common/payload';
import { Importance } from '../posting/posting.entity';
import { Skill } from '../skill/skill.entity';
import { MAX_PROPOSED_SKILLS } from './extraction.service';

/** The longest text read for skills, in characters. */
export const MAX_TEXT_LENGTH = 100_000;

@ObjectType({
  description: 'A stretch of the text read: `text.slice(start, end) === text`.',
  simpleResolvers: true,
})
export class TextSpan {
  @Field(() => Int, {
    description: 'Offset of the first character, in UTF-16 code units (as JavaScript counts).',
  })
  start: number;

  @Field(() => Int, { description: 'Offset just after the last character (exclusive).' })
  end: number;

  @Field({ description: 'The text as written there.' })
  text: string;
}

@ObjectType({
  description: 'A skill read from a text, with where and how the text asks for it.',
  simpleResolvers: true,
})
export class ExtractedSkill {
  @Field(() => Skill, { description: 'The skill.' })
  skill: Skill;

  @Field(() => Importance, {
    description:
      'PREFERRED where the text says so ("nice to have", "a plus", a "Bonus" heading), else REQUIRED.',
  })
  importance: Importance;

  @Field(() => Int, {
    nullable: true,
    description:
      'Level asked for, 1 (aware) to 5 (expert), from cues such as "5+ years" or "basic"; null without one.',
  })
  level: number | null;

  @Field(() => Float, { description: 'How sure the reading is, 0 to 1.' })
  confidence: number;

  @Field(() => [TextSpan], { description: 'Every place the text names it, in order.' })
  mentions: TextSpan[];
}

@ObjectType({ description: 'The skills a text names.', simpleResolvers: true })
export class SkillExtraction {
  @Field(() => [ExtractedSkill], { description: 'The skills, in the order first named.' })
  skills: ExtractedSkill[];

  @Field({ description: 'The taxonomy version the text was read with.' })
  taxonomyVersion: string;
}

@ArgsType()
export class ExtractSkillsArgs {
  @Field({ description: 'A job posting, a CV or any text, at most 100,000 characters.' })
  @MaxLength(MAX_TEXT_LENGTH)
  text: string;
}

@InputType({ description: "A learner's text to read skills from, and whether to save them." })
export class SetMySkillsFromTextInput {
  @Field({ description: 'A CV or any text, at most 100,000 characters.' })
  @MaxLength(MAX_TEXT_LENGTH)
  text: string;

  @Field({ defaultValue: false, description: 'true: answer the proposal and save nothing.' })
  dryRun: boolean = false;
}

@ObjectType({
  description: 'A skill proposed from a text, at the level the text suggests.',
  simpleResolvers: true,
})
export class ProposedSkill {
  @Field(() => Skill, { description: 'The skill.' })
  skill: Skill;

  @Field(() => Int, {
    description: 'Level proposed, 1 (aware) to 5 (expert): the one the text states, else 3 (working).',
  })
  level: number;

  @Field(() => Float, { description: 'How sure the reading is, 0 to 1.' })
  confidence: number;

  @Field(() => [TextSpan], { description: 'Where the text names it.' })
  mentions: TextSpan[];
}

@ObjectType({ description: "A learner's skills as read from their text.", simpleResolvers: true })
export class SetMySkillsFromTextPayload extends Payload {
  @Field(() => [ProposedSkill], {
    nullable: true,
    description: "The skills read, which replace the profile's unless dryRun; null when refused.",
  })
  @ListSize(MAX_PROPOSED_SKILLS)
  skills: ProposedSkill[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the profile now holds exactly these skills (false for a dry run); null when refused.',
  })
  saved: boolean | null;

  @Field(() => Candidate, {
    nullable: true,
    description: 'The profile, as it is after this call; null when refused.',
  })
  candidate: Candidate | null;

  @Field(() => String, {
    nullable: true,
    description: 'The taxonomy version the text was read with; null when refused.',
  })
  taxonomyVersion: string | null;
}
