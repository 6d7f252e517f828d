import { IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
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

@InputType()
export class CreateSkillInput {
  @Field({ description: 'Lower-case words joined by hyphens, e.g. `ruby-on-rails`.' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(80)
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
  @MaxLength(80)
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
  @MaxLength(80)
  parent?: string | null;
}
