import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { SkillCategory } from './skill.entity';

@ArgsType()
export class SkillsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Matches names, slugs and aliases, ignoring case.' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => SkillCategory, { nullable: true })
  category?: SkillCategory | null;
}
