import { IsOptional, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
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

  @Field(() => SkillCategory, { nullable: true })
  category?: SkillCategory | null;
}

@InputType()
export class CreateSkillInput {
  @Field({ description: 'Lower-case words joined by hyphens, e.g. `ruby-on-rails`.' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(MAX_SKILL_NAME)
  slug: string;

  @Field()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @Field(() => SkillCategory)
  category: SkillCategory;

  @Field({ defaultValue: '' })
  @MaxLength(300)
  description: string = '';

  @Field(() => String, { nullable: true, description: 'Slug or alias of the more general skill.' })
  @IsOptional()
  @MaxLength(MAX_SKILL_NAME)
  parent?: string | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateSkillInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(120)
  name?: string | null;

  @Field(() => SkillCategory, { nullable: true })
  category?: SkillCategory | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug or alias of the more general skill.' })
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

@ArgsType()
export class UpdateSkillArgs extends SkillBySlugArgs {
  @Field(() => UpdateSkillInput, { description: 'The fields that change.' })
  @ValidateNested()
  input: UpdateSkillInput;
}

@ArgsType()
export class SkillAliasArgs {
  @Field({ description: 'Slug or alias of the skill the alias names.' })
  @MaxLength(MAX_SKILL_NAME)
  skill: string;

  @Field({ description: 'The other name.' })
  @MinLength(1)
  @MaxLength(MAX_SKILL_NAME)
  alias: string;
}

@ArgsType()
export class AliasArgs {
  @Field({ description: 'The alias to remove.' })
  @MaxLength(MAX_SKILL_NAME)
  alias: string;
}

@ArgsType()
export class SkillCoursesArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Only courses teaching it to at least this level, 1 to 5.' })
  @IsOptional()
  @Min(1)
  @Max(5)
  minLevel?: number | null;
}
