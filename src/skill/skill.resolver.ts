import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../account/account.entity';
import { ConnectionType } from '../common/connection';
import { Context } from '../context';
import { Course } from '../course/course.entity';
import { Skill } from './skill.entity';
import { CreateSkillInput, SkillsArgs, UpdateSkillInput } from './skill.inputs';

@ObjectType({ simpleResolvers: true })
export class SkillConnection extends ConnectionType(Skill) {}

@Resolver(() => Skill)
export class SkillResolver {
  @Query(() => SkillConnection, {
    description: 'Skills by name, optionally searched or filtered by category.',
  })
  skills(@Args() args: SkillsArgs, @Ctx() { services }: Context) {
    return services.skills.list(args);
  }

  @Query(() => Skill, {
    nullable: true,
    description: 'A skill by its slug or any of its aliases, ignoring case.',
  })
  skill(@Arg('slug') slug: string, @Ctx() { services }: Context) {
    return services.skills.findBySlugOrAlias(slug);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Skill)
  createSkill(@Arg('input') input: CreateSkillInput, @Ctx() { services }: Context) {
    return services.skills.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Skill)
  updateSkill(
    @Arg('slug') slug: string,
    @Arg('input') input: UpdateSkillInput,
    @Ctx() { services, loaders }: Context,
  ) {
    loaders.skillById.clearAll();
    return services.skills.update(slug, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Skill, { description: 'Adds another name for a skill; it must not name any skill yet.' })
  addSkillAlias(
    @Arg('skill') skill: string,
    @Arg('alias') alias: string,
    @Ctx() { services, loaders }: Context,
  ) {
    loaders.aliasesBySkillId.clearAll();
    return services.skills.addAlias(skill, alias);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Skill, { description: 'Removes an alias; answers the skill it named.' })
  removeSkillAlias(@Arg('alias') alias: string, @Ctx() { services, loaders }: Context) {
    loaders.aliasesBySkillId.clearAll();
    return services.skills.removeAlias(alias);
  }

  @FieldResolver(() => [String], { description: 'Other names for this skill, e.g. "JS" for JavaScript.' })
  aliases(@Root() skill: Skill, @Ctx() { loaders }: Context) {
    return loaders.aliasesBySkillId.load(skill.id);
  }

  @FieldResolver(() => Skill, { nullable: true, description: 'The more general skill this one specialises.' })
  parent(@Root() skill: Skill, @Ctx() { loaders }: Context) {
    return skill.parentId === null ? null : loaders.skillById.load(skill.parentId);
  }

  @FieldResolver(() => [Skill], { description: 'More specific skills under this one.' })
  children(@Root() skill: Skill, @Ctx() { loaders }: Context) {
    return loaders.skillsByParentId.load(skill.id);
  }

  @FieldResolver(() => [Course], {
    description: 'Courses teaching this skill, the highest level taught first.',
  })
  async courses(
    @Root() skill: Skill,
    @Ctx() { loaders }: Context,
    @Arg('minLevel', () => Int, {
      nullable: true,
      description: 'Only courses teaching it to at least this level.',
    })
    minLevel?: number | null,
  ) {
    const taught = await loaders.coursesBySkillId.load(skill.id);
    return taught.filter((t) => minLevel == null || t.level >= minLevel).map((t) => t.course);
  }
}
