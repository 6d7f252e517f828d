import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../common/payload';
import { Skill } from './skill.entity';

@ObjectType({ description: 'The skill createSkill made.', simpleResolvers: true })
export class CreateSkillPayload extends Payload {
  @Field(() => Skill, { nullable: true, description: 'The new skill; null when refused.' })
  skill: Skill | null;
}

@ObjectType({ description: 'The skill updateSkill changed.', simpleResolvers: true })
export class UpdateSkillPayload extends Payload {
  @Field(() => Skill, { nullable: true, description: 'The skill as it is now; null when refused.' })
  skill: Skill | null;
}

@ObjectType({ description: 'The skill addSkillAlias gave another name.', simpleResolvers: true })
export class AddSkillAliasPayload extends Payload {
  @Field(() => Skill, { nullable: true, description: 'The skill, with the new alias; null when refused.' })
  skill: Skill | null;
}

@ObjectType({ description: 'The skill whose alias removeSkillAlias removed.', simpleResolvers: true })
export class RemoveSkillAliasPayload extends Payload {
  @Field(() => Skill, {
    nullable: true,
    description: 'The skill the alias named, without it; null when refused.',
  })
  skill: Skill | null;
}
