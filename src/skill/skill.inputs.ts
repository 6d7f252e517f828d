import { IsOptional, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { SkillCategory } from './skill.entity';
import { MAX_SKILL_NAME } from '../common/input-bounds';

@ArgsType()
export class SkillsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Matches names, slugs and aliases, ignoring case.' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => SkillCategory, { nullable: true, description: 'Only skills of this category.' })
  category?: SkillCategory | null;
}

@InputType({ description: 'A new skill of the taxonomy.' })
export class CreateSkillInput {
  @Field({
    description: 'Lower-case words joined by hyphens, e.g. `ruby-on-rails`; no skill may be named so yet.',
  })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(MAX_SKILL_NAME)
  slug: string;

  @Field({ description: 'The name shown, 1 to 120 characters.' })
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @Field(() => SkillCategory, { description: 'What kind of skill it is.' })
  category: SkillCategory;

  @Field({ defaultValue: '', description: 'What the skill is, at most 300 characters.' })
  @MaxLength(300)
  description: string = '';

  @Field(() => String, { nullable: true, description: 'Slug or alias of the more general skill.' })
  @IsOptional()
  @MaxLength(MAX_SKILL_NAME)
  parent?: string | null;
}

@InputType({ description: 'A skill and the fields of it that change; only the fields given change.' })
export class UpdateSkillInput {
  @Field({ description: 'Slug or alias of the skill that changes, ignoring case.' })
  @MaxLength(MAX_SKILL_NAME)
  skill: string;

  @Field(() => String, { nullable: true, description: 'The name shown, 1 to 120 characters.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(120)
  name?: string | null;

  @Field(() => SkillCategory, { nullable: true, description: 'What kind of skill it is.' })
  category?: SkillCategory | null;

  @Field(() => String, { nullable: true, description: 'What the skill is, at most 300 characters.' })
  @IsOptional()
  @MaxLength(300)
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Slug or alias of the more general skill; not the skill itself or one below it.',
  })
  @IsOptional()
  @MaxLength(MAX_SKILL_NAME)
  parent?: string | null;
}

@ArgsType()
export class SkillBySlugArgs {
  @Field({ description: 'Slug or alias of the skill, ignoring case.' })
  @MaxLength(MAX_SKILL_NAME)
  slug: string;
}

@InputType({ description: 'Another name for a skill.' })
export class AddSkillAliasInput {
  @Field({ description: 'Slug or alias of the skill the alias names.' })
  @MaxLength(MAX_SKILL_NAME)
  skill: string;

  @Field({ description: 'The other name, 1 to 80 characters; it must not name any skill yet.' })
  @MinLength(1)
  @MaxLength(MAX_SKILL_NAME)
  alias: string;
}

@InputType({ description: 'An alias to remove.' })
export class RemoveSkillAliasInput {
  @Field({ description: 'The alias, ignoring case; a slug cannot be removed.' })
  @MaxLength(MAX_SKILL_NAME)
  alias: string;
}

@ArgsType()
export class SkillCoursesArgs extends ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Only courses teaching it to at least this level, 1 (aware) to 5 (expert).',
  })
  @IsOptional()
  @Min(1)
  @Max(5)
  minLevel?: number | null;
}
