import { Arg, Args, Ctx, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { Context } from '../context';
import { Course } from '../course/course.entity';
import { Skill } from './skill.entity';
import { SkillsArgs } from './skill.inputs';

@ObjectType()
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
