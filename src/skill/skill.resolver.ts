import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../access/role';
import { ConnectionArgs, ConnectionType } from '../common/connection';
import { ResolverContext } from '../request';
import { CourseConnection } from '../course/course.resolver';
import { Skill } from './skill.entity';
import {
  AliasArgs,
  CreateSkillInput,
  SkillAliasArgs,
  SkillBySlugArgs,
  SkillCoursesArgs,
  SkillsArgs,
  UpdateSkillArgs,
} from './skill.inputs';
import { SkillService } from './skill.service';
import { ExtractionService } from '../taxonomy/extraction.service';

/** What this module's resolvers read of a request. */
type Context = ResolverContext<{ skills: SkillService; extraction: ExtractionService }>;

@ObjectType({ description: 'A page of skills.', simpleResolvers: true })
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
    description:
      'A skill by its slug or any of its aliases, ignoring case, punctuation, spacing and a version ("node js", "PHP 8").',
  })
  async skill(@Args() { slug }: SkillBySlugArgs, @Ctx() { services }: Context) {
    // else any spelling of a name: "node js", "PHP 8", "React.js"
    return (await services.skills.findBySlugOrAlias(slug)) ?? services.extraction.resolve(slug);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Skill)
  createSkill(@Arg('input') input: CreateSkillInput, @Ctx() { services }: Context) {
    return services.skills.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Skill)
  updateSkill(
    @Args() { slug, input }: UpdateSkillArgs,
    @Ctx() { services, loaders }: Context,
  ) {
    loaders.skillById.clearAll();
    return services.skills.update(slug, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Skill, { description: 'Adds another name for a skill; it must not name any skill yet.' })
  addSkillAlias(
    @Args() { skill, alias }: SkillAliasArgs,
    @Ctx() { services, loaders }: Context,
  ) {
    loaders.aliasesBySkillId.clearAll();
    return services.skills.addAlias(skill, alias);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Skill, { description: 'Removes an alias; answers the skill it named.' })
  removeSkillAlias(@Args() { alias }: AliasArgs, @Ctx() { services, loaders }: Context) {
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

  @FieldResolver(() => SkillConnection, { description: 'More specific skills under this one, by name.' })
  children(@Root() skill: Skill, @Args() paging: ConnectionArgs, @Ctx() { loaders }: Context) {
    return loaders.skillsByParentId.connection(skill.id, paging, 'all', (ids) =>
      loaders.skillById.loadMany(ids),
    );
  }

  @FieldResolver(() => CourseConnection, {
    description: 'Courses teaching this skill, the highest level taught first.',
  })
  courses(@Root() skill: Skill, @Args() { minLevel, ...paging }: SkillCoursesArgs, @Ctx() { loaders }: Context) {
    return loaders.coursesBySkillId.connection(skill.id, paging, String(minLevel ?? 0), (ids) =>
      loaders.courseById.loadMany(ids),
    );
  }
}
