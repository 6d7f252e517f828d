import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { ListSize, MAX_WRITTEN_LIST } from '../common/input-bounds';
import { Candidate } from '../candidate/candidate.entity';
import { Importance, JobPosting } from '../posting/posting.entity';
import { Skill } from '../skill/skill.entity';
import { Relation } from './scoring';

registerEnumType(Relation, {
  name: 'SkillRelation',
  description: 'How the skill that earned a credit relates to the skill the posting asks for.',
  valuesConfig: {
    DIRECT: { description: 'The candidate holds the skill itself' },
    CHILD: { description: 'A more specific skill (MySQL for SQL)' },
    SIBLING: { description: 'A skill with the same parent (PostgreSQL for MySQL)' },
    PARENT: { description: 'The more general skill (Python for Django)' },
  },
});

@ObjectType({
  description: 'How one skill of a posting is met by a candidate: the reason behind part of a score.',
  simpleResolvers: true,
})
export class SkillMatch {
  // The skills are set when the answer is built, from the process's catalogue (a skill newer
  // than it comes as a promise, through the request's loader): no resolver runs per entry.
  @Field(() => Skill, { description: 'The skill the posting asks for.' })
  skill: Skill | Promise<Skill | null>;

  @Field(() => Skill, {
    nullable: true,
    description: 'The related skill that earned the credit, when not the skill itself.',
  })
  via: Skill | Promise<Skill | null> | null;

  @Field(() => Importance, { description: 'Whether the posting requires the skill or only prefers it.' })
  importance: Importance;

  @Field(() => Int, { description: 'Lowest level that fully meets the posting, 1 (aware) to 5 (expert).' })
  minLevel: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The level the candidate holds this skill at, 1 (aware) to 5 (expert); null when not held.',
  })
  candidateLevel: number | null;

  @Field(() => Float, {
    description: 'Credit earned, 0 to 1: directly, or through a related skill (see `via`).',
  })
  credit: number;

  @Field(() => Float, { description: 'Share of the score this skill carries.' })
  weight: number;

  @Field(() => Relation, {
    nullable: true,
    description: 'Where the credit came from; null when none was earned.',
  })
  relation: Relation | null;
}

@ObjectType({
  description: 'A candidate ranked for a posting, with the reason for the score.',
  simpleResolvers: true,
})
export class CandidateMatch {
  candidateId: number;

  // Set when the answer is built, from the row the ranked page was read and checked with.
  @Field(() => Candidate, { description: 'The candidate ranked.' })
  candidate: Candidate;

  @Field(() => Float, {
    description:
      "How well the candidate fits the posting, 0 to 1: the weighted share of the posting's skills held at the level asked for (a related skill earns part), cut by up to a fifth below the posting's minimum years. Ranked lists go by it, highest first.",
  })
  score: number;

  @Field({ description: 'Every REQUIRED skill is held directly at or above its level.' })
  meetsAllRequired: boolean;

  @Field(() => [SkillMatch], { description: 'One entry per posting skill, REQUIRED first, then by weight.' })
  @ListSize(MAX_WRITTEN_LIST) // a posting's skills
  skills: SkillMatch[];
}

@ObjectType({
  description: 'An open posting ranked for a candidate, with the reason for the score.',
  simpleResolvers: true,
})
export class PostingMatch {
  postingId: number;

  // Set when the answer is built, from the open postings the process holds.
  @Field(() => JobPosting, { description: 'The posting ranked.' })
  posting: JobPosting;

  @Field(() => Float, {
    description:
      "How well the candidate fits the posting, 0 to 1: the weighted share of the posting's skills held at the level asked for (a related skill earns part), cut by up to a fifth below the posting's minimum years. Ranked lists go by it, highest first.",
  })
  score: number;

  @Field({ description: 'Every REQUIRED skill is held directly at or above its level.' })
  meetsAllRequired: boolean;

  @Field(() => [SkillMatch], { description: 'One entry per posting skill, REQUIRED first, then by weight.' })
  @ListSize(MAX_WRITTEN_LIST) // a posting's skills
  skills: SkillMatch[];
}

@ObjectType({ description: 'A page of candidates ranked for a posting.', simpleResolvers: true })
export class CandidateMatchConnection extends ConnectionType(CandidateMatch) {
  @Field(() => String, {
    nullable: true,
    description: 'Why the list is empty, when it is for a reason of the posting.',
  })
  reason: string | null;
}

@ObjectType({ description: 'A page of open postings ranked for a candidate.', simpleResolvers: true })
export class PostingMatchConnection extends ConnectionType(PostingMatch) {
  @Field(() => String, {
    nullable: true,
    description: 'Why the list is empty, when it is for a reason of the candidate.',
  })
  reason: string | null;
}

@ObjectType({
  description: "Where a candidate stands against each of a posting's skills.",
  simpleResolvers: true,
})
export class SkillGap {
  @Field(() => Float, {
    description: "The candidate's match score for the posting, 0 to 1, as `candidateMatches` ranks it.",
  })
  score: number;

  // Each of met, short and missing is a share of the posting's skills.
  @Field(() => [SkillMatch], { description: 'Skills held directly at or above the level asked for.' })
  @ListSize(MAX_WRITTEN_LIST)
  met: SkillMatch[];

  @Field(() => [SkillMatch], { description: 'Skills held directly, below the level asked for.' })
  @ListSize(MAX_WRITTEN_LIST)
  short: SkillMatch[];

  @Field(() => [SkillMatch], {
    description: 'Skills not held at all (partial credit through a related skill still counts as missing).',
  })
  @ListSize(MAX_WRITTEN_LIST)
  missing: SkillMatch[];
}
